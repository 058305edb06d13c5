// The determination columns of a shipment table in one pass, for the batch command (exportctl
// check): what REQUIRES_LICENSE, LICENSE_EXCEPTION, REVIEW_POLICY and EXPLAIN return for the same
// arguments, cell for cell, with the arguments resolved once and each row decided once (four
// whole-column calls resolve and decide every row four times).
//
// Built only from what the functions export (broadcast, the shipment ids and decideRow, the rules'
// determine and explain), so a cell here is the cell a formula shows. Explanations are memoised for
// the call only, not in the functions' session cache: a million-row file would fill that cache
// with lines no formula asks for again. Not registered as a custom function: only the command
// line's bundle imports this file.
import { WITHIN_ALLOCATION, WITHIN_ALLOWANCE, determine, explain } from "../rules";
import type { Shipment } from "../rules";
import { effectiveAsOf, effectiveRegime } from "../settings/settings";
import { Cell, Param, Types, optional, required, requiredWhenGiven, shipFromParam } from "./args";
import { BLANK, Matrix, Refused, asMatrix, broadcast, cellError, guard, idsAt } from "./broadcast";
import { ExcelError } from "./errors";
import * as impl from "./impl";
import {
  Key,
  Layout,
  Row,
  SHIPMENT_PARAMS,
  ShipmentIds,
  decideRow,
  newRow,
  tidy,
} from "./shipment";

/** The shipment functions' argument order (SHIPMENT_PARAMS): prior_tpp is argument 6. */
const LAYOUT: Layout = { item: 0, dest: 1, quantity: 2, hq: 3, regime: 4, date: 5, shipFrom: 7 };
const PRIOR = 6;

/** Said in EXPLAIN when the end_user_hq argument is omitted or blank (DESIGN §3), as shipment.ts says it. */
const HQ_ASSUMED = "End-user HQ not given: taken to be the destination";

/** One vector per function, in the order of the call's cells (one entry when the call itself failed). */
export interface ShipmentColumns {
  licence: Cell[];
  exception: Cell[];
  policy: Cell[];
  /** Null when explanations were not asked for. */
  explanation: Cell[] | null;
}

/** Excel has no negative zero to show: -0 leaves as 0 (as spill does). */
const shown = (v: Cell): Cell => (v === 0 ? 0 : v);

/**
 * REQUIRES_LICENSE, LICENSE_EXCEPTION, REVIEW_POLICY and (with `explanations`) EXPLAIN of the same
 * eight arguments (chip, destination, quantity, end_user_hq, regime, as_of, prior_tpp, ship_from:
 * ranges or single values, as those functions take them), over a single row or column of cells.
 * Each vector holds one value per cell, in order: TRUE/FALSE, the exception code or "", the review
 * policy or "", the explanation; "" for a blank row; the row's own error (#VALUE!, #N/A with the
 * reason for INDETERMINATE) otherwise. A call that fails as a whole (e.g. a 2-D range) gives one
 * entry, its error, in every vector, as each function would give a single error.
 */
