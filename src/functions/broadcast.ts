// Broadcasting, as Excel's own functions do: every argument may be a single value or a range; a
// single cell, row or column expands to the largest shape; a range too short for that shape gives
// #N/A in the cells it does not reach. Each cell is computed on its own, so a bad row yields an
// error in its own cell only, and nothing thrown ever leaves a function.
//
// Blank rows (DESIGN §3): a row is blank when every required argument passed as a range (and a
// requiredWhenGiven one, when passed) is blank in it; it gives "". Scalars broadcast over a range
// do not make a row non-blank. A row with some required input and not another is #VALUE! naming
// what is missing: "" or FALSE in a licence column would read as "no".
//
// Arguments are resolved a column at a time: each distinct raw value of an argument is read
// (blank, error cell, coerced value or refusal) once per call, since a 100,000-row log holds a few
// dozen chips, countries and dates; each cell carries the small integer id of its value, and
// adapters key their work on those ids.
import { Cell, Param, plainCell } from "./args";
import { ArgumentError, ExcelError, excelError, isExcelError, toExcelError } from "./errors";

export type Matrix = Cell[][];

// A module binding, not a global lookup per call (see shipment.ts).
const isArray = Array.isArray;

/** Excel passes a 2-D array for a matrix parameter; plain values (tests, other hosts) are wrapped. */
export function asMatrix(value: unknown): Matrix {
  if (isArray(value)) {
    if (value.length === 0) return [[null]];
    return isArray(value[0]) ? (value as Matrix) : (value as Cell[]).map((v) => [v]);
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

/** The value of a blank cell where the argument has no default (a required one). */
export const BLANK = Symbol("blank");

/** A raw value refused (an error cell, or one the type does not read): each cell holding it shows it. */
export class Refused {
  private shown: ExcelError | null = null;
  constructor(readonly error: unknown) {}
  /** The error as a cell value (made once). */
  get cell(): ExcelError {
    return (this.shown ??= toExcelError(this.error));
  }
}

/** One argument of a call, resolved: its shape, its distinct values and each cell's id. */
export interface Column {
  readonly rows: number;
  readonly cols: number;
  /** The whole argument was omitted (null or undefined): its default, or missing if required. */
  readonly omitted: boolean;
  /** Per distinct value: the coerced value, the default (a blank optional), BLANK, or a Refused. */
  readonly values: unknown[];
  /** Per distinct value: blank for its type (what decides blank rows). */
  readonly blank: boolean[];
  /** Per distinct value: the plain cell as read (for messages). */
  readonly plain: unknown[];
  /** Row-major over the argument's own shape: the index in `values` of each cell. */
  readonly ids: Int32Array;
}

const ZERO = new Int32Array(1);

/** An error cell passed in: the row's own error, #N/A kept as #N/A (its message is Excel's). */
export function errorCell(name: string, value: { code: string }): ArgumentError {
  const code = value.code === "#N/A" ? "#N/A" : "#VALUE!";
  return new ArgumentError(code, `${name} is an error cell (${value.code})`);
}

/** What one raw value of argument `p` reads as (see Column.values), with its blankness. */
function readValue(
  p: Param<unknown>,
  v: unknown,
  omitted: boolean,
  fallback: () => unknown
): [unknown, boolean] {
  if (omitted) return [p.role === "required" ? BLANK : fallback(), true];
  if (isExcelError(v)) return [new Refused(errorCell(p.name, v)), false];
  if (p.type.blank(v))
    return [
      p.role !== "optional" ? BLANK : p.blankValue !== undefined ? p.blankValue : fallback(),
      true,
    ];
  try {
    return [p.type.coerce(v, p.name), false];
  } catch (error) {
    return [new Refused(error), false];
  }
}

function resolveColumn(p: Param<unknown>, input: unknown): Column {
  const omitted = input === null || input === undefined;
  // One cell (a filled-down formula): no Map, no per-value bookkeeping.
  if (!isArray(input) || (input.length === 1 && (!isArray(input[0]) || input[0].length === 1))) {
    const raw = isArray(input) ? (isArray(input[0]) ? input[0][0] : input[0]) : input;
    const v = plainCell(raw);
    const [value, blank] = readValue(p, v, omitted, p.fallback as () => unknown);
    return { rows: 1, cols: 1, omitted, values: [value], blank: [blank], plain: [v], ids: ZERO };
  }
  const m = asMatrix(input);
  const rows = m.length;
  const cols = m[0]?.length ?? 1;
  // The default is computed at most once per call (today's date, the workbook's regime).
  let haveDefault = false;
  let fallbackValue: unknown;
  const fallback = () => {
    if (!haveDefault) {
      fallbackValue = (p.fallback as () => unknown)();
      haveDefault = true;
    }
    return fallbackValue;
  };
  const ids = new Int32Array(rows * cols);
  const col: Column = { rows, cols, omitted, values: [], blank: [], plain: [], ids };
  const seen = new Map<unknown, number>();
  // Empty cells dominate a whole-column call: they skip the Map, and so does a value repeating the
  // cell before it (a log's regime, HQ or prior column is mostly one value).
  let nullId = -1;
  let emptyId = -1;
  let last: unknown = undefined;
  let lastId = -1;
  // Ids of whole numbers from `base` on, plus 1 (0: not met yet), in a large range only; `base` is
  // set so that the first whole number met sits in the middle.
  const first = rows * cols >= NEAR_MIN ? firstWholeNumber(m) : null;
  const near = first === null ? null : new Int32Array(NEAR);
  const base = first === null ? 0 : Math.max(0, first - NEAR / 2);
  let k = 0;
  for (let r = 0; r < rows; r++) {
    const line = m[r];
    for (let c = 0; c < cols; c++) {
      const raw = line[c];
      let id: number | undefined;
      if (raw === last && lastId >= 0) id = lastId;
      // addValue is a function of the module, not a closure per call: this loop is optimised once
      // for every column of every call, not again for each new closure it would call.
      else if (raw === null) id = nullId < 0 ? (nullId = addValue(col, p, raw, fallback)) : nullId;
      else if (raw === "") id = emptyId < 0 ? (emptyId = addValue(col, p, raw, fallback)) : emptyId;
      else if (
        near !== null &&
        typeof raw === "number" &&
        raw >= base &&
        raw < base + NEAR &&
        (raw | 0) === raw
      ) {
        // A whole number near the first met (date serials, quantities): an array read, no hashing.
        id = near[raw - base] - 1;
        if (id < 0) {
          id = seen.get(raw);
          if (id === undefined) seen.set(raw, (id = addValue(col, p, raw, fallback)));
          near[raw - base] = id + 1;
        }
      } else {
        id = seen.get(raw);
        if (id === undefined) seen.set(raw, (id = addValue(col, p, raw, fallback)));
      }
      ids[k++] = lastId = id;
      last = raw;
    }
  }
  return col;
}

// Whole numbers within this many of a column's first are looked up in an array (see resolveColumn),
// in ranges of NEAR_MIN cells or more.
const NEAR = 1 << 16;
const NEAR_MIN = 4096;

/** The first cell of `m` (a few rows in) that holds a whole number below 2^30, or null. */
function firstWholeNumber(m: Matrix): number | null {
  for (let r = 0; r < m.length && r < 8; r++)
    for (const v of m[r])
      if (typeof v === "number" && (v | 0) === v && v >= 0 && v < 2 ** 30) return v;
  return null;
}

/** Adds a distinct raw value to the column being resolved: its id. */
function addValue(col: Column, p: Param<unknown>, raw: unknown, fallback: () => unknown): number {
  const v = plainCell(raw);
  const [value, isBlank] = readValue(p, v, col.omitted, fallback);
  col.plain.push(v);
  col.values.push(value);
  col.blank.push(isBlank);
  return col.values.length - 1;
}

export interface Call {
  rows: number;
  cols: number;
  params: readonly Param<unknown>[];
  columns: Column[];
  /** The arguments whose cells decide whether a row is blank. */
  deciding: number[];
  /** Some deciding argument has a blank value: rows may be blank. */
  mayBeBlank: boolean;
  /** Per argument: every value is usable (no BLANK, no Refused), so its cells need no check. */
  clean: boolean[];
}

/** Prepares a broadcast call: shapes, which arguments decide blank rows, each argument resolved. */
export function broadcast(params: readonly Param<unknown>[], inputs: unknown[]): Call {
  let rows = 1;
  let cols = 1;
  const columns: Column[] = new Array(params.length);
  for (let i = 0; i < params.length; i++) {
    const col = resolveColumn(params[i], inputs[i]);
    if (col.rows > rows) rows = col.rows;
    if (col.cols > cols) cols = col.cols;
    columns[i] = col;
  }
  // The arguments a row needs: required ones, and requiredWhenGiven ones that were passed. Of
  // those, the ranges decide whether a row is blank; with no range among them, all of them do.
  const needed: number[] = [];
  const ranged: number[] = [];
  for (let i = 0; i < params.length; i++) {
    const role = params[i].role;
    if (role === "required" || (role === "requiredWhenGiven" && !columns[i].omitted)) {
      needed.push(i);
      if (columns[i].rows * columns[i].cols > 1) ranged.push(i);
    }
  }
  const deciding = ranged.length ? ranged : needed;
  return {
    rows,
    cols,
    params,
    columns,
    deciding,
    mayBeBlank: deciding.some((i) => columns[i].blank.includes(true)),
    clean: columns.map((m) => m.values.every((v) => v !== BLANK && !(v instanceof Refused))),
  };
}

function outOfReach(name: string): ArgumentError {
  return new ArgumentError(
    "#N/A",
    `${name} is a range of a different size than the other arguments`
  );
}

/** The value id of argument `i` at (row, col), or -1 past the end of its range. */
function idAt(m: Column, row: number, col: number): number {
  const r = m.rows === 1 ? 0 : row;
  const c = m.cols === 1 ? 0 : col;
  return r >= m.rows || c >= m.cols ? -1 : m.ids[r * m.cols + c];
}

/**
 * Each argument's value id for the cell at (row, col), into `ids`. Returns false for a blank row
 * (it shows ""). Throws the cell's error: the first argument, in order, past the end of its range,
 * an error cell or refused; else, when required ones are missing, #VALUE! naming them.
 */
export function idsAt(call: Call, row: number, col: number, ids: Int32Array): boolean {
  const { params, columns, deciding, clean } = call;
  if (call.mayBeBlank) {
    let blank = true;
    for (let k = 0; k < deciding.length; k++) {
      const i = deciding[k];
      const id = idAt(columns[i], row, col);
      if (id < 0) throw outOfReach(params[i].name);
      if (!columns[i].blank[id]) {
        blank = false;
        break;
      }
    }
    if (blank) return false;
  }
  let missing: number[] | null = null;
  for (let i = 0; i < columns.length; i++) {
    const m = columns[i];
    const id = idAt(m, row, col);
    if (id < 0) throw outOfReach(params[i].name);
    ids[i] = id;
    if (clean[i]) continue;
    const v = m.values[id];
    if (v === BLANK) (missing ??= []).push(i);
    else if (v instanceof Refused) throw v;
  }
  if (missing) throw missingError(call, missing, ids);
  return true;
}

/** Each argument's value id for a cell idsAt() has already found usable (no check made again). */
export function usableIds(call: Call, row: number, col: number, ids: Int32Array): void {
  const columns = call.columns;
  for (let i = 0; i < columns.length; i++) ids[i] = idAt(columns[i], row, col);
}

/** "#VALUE! chip is missing: ...": what is missing, and why it is not "". */
function missingError(call: Call, missing: number[], ids: Int32Array): ArgumentError {
  const what = missing
    .map((i) => {
      const p = call.params[i];
      const m = call.columns[i];
      const v = m.plain[ids[i]];
      return !m.omitted && v === 0 && p.role === "requiredWhenGiven"
        ? `${p.name} is 0 or an empty cell (no shipment has 0 units; omit the argument for 1)`
        : p.role === "requiredWhenGiven"
          ? `${p.name} is an empty cell (omit the argument for 1 unit)`
          : `${p.name} is missing`;
    })
    .join("; ");
  return new ArgumentError(
    "#VALUE!",
    `${what}: this row has other inputs, so it is not a blank row (give every required value, or clear the row)`
  );
}

/** A thrown cell error as the cell's value. */
export function cellError(error: unknown): Cell {
  return error instanceof Refused ? error.cell : toExcelError(error);
}

/** Excel has no negative zero to show: -0 leaves as 0. */
function cellValue(value: Cell): Cell {
  return value === 0 ? 0 : value;
}

/**
 * The result of a call, cell by cell: `cell` gets the row's value ids (blank rows and argument
 * errors are settled before it) and returns what the cell shows; what it throws shows as an error.
 */
export function spill(call: Call, cell: (ids: Int32Array) => Cell): Matrix {
  const ids = new Int32Array(call.columns.length);
  const out: Matrix = new Array(call.rows);
  // Blank rows of a one-column result share one line: a whole-column call (A:A) is a million
  // of them, and a million small arrays cost more than the rest of the call.
  // Rows of one value share one line too (a per-call map): a million one-cell arrays that the
  // result keeps alive cost the garbage collector more than deciding the rows.
  const blankLine: Cell[] | null = call.cols === 1 ? [""] : null;
  const lines = new Map<Cell, Cell[]>();
  const yes = [true];
  const no = [false];
  const lineOf = (value: Cell): Cell[] => {
    // TRUE and FALSE (most verdict cells) need no look-up; a long text (EXPLAIN's lines) rarely
    // repeats and would be hashed whole to look it up.
    if (value === true) return yes;
    if (value === false) return no;
    if (typeof value === "string" && value.length > 64) return [value];
    let line = lines.get(value);
    if (line === undefined) lines.set(value, (line = [value]));
    return line;
  };
  for (let r = 0; r < call.rows; r++) {
    if (blankLine) {
      try {
        out[r] = idsAt(call, r, 0, ids) ? lineOf(cellValue(cell(ids))) : blankLine;
      } catch (error) {
        out[r] = [cellError(error)];
      }
      continue;
    }
    const line: Cell[] = new Array(call.cols);
    for (let c = 0; c < call.cols; c++) {
      try {
        line[c] = idsAt(call, r, c, ids) ? cellValue(cell(ids)) : "";
      } catch (error) {
        line[c] = cellError(error);
      }
    }
    out[r] = line;
  }
  return out;
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
    return spill(call, (ids) => {
      const args = new Array(n);
      for (let i = 0; i < n; i++) args[i] = call.columns[i].values[ids[i]];
      return body(...(args as A));
    });
  };
}

export { excelError };
