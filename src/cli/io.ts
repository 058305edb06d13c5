/* global require, TextDecoder, Buffer, NodeJS */
// Reading a shipments table from .csv or .xlsx and writing it back with the checked columns and an
// audit record. CSV streams: a first pass finds the header, the table's width and (with consignees)
// the cells LEDGER needs; the second reads, checks and writes a block of rows at a time. An .xlsx
// is edited in place (other sheets, styles and columns kept) after its size is checked; an .xlsx
// written from CSV streams out through exceljs's streaming writer. Every output goes to a temporary
// file renamed into place. Title rows above the header, cells beside the table, blank rows and the
// UTF-8 byte order mark are kept.
import * as fs from "fs";
import * as path from "path";
import type ExcelJS from "exceljs";
import {
  Cell,
  CsvParser,
  CsvSyntaxError,
  NumberLocale,
  OUTPUT_COLUMNS,
  Role,
  csvField,
  errorText,
  findHeaderRow,
  isBlankCell,
  isExcelError,
  matchHeaders,
  parseDateText,
  pickSheet,
  plainNumber,
  plainValue,
  sheetRows,
  typeCell,
} from "../shipments";
import { AtomicFile, InputError, XLSX_LIMITS, guardXlsx, tempPathFor } from "./files";

export { InputError };
export type Format = "csv" | "xlsx";

export function formatOf(file: string): Format | null {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".csv" || ext === ".txt") return "csv";
  if (ext === ".xlsx") return "xlsx";
  return null;
}

let excelModule: typeof ExcelJS | null = null;
function excel(): typeof ExcelJS {
  // Loaded on first use: a CSV check does not pay for exceljs.
  if (!excelModule) excelModule = require("exceljs") as typeof ExcelJS;
  return excelModule;
}

/** Rows per block read, checked and written. */
export const BLOCK_ROWS = 10000;

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
  /** The data rows in blocks, from the file again for CSV and streamed workbooks. */
  blocks(): AsyncIterable<Cell[][]>;
  /** A workbook too large to edit in memory: read again as a stream to write it. */
  streamed?: boolean;
}

/** Yields the records of a UTF-8 CSV file in blocks; refuses text that is not UTF-8. */
async function* csvBlocks(
  file: string,
  onParser?: (p: CsvParser) => void
): AsyncGenerator<string[][]> {
  const parser = new CsvParser();
  if (onParser) onParser(parser);
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  const stream = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  let offset = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw new InputError(
          `${path.basename(file)}: not UTF-8 text near byte ${offset.toLocaleString("en-US")}; save it as "CSV UTF-8" (Excel: File > Save As) and check that.`
        );
      }
      offset += chunk.length;
      const rows = parser.push(text);
      if (rows.length) yield rows;
    }
    const last = parser.push(decoder.decode());
    const rest = parser.end();
    if (last.length || rest.length) yield [...last, ...rest];
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      throw new InputError(`${path.basename(file)}: ${error.message}.`);
    if (error instanceof InputError) throw error;
    const e = error as NodeJS.ErrnoException;
    throw new InputError(`${path.basename(file)}: cannot be read (${e.code ?? e.message}).`);
  } finally {
    stream.destroy();
  }
}

function lastFilled(row: readonly Cell[]): number {
  let w = row.length;
  while (w > 0 && isBlankCell(row[w - 1])) w--;
  return w;
}

function noHeader(file: string, rows: readonly (readonly Cell[])[]): InputError {
  const first = rows.find((r) => r.some((c) => !isBlankCell(c))) ?? [];
  const m = matchHeaders(first);
  const found = first.map((h) => String(h ?? "").trim()).filter(Boolean);
  return new InputError(
    `${file}: no header row with Chip and Destination columns in the first 20 rows ` +
      `(missing ${m.missing.join(", ") || "chip, destination"}; found ${found.length ? found.map((h) => `"${h.slice(0, 60)}"`).join(", ") : "nothing"}).`
  );
}