export function shipmentColumns(
  inputs: readonly unknown[],
  explanations: boolean
): ShipmentColumns {
  const call = guard(() => broadcast(SHIPMENT_PARAMS, inputs as unknown[]));
  if (!("columns" in call)) {
    const e: Cell = call as ExcelError;
    return { licence: [e], exception: [e], policy: [e], explanation: explanations ? [e] : null };
  }
  const n = call.rows * call.cols;
  const licence: Cell[] = new Array(n);
  const exception: Cell[] = new Array(n);
  const policy: Cell[] = new Array(n);
  const explanation: Cell[] | null = explanations ? new Array(n) : null;
  const ids = new ShipmentIds(call.columns, LAYOUT);
  const prior = call.columns[PRIOR];
  const v = new Int32Array(call.columns.length);
  const key: Key = { hi: 0, lo: 0 };
  const row = newRow();
  const texts = new Map<string, string>();
  let k = 0;
  for (let r = 0; r < call.rows; r++) {
    for (let c = 0; c < call.cols; c++, k++) {
      try {
        if (!idsAt(call, r, c, v)) {
          licence[k] = exception[k] = policy[k] = "";
          if (explanation) explanation[k] = "";
          continue;
        }
      } catch (error) {
        const e = cellError(error);
        licence[k] = exception[k] = policy[k] = e;
        if (explanation) explanation[k] = e;
        continue;
      }
      ids.fill(row, v, prior.values[v[PRIOR]] as number);
      let decided = true;
      try {
        const d = decideRow(row, 0, key);
        licence[k] = shown(d.open ?? d.verdict.licenseRequired);
        exception[k] = shown(d.open ?? d.verdict.exception ?? "");
        policy[k] = shown(d.open ?? d.verdict.reviewPolicy ?? "");
      } catch (error) {
        const e = cellError(error);
        licence[k] = exception[k] = policy[k] = e;
        decided = false;
      }
      if (explanation) {
        try {
          // A row the verdict could not be decided for (rare): EXPLAIN itself says what it shows.
          explanation[k] = decided
            ? shown(explainRow(row, key, texts))
            : (impl.explainShipment(...inputs.map((x) => cellAt(x, r, c))) as Matrix)[0][0];
        } catch (error) {
          explanation[k] = cellError(error);
        }
      }
    }
  }
  return { licence, exception, policy, explanation };
}

/**
 * EXPLAIN's line for `row` (whose decision key decideRow has just put in `key`), memoised in `texts`
 * by the key and the inputs the line quotes (date, quantities, the HQ assumed), as EXPLAIN memoises it.
 */
function explainRow(row: Row, key: Key, texts: Map<string, string>): string {
  const hqAssumed = row.hq === null;
  const k =
    key.hi >= 0
      ? `${key.hi}|${key.lo}|${row.asOf}|${row.quantity}|${row.prior}|${hqAssumed ? 1 : 0}`
      : null;
  let text = k === null ? undefined : texts.get(k);
  if (text === undefined) {
    const shipment: Shipment = {
      item: row.item,
      destination: row.dest,
      quantity: row.quantity,
      endUserHq: row.hq ?? row.dest,
      priorTpp: row.prior,
      countryAllocationUsed: 0,
      shipFrom: row.shipFrom,
    };
    text = explain(determine(shipment, row.regime, row.asOf), hqAssumed ? [HQ_ASSUMED] : []);
    if (k !== null) texts.set(k, text);
  }
  return text;
}

/** The cell an argument gives the call's cell (r, c): a single value broadcasts, as in broadcast.ts. */
function cellAt(x: unknown, r: number, c: number): unknown {
  if (x === null || x === undefined || !Array.isArray(x)) return x;
  const m = asMatrix(x);
  const line = m[m.length === 1 ? 0 : r] ?? [];
  return [[line[line.length === 1 ? 0 : c] ?? null]];
}

/** LEDGER's results over a table, kept compact: one small value per row and column read. */
export interface LedgerTotals {
  /** LEDGER's "license required": 1 TRUE, 0 FALSE, -1 an error (INDETERMINATE included) or a blank row. */
  licence: Int8Array;
  /** LEDGER's "exception" where "license required" is TRUE or FALSE, else null. */
  exception: (string | null)[];
  /** LEDGER's "consignee allowance TPP this year" after the row; NaN for an error or a blank row. */
  allowance: Float64Array;
}

// LEDGER's parameters, as functions/ledger.ts declares them.
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

