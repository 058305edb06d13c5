// Broadcasting, as Excel's own functions do: every argument may be a single value or a range; a
// single cell, row or column expands to the largest shape; a range too short for that shape gives
// #N/A in the cells it does not reach. Each cell is computed on its own, so a bad row yields an
// error in its own cell only, and nothing thrown ever leaves a function.
import { Cell, Param, isBlank } from "./args";
import { ArgumentError, ExcelError, excelError, toExcelError } from "./errors";

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
  /** The coerced arguments for one cell, or throws the cell's error. Blank required arguments give null. */
  argsAt(row: number, col: number): unknown[] | null;
}

/**
 * Prepares a broadcast call: shapes, and per-call defaults (each computed at most once).
 * A cell whose first (required) argument is blank is a blank row of a selected table: it yields "".
 */
export function broadcast(params: Param<unknown>[], inputs: unknown[]): Broadcast {
  const mats = params.map((_, i) => asMatrix(inputs[i]));
  let rows = 1;
  let cols = 1;
  for (const m of mats) {
    rows = Math.max(rows, m.length);
    cols = Math.max(cols, m[0]?.length ?? 1);
  }
  const defaults: unknown[] = new Array(params.length);
  const haveDefault: boolean[] = new Array(params.length).fill(false);
  const hasRequired = params.some((p) => !p.fallback);
  return {
    rows,
    cols,
    argsAt(row, col) {
      const args: unknown[] = new Array(params.length);
      let requiredBlank = 0;
      let requiredCount = 0;
      for (let i = 0; i < params.length; i++) {
        const p = params[i];
        const m = mats[i];
        const r = m.length === 1 ? 0 : row;
        const width = m[0]?.length ?? 1;
        const c = width === 1 ? 0 : col;
        if (r >= m.length || c >= width) {
          throw new ArgumentError(
            "#N/A",
            `${p.name} is a range of a different size than the other arguments`
          );
        }
        const raw = m[r][c];
        if (!p.fallback) requiredCount++;
        if (isBlank(raw)) {
          if (p.fallback) {
            if (!haveDefault[i]) {
              defaults[i] = p.fallback();
              haveDefault[i] = true;
            }
            args[i] = defaults[i];
          } else {
            requiredBlank++;
            args[i] = null;
          }
          continue;
        }
        if (raw !== null && typeof raw === "object" && "code" in (raw as object)) {
          throw new ArgumentError("#VALUE!", `${p.name} is an error value`);
        }
        args[i] = p.type.coerce(raw, p.name);
      }
      if (
        hasRequired &&
        (requiredBlank === requiredCount || (!params[0].fallback && args[0] === null))
      )
        return null;
      if (requiredBlank > 0) {
        const missing = params.find((p, i) => !p.fallback && args[i] === null);
        throw new ArgumentError("#VALUE!", `${missing?.name} is required`);
      }
      return args;
    },
  };
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
    for (let r = 0; r < prepared.rows; r++) {
      const line: Cell[] = new Array(prepared.cols);
      for (let c = 0; c < prepared.cols; c++) {
        try {
          const args = prepared.argsAt(r, c);
          line[c] = args === null ? "" : body(...(args as A));
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