/** The roles LEDGER reads, compacted into a row of their own (for the whole-table pass). */
export const LEDGER_ROLES: readonly Role[] = [
  "chip",
  "destination",
  "quantity",
  "hq",
  "consignee",
  "date",
  "shipFrom",
];

export interface ReadOptions {
  /**
   * Keep the cells LEDGER reads for every data row (a Consignee column): returned compacted, each
   * row the LEDGER_ROLES cells in order, strings interned.
   */
  ledgerColumns?: (headers: readonly Cell[]) => Partial<Record<Role, number>> | null;
}

export interface ReadResult {
  table: LoadedTable;
  ledgerRows: Cell[][] | null;
}

function preflight(file: string): Format {
  const format = formatOf(file);
  if (!format)
    throw new InputError(
      `${file}: unsupported file type; use a .csv or .xlsx file (save .xls or .xlsm files as .xlsx).`
    );
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    throw new InputError(`${file}: no such file.`);
  }
  if (!st.isFile()) throw new InputError(`${file}: not a file.`);
  try {
    fs.accessSync(file, fs.constants.R_OK);
  } catch {
    throw new InputError(`${file}: cannot be read (permission denied).`);
  }
  return format;
}

export async function readTable(file: string, options: ReadOptions = {}): Promise<ReadResult> {
  const format = preflight(file);
  return format === "csv" ? readCsv(file, options) : readXlsx(file, options);
}

async function readCsv(file: string, options: ReadOptions): Promise<ReadResult> {
  const name = path.basename(file);
  const head: string[][] = [];
  let headerRow = -1;
  let headers: Cell[] = [];
  let width = 0;
  let dataRecords = 0;
  let dataRows = 0;
  let ledgerIdx: Partial<Record<Role, number>> | null = null;
  let ledgerRows: Cell[][] | null = null;
  const intern = new Map<string, string>();
  const shared = (s: string) => {
    if (s.length > 64) return s;
    const hit = intern.get(s);
    if (hit !== undefined) return hit;
    if (intern.size < 200000) intern.set(s, s);
    return s;
  };
  let parser: CsvParser | null = null;
  for await (const block of csvBlocks(file, (p) => (parser = p))) {
    for (const record of block) {
      if (headerRow < 0) {
        head.push(record);
        const found = findHeaderRow(head);
        if (found >= 0) {
          headerRow = found;
          headers = head[found];
          width = lastFilled(headers);
          ledgerIdx = options.ledgerColumns ? options.ledgerColumns(headers) : null;
          if (ledgerIdx) ledgerRows = [];
        } else if (head.length >= 20) throw noHeader(name, head);
        continue;
      }
      dataRecords++;
      const w = lastFilled(record);
      if (w > 0) {
        dataRows = dataRecords;
        if (w > width) width = w;
      }
      if (ledgerRows && ledgerIdx) {
        const compact: Cell[] = new Array(LEDGER_ROLES.length);
        for (let k = 0; k < LEDGER_ROLES.length; k++) {
          const c = ledgerIdx[LEDGER_ROLES[k]];
          compact[k] = c === undefined ? null : shared(record[c] ?? "");
        }
        ledgerRows.push(compact);
      }
    }
  }
  if (headerRow < 0) throw noHeader(name, head);
  if (ledgerRows) ledgerRows.length = dataRows;
  const p = parser as unknown as CsvParser;
  const table: LoadedTable = {
    format: "csv",
    file,
    titleRows: head.slice(0, headerRow),
    headerRow,
    headers,
    dataRows,
    dataRecords,
    width,
    outputFormulas: 0,
    delimiter: p.detected,
    bom: p.bom,
    async *blocks() {
      let seen = 0;
      let out: Cell[][] = [];
      for await (const block of csvBlocks(file)) {
        for (const record of block) {
          if (seen++ <= headerRow) continue;
          out.push(record);
          if (out.length >= BLOCK_ROWS) {
            yield out;
            out = [];
          }
        }
      }
      if (out.length) yield out;
    },
  };
  return { table, ledgerRows };
}