const LEDGER_LAYOUT: Layout = {
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

/**
 * LEDGER (functions/ledger.ts) over a single row or column of cells, the three of its five
 * columns the command reads, without a line of five cells per row: a million-row table costs
 * about 30 bytes a row here. Same arguments, same order of evaluation (date order, ties in table order),
 * same running totals; a call that fails as a whole gives its error.
 */
export function ledgerTotals(inputs: readonly unknown[]): LedgerTotals | ExcelError {
  const result = guard((): LedgerTotals => {
    const call = broadcast(LEDGER_PARAMS, inputs as unknown[]);
    const c = call.columns;
    const at = new ShipmentIds(c, LEDGER_LAYOUT);
    const n = call.rows * call.cols;
    const WIDTH = LEDGER_PARAMS.length;
    const licence = new Int8Array(n).fill(-1);
    const exception: (string | null)[] = new Array(n).fill(null);
    const allowanceAfter = new Float64Array(n).fill(NaN);
    // Blank rows and per-row argument errors are settled here; each other cell keeps its date's id
    // (its other ids are read again in date order: no array of every cell's ids).
    const settled = new Uint8Array(n);
    const dateIds = new Int32Array(n);
    const v = new Int32Array(WIDTH);
    let k = 0;
    for (let r = 0; r < call.rows; r++) {
      for (let col = 0; col < call.cols; col++, k++) {
        try {
          if (idsAt(call, r, col, v)) dateIds[k] = v[DATE];
          else settled[k] = 1;
        } catch {
          settled[k] = 1;
        }
      }
    }
    // Date order, ties in input order: a counting sort over the distinct dates.
    const dates = c[DATE].values;
    const usable = (x: unknown) => x !== BLANK && !(x instanceof Refused);
    const distinct = dates.map((_, i) => i).filter((i) => usable(dates[i]));
    distinct.sort((a, b) => ((dates[a] as string) < (dates[b] as string) ? -1 : 1));
    const rank = new Int32Array(dates.length);
    distinct.forEach((id, i) => (rank[id] = i));
    const start = new Int32Array(distinct.length + 1);
    for (let i = 0; i < n; i++) if (!settled[i]) start[rank[dateIds[i]] + 1]++;
    for (let i = 1; i < start.length; i++) start[i] += start[i - 1];
    const order = new Int32Array(start[distinct.length]);
    for (let i = 0; i < n; i++) if (!settled[i]) order[start[rank[dateIds[i]]]++] = i;
    // Running totals: allowance per consignee (its folded key) and calendar year; allocation per
    // destination as treated.
    const consignee = c[CONSIGNEE].values.map((x) => (usable(x) && x !== "" ? String(x) : null));
    const consigneeIds = new Map<string, number>();
    const consigneeId = consignee.map((x) => {
      if (x === null) return -1;
      let id = consigneeIds.get(x);
      if (id === undefined) consigneeIds.set(x, (id = consigneeIds.size));
      return id;
    });
    const year = dates.map((d) => (usable(d) ? Number((d as string).slice(0, 4)) : 0));
    const allowance = new Map<number, number>();
    let allocation = new Float64Array(64);
    const key: Key = { hi: 0, lo: 0 };
    const row = newRow();
    for (let j = 0; j < order.length; j++) {
      const i = order[j];
      idsAt(call, Math.floor(i / call.cols), i % call.cols, v); // settled above: it returns true
      const who = consigneeId[v[CONSIGNEE]];
      const yearKey = who < 0 ? -1 : who * 10_000 + year[v[DATE]];
      const country = at.destTreated[v[LEDGER_LAYOUT.dest]];
      if (country >= allocation.length) {
        const grown = new Float64Array(Math.max(country + 1, allocation.length * 2));
        grown.set(allocation);
        allocation = grown;
      }
      const prior = yearKey < 0 ? 0 : (allowance.get(yearKey) ?? 0);
      const used = allocation[country];
      try {
        const d = decideRow(at.fill(row, v, prior), used, key);
        const total = row.tpp === null ? 0 : tidy(row.quantity * row.tpp);
        const verdict = d.verdict;
        const allowanceTotal = prior + (verdict.draws & WITHIN_ALLOWANCE ? total : 0);
        const allocationTotal = used + (verdict.draws & WITHIN_ALLOCATION ? total : 0);
        if (yearKey >= 0 && allowanceTotal !== prior) allowance.set(yearKey, allowanceTotal);
        allocation[country] = allocationTotal;
        const lic: unknown = d.open ?? verdict.licenseRequired;
        if (lic === true || lic === false) {
          licence[i] = lic ? 1 : 0;
          exception[i] = verdict.exception ?? "";
        }
        allowanceAfter[i] = allowanceTotal;
      } catch {
        // The row's error: LEDGER shows it in every column.
      }
    }
    return { licence, exception, allowance: allowanceAfter };
  });
  return "licence" in result ? result : (result as ExcelError);
}
