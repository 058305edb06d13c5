/* global require */
// Reading a shipments table from .csv or .xlsx and writing it back with the checked columns and an
// audit record. xlsx files are edited in place (other sheets, styles and columns are kept): the
// checked columns are added to the shipments sheet (or refreshed when present) and an "Audit"
// sheet is (re)written. CSV gets a sidecar <out>.audit.csv.
import * as fs from "fs";
import * as path from "path";
import type ExcelJS from "exceljs";
import { detectDelimiter, parseCsv, toCsv } from "./csv";
import {
  Cell,
  OUTPUT_COLUMNS,
  errorText,
  headerKey,
  findHeaderRow,
  isBlankCell,
  matchHeaders,
  trimTrailingBlankRows,
} from "./shipments";
import { isExcelError } from "../functions/errors";
import { pickSheet, sheetRows } from "./sheet";

export type Format = "csv" | "xlsx";

export class InputError extends Error {}

export function formatOf(file: string): Format | null {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".csv" || ext === ".txt") return "csv";
  if (ext === ".xlsx") return "xlsx";
  return null;
}

export interface LoadedTable {
  format: Format;
  file: string;
  /** Every row of the sheet, cells normalised to plain values (text, number, boolean, ISO date text). */
  rows: Cell[][];
  /** Index in `rows` of the header row. */
  headerRow: number;
  headers: Cell[];
  /** Data rows (after the header, trailing blank rows dropped). */
  data: Cell[][];
  sheetName?: string;
  /** Formula cells in the columns the check writes (e.g. the pane's compliance formulas): replaced by values. */
  outputFormulas: number;
  workbook?: ExcelJS.Workbook;
  worksheet?: ExcelJS.Worksheet;
  delimiter?: string;
}

let excelModule: typeof ExcelJS | null = null;
function excel(): typeof ExcelJS {
  // Loaded on first use: a CSV check does not pay for exceljs.
  if (!excelModule) excelModule = require("exceljs") as typeof ExcelJS;
  return excelModule;
}

function tableFrom(
  rows: Cell[][],
  file: string
): { headerRow: number; headers: Cell[]; data: Cell[][] } {
  const headerRow = findHeaderRow(rows);
  if (headerRow < 0) {
    const first = rows.find((r) => r.some((c) => !isBlankCell(c))) ?? [];
    const m = matchHeaders(first);
    const found = first.map((h) => String(h ?? "").trim()).filter(Boolean);
    throw new InputError(
      `${path.basename(file)}: no header row with Chip and Destination columns in the first 20 rows ` +
        `(missing ${m.missing.join(", ") || "Chip, Destination"}; found ${found.length ? found.map((h) => `"${h}"`).join(", ") : "nothing"}).`
    );
  }
  return {
    headerRow,
    headers: rows[headerRow],
    data: trimTrailingBlankRows(rows.slice(headerRow + 1)),
  };
}

