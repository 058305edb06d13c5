// Broadcasting, as Excel's own functions do: every argument may be a single value or a range; a
// single cell, row or column expands to the largest shape; a range too short for that shape gives
// #N/A in the cells it does not reach. Each cell is computed on its own, so a bad row yields an
// error in its own cell only, and nothing thrown ever leaves a function.
//
// Blank rows (DESIGN §3): a row is blank when every required argument passed as a range (and a
// requiredWhenGiven one, when passed) is blank in it; it gives "". Scalars broadcast over a range
// do not make a row non-blank. A row with some required input and not another is #VALUE! naming
// what is missing: "" or FALSE in a licence column would read as "no".
import { Cell, Param, plainCell } from "./args";
import { ArgumentError, ExcelError, excelError, isExcelError, toExcelError } from "./errors";

export type Matrix = Cell[][];

/** Excel passes a 2-D array for a matrix parameter; plain values (tests, other hosts) are wrapped. */
export function asMatrix(value: unknown): Matrix {
  if (Array.isArray(value)) {
    if (value.length === 0) return [[null]];
    return Array.isArray(value[0]) ? (value as Matrix) : (value as Cell[]).map((v) => [v]);
  }
  return [[value]];
}

/** Runs `body` once, turning anything thrown into an Excel error value. */
export function guard<T>(body: () => T): T | ExcelError {
  try {
    return body();
  } catch (error) {
    return toExcelError(error);
  }
}

export interface Broadcast {
  rows: number;
  cols: number;
  /** The coerced arguments for one cell, null for a blank row, or throws the cell's error. */
  argsAt(row: number, col: number): unknown[] | null;
}

/** An error cell passed in: the row's own error, #N/A kept as #N/A (its message is Excel's). */
function errorCell(name: string, value: { code: string }): ArgumentError {
  const code = value.code === "#N/A" ? "#N/A" : "#VALUE!";
  return new ArgumentError(code, `${name} is an error cell (${value.code})`);
}

/** Prepares a broadcast call: shapes, which arguments decide blank rows, per-call defaults. */
export function broadcast(params: Param<unknown>[], inputs: unknown[]): Broadcast {
  const n = params.length;
  const omitted = params.map((_, i) => inputs[i] === null || inputs[i] === undefined);
  const mats = params.map((_, i) => asMatrix(inputs[i]));
  let rows = 1;
  let cols = 1;
  for (const m of mats) {
    rows = Math.max(rows, m.length);
    cols = Math.max(cols, m[0]?.length ?? 1);
  }
  const single = (i: number) => mats[i].length === 1 && (mats[i][0]?.length ?? 1) === 1;
  // The arguments a row needs: required ones, and requiredWhenGiven ones that were passed.
  const needed = params
    .map((p, i) => i)
    .filter(
      (i) =>
        params[i].role === "required" || (params[i].role === "requiredWhenGiven" && !omitted[i])
    );
  // Of those, the ranges decide whether a row is blank; with no range among them, all of them do.
  const ranged = needed.filter((i) => !single(i));
  const deciding = ranged.length ? ranged : needed;
  const defaults: unknown[] = new Array(n);
  const haveDefault: boolean[] = new Array(n).fill(false);
  const fallback = (i: number) => {
    if (!haveDefault[i]) {
      defaults[i] = (params[i].fallback as () => unknown)();
      haveDefault[i] = true;
    }
    return defaults[i];
  };

  const cell = (i: number, row: number, col: number): Cell => {
    const m = mats[i];
    const r = m.length === 1 ? 0 : row;
    const width = m[0]?.length ?? 1;
    const c = width === 1 ? 0 : col;
    if (r >= m.length || c >= width)
      throw new ArgumentError(
        "#N/A",
        `${params[i].name} is a range of a different size than the other arguments`
      );
    return plainCell(m[r][c]);
  };

  return {
    rows,
    cols,
    argsAt(row, col) {
      // Blank row first, reading only the deciding cells: a whole-column call costs little per row.
      if (deciding.length) {
        let blank = true;
        for (let k = 0; k < deciding.length; k++) {
          const i = deciding[k];
          const line = mats[i][mats[i].length === 1 ? 0 : row];
          const raw = line === undefined ? undefined : line[line.length === 1 ? 0 : col];
          // Plain values need no unwrapping; anything else (a short range, a data type) goes the long way.
          const v = raw === 0 || raw === null || typeof raw === "string" ? raw : cell(i, row, col);
          if (isExcelError(v) || !params[i].type.blank(v)) {
            blank = false;
            break;
          }
        }
        if (blank) return null;
      }
      const args: unknown[] = new Array(n);
      let missing: string[] | null = null;
      for (let i = 0; i < n; i++) {
        const p = params[i];
        if (omitted[i]) {
          if (p.role === "required") (missing ??= []).push(p.name);
          else args[i] = fallback(i);
          continue;
        }
        const v = cell(i, row, col);
        if (isExcelError(v)) throw errorCell(p.name, v);
        if (p.type.blank(v)) {
          if (p.role === "optional")
            args[i] = p.blankValue !== undefined ? p.blankValue : fallback(i);
          else (missing ??= []).push(p.name);
          continue;
        }
        args[i] = p.type.coerce(v, p.name);
      }
      if (missing) throw missingError(params, missing, mats, row, col);
      return args;
    },
  };
}

