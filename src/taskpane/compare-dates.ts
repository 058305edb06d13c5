/* global Excel, Document, HTMLButtonElement, HTMLInputElement */
// "Compare dates": the selected shipment table under one regime as of two dates, on a new sheet:
// one verdict column per date, changed rows marked, and each change's cause named from the rules
// data's own dated facts (the rows RULE_CHANGES lists). Each row's own Date is set aside: the point
// is what the rules changed between the two dates. The pane mounts it beside "Compare regimes".
import {
  RULES_DATA_HASH,
  RULES_DATA_VERSION,
  compareDates,
  describeCauses,
  verdictOf,
  yearBefore,
} from "../rules";
import type { IsoDate, RegimeInfo, Shipment } from "../rules/types";
import { Types } from "../functions/args";
import { byId, h } from "./dom";
import {
  ActionResult,
  SheetAction,
  freeSheetName,
  readSelectedTable,
  writeBlock,
} from "./sheet-actions";
import {
  COLUMN_LABELS,
  COLUMN_ORDER,
  ShipmentTable,
  evaluateRows,
  isBlank,
  rowInputs,
} from "./shipment-table";
import { verdictText } from "./verdict";

export interface DateCompareOptions {
  regime: RegimeInfo;
  /** The two dates, either order; the sheet shows the earlier first. */
  dates: [IsoDate, IsoDate];
  now?: Date;
}

export interface DateCompareSheet {
  preamble: unknown[][];
  /** Header + one row per shipment: inputs, verdict on each date, Changed, Cause. */
  detail: unknown[][];
  changed: number;
}

/** The row's shipment as the custom functions read it, for naming a change's cause. */
function shipmentOf(table: ShipmentTable, row: unknown[]): Shipment {
  const inputs = rowInputs(table, row);
  const destination = Types.country.coerce(inputs.destination, "destination");
  return {
    item: Types.item.coerce(inputs.chip, "chip"),
    destination,
    quantity: isBlank(inputs.quantity) ? 1 : Types.quantity.coerce(inputs.quantity, "quantity"),
    endUserHq: isBlank(inputs.hq) ? destination : Types.country.coerce(inputs.hq, "end_user_hq"),
  };
}

/** The comparison sheet's content (values only), computed by the rules module. */
export function buildDateComparison(
  table: ShipmentTable,
  source: string,
  options: DateCompareOptions
): DateCompareSheet {
  const [early, late] = [...options.dates].sort() as [IsoDate, IsoDate];
  const now = options.now ?? new Date();
  const regime = options.regime.id;
  // The same table on each date: the Date column is set aside, allowances still accumulate per consignee.
  const undated: ShipmentTable = { ...table, columns: { ...table.columns, date: undefined } };
  const [before, after] = [early, late].map((d) => evaluateRows(undated, regime, d));
  const inputs = COLUMN_ORDER.filter((k) => k !== "date" && table.columns[k] !== undefined);
  const detail: unknown[][] = [
    [
      ...inputs.map((k) => COLUMN_LABELS[k]),
      `Verdict on ${early}`,
      `Verdict on ${late}`,
      "Changed",
      "Cause (RULE_CHANGES)",
    ],
  ];
  let changed = 0;
  before.forEach((b, i) => {
    if (!b.present) return;
    const a = after[i];
    const row: unknown[] = inputs.map((k) => b.inputs[k]);
    if (!b.determination || !a.determination) {
      row.push(
        b.determination ? verdictText(b.determination) : `Error: ${b.error}`,
        a.determination ? verdictText(a.determination) : `Error: ${a.error}`,
        "Input error",
        ""
      );
      detail.push(row);
      return;
    }
    const differs = verdictOf(b.determination) !== verdictOf(a.determination);
    let cause = "";
    if (differs) {
      changed++;
      const c = compareDates(shipmentOf(table, table.rows[i]), regime, early, late);
      cause = c.changed
        ? describeCauses(c.causes)
        : "the consignee's allowance use in this table (allowances accumulate per consignee and year)";
    }
    row.push(
      verdictText(b.determination),
      verdictText(a.determination),
      differs ? "Yes" : "No",
      cause
    );
    detail.push(row);
  });
  const n = detail.length - 1;
  const preamble = [
    ["EXPORTCTL: date comparison"],
    [
      `Source ${source}; ${n} shipment${n === 1 ? "" : "s"} under ${regime} (${options.regime.name}) as of ${early} and as of ${late}; ${changed} changed ("Changed" = Yes).`,
    ],
    [
      `Each row's own Date is set aside: the whole table is judged on each date. Causes are the dated facts of the rules data (=EXPORTCTL.RULE_CHANGES("${early}","${late}")) on which the row's verdict flips.`,
    ],
    [
      `Rules data ${RULES_DATA_VERSION}, hash ${RULES_DATA_HASH}. Written ${now.toISOString()}. Parties and end uses are not checked. Not legal advice.`,
    ],
  ];
  return { preamble, detail, changed };
}

