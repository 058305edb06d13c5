// Broadcasting, as Excel's own functions do: every argument may be a single value or a range; a
// single cell, row or column expands to the largest shape; a range too short for that shape gives
// #N/A in the cells it does not reach. Each cell is computed on its own, so a bad row yields an
// error in its own cell only, and nothing thrown ever leaves a function.
//
// Arguments are resolved a column at a time: each distinct raw value of an argument is coerced
// once per call (a 100,000-row log holds a few dozen chips, countries and dates), and each cell
// carries the small integer id of its value. Adapters key their work on those ids.
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

/** The value of a blank required argument. */
export const BLANK = Symbol("blank");

/** A raw value the argument's type refused: every cell holding it shows the same error. */
export class Refused {
  private shown: ExcelError | null = null;
  constructor(readonly error: unknown) {}
  /** The error as a cell value (made once). */
  get cell(): ExcelError {
    return (this.shown ??= toExcelError(this.error));
  }
}

/** One argument of a call, resolved: its shape, its distinct coerced values and each cell's id. */
export interface Column {
  readonly rows: number;
  readonly cols: number;
  /** Coerced distinct values: BLANK for a blank required argument, a Refused for a refused value. */
  readonly values: unknown[];
  /** The raw value behind each entry of `values` (for adapters that key on the text). */
  readonly raws: unknown[];
  /** Row-major over the argument's own shape: the index in `values` of each cell. */
  readonly ids: Int32Array;
}

const ZERO = new Int32Array(1);

function coerceOne(p: Param<unknown>, raw: unknown, fallback: () => unknown): unknown {
  if (isBlank(raw)) return p.fallback ? fallback() : BLANK;
  if (raw !== null && typeof raw === "object" && "code" in (raw as object))
    return new Refused(new ArgumentError("#VALUE!", `${p.name} is an error value`));
  try {
    return p.type.coerce(raw, p.name);
  } catch (error) {
    return new Refused(error);
  }
}

function resolveColumn(p: Param<unknown>, m: Matrix): Column {
  const rows = m.length;
  const cols = m[0]?.length ?? 1;
  // The default is computed at most once per call (today's date, the workbook's regime).
  let haveDefault = false;
  let fallbackValue: unknown;
  const fallback = () => {
    if (!haveDefault) {
      fallbackValue = p.fallback!();
      haveDefault = true;
    }
    return fallbackValue;
  };
  if (rows === 1 && cols === 1) {
    const raw = m[0][0];
    return { rows, cols, values: [coerceOne(p, raw, fallback)], raws: [raw], ids: ZERO };
  }
  const values: unknown[] = [];
  const raws: unknown[] = [];
  const ids = new Int32Array(rows * cols);
  const seen = new Map<unknown, number>();
  let k = 0;
  for (let r = 0; r < rows; r++) {
    const line = m[r];
    for (let c = 0; c < cols; c++) {
      const raw = line[c];
      let id = seen.get(raw);
      if (id === undefined) {
        id = values.length;
        values.push(coerceOne(p, raw, fallback));
        raws.push(raw);
        seen.set(raw, id);
      }
      ids[k++] = id;
    }
  }
  return { rows, cols, values, raws, ids };
}

export interface Call {
  rows: number;
  cols: number;
  params: readonly Param<unknown>[];
  columns: Column[];
  /** Whether any parameter is required (a row whose required arguments are all blank is blank). */
  hasRequired: boolean;
}

/** Prepares a broadcast call: shapes, and every argument resolved column-wise. */
export function broadcast(params: readonly Param<unknown>[], inputs: unknown[]): Call {
  let rows = 1;
  let cols = 1;
  const columns: Column[] = new Array(params.length);
  for (let i = 0; i < params.length; i++) {
    const col = resolveColumn(params[i], asMatrix(inputs[i]));
    if (col.rows > rows) rows = col.rows;
    if (col.cols > cols) cols = col.cols;
    columns[i] = col;
  }
  return { rows, cols, params, columns, hasRequired: params.some((p) => !p.fallback) };
}

/**
 * Each argument's value id for the cell at (row, col), into `ids`. Returns false for a blank row of
 * a selected table (the first required argument blank, or all of them): the cell shows "". Throws
 * the cell's error: the first argument (in order) out of its range's reach or refused, or a
 * required argument missing.
 */
export function idsAt(call: Call, row: number, col: number, ids: Int32Array): boolean {
  const { params, columns } = call;
  let requiredBlank = 0;
  let requiredCount = 0;
  let firstBlank = -1;
  for (let i = 0; i < columns.length; i++) {
    const m = columns[i];
    const r = m.rows === 1 ? 0 : row;
    const c = m.cols === 1 ? 0 : col;
    if (r >= m.rows || c >= m.cols) {
      throw new ArgumentError(
        "#N/A",
        `${params[i].name} is a range of a different size than the other arguments`
      );
    }
    const id = m.ids[r * m.cols + c];
    ids[i] = id;
    const v = m.values[id];
    const required = !params[i].fallback;
    if (required) requiredCount++;
    if (v === BLANK) {
      requiredBlank++;
      if (firstBlank < 0) firstBlank = i;
      continue;
    }
    if (v instanceof Refused) throw v;
  }
  if (call.hasRequired && (requiredBlank === requiredCount || (!params[0].fallback && firstBlank === 0)))
    return false;
  if (requiredBlank > 0)
    throw new ArgumentError("#VALUE!", `${params[firstBlank].name} is required`);
  return true;
}

/** A thrown cell error as the cell's value. */
export function cellError(error: unknown): Cell {
  return error instanceof Refused ? error.cell : toExcelError(error);
}

/**
 * A row-wise function: declared parameters, a body over coerced values, broadcast over ranges.
 * The result is always a matrix; Excel shows a 1x1 matrix as a single value.
 */
export function rowwise<A extends unknown[]>(
  params: readonly Param<unknown>[],
  body: (...args: A) => Cell
) {
  return (...inputs: unknown[]): Matrix => {
    const call = guard(() => broadcast(params, inputs));
    if (!("columns" in call)) return [[call]];
    const n = params.length;
    const ids = new Int32Array(n);
    const out: Matrix = new Array(call.rows);
    for (let r = 0; r < call.rows; r++) {
      const line: Cell[] = new Array(call.cols);
      for (let c = 0; c < call.cols; c++) {
        try {
          if (!idsAt(call, r, c, ids)) {
            line[c] = "";
            continue;
          }
          const args = new Array(n);
          for (let i = 0; i < n; i++) {
            const v = call.columns[i].values[ids[i]];
            args[i] = v === BLANK ? null : v;
          }
          line[c] = body(...(args as A));
        } catch (error) {
          line[c] = cellError(error);
        }
      }
      out[r] = line;
    }
    return out;
  };
}

export { excelError };
