// LEDGER: a shipment table evaluated in date order, so allowances accumulate as they would in an
// audit: each consignee's allowance use per calendar year (Diffusion LPP, the proposal's
// allowance) and each destination's country-allocation use. The row that crosses a limit is the
// row that needs a licence. Results come back in input order.
//
// One pass: the columns are resolved once (broadcast.ts), the rows are put in date order by a
// counting sort over the distinct dates, and the running totals live in Maps keyed by small ids;
// each row's verdict comes from the functions' cache by its packed decision key (shipment.ts).
import { WITHIN_ALLOCATION, WITHIN_ALLOWANCE } from "../rules";
import type { IsoDate } from "../rules";
import { effectiveAsOf, effectiveRegime } from "../settings/settings";
import { Cell, Param, Types, optional, required, requiredWhenGiven, shipFromParam } from "./args";
import { BLANK, Matrix, Refused, broadcast, cellError, guard, idsAt } from "./broadcast";
import { Key, Layout, ShipmentIds, decideRow, newRow, tidy } from "./shipment";

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
  requiredWhenGiven("quantities", Types.units, () => 1),
  optional("end_user_hqs", Types.country, () => null),
  optional("consignees", Types.consignee, () => ""),
  optional("dates", Types.date, () => effectiveAsOf()),
  optional("regime", Types.regime, effectiveRegime),
  shipFromParam("ship_froms"),
] as Param<unknown>[];

const LAYOUT: Layout = { item: 0, dest: 1, quantity: 2, hq: 3, regime: 6, date: 5, shipFrom: 7 };
const CONSIGNEE = 4;
const DATE = 5;

const WIDTH = LEDGER_PARAMS.length;
const BLANK_ROW = "";

export function ledger(...inputs: unknown[]): Matrix {
  const result = guard(() => {
    const call = broadcast(LEDGER_PARAMS, inputs);
    const c = call.columns;
    const at = new ShipmentIds(c, LAYOUT);
    const n = call.rows * call.cols;

    // Each cell's value ids; blank rows and per-row argument errors are settled here (the blank
    // and error lines are shared: a cell's value is never written to).
    const ids = new Int32Array(n * WIDTH);
    const out: Cell[][] = new Array(n);
    const blankLine = new Array(5).fill(BLANK_ROW);
    const v = new Int32Array(WIDTH);
    let k = 0;
    for (let r = 0; r < call.rows; r++) {
      for (let col = 0; col < call.cols; col++, k++) {
        try {
          if (idsAt(call, r, col, v)) ids.set(v, k * WIDTH);
          else out[k] = blankLine;
        } catch (error) {
          out[k] = new Array(5).fill(cellError(error));
        }
      }
    }

    // Date order, ties in input order: a counting sort over the distinct dates.
    const dates = c[DATE].values;
    const usable = (x: unknown) => x !== BLANK && !(x instanceof Refused);
    const distinct = dates.map((d, i) => i).filter((i) => usable(dates[i]));
    distinct.sort((a, b) => ((dates[a] as IsoDate) < (dates[b] as IsoDate) ? -1 : 1));
    const rank = new Int32Array(dates.length);
    distinct.forEach((id, i) => (rank[id] = i));
    const start = new Int32Array(distinct.length + 1);
    for (let i = 0; i < n; i++) if (!out[i]) start[rank[ids[i * WIDTH + DATE]] + 1]++;
    for (let i = 1; i < start.length; i++) start[i] += start[i - 1];
    const order = new Int32Array(start[distinct.length]);
    for (let i = 0; i < n; i++) if (!out[i]) order[start[rank[ids[i * WIDTH + DATE]]]++] = i;

    // Running totals: allowance per consignee (its folded key, Types.consignee) and calendar year,
    // in a Map keyed by consignee id and year; allocation per destination as treated, in an array
    // indexed by its small id (session-interned country codes).
    const consignee = c[CONSIGNEE].values.map((x) => (usable(x) && x !== "" ? String(x) : null));
    const consigneeIds = new Map<string, number>();
    const consigneeId = consignee.map((x) => {
      if (x === null) return -1;
      let id = consigneeIds.get(x);
      if (id === undefined) consigneeIds.set(x, (id = consigneeIds.size));
      return id;
    });
    const year = dates.map((d) => (usable(d) ? Number((d as IsoDate).slice(0, 4)) : 0));
    const allowance = new Map<number, number>();
    let allocation = new Float64Array(64);
    const key: Key = { hi: 0, lo: 0 };
    const row = newRow();
    for (let j = 0; j < order.length; j++) {
      const i = order[j];
      const w = i * WIDTH;
      const who = consigneeId[ids[w + CONSIGNEE]];
      const yearKey = who < 0 ? -1 : who * 10_000 + year[ids[w + DATE]];
      const country = at.destTreated[ids[w + LAYOUT.dest]];
      if (country >= allocation.length) {
        const grown = new Float64Array(Math.max(country + 1, allocation.length * 2));
        grown.set(allocation);
        allocation = grown;
      }
      const prior = yearKey < 0 ? 0 : (allowance.get(yearKey) ?? 0);
      const used = allocation[country];
      try {
        const d = decideRow(at.fill(row, ids, prior, w), used, key);
        const total = row.tpp === null ? 0 : tidy(row.quantity * row.tpp);
        const verdict = d.verdict;
        const allowanceTotal = prior + (verdict.draws & WITHIN_ALLOWANCE ? total : 0);
        const allocationTotal = used + (verdict.draws & WITHIN_ALLOCATION ? total : 0);
        if (yearKey >= 0 && allowanceTotal !== prior) allowance.set(yearKey, allowanceTotal);
        allocation[country] = allocationTotal;
        out[i] = [
          verdict.status,
          d.open ?? verdict.licenseRequired,
          verdict.exception ?? "",
          allowanceTotal,
          allocationTotal,
        ];
      } catch (error) {
        out[i] = new Array(5).fill(cellError(error));
      }
    }
    return out;
  });
  return Array.isArray(result) ? result : [[result]];
}