export async function readTable(file: string): Promise<LoadedTable> {
  const format = formatOf(file);
  if (!format)
    throw new InputError(
      `${file}: unsupported file type; use a .csv or .xlsx file (save .xls or .xlsm files as .xlsx).`
    );
  if (!fs.existsSync(file)) throw new InputError(`${file}: no such file.`);
  if (format === "csv") {
    const text = fs.readFileSync(file, "utf8");
    let rows: string[][];
    try {
      rows = parseCsv(text);
    } catch (error) {
      throw new InputError(`${path.basename(file)}: ${(error as Error).message}`);
    }
    const delimiter = detectDelimiter(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    return { format, file, rows, delimiter, outputFormulas: 0, ...tableFrom(rows, file) };
  }
  const workbook = new (excel().Workbook)();
  try {
    await workbook.xlsx.readFile(file);
  } catch (error) {
    throw new InputError(
      `${path.basename(file)}: not a readable .xlsx workbook (${(error as Error).message}).`
    );
  }
  const worksheet = pickSheet(workbook);
  if (!worksheet) throw new InputError(`${path.basename(file)}: the workbook has no sheets.`);
  const rows = sheetRows(worksheet);
  const table = tableFrom(rows, `${file} (sheet "${worksheet.name}")`);
  let outputFormulas = 0;
  const existing = matchHeaders(table.headers).outputs.filter((c) => c >= 0);
  for (let i = 0; i < table.data.length; i++) {
    const values = worksheet.getRow(table.headerRow + 2 + i).values as unknown[];
    for (const c of existing) {
      const v = values[c + 1];
      if (v !== null && typeof v === "object" && ("formula" in v || "sharedFormula" in v))
        outputFormulas++;
    }
  }
  return {
    format,
    file,
    rows,
    workbook,
    worksheet,
    sheetName: worksheet.name,
    outputFormulas,
    ...table,
  };
}

/** Where each output column goes: an existing column of that name, else appended after the last header. */
export function outputColumnIndexes(
  headers: readonly Cell[],
  extraColumns: readonly string[] = []
): number[] {
  const existing = matchHeaders(headers).outputs;
  for (const extra of extraColumns)
    existing.push(headers.findIndex((h) => headerKey(h) === headerKey(extra)));
  let next = headers.length;
  while (next > 0 && isBlankCell(headers[next - 1])) next--;
  return existing.map((i) => (i >= 0 ? i : next++));
}

/** H100-equivalents in CSV text: 4 decimals are plenty (1 unit of the smallest chip is ~0.01). */
function roundedNumber(v: Cell): Cell {
  return typeof v === "number" ? Number(v.toFixed(4)) : textValue(v);
}

function textValue(v: Cell): Cell {
  if (isExcelError(v)) return errorText(v);
  return v;
}

export type AuditRecord = [string, Cell][];

export interface WriteOptions {
  onProgress?: (done: number, total: number) => void | Promise<void>;
  /** Columns written after OUTPUT_COLUMNS (e.g. "Screening"), each line's values in that order. */
  extraColumns?: readonly string[];
}

/** Writes the table with its checked columns; returns the files written. */
export async function writeTable(
  table: LoadedTable,
  values: Cell[][],
  outFile: string,
  audit: AuditRecord,
  options: WriteOptions = {}
): Promise<string[]> {
  const outFormat = formatOf(outFile);
  if (!outFormat) throw new InputError(`${outFile}: the output must be a .csv or .xlsx file.`);
  const extra = options.extraColumns ?? [];
  const names = [...OUTPUT_COLUMNS, ...extra];
  const cols = outputColumnIndexes(table.headers, extra);
  fs.mkdirSync(path.dirname(path.resolve(outFile)), { recursive: true });
  if (outFormat === "csv") {
    const width = Math.max(table.headers.length, ...cols.map((c) => c + 1));
    const delimiter = table.format === "csv" ? (table.delimiter ?? ",") : ",";
    const header = padded(table.headers, width);
    cols.forEach((c, k) => (header[c] = names[k]));
    // Written in blocks of lines: a 100,000-row table never sits in memory as one string.
    const fd = fs.openSync(outFile, "w");
    try {
      let block: Cell[][] = [header];
      const flush = () => {
        fs.writeSync(fd, toCsv(block, delimiter));
        block = [];
      };
      for (let i = 0; i < table.data.length; i++) {
        const line = padded(table.data[i], width);
        const v = values[i];
        for (let k = 0; k < cols.length; k++) line[cols[k]] = k === 3 ? roundedNumber(v[k]) : v[k];
        for (let c = 0; c < width; c++)
          if (isExcelError(line[c])) line[c] = errorText(line[c] as { code: string });
        block.push(line);
        if (block.length >= 5000) flush();
        if (options.onProgress && i % 20000 === 19999)
          await options.onProgress(i + 1, table.data.length);
      }
      if (block.length) flush();
    } finally {
      fs.closeSync(fd);
    }
    const auditFile = auditPath(outFile);
    fs.writeFileSync(auditFile, toCsv([["Field", "Value"], ...audit], delimiter));
    if (options.onProgress) await options.onProgress(table.data.length, table.data.length);
    return [outFile, auditFile];
  }

  const Excel = excel();
  let workbook = table.workbook;
  let ws = table.worksheet;
  let headerRowNumber = table.headerRow + 1;
  if (!workbook || !ws) {
    workbook = new Excel.Workbook();
    ws = workbook.addWorksheet("Shipments", { views: [{ state: "frozen", ySplit: 1 }] });
    headerRowNumber = 1;
    ws.addRow(table.headers.map((h) => (h === undefined ? null : h)));
    for (const row of table.data)
      ws.addRow(row.map((c) => (isExcelError(c) ? errorText(c) : c === undefined ? null : c)));
    ws.getRow(1).font = { bold: true };
    table.headers.forEach((_, i) => (ws!.getColumn(i + 1).width = 14));
  }
  workbook.creator = workbook.creator || "EXPORTCTL";
  // Formulas elsewhere (a summary sheet counting the checked column) recalculate when Excel opens it.
  workbook.calcProperties = { ...(workbook.calcProperties ?? {}), fullCalcOnLoad: true };
  const headerRow = ws.getRow(headerRowNumber);
  const template = cols.length && table.headers.length ? headerRow.getCell(1) : null;
  cols.forEach((c, k) => {
    const cell = headerRow.getCell(c + 1);
    cell.value = names[k];
    if (template && template.style && Object.keys(template.style).length)
      cell.style = { ...template.style };
    else cell.font = { bold: true };
    ws!.getColumn(c + 1).width = [16, 12, 24, 16, 90][k] ?? 60;
  });
  const n = table.data.length;
  for (let i = 0; i < n; i++) {
    const row = ws.getRow(headerRowNumber + 1 + i);
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
    if (options.onProgress && i % 20000 === 19999) await options.onProgress(i + 1, n);
  }
  const old = workbook.worksheets.find((s) => s.name.trim().toLowerCase() === "audit");
  if (old) workbook.removeWorksheet(old.id);
  const auditSheet = workbook.addWorksheet("Audit");
  auditSheet.columns = [
    { header: "Field", key: "field", width: 28 },
    { header: "Value", key: "value", width: 100 },
  ];
  auditSheet.getRow(1).font = { bold: true };
  for (const [field, value] of audit) auditSheet.addRow([field, value as ExcelJS.CellValue]);
  await workbook.xlsx.writeFile(outFile);
  if (options.onProgress) await options.onProgress(n, n);
  return [outFile];
}

function padded(row: readonly Cell[], width: number): Cell[] {
  const out: Cell[] = new Array(width);
  for (let i = 0; i < width; i++) out[i] = row[i] === undefined ? null : row[i];
  return out;
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
