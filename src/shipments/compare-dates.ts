// "Compare dates" over a shipment table, for the task pane and the batch command alike: the table
// under one regime as of two dates, one verdict column per date, changed rows marked and each
// change's cause named from the rules data's own dated facts (the rows RULE_CHANGES lists). Each
// row's own Date is set aside: the point is what the rules changed between the two dates.
import { RULES_DATA_HASH, RULES_DATA_VERSION } from "../rules";
import { compareDates, describeCauses, decisionOf } from "../rules/compare-dates";
import type { IsoDate, RegimeInfo, Shipment } from "../rules";
import { Types } from "../functions/args";
import {
  COLUMN_LABELS,
  COLUMN_ORDER,
  ShipmentTable,
  evaluateRows,
  isBlank,
  rowInputs,
} from "../taskpane/shipment-table";
import { verdictText } from "../taskpane/verdict";

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
    const differs = decisionOf(b.determination) !== decisionOf(a.determination);
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