/** "#VALUE! chip is blank while destination is given": what is missing, and why it is not "". */
function missingError(
  params: Param<unknown>[],
  missing: string[],
  mats: Matrix[],
  row: number,
  col: number
): ArgumentError {
  const what = missing
    .map((name) => {
      const p = params.find((q) => q.name === name);
      const i = params.indexOf(p as Param<unknown>);
      const m = mats[i];
      const v = m[m.length === 1 ? 0 : row]?.[(m[0]?.length ?? 1) === 1 ? 0 : col];
      return p?.type.blank(v) && v === 0 && p.role === "requiredWhenGiven"
        ? `${name} is 0 or an empty cell (no shipment has 0 units; omit the argument for 1)`
        : p?.role === "requiredWhenGiven"
          ? `${name} is an empty cell (omit the argument for 1 unit)`
          : `${name} is missing`;
    })
    .join("; ");
  return new ArgumentError(
    "#VALUE!",
    `${what}: this row has other inputs, so it is not a blank row (give every required value, or clear the row)`
  );
}

/** Excel has no negative zero to show: -0 leaves as 0. */
function cellValue(value: Cell): Cell {
  return value === 0 ? 0 : value;
}

/**
 * A row-wise function: declared parameters, a body over coerced values, broadcast over ranges.
 * The result is always a matrix; Excel shows a 1x1 matrix as a single value.
 */
export function rowwise<A extends unknown[]>(params: Param<unknown>[], body: (...args: A) => Cell) {
  return (...inputs: unknown[]): Matrix => {
    const prepared = guard(() => broadcast(params, inputs));
    if (!("argsAt" in prepared)) return [[prepared]];
    const out: Matrix = new Array(prepared.rows);
    // Blank rows of a one-column result share one line: a whole-column call (A:A) is a million
    // of them, and a million small arrays cost more than the rest of the call.
    const blankLine: Cell[] | null = prepared.cols === 1 ? [""] : null;
    for (let r = 0; r < prepared.rows; r++) {
      if (blankLine) {
        let args: unknown[] | null;
        try {
          args = prepared.argsAt(r, 0);
          out[r] = args === null ? blankLine : [cellValue(body(...(args as A)))];
        } catch (error) {
          out[r] = [toExcelError(error)];
        }
        continue;
      }
      const line: Cell[] = new Array(prepared.cols);
      for (let c = 0; c < prepared.cols; c++) {
        try {
          const args = prepared.argsAt(r, c);
          line[c] = args === null ? "" : cellValue(body(...(args as A)));
        } catch (error) {
          line[c] = toExcelError(error);
        }
      }
      out[r] = line;
    }
    return out;
  };
}

export { excelError };
