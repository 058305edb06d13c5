// LEDGER: a shipment table evaluated in date order, so allowances accumulate as they would in an
// audit: each consignee's allowance use per calendar year (Diffusion LPP, the proposal's
// allowance) and each destination's country-allocation use. The row that crosses a limit is the
// row that needs a licence. Results come back in input order.
import type { Country, IsoDate, Item, RegimeId } from "../rules";
import { effectiveAsOf, effectiveRegime } from "../settings/settings";
import { Cell, Param, Types, optional, required } from "./args";
import { Matrix, broadcast, guard } from "./broadcast";
import { ExcelError, excelError, toExcelError } from "./errors";
import { determineShipment } from "./shipment";

export const LEDGER_COLUMNS = [
  "status",
  "license required",
  "exception",
  "consignee allowance TPP this year",
  "country allocation TPP used",
];

const LEDGER_PARAMS = [
  required("chips", Types.item),
  required("destinations", Types.country),
  optional("quantities", Types.quantity, () => 1),
  optional("end_user_hqs", Types.country, () => null),
  optional("consignees", Types.text, () => ""),
  optional("dates", Types.date, () => effectiveAsOf()),
  optional("regime", Types.regime, effectiveRegime),
] as Param<unknown>[];

type LedgerArgs = [Item, Country, number, Country | null, string, IsoDate, RegimeId];

interface Row {
  index: number;
  args: LedgerArgs | null;
  error: ExcelError | null;
}

export function ledger(...inputs: unknown[]): Matrix {
  const result = guard(() => {
    const prepared = broadcast(LEDGER_PARAMS, inputs);
    const rows: Row[] = [];
    for (let r = 0; r < prepared.rows; r++) {
      for (let c = 0; c < prepared.cols; c++) {
        const index = rows.length;
        try {
          rows.push({ index, args: prepared.argsAt(r, c) as LedgerArgs | null, error: null });
        } catch (error) {
          rows.push({ index, args: null, error: toExcelError(error) });
        }
      }
    }
    const order = rows
      .filter((row) => row.args)
      .sort((a, b) =>
        a.args![5] < b.args![5] ? -1 : a.args![5] > b.args![5] ? 1 : a.index - b.index
      );
    const allowance = new Map<string, number>();
    const allocation = new Map<string, number>();
    const out: Cell[][] = rows.map((row) =>
      row.error ? new Array(5).fill(row.error) : new Array(5).fill("")
    );
    for (const row of order) {
      try {
        const [item, destination, quantity, hq, consignee, date, regime] = row.args!;
        const allowanceKey = consignee
          ? `${consignee.toLowerCase()}|${date.slice(0, 4)}`
          : `#${row.index}`;
        const prior = allowance.get(allowanceKey) ?? 0;
        const used = allocation.get(destination.treatedAs) ?? 0;
        const d = determineShipment(item, destination, quantity, hq, regime, date, prior, {
          countryAllocationUsed: used,
        });
        allowance.set(allowanceKey, prior + d.allowanceTpp);
        allocation.set(destination.treatedAs, used + d.allocationTpp);
        const licence =
          d.status === "INDETERMINATE"
            ? excelError("#N/A", `INDETERMINATE: ${d.reason}`)
            : d.licenseRequired;
        out[row.index] = [
          d.status,
          licence,
          d.exception ?? "",
          prior + d.allowanceTpp,
          used + d.allocationTpp,
        ];
      } catch (error) {
        out[row.index] = new Array(5).fill(toExcelError(error));
      }
    }
    return out;
  });
  return Array.isArray(result) ? result : [[result]];
}