async function readXlsx(file: string, options: ReadOptions): Promise<ReadResult> {
  const name = path.basename(file);
  let mode: "memory" | "stream";
  try {
    mode = guardXlsx(file);
  } catch (error) {
    if (error instanceof InputError) throw new InputError(`${name}: ${error.message}`);
    throw new InputError(`${name}: cannot be read (${(error as Error).message}).`);
  }
  if (mode === "stream") return readXlsxStream(file, options);
  const workbook = new (excel().Workbook)();
  try {
    await workbook.xlsx.readFile(file);
  } catch (error) {
    throw new InputError(`${name}: not a readable .xlsx workbook (${(error as Error).message}).`);
  }
  const worksheet = pickSheet(workbook);
  if (!worksheet) throw new InputError(`${name}: the workbook has no sheets.`);
  const rows = sheetRows(worksheet);
  const headerRow = findHeaderRow(rows);
  if (headerRow < 0) throw noHeader(`${name} (sheet "${worksheet.name}")`, rows);
  const headers = rows[headerRow];
  let width = Math.max(lastFilled(headers), worksheet.columnCount ? lastUsedColumn(worksheet) : 0);
  let dataRows = 0;
  for (let r = headerRow + 1; r < rows.length; r++) {
    const w = lastFilled(rows[r]);
    if (w > 0) dataRows = r - headerRow;
    if (w > width) width = w;
  }
  let outputFormulas = 0;
  const existing = matchHeaders(headers).outputs.filter((c) => c >= 0);
  for (let i = 0; i < dataRows; i++) {
    const values = worksheet.getRow(headerRow + 2 + i).values as unknown[];
    for (const c of existing) {
      const v = values[c + 1];
      if (v !== null && typeof v === "object" && ("formula" in v || "sharedFormula" in v))
        outputFormulas++;
    }
  }
  const data = rows.slice(headerRow + 1);
  let ledgerRows: Cell[][] | null = null;
  const idx = options.ledgerColumns ? options.ledgerColumns(headers) : null;
  if (idx)
    ledgerRows = data.slice(0, dataRows).map((row) =>
      LEDGER_ROLES.map((role) => {
        const c = idx[role];
        return c === undefined ? null : (row[c] ?? null);
      })
    );
  const table: LoadedTable = {
    format: "xlsx",
    file,
    titleRows: rows.slice(0, headerRow),
    headerRow,
    headers,
    dataRows,
    dataRecords: data.length,
    width,
    sheetName: worksheet.name,
    outputFormulas,
    workbook,
    worksheet,
    rows,
    async *blocks() {
      for (let i = 0; i < data.length; i += BLOCK_ROWS) yield data.slice(i, i + BLOCK_ROWS);
    },
  };
  return { table, ledgerRows };
}

/** The last column holding a value in any row of the sheet (1-based count), styles ignored. */
function lastUsedColumn(ws: ExcelJS.Worksheet): number {
  let last = 0;
  ws.eachRow({ includeEmpty: false }, (row) => {
    const values = row.values as unknown[];
    for (let c = values.length - 1; c > last; c--)
      if (values[c] !== null && values[c] !== undefined && values[c] !== "") {
        last = c;
        break;
      }
  });
  return last;
}

/** Where each output column goes: an existing column of that name, else after the widest row. */
export function outputColumnIndexes(headers: readonly Cell[], width: number): number[] {
  const existing = matchHeaders(headers).outputs;
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
}

/** shipments.checked.csv -> shipments.checked.audit.csv */
export function auditPath(outFile: string): string {
  const ext = path.extname(outFile);
  return outFile.slice(0, outFile.length - ext.length) + ".audit.csv";
}

/** shipments.xlsx -> shipments.checked.xlsx (same folder, same format unless `format` says otherwise). */
export function defaultOutPath(input: string, format?: Format): string {
  const ext = path.extname(input);
  const base = input.slice(0, input.length - ext.length);
  const f = format ?? formatOf(input) ?? "csv";
  return `${base}.checked.${f}`;
}

