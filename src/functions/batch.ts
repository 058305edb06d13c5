// The determination columns of a shipment table in one pass, for the batch command (exportctl
// check): what REQUIRES_LICENSE, LICENSE_EXCEPTION, REVIEW_POLICY and EXPLAIN return for the same
// arguments, cell for cell, with the arguments resolved once and each row decided once (four
// whole-column calls resolve and decide every row four times).
//
// Built only from what the functions export (broadcast, the shipment ids, decideRow, EXPLAIN's
// explanation and LEDGER's pass), so a cell here is the cell a formula shows. Explanations are memoised for
// the call only, not in the functions' session cache: a million-row file would fill that cache
// with lines no formula asks for again. Not registered as a custom function: only the command
// line's bundle imports this file.
import { Cell } from "./args";
import { Matrix, asMatrix, broadcast, cellError, guard, idsAt } from "./broadcast";
import { ExcelError } from "./errors";
import * as impl from "./impl";
import { ledgerPass } from "./ledger";
import {
  Key,
  PRIOR,
  Row,
  SHIPMENT_LAYOUT,
  SHIPMENT_PARAMS,
  ShipmentIds,
  decideRow,
  explanation,
  explanationKey,
  newKey,
  newRow,
} from "./shipment";

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
  explanations: boolean,
  allocations: readonly number[] | null = null
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
  const ids = new ShipmentIds(call.columns, SHIPMENT_LAYOUT);
  const prior = call.columns[PRIOR];
  const v = new Int32Array(call.columns.length);
  const key = newKey();
  const row = newRow();
  const texts: Texts = { lines: new Map(), asked: 0, found: 0 };
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
      const used = allocations === null ? 0 : allocations[k];
      let decided = true;
      try {
        const d = decideRow(row, used, key);
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
            ? shown(explainRow(row, key, texts, used))
            : (impl.explainShipment(...inputs.map((x) => cellAt(x, r, c))) as Matrix)[0][0];
        } catch (error) {
          explanation[k] = cellError(error);
        }
      }
    }
  }
  return { licence, exception, policy, explanation };
}

/** The explanations of a call by their key, and how often a key was looked up and found. */
interface Texts {
  lines: Map<string, string>;
  asked: number;
  found: number;
}

/**
 * EXPLAIN's line for `row` (whose decision key decideRow has just put in `key`), memoised in `texts`
 * for this call by the key and the inputs the line quotes, as EXPLAIN memoises it. The key quotes
 * the date, quantity and prior allowance, so in an order book whose rows are already distinct it
 * rarely repeats: once 64 keys have been looked up, a call that found fewer than 1 in 16 builds no
 * more of them.
 */
function explainRow(row: Row, key: Key, texts: Texts, used: number): string {
  const memo = texts.asked < 64 || texts.found * 16 >= texts.asked;
  const inner = memo ? explanationKey(row, key) : null;
  const k = inner === null ? null : `${key.hi}|${inner}|${used}`;
  let text: string | undefined;
  if (k !== null) {
    texts.asked++;
    text = texts.lines.get(k);
    if (text !== undefined) texts.found++;
  }
  if (text === undefined) {
    text = flat(explanation(row, used));
    if (k !== null) texts.lines.set(k, text);
  }
  return text;
}

/**
 * `text` as one run of characters: a line built by concatenation is a tree of pieces several times
 * its size, which the collector would otherwise copy, young, until the line is written.
 */
function flat(text: string): string {
  // Reading a character makes V8 flatten the string in place.
  text.charCodeAt(0);
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
  /**
   * The country allocation TPP the row's destination had used before it (0 for an error or a
   * blank row); null when not known (read from LEDGER's cells, which show the total after a row).
   */
  allocation: Float64Array | null;
}

export function ledgerTotals(inputs: readonly unknown[]): LedgerTotals | ExcelError {
  const result = guard((): LedgerTotals => {
    let totals: LedgerTotals = {
      licence: new Int8Array(0),
      exception: [],
      allowance: new Float64Array(0),
      allocation: new Float64Array(0),
    };
    ledgerPass(
      inputs,
      (n) =>
        (totals = {
          licence: new Int8Array(n).fill(-1),
          exception: new Array(n).fill(null),
          allowance: new Float64Array(n).fill(NaN),
          allocation: new Float64Array(n),
        }),
      (i, d, allowanceTotal, _allocationTotal, allocationBefore) => {
        const lic: unknown = d.open ?? d.verdict.licenseRequired;
        if (lic === true || lic === false) {
          totals.licence[i] = lic ? 1 : 0;
          totals.exception[i] = d.verdict.exception ?? "";
        }
        totals.allowance[i] = allowanceTotal;
        totals.allocation![i] = allocationBefore;
      },
      () => undefined // blank rows and rows with errors keep -1, null and NaN
    );
    return totals;
  });
  return "licence" in result ? result : (result as ExcelError);
}
