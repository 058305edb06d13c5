// LEDGER: a shipment table evaluated in date order, so allowances accumulate as they would in an
// audit: each consignee's allowance use per calendar year (Diffusion LPP, the proposal's
// allowance) and each destination's country-allocation use. The row that crosses a limit is the
// row that needs a licence. Results come back in input order.
//
// One pass (ledgerPass, which the batch command's allowance totals read too): the columns are
// resolved once (broadcast.ts), the rows are put in date order by a counting sort over the distinct
// dates, and the running totals live in Maps keyed by small ids; each row's verdict comes from the
// functions' cache by its packed decision key (shipment.ts).
import { WITHIN_ALLOCATION, WITHIN_ALLOWANCE, tidy } from "../rules";
import type { IsoDate } from "../rules";
import { effectiveAsOf, effectiveRegime } from "../settings/settings";
import { Cell, Param, Types, optional, required, requiredWhenGiven, shipFromParam } from "./args";
import { BLANK, Matrix, Refused, broadcast, cellError, guard, idsAt, usableIds } from "./broadcast";
import { Decided, Layout, ShipmentIds, decideRow, newKey, newRow } from "./shipment";

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

export const LAYOUT: Layout = {
  item: 0,
  dest: 1,
  quantity: 2,
  hq: 3,
  regime: 6,
  date: 5,
  shipFrom: 7,
};
const CONSIGNEE = 4;
const DATE = 5;

const WIDTH = LEDGER_PARAMS.length;
const BLANK_ROW = "";

/**
 * The rows in date order, ties in table order: a counting sort over the distinct date values
 * (`dates`, null for one no row is ordered by) of the rows `take` accepts, `dateOf[i]` being row
 * i's. Distinct values may be one date written two ways (text and a serial number): equal dates
 * share a rank, so such rows keep their table order. LEDGER's order, and the batch command's.
 */
export function dateOrder(
  dates: readonly (IsoDate | null)[],
  dateOf: Int32Array,
  take: (i: number) => boolean
): Int32Array {
  const distinct = dates.map((_, k) => k).filter((k) => dates[k] !== null);
  distinct.sort((a, b) => ((dates[a] as IsoDate) < (dates[b] as IsoDate) ? -1 : 1));
  const rank = new Int32Array(dates.length);
  let ranks = 0;
  distinct.forEach((k, r) => {
    if (r === 0 || dates[k] !== dates[distinct[r - 1]]) ranks++;
    rank[k] = ranks - 1;
  });
  const n = dateOf.length;
  const start = new Int32Array(ranks + 1);
  for (let i = 0; i < n; i++) if (take(i)) start[rank[dateOf[i]] + 1]++;
  for (let r = 1; r < start.length; r++) start[r] += start[r - 1];
  const order = new Int32Array(start[ranks]);
  for (let i = 0; i < n; i++) if (take(i)) order[start[rank[dateOf[i]]]++] = i;
  return order;
}

/**
 * What the pass gives each row it decides, in date order (the row's input index `i`): its verdict,
 * the running totals after it, and the country allocation its destination had used before it.
 */
export type LedgerVisit = (
  i: number,
  decided: Decided,
  allowanceTotal: number,
  allocationTotal: number,
  allocationBefore: number
) => void;

/**
 * LEDGER's pass over a table: `size` gets the number of rows first; the arguments resolved once, the rows in date order (ties in input
 * order), each decided with its consignee's allowance use this calendar year and its destination's
 * allocation use before it, and the totals carried on. `visit` gets each decided row; `settle` each
 * row that is blank (error null) or has an error of its own (its value ids never needed again, so
 * only each row's date id is kept: a million-row table costs a few bytes a row here). Throws what
 * the call as a whole throws.
 */
