/* global require */
// What the command's file readers and writers share: the loaded table (its title rows, header,
// width and data rows in blocks), the audit record, and the few helpers both formats use.
import * as path from "path";
import type ExcelJS from "exceljs";
import {
  Cell,
  NumberLocale,
  OUTPUT_COLUMNS,
  ROLES,
  Role,
  errorText,
  headerKey,
  isBlankCell,
  isExcelError,
  matchHeaders,
  unsavedFormula,
} from "../shipments";
import { InputError } from "./files";

export type Format = "csv" | "xlsx";

export function formatOf(file: string): Format | null {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".csv" || ext === ".txt") return "csv";
  if (ext === ".xlsx") return "xlsx";
  return null;
}

let excelModule: typeof ExcelJS | null = null;
export function excel(): typeof ExcelJS {
  // Loaded on first use: a CSV check does not pay for exceljs.
  if (!excelModule) excelModule = require("exceljs") as typeof ExcelJS;
  return excelModule;
}

/** Rows per block read, checked and written. */
export const BLOCK_ROWS = 10000;

/**
 * Rows per block when one thread reads, checks and writes a CSV: a block's rows and answers are
 * garbage before the young generation is collected twice, so the collector copies few of them and
 * promotes none (with 10,000-row blocks, collecting took a third of the check's time).
 */
export const SMALL_BLOCK_ROWS = 500;

export interface LoadedTable {
  format: Format;
  file: string;
  /** Rows above the header (titles, notes), kept as they are. */
  titleRows: Cell[][];
  /** Index (0-based) of the header row among the file's rows: output row numbers follow it. */
  headerRow: number;
  headers: Cell[];
  /** Data rows up to the last non-blank one (trailing blank rows are kept in the output too). */
  dataRows: number;
  /** Data records after the header, trailing blank ones included. */
  dataRecords: number;
  /** Widest row's last filled cell + 1: columns added go after it, never over a cell. */
  width: number;
  sheetName?: string;
  /** Formula cells in the columns the check writes (e.g. the pane's compliance formulas): replaced by values. */
  outputFormulas: number;
  workbook?: ExcelJS.Workbook;
  worksheet?: ExcelJS.Worksheet;
  /** xlsx: every row (the workbook is in memory anyway). */
  rows?: Cell[][];
  delimiter?: string;
  bom?: boolean;
  /**
   * The data rows in blocks (of `rows` rows where the format can: CSV; default BLOCK_ROWS), from
   * the file again for CSV and streamed workbooks.
   */
  blocks(rows?: number): AsyncIterable<Cell[][]>;
  /** A workbook too large to edit in memory: read again as a stream to write it. */
  streamed?: boolean;
}

export function lastFilled(row: readonly Cell[]): number {
  let w = row.length;
  while (w > 0 && isBlankCell(row[w - 1])) w--;
  return w;
}

export function noHeader(file: string, rows: readonly (readonly Cell[])[]): InputError {
  const first = rows.find((r) => r.some((c) => !isBlankCell(c))) ?? [];
  const m = matchHeaders(first);
  const found = first.map((h) => String(h ?? "").trim()).filter(Boolean);
  return new InputError(
    `${file}: no header row with Chip and Destination columns in the first 20 rows ` +
      `(missing ${m.missing.join(", ") || "chip, destination"}; found ${found.length ? found.map((h) => `"${h.slice(0, 60)}"`).join(", ") : "nothing"}).`
  );
}

/** The roles LEDGER reads (for the whole-table pass): every input of a determination. */
export const LEDGER_ROLES: readonly Role[] = ROLES;

/**
 * The cells LEDGER reads over the whole table, kept a column at a time as small integer ids into
 * the column's distinct values: 4 bytes a cell outside the JavaScript heap, nothing copied as the
 * table grows (a million-row order book holds a few thousand distinct chips, dates, consignees).
 * `columns` gives them back as arrays of cells, once, for the whole-table pass.
 */
export class LedgerCells {
  private readonly at: { role: Role; column: number; values: Cell[]; ids: Map<Cell, number> }[] =
    [];
  private cells: Int32Array[] = [];
  length = 0;

  constructor(roles: Partial<Record<Role, number>>) {
    for (const role of LEDGER_ROLES) {
      const c = roles[role];
      if (c === undefined) continue;
      this.at.push({ role, column: c, values: [], ids: new Map() });
      this.cells.push(new Int32Array(1024));
    }
  }

