/* global Excel, Document, HTMLButtonElement */
// "Compare dates" in the task pane: the selected shipment table under the pane's regime as of two
// dates, written to a new sheet (content: shipments/compare-dates.ts); the button's date fields.
import { yearBefore } from "../rules/pane-api";
import type { IsoDate, RegimeInfo } from "../rules";
import { Types } from "../functions/args";
import { DateCompareOptions, buildDateComparison } from "../shipments/compare-dates";
import { byId, h } from "./dom";
import {
  ActionResult,
  SheetAction,
  freeSheetName,
  readSelectedTable,
  writeBlock,
} from "./sheet-actions";

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
  const from = h("input", {
    type: "date",
    id: "compare-from",
    "aria-describedby": "compare-dates-error",
  });
  const to = h("input", {
    type: "date",
    id: "compare-to",
    "aria-describedby": "compare-dates-error",
  });
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
      dates = [
        Types.date.coerce(from.value, "First date"),
        Types.date.coerce(to.value, "Second date"),
      ];
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