export function ledgerPass(
  inputs: readonly unknown[],
  size: (n: number) => void,
  visit: LedgerVisit,
  settle: (i: number, error: Cell | null) => void
): void {
  const call = broadcast(LEDGER_PARAMS, inputs as unknown[]);
  const c = call.columns;
  const at = new ShipmentIds(c, LAYOUT);
  const n = call.rows * call.cols;
  size(n);
  const settled = new Uint8Array(n);
  const dateIds = new Int32Array(n);
  const v = new Int32Array(WIDTH);
  let k = 0;
  for (let r = 0; r < call.rows; r++) {
    for (let col = 0; col < call.cols; col++, k++) {
      try {
        if (idsAt(call, r, col, v)) dateIds[k] = v[DATE];
        else {
          settled[k] = 1;
          settle(k, null);
        }
      } catch (error) {
        settled[k] = 1;
        settle(k, cellError(error));
      }
    }
  }

  const dates = c[DATE].values;
  const usable = (x: unknown) => x !== BLANK && !(x instanceof Refused);
  const order = dateOrder(
    dates.map((d) => (usable(d) ? (d as IsoDate) : null)),
    dateIds,
    (i) => !settled[i]
  );

  // Running totals in typed arrays: allowance per consignee (its folded key, Types.consignee) and
  // calendar year, indexed by consignee id x the year's index among the years the table holds;
  // allocation per destination as treated, indexed by its small id (session-interned country
  // codes). A Map of numbers would box every total; it is used only when consignees x years would
  // outgrow the table (a million consignees over the years of a few stray dates).
  const consigneeIds = new Map<string, number>();
  const consigneeId = c[CONSIGNEE].values.map((x) => {
    if (!usable(x) || x === "") return -1;
    let id = consigneeIds.get(String(x));
    if (id === undefined) consigneeIds.set(String(x), (id = consigneeIds.size));
    return id;
  });
  const yearIds = new Map<string, number>();
  const year = dates.map((d) => {
    if (!usable(d)) return -1;
    const y = (d as IsoDate).slice(0, 4);
    let id = yearIds.get(y);
    if (id === undefined) yearIds.set(y, (id = yearIds.size));
    return id;
  });
  const years = yearIds.size;
  const slots = consigneeIds.size * years;
  const dense = slots <= Math.max(1 << 16, 4 * n) ? new Float64Array(slots) : null;
  const sparse = dense === null ? new Map<number, number>() : null;
  let allocation = new Float64Array(64);
  const key = newKey();
  const row = newRow();
  const cols = call.cols;
  for (let j = 0; j < order.length; j++) {
    const i = order[j];
    usableIds(call, (i - (i % cols)) / cols, i % cols, v); // not settled: idsAt found it usable
    const who = consigneeId[v[CONSIGNEE]];
    const yearAt = who < 0 ? -1 : who * years + year[v[DATE]];
    const country = at.destTreated[v[LAYOUT.dest]];
    if (country >= allocation.length) {
      const grown = new Float64Array(Math.max(country + 1, allocation.length * 2));
      grown.set(allocation);
      allocation = grown;
    }
    const prior = yearAt < 0 ? 0 : dense !== null ? dense[yearAt] : (sparse!.get(yearAt) ?? 0);
    const used = allocation[country];
    try {
      const d = decideRow(at.fill(row, v, prior), used, key);
      const total = row.tpp === null ? 0 : tidy(row.quantity * row.tpp);
      // Sums to six decimals, as each shipment's TPP is (tidy): no binary noise in a running total
      // that the next row's limit is compared with.
      const draws = d.verdict.draws;
      const allowanceTotal = draws & WITHIN_ALLOWANCE ? tidy(prior + total) : prior;
      const allocationTotal = draws & WITHIN_ALLOCATION ? tidy(used + total) : used;
      if (yearAt >= 0) {
        if (dense !== null) dense[yearAt] = allowanceTotal;
        else if (allowanceTotal !== prior) sparse!.set(yearAt, allowanceTotal);
      }
      allocation[country] = allocationTotal;
      visit(i, d, allowanceTotal, allocationTotal, used);
    } catch (error) {
      settle(i, cellError(error));
    }
  }
}

export function ledger(...inputs: unknown[]): Matrix {
  const result = guard(() => {
    // What each row shows, by row, as the pass visits them in date order; the lines are made after
    // it, in table order (made inside the pass, they cost it more than making them here).
    let verdicts: (Decided | undefined)[] = [];
    const errors: Cell[] = [];
    let allowance = new Float64Array(0);
    let allocation = new Float64Array(0);
    ledgerPass(
      inputs,
      (n) => {
        verdicts = new Array(n);
        allowance = new Float64Array(n);
        allocation = new Float64Array(n);
      },
      (i, d, allowanceTotal, allocationTotal) => {
        verdicts[i] = d;
        allowance[i] = allowanceTotal;
        allocation[i] = allocationTotal;
      },
      (i, error) => {
        verdicts[i] = undefined;
        if (error !== null) errors[i] = error;
      }
    );
    // Blank and error lines are shared: a cell's value is never written to.
    const blankLine = new Array(5).fill(BLANK_ROW);
    const out: Cell[][] = [];
    for (let i = 0; i < verdicts.length; i++) {
      const d = verdicts[i];
      if (d === undefined) {
        const error = errors[i];
        out.push(error === undefined ? blankLine : new Array(5).fill(error));
        continue;
      }
      const verdict = d.verdict;
      out.push([
        verdict.status,
        d.open ?? verdict.licenseRequired,
        verdict.exception ?? "",
        allowance[i],
        allocation[i],
      ]);
    }
    return out;
  });
  return Array.isArray(result) ? result : [[result]];
}