  /** Keeps a data row's cells. */
  push(row: readonly Cell[]): void {
    const r = this.length++;
    if (r === this.cells[0]?.length) {
      this.cells = this.cells.map((old) => {
        const grown = new Int32Array(old.length * 2);
        grown.set(old);
        return grown;
      });
    }
    for (let k = 0; k < this.at.length; k++) {
      const a = this.at[k];
      const v = row[a.column] ?? null;
      // -0 is its own value (a Map would take it for 0).
      const minusZero = typeof v === "number" && Object.is(v, -0);
      let id = minusZero ? undefined : a.ids.get(v);
      if (id === undefined) {
        id = a.values.push(v) - 1;
        // Past 200,000 distinct values (free text?) a value is kept without its key: it still
        // reads back, only a repeat of it is kept again.
        if (a.ids.size < 200_000 && !minusZero) a.ids.set(v, id);
      }
      this.cells[k][r] = id;
    }
  }

  /** Drops trailing rows (blank rows after the table's last filled row). */
  truncate(rows: number): void {
    if (rows < this.length) this.length = rows;
  }

  /** Each role's whole column, as cells (new arrays: the caller drops them when done). */
  get columns(): Partial<Record<Role, Cell[]>> {
    const out: Partial<Record<Role, Cell[]>> = {};
    this.at.forEach((a, k) => {
      const ids = this.cells[k];
      const column: Cell[] = new Array(this.length);
      for (let r = 0; r < this.length; r++) column[r] = a.values[ids[r]];
      out[a.role] = column;
    });
    return out;
  }
}

export interface ReadOptions {
  /**
   * Keep the cells LEDGER reads for every data row (a Consignee column): returned by column,
   * strings interned.
   */
  ledgerColumns?: (headers: readonly Cell[]) => Partial<Record<Role, number>> | null;
}

export interface ReadResult {
  table: LoadedTable;
  ledger: LedgerCells | null;
}

/**
 * Where each output column goes (OUTPUT_COLUMNS, then `extra` such as "Screening"): an existing
 * column of that name, else after the widest row.
 */
export function outputColumnIndexes(
  headers: readonly Cell[],
  width: number,
  extra: readonly string[] = []
): number[] {
  const existing = matchHeaders(headers).outputs;
  for (const name of extra)
    existing.push(headers.findIndex((h) => headerKey(h) === headerKey(name)));
  let next = Math.max(width, lastFilled(headers));
  return existing.map((i) => (i >= 0 ? i : next++));
}

export type AuditRecord = [string, Cell][];

/** Checks one block of data rows: the five output values per row (or blank for rows past the data). */
export type BlockChecker = (rows: Cell[][], offset: number) => Promise<Cell[][]>;

export interface WriteOptions {
  locale: NumberLocale | null;
  onProgress?: (done: number, total: number) => void | Promise<void>;
  /** Output columns of the table: the columns the check reads, typed in an xlsx written from CSV. */
  roles: Partial<Record<Role, number>>;
  /** Blocks checked at once (the checker runs them on worker threads); default 1. */
  inFlight?: number;
  /** Columns written after OUTPUT_COLUMNS (e.g. "Screening"); the checker returns their values after the five. */
  extraColumns?: readonly string[];
}

/** The names of the columns a check writes: OUTPUT_COLUMNS, then the extra ones. */
export function outputColumnNames(options: WriteOptions): readonly string[] {
  return [...OUTPUT_COLUMNS, ...(options.extraColumns ?? [])];
}

/** Display widths of the written columns in a workbook. */
export const OUTPUT_WIDTHS = [16, 12, 24, 16, 90];

export function padded(row: readonly Cell[], width: number): Cell[] {
  const out: Cell[] = new Array(Math.max(width, row.length));
  for (let i = 0; i < out.length; i++) out[i] = row[i] === undefined ? null : row[i];
  return out;
}

/** A checked column's value as written: an error as its text. */
export function resultText(v: Cell): Cell {
  return isExcelError(v) ? errorText(v) : v;
}

/** An input cell as written back. */
export function textOf(v: Cell): Cell {
  // An input formula without a saved result is written as its formula (neutralised in CSV).
  return isExcelError(v) ? (unsavedFormula(v) ?? errorText(v)) : v;
}
