// Workbooks: an .xlsx up to about a million cells is edited in memory (other sheets, styles and
// columns kept); a larger one is read with exceljs's streaming reader and written with its
// streaming writer. A CSV written as .xlsx streams out with its numbers and dates typed. Every
// workbook is inspected (its zip directory) before anything is inflated.
import * as fs from "fs";
import * as path from "path";
import type ExcelJS from "exceljs";
import {
  Cell,
  NumberLocale,
  Role,
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
import { InputError, XLSX_LIMITS, guardXlsx, tempPathFor } from "./files";
import {
  AuditRecord,
  BLOCK_ROWS,
  BlockChecker,
  LedgerCells,
  LoadedTable,
  OUTPUT_WIDTHS,
  ReadOptions,
  ReadResult,
  WriteOptions,
  excel,
  lastFilled,
  noHeader,
  outputColumnNames,
  padded,
  resultText,
  textOf,
} from "./table";

export async function readXlsx(file: string, options: ReadOptions): Promise<ReadResult> {
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
  let ledger: LedgerCells | null = null;
  const idx = options.ledgerColumns ? options.ledgerColumns(headers) : null;
  if (idx) {
    ledger = new LedgerCells(idx);
    for (let i = 0; i < dataRows; i++) ledger.push(data[i]);
  }
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
  return { table, ledger };
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

export async function writeXlsxStream(
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
    cols.forEach((c, k) => (ws.getColumn(c + 1).width = OUTPUT_WIDTHS[k] ?? 60));
    for (const row of table.titleRows) ws.addRow(row.map((v) => (v === "" ? null : v))).commit();
    const header = padded(table.headers, width);
    cols.forEach((c, k) => (header[c] = outputColumnNames(options)[k]));
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
        cols.forEach((c, k) => (cells[c] = resultText(v[k]) === "" ? null : resultText(v[k])));
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

export async function writeXlsxInPlace(
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
    cell.value = outputColumnNames(options)[k];
    if (template && template.style && Object.keys(template.style).length)
      cell.style = { ...template.style };
    else cell.font = { bold: true };
    ws.getColumn(c + 1).width = OUTPUT_WIDTHS[k] ?? 60;
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
  let ledger: LedgerCells | null = null;
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
            const roles = options.ledgerColumns ? options.ledgerColumns(headers) : null;
            if (roles) ledger = new LedgerCells(roles);
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
        if (ledger) (ledger as LedgerCells).push(row);
      }
    );
  } catch (error) {
    if (error instanceof InputError) throw new InputError(`${name}: ${error.message}`);
    throw new InputError(`${name}: not a readable .xlsx workbook (${(error as Error).message}).`);
  }
  if (!sheetName) throw new InputError(`${name}: the workbook has no sheets.`);
  if (headerRow < 0) throw noHeader(`${name} (sheet "${sheetName}")`, head);
  if (ledger) (ledger as LedgerCells).truncate(dataRows);
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
  return { table, ledger };
}

/** A cell of a streamed sheet as the streaming writer takes it (shared formulas by their result). */
function copyable(v: unknown): ExcelJS.CellValue {
  if (v === undefined) return null;
  if (v !== null && typeof v === "object" && "sharedFormula" in v)
    return ((v as { result?: unknown }).result ?? null) as ExcelJS.CellValue;
  return v as ExcelJS.CellValue;
}

export async function writeXlsxStreamed(
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
          cells[c] = (x === "" || x === undefined ? null : resultText(x)) as ExcelJS.CellValue;
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
          cols.forEach((c, k) => (header[c] = outputColumnNames(options)[k]));
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