/** The "Compare dates" sheet action: a new sheet "Date comparison" with the table above. */
export async function compareDatesAction(
  context: Excel.RequestContext,
  options: DateCompareOptions
): Promise<ActionResult> {
  const selected = await readSelectedTable(context);
  const content = buildDateComparison(selected.table, selected.address, options);
  const name = await freeSheetName(context, "Date comparison");
  const sheet = context.workbook.worksheets.add(name);
  const detailTop = content.preamble.length + 1;
  await writeBlock(context, sheet, 0, 0, content.preamble);
  await writeBlock(context, sheet, detailTop, 0, content.detail);
  const width = content.detail[0].length;
  sheet.getRangeByIndexes(0, 0, 1, 1).format.font.bold = true;
  sheet.getRangeByIndexes(detailTop, 0, 1, width).format.font.bold = true;
  // Changed rows also in bold: the "Changed" column says it in words.
  content.detail.forEach((row, i) => {
    if (i > 0 && row[width - 2] === "Yes")
      sheet.getRangeByIndexes(detailTop + i, 0, 1, width).format.font.bold = true;
  });
  sheet.activate();
  await context.sync();
  const n = content.detail.length - 1;
  return {
    ok: true,
    sheet: name,
    message: `Wrote "${name}": ${n} shipment${n === 1 ? "" : "s"} under ${options.regime.id} as of ${[...options.dates].sort().join(" and ")}; ${content.changed} changed.`,
  };
}

/** The one button taskpane.html carries for this action; the date fields are added beside it. */
export const COMPARE_DATES_BUTTON = "action-compare-dates";

export interface CompareDatesMount {
  /** The pane's regime (the comparison runs under it) and as-of date (the later date's default). */
  regime: () => RegimeInfo;
  asOf: () => IsoDate;
  /** Runs a sheet action the way the pane runs its others (status line, buttons disabled meanwhile). */
  run: (label: string, action: SheetAction) => void;
}

/**
 * Wires the "Compare dates" button: it opens two date fields below it
 * (default: a year before the pane's as-of date, and that date) and a button that writes the sheet.
 */
export function mountCompareDates(doc: Document, mount: CompareDatesMount): void {
  const toggle = byId<HTMLButtonElement>(doc, COMPARE_DATES_BUTTON);
  const from = h("input", { type: "date", id: "compare-from", "aria-describedby": "compare-dates-error" });
  const to = h("input", { type: "date", id: "compare-to", "aria-describedby": "compare-dates-error" });
  const error = h("p", { id: "compare-dates-error", class: "field-error", hidden: true });
  const go = h("button", { type: "submit", id: "compare-dates-run" }, "Write date comparison");
  const form = h(
    "form",
    { id: "compare-dates-form", class: "compare-dates", hidden: true, novalidate: true },
    h("div", { class: "field" }, h("label", { for: "compare-from" }, "First date"), from),
    h("div", { class: "field" }, h("label", { for: "compare-to" }, "Second date"), to),
    error,
    go
  );
  toggle.setAttribute("aria-expanded", "false");
  toggle.setAttribute("aria-controls", "compare-dates-form");
  (doc.getElementById(toggle.getAttribute("aria-describedby") ?? "") ?? toggle).after(form);
  toggle.addEventListener("click", () => {
    const open = form.hidden;
    form.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
    if (open) {
      const asOf = mount.asOf();
      if (!to.value) to.value = asOf;
      if (!from.value) from.value = yearBefore(asOf);
      from.focus();
    }
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    let dates: [IsoDate, IsoDate];
    try {
      // The custom functions' own date reading: what a formula refuses, this refuses too.
      dates = [Types.date.coerce(from.value, "First date"), Types.date.coerce(to.value, "Second date")];
    } catch (e) {
      error.hidden = false;
      error.textContent = e instanceof Error ? e.message : String(e);
      return;
    }
    error.hidden = true;
    error.textContent = "";
    const regime = mount.regime();
    mount.run(`Compare dates (${dates.join(" and ")}, ${regime.id})`, (ctx) =>
      compareDatesAction(ctx, { regime, dates })
    );
  });
}
