// LEDGER: a shipment table evaluated in date order, so allowances accumulate as they would in an
// audit: each consignee's allowance use per calendar year (Diffusion LPP, the proposal's
// allowance) and each destination's country-allocation use. The row that crosses a limit is the
// row that needs a licence. Results come back in input order.
import type { Country, IsoDate, Item, RegimeId } from "../rules";
import { effectiveAsOf, effectiveRegime } from "../settings/settings";
import { Cell, Param, Types, optional, required, shipFromParam } from "./args";
import { Matrix, broadcast, guard } from "./broadcast";
import { runLedger } from "../rules";
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
  shipFromParam("ship_froms"),
] as Param<unknown>[];

type LedgerArgs = [Item, Country, number, Country | null, string, IsoDate, RegimeId, Country];

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
    const runs = runLedger(
      rows.map((row) => {
        if (!row.args) return null;
        const [item, destination, quantity, hq, consignee, asOf, regime, shipFrom] = row.args;
        return {
          shipment: { item, destination, quantity, endUserHq: hq, shipFrom },
          asOf,
          consignee,
          regime,
        };
      }),
      (s, entry) =>
        determineShipment(
          s.item,
          s.destination,
          s.quantity,
          s.endUserHq ?? null,
          entry.regime,
          entry.asOf,
          s.priorTpp ?? 0,
          s.shipFrom ?? null,
          {
            countryAllocationUsed: s.countryAllocationUsed,
          }
        )
    );
    const out: Cell[][] = rows.map((row, i) => {
      const run = runs[i];
      if (row.error) return new Array(5).fill(row.error);
      if (!run) return new Array(5).fill("");
      if (!run.result) return new Array(5).fill(toExcelError(run.error));
      const d = run.result;
      const licence =
        d.status === "INDETERMINATE"
          ? excelError("#N/A", `INDETERMINATE: ${d.reason}`)
          : d.licenseRequired;
      return [d.status, licence, d.exception ?? "", run.allowanceTotal, run.allocationTotal];
    });
    return out;
  });
  return Array.isArray(result) ? result : [[result]];
}