function padded(row: readonly Cell[], width: number): Cell[] {
  const out: Cell[] = new Array(Math.max(width, row.length));
  for (let i = 0; i < out.length; i++) out[i] = row[i] === undefined ? null : row[i];
  return out;
}

function textOf(v: Cell): Cell {
  return isExcelError(v) ? errorText(v) : v;
}

/** H100-equivalents in CSV text: 4 decimals are plenty (1 unit of the smallest chip is ~0.01). */
function rounded(v: Cell): Cell {
  return typeof v === "number" ? Number(v.toFixed(4)) : textOf(v);
}

/**
 * Checks the table block by block and writes it with its checked columns and the audit record
 * (built after the check, from its counts); returns the files written. Nothing is visible at the
 * target paths until every file is complete.
 */
export async function checkAndWrite(
  table: LoadedTable,
  check: BlockChecker,
  outFile: string,
  audit: () => AuditRecord,
  options: WriteOptions
): Promise<string[]> {
  const outFormat = formatOf(outFile);
  if (!outFormat) throw new InputError(`${outFile}: the output must be a .csv or .xlsx file.`);
  const cols = outputColumnIndexes(table.headers, table.width);
  if (outFormat === "csv") return writeCsv(table, check, cols, outFile, audit, options);
  if (table.workbook && table.worksheet)
    return writeXlsxInPlace(table, check, cols, outFile, audit, options);
  if (table.streamed) return writeXlsxStreamed(table, check, cols, outFile, audit, options);
  return writeXlsxStream(table, check, cols, outFile, audit, options);
}

async function writeCsv(
  table: LoadedTable,
  check: BlockChecker,
  cols: number[],
  outFile: string,
  audit: () => AuditRecord,
  options: WriteOptions
): Promise<string[]> {
  const delimiter = table.format === "csv" ? (table.delimiter ?? ",") : ",";
  // A comma-decimal locale writes its numbers with commas unless the delimiter is a comma.
  const decimal = options.locale && delimiter !== "," ? options.locale.decimal : ".";
  // The byte order mark tells Excel the file is UTF-8; kept when the input had one, and written
  // for a CSV made from a workbook (whose accented names would garble without it).
  const bom = table.format === "csv" ? Boolean(table.bom) : true;
  const line = (row: readonly Cell[]) => {
    let s = "";
    for (let c = 0; c < row.length; c++) {
      if (c) s += delimiter;
      s += csvField(textOf(row[c]), delimiter, decimal);
    }
    return s + "\r\n";
  };
  const out = new AtomicFile(outFile);
  const auditFile = new AtomicFile(auditPath(outFile));
  try {
    if (bom) out.write("\ufeff");
    for (const row of table.titleRows) out.write(line(row));
    const width = Math.max(table.width, ...cols.map((c) => c + 1));
    const header = padded(table.headers, width);
    cols.forEach((c, k) => (header[c] = OUTPUT_COLUMNS[k]));
    out.write(line(header));
    let done = 0;
    for await (const block of table.blocks()) {
      const values = await check(block, done);
      for (let i = 0; i < block.length; i++) {
        const row = block[i];
        // A blank line of the input stays one empty line.
        if (row.length <= 1 && isBlankCell(row[0]) && values[i].every((v) => v === "")) {
          out.write("\r\n");
          continue;
        }
        const outRow = padded(row, width);
        const v = values[i];
        for (let k = 0; k < cols.length; k++) outRow[cols[k]] = k === 3 ? rounded(v[k]) : v[k];
        out.write(line(outRow));
      }
      done += block.length;
      if (options.onProgress) await options.onProgress(done, table.dataRecords);
    }
    if (bom) auditFile.write("\ufeff");
    for (const row of [["Field", "Value"], ...audit()]) auditFile.write(line(row));
    out.finish();
    auditFile.finish();
    out.rename();
    auditFile.rename();
    return [outFile, auditFile.target];
  } catch (error) {
    out.abort();
    auditFile.abort();
    throw error;
  }
}

/** A CSV cell typed for an xlsx: the check's number and date columns and plain numbers elsewhere. */
function typedForXlsx(
  v: Cell,
  c: number,
  roles: Partial<Record<Role, number>>,
  locale: NumberLocale | null
): Cell {
  if (typeof v !== "string" || isBlankCell(v)) return v === "" ? null : v;
  if (c === roles.quantity) {
    const n = typeCell(v, "number", locale, "quantity");
    return typeof n === "number" ? n : v;
  }
  if (c === roles.date) {
    const d = parseDateText(v, locale, "date");
    if (typeof d === "string") return new Date(d + "T00:00:00Z");
    return v;
  }
  return plainNumber(v, locale);
}

function auditSheetRows(ws: ExcelJS.Worksheet, audit: AuditRecord, commit: boolean): void {
  ws.columns = [
    { header: "Field", key: "field", width: 28 },
    { header: "Value", key: "value", width: 100 },
  ];
  ws.getRow(1).font = { bold: true };
  if (commit) ws.getRow(1).commit();
  for (const [field, value] of audit) {
    const row = ws.addRow([field, value as ExcelJS.CellValue]);
    if (commit) row.commit();
  }
}

async function writeXlsxStream(
  table: LoadedTable,
  check: BlockChecker,
  cols: number[],
  outFile: string,
  audit: () => AuditRecord,
  options: WriteOptions
): Promise<string[]> {
  const Excel = excel();
  const temp = tempPathFor(outFile);
  try {
    const workbook = new Excel.stream.xlsx.WorkbookWriter({
      filename: temp,
      useStyles: true,
      useSharedStrings: false,
    });
    workbook.creator = "EXPORTCTL";
    const ws = workbook.addWorksheet("Shipments", {
      views: [{ state: "frozen", ySplit: table.titleRows.length + 1 }],
    });
    const width = Math.max(table.width, ...cols.map((c) => c + 1));
    for (let c = 0; c < width; c++) ws.getColumn(c + 1).width = 14;
    cols.forEach((c, k) => (ws.getColumn(c + 1).width = [16, 12, 24, 16, 90][k]));
    for (const row of table.titleRows) ws.addRow(row.map((v) => (v === "" ? null : v))).commit();
    const header = padded(table.headers, width);
    cols.forEach((c, k) => (header[c] = OUTPUT_COLUMNS[k]));
    const h = ws.addRow(header.map((v) => (v === "" ? null : v)));
    h.font = { bold: true };
    h.commit();
    let done = 0;
    for await (const block of table.blocks()) {
      const values = await check(block, done);
      for (let i = 0; i < block.length; i++) {
        const src = padded(block[i], width);
        const cells: Cell[] = src.map((v, c) =>
          typedForXlsx(textOf(v), c, options.roles, options.locale)
        );
        const v = values[i];
        cols.forEach((c, k) => (cells[c] = textOf(v[k]) === "" ? null : textOf(v[k])));
        const row = ws.addRow(cells as ExcelJS.CellValue[]);
        cells.forEach((x, c) => {
          if (x instanceof Date) row.getCell(c + 1).numFmt = "yyyy-mm-dd";
        });
        if (typeof v[3] === "number") row.getCell(cols[3] + 1).numFmt = "#,##0.00";
        if (isExcelError(v[0])) row.getCell(cols[0] + 1).font = { color: { argb: "FFB00020" } };
        row.commit();
      }
      done += block.length;
      if (options.onProgress) await options.onProgress(done, table.dataRecords);
    }
    ws.commit();
    const auditWs = workbook.addWorksheet("Audit");
    auditSheetRows(auditWs, audit(), true);
    auditWs.commit();
    await workbook.commit();
    fs.renameSync(temp, outFile);
    return [outFile];
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

async function writeXlsxInPlace(
  table: LoadedTable,
  check: BlockChecker,
  cols: number[],
  outFile: string,
  audit: () => AuditRecord,
  options: WriteOptions
): Promise<string[]> {
  const workbook = table.workbook!;
  const ws = table.worksheet!;
  const headerRowNumber = table.headerRow + 1;
  workbook.creator = workbook.creator || "EXPORTCTL";
  // Formulas elsewhere (a summary sheet counting the checked column) recalculate when Excel opens it.
  workbook.calcProperties = { ...(workbook.calcProperties ?? {}), fullCalcOnLoad: true };
  const headerRow = ws.getRow(headerRowNumber);
  const template = cols.length && table.headers.length ? headerRow.getCell(1) : null;
  cols.forEach((c, k) => {
    const cell = headerRow.getCell(c + 1);
    cell.value = OUTPUT_COLUMNS[k];
    if (template && template.style && Object.keys(template.style).length)
      cell.style = { ...template.style };
    else cell.font = { bold: true };
    ws.getColumn(c + 1).width = [16, 12, 24, 16, 90][k];
  });
  let done = 0;
  for await (const block of table.blocks()) {
    const values = await check(block, done);
    for (let i = 0; i < block.length; i++) {
      const row = ws.getRow(headerRowNumber + 1 + done + i);
      const v = values[i];
      cols.forEach((c, k) => {
        const cell = row.getCell(c + 1);
        const x = v[k];
        if (isExcelError(x)) {
          cell.value = errorText(x);
          cell.font = { color: { argb: "FFB00020" } };
        } else cell.value = x === "" || x === undefined ? null : (x as ExcelJS.CellValue);
        if (k === 3 && typeof x === "number") cell.numFmt = "#,##0.00";
      });
    }
    done += block.length;
    if (options.onProgress) await options.onProgress(done, table.dataRecords);
  }
  const old = workbook.worksheets.find((s) => s.name.trim().toLowerCase() === "audit");
  if (old) workbook.removeWorksheet(old.id);
  auditSheetRows(workbook.addWorksheet("Audit"), audit(), false);
  const temp = tempPathFor(outFile);
  try {
    await workbook.xlsx.writeFile(temp);
    fs.renameSync(temp, outFile);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
  return [outFile];
}

// ---------------------------------------------------------------------------------------------
// Workbooks too large to edit in memory: exceljs's streaming reader and writer. The shipments
// sheet ("Shipments", else the first) is read twice (once to find the header, the width and
// LEDGER's inputs; once to check and write), other sheets are copied with their values and
// formulas; formatting is not carried over (said in a warning and the audit record).

interface SheetVisit {
  name: string;
  target: boolean;
}

/** A streamed sheet row's cells (0-based), as exceljs gives them (formulas as objects). */
type RawRow = unknown[];

/**
 * Reads the workbook as a stream, calling `onRow` for each row of each sheet in order (with
 * empty rows filled in, so row indexes are the sheet's). Counts cells against the limit.
 */
async function streamWorkbook(
  file: string,
  onSheet: (sheet: SheetVisit) => void | Promise<void>,
  onRow: (sheet: SheetVisit, index: number, row: RawRow) => void | Promise<void>,
  onSheetEnd?: (sheet: SheetVisit) => void | Promise<void>
): Promise<void> {
  const Excel = excel();
  const reader = new Excel.stream.xlsx.WorkbookReader(file, {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  let cells = 0;
  let first = true;
  let targetName: string | null = null;
  for await (const ws of reader as unknown as AsyncIterable<
    AsyncIterable<{ number: number; values: unknown[] }> & { name: string }
  >) {
    if (first) {
      const names = (
        ((reader as unknown as { model?: { sheets?: { name: string }[] } }).model?.sheets ??
          []) as { name: string }[]
      ).map((x) => x.name);
      targetName = names.find((n) => n.trim().toLowerCase() === "shipments") ?? ws.name;
      first = false;
    }
    const sheet = { name: ws.name, target: ws.name === targetName };
    await onSheet(sheet);
    let next = 0;
    for await (const row of ws) {
      while (next < row.number - 1) await onRow(sheet, next++, []);
      const values = row.values.slice(1);
      cells += values.length;
      if (cells > XLSX_STREAM_CELLS())
        throw new InputError(
          `the workbook holds more than ${XLSX_STREAM_CELLS().toLocaleString("en-US")} cells, more than this command reads: refused. Save the shipments sheet as CSV UTF-8 and check that.`
        );
      await onRow(sheet, next++, values);
    }
    if (onSheetEnd) await onSheetEnd(sheet);
  }
}

function XLSX_STREAM_CELLS(): number {
  return XLSX_LIMITS.maxCells;
}

function plainRow(row: RawRow): Cell[] {
  return row.map((v) => plainValue(v));
}

async function readXlsxStream(file: string, options: ReadOptions): Promise<ReadResult> {
  const name = path.basename(file);
  const head: Cell[][] = [];
  let headerRow = -1;
  let headers: Cell[] = [];
  let width = 0;
  let dataRecords = 0;
  let dataRows = 0;
  let sheetName = "";
  let outputFormulas = 0;
  let outputCols: number[] = [];
  let ledgerIdx: Partial<Record<Role, number>> | null = null;
  let ledgerRows: Cell[][] | null = null;
  try {
    await streamWorkbook(
      file,
      (sheet) => {
        if (sheet.target) sheetName = sheet.name;
      },
      (sheet, _index, raw) => {
        if (!sheet.target) return;
        const row = plainRow(raw);
        if (headerRow < 0) {
          head.push(row);
          const found = findHeaderRow(head);
          if (found >= 0) {
            headerRow = found;
            headers = head[found];
            width = lastFilled(headers);
            outputCols = matchHeaders(headers).outputs.filter((c) => c >= 0);
            ledgerIdx = options.ledgerColumns ? options.ledgerColumns(headers) : null;
            if (ledgerIdx) ledgerRows = [];
          } else if (head.length >= 20) throw noHeader(`${name} (sheet "${sheet.name}")`, head);
          return;
        }
        dataRecords++;
        const w = lastFilled(row);
        if (w > 0) {
          dataRows = dataRecords;
          if (w > width) width = w;
        }
        for (const c of outputCols) {
          const v = raw[c];
          if (v !== null && typeof v === "object" && ("formula" in v || "sharedFormula" in v))
            outputFormulas++;
        }
        if (ledgerRows && ledgerIdx) {
          const idx = ledgerIdx;
          ledgerRows.push(
            LEDGER_ROLES.map((role) => {
              const c = idx[role];
              return c === undefined ? null : (row[c] ?? null);
            })
          );
        }
      }
    );
  } catch (error) {
    if (error instanceof InputError) throw new InputError(`${name}: ${error.message}`);
    throw new InputError(`${name}: not a readable .xlsx workbook (${(error as Error).message}).`);
  }
  if (!sheetName) throw new InputError(`${name}: the workbook has no sheets.`);
  if (headerRow < 0) throw noHeader(`${name} (sheet "${sheetName}")`, head);
  if (ledgerRows) (ledgerRows as Cell[][]).length = dataRows;
  const hr = headerRow;
  const table: LoadedTable = {
    format: "xlsx",
    file,
    titleRows: head.slice(0, headerRow),
    headerRow,
    headers,
    dataRows,
    dataRecords,
    width,
    sheetName,
    outputFormulas,
    streamed: true,
    async *blocks() {
      // The streaming reader pushes rows; hand them over a block at a time, the reader waiting
      // while a block is being checked and written (one block in memory).
      let ready: Cell[][] | null = null;
      let finished = false;
      let failure: unknown = null;
      let wake: (() => void) | null = null;
      let taken: (() => void) | null = null;
      const signal = () => {
        const w = wake;
        wake = null;
        if (w) w();
      };
      let out: Cell[][] = [];
      const hand = async (rows: Cell[][]) => {
        ready = rows;
        signal();
        await new Promise<void>((r) => (taken = r));
      };
      const producer = streamWorkbook(
        file,
        () => undefined,
        async (sheet, index, raw) => {
          if (!sheet.target || index <= hr) return;
          out.push(plainRow(raw));
          if (out.length >= BLOCK_ROWS) {
            const rows = out;
            out = [];
            await hand(rows);
          }
        },
        async (sheet) => {
          if (sheet.target && out.length) {
            const rows = out;
            out = [];
            await hand(rows);
          }
        }
      ).then(
        () => {
          finished = true;
          signal();
        },
        (error) => {
          failure = error;
          finished = true;
          signal();
        }
      );
      for (;;) {
        if (ready) {
          const rows: Cell[][] = ready;
          ready = null;
          yield rows;
          const t = taken as (() => void) | null;
          taken = null;
          if (t) t();
          continue;
        }
        if (finished) break;
        await new Promise<void>((r) => (wake = r));
      }
      await producer;
      if (failure) throw failure;
    },
  };
  return { table, ledgerRows };
}

/** A cell of a streamed sheet as the streaming writer takes it (shared formulas by their result). */
function copyable(v: unknown): ExcelJS.CellValue {
  if (v === undefined) return null;
  if (v !== null && typeof v === "object" && "sharedFormula" in v)
    return ((v as { result?: unknown }).result ?? null) as ExcelJS.CellValue;
  return v as ExcelJS.CellValue;
}

async function writeXlsxStreamed(
  table: LoadedTable,
  check: BlockChecker,
  cols: number[],
  outFile: string,
  audit: () => AuditRecord,
  options: WriteOptions
): Promise<string[]> {
  const Excel = excel();
  const temp = tempPathFor(outFile);
  try {
    const workbook = new Excel.stream.xlsx.WorkbookWriter({
      filename: temp,
      useStyles: true,
      useSharedStrings: false,
    });
    workbook.creator = "EXPORTCTL";
    const width = Math.max(table.width, ...cols.map((c) => c + 1));
    let ws: ExcelJS.Worksheet | null = null;
    let block: { raw: RawRow; plain: Cell[] }[] = [];
    let done = 0;
    const flush = async () => {
      if (!block.length || !ws) return;
      const values = await check(
        block.map((b) => b.plain),
        done
      );
      for (let i = 0; i < block.length; i++) {
        const cells = padded(block[i].raw.map(copyable), width) as ExcelJS.CellValue[];
        const v = values[i];
        cols.forEach((c, k) => {
          const x = v[k];
          cells[c] = (x === "" || x === undefined ? null : textOf(x)) as ExcelJS.CellValue;
        });
        const row = ws.addRow(cells);
        if (typeof v[3] === "number") row.getCell(cols[3] + 1).numFmt = "#,##0.00";
        row.commit();
      }
      done += block.length;
      block = [];
      if (options.onProgress) await options.onProgress(done, table.dataRecords);
    };
    await streamWorkbook(
      table.file,
      (sheet) => {
        if (sheet.name.trim().toLowerCase() === "audit") {
          ws = null; // the previous audit record is replaced
          return;
        }
        ws = workbook.addWorksheet(sheet.name);
      },
      async (sheet, index, raw) => {
        if (!ws) return;
        if (!sheet.target) {
          ws.addRow(raw.map(copyable)).commit();
          return;
        }
        if (index < table.headerRow) {
          ws.addRow(raw.map(copyable)).commit();
          return;
        }
        if (index === table.headerRow) {
          const header = padded(raw.map(copyable), width) as ExcelJS.CellValue[];
          cols.forEach((c, k) => (header[c] = OUTPUT_COLUMNS[k]));
          const h = ws.addRow(header);
          h.font = { bold: true };
          h.commit();
          return;
        }
        block.push({ raw, plain: plainRow(raw) });
        if (block.length >= BLOCK_ROWS) await flush();
      },
      async (sheet) => {
        if (sheet.target) await flush();
        if (ws) ws.commit();
      }
    );
    const auditWs = workbook.addWorksheet("Audit");
    auditSheetRows(auditWs, audit(), true);
    auditWs.commit();
    await workbook.commit();
    fs.renameSync(temp, outFile);
    return [outFile];
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}
