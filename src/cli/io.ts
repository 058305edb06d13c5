/* global TextDecoder, Buffer, NodeJS */
// Reading a shipments table from .csv or .xlsx and writing it back with the checked columns and an
// audit record. CSV streams: a first pass finds the header, the table's width and (with consignees)
// the cells LEDGER needs; the second reads, checks and writes a block of rows at a time, to a
// temporary file renamed into place with its audit sidecar. Title rows above the header, cells
// beside the table, blank rows and the UTF-8 byte order mark are kept. Workbooks: xlsx.ts.
import * as fs from "fs";
import * as path from "path";
import {
  Cell,
  CsvParser,
  CsvSyntaxError,
  csvField,
  csvTextForm,
  findHeaderRow,
  isBlankCell,
} from "../shipments";
import { AtomicFile, InputError } from "./files";
import {
  AuditRecord,
  BLOCK_ROWS,
  BlockChecker,
  Format,
  LedgerCells,
  LoadedTable,
  ReadOptions,
  ReadResult,
  SMALL_BLOCK_ROWS,
  WriteOptions,
  formatOf,
  lastFilled,
  noHeader,
  outputColumnIndexes,
  outputColumnNames,
  padded,
  resultText,
  textOf,
} from "./table";
import { readXlsx, writeXlsxInPlace, writeXlsxStream, writeXlsxStreamed } from "./xlsx";

export * from "./table";

export { InputError };
/** Yields the records of a UTF-8 CSV file in blocks; refuses text that is not UTF-8. */
async function* csvBlocks(
  file: string,
  onParser?: (p: CsvParser) => void,
  chunkBytes = 1 << 20
): AsyncGenerator<string[][]> {
  const parser = new CsvParser();
  if (onParser) onParser(parser);
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  const stream = fs.createReadStream(file, { highWaterMark: chunkBytes });
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
  let ledger: LedgerCells | null = null;
  let parser: CsvParser | null = null;
  // Small chunks: a chunk's records are read and dropped before the young generation is
  // collected, so the first pass leaves no garbage behind for the heap to grow on.
  for await (const block of csvBlocks(file, (p) => (parser = p), 64 << 10)) {
    for (const record of block) {
      if (headerRow < 0) {
        head.push(record);
        const found = findHeaderRow(head);
        if (found >= 0) {
          headerRow = found;
          headers = head[found];
          width = lastFilled(headers);
          const roles = options.ledgerColumns ? options.ledgerColumns(headers) : null;
          if (roles) ledger = new LedgerCells(roles);
        } else if (head.length >= 20) throw noHeader(name, head);
        continue;
      }
      dataRecords++;
      const w = lastFilled(record);
      if (w > 0) {
        dataRows = dataRecords;
        if (w > width) width = w;
      }
      if (ledger) (ledger as LedgerCells).push(record);
    }
  }
  if (headerRow < 0) throw noHeader(name, head);
  if (ledger) (ledger as LedgerCells).truncate(dataRows);
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
    async *blocks(rows = BLOCK_ROWS) {
      let seen = 0;
      let out: Cell[][] = [];
      // Chunks of text about as large as a block's rows, so a chunk's records are not all kept
      // while its first blocks are checked.
      const chunk = rows < BLOCK_ROWS ? 16 << 10 : 1 << 20;
      for await (const block of csvBlocks(file, undefined, chunk)) {
        for (const record of block) {
          if (seen++ <= headerRow) continue;
          out.push(record);
          if (out.length >= rows) {
            yield out;
            out = [];
          }
        }
      }
      if (out.length) yield out;
    },
  };
  return { table, ledger };
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

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** H100-equivalents in CSV text: 4 decimals are plenty (1 unit of the smallest chip is ~0.01). */
function rounded(v: Cell): Cell {
  return typeof v === "number" ? Number(v.toFixed(4)) : resultText(v);
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
  const cols = outputColumnIndexes(table.headers, table.width, options.extraColumns);
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
    const names = outputColumnNames(options);
    cols.forEach((c, k) => (header[c] = names[k]));
    out.write(line(header));
    // Which checked value (by its index in the output columns) each field takes, -1 for the row's own.
    const checkedAt = new Int32Array(width).fill(-1);
    cols.forEach((c, k) => (checkedAt[c] = k));
    // The delimiter as one byte (",", ";" or a tab; anything else is written as text).
    const delimiterCode =
      delimiter.length === 1 && delimiter.charCodeAt(0) < 0x80 ? delimiter.charCodeAt(0) : -1;
    // A field straight into the file's buffer: a text that needs quotes but holds none (an
    // explanation) is copied between two quote characters, with no quoted copy of it made.
    const field = (value: Cell) => {
      const v = textOf(value);
      const form = typeof v === "string" ? csvTextForm(v, delimiter, decimal) : 2;
      if (form === 0) out.write(v as string);
      else if (form === 1) {
        out.byte(QUOTE);
        out.write(v as string);
        out.byte(QUOTE);
      } else out.write(csvField(v, delimiter, decimal));
    };
    // H100 equivalents as written, by value (a few thousand values over a million rows).
    const h100Texts = new Map<unknown, string>();
    const h100 = (v: Cell) => {
      let text = h100Texts.get(v);
      if (text === undefined) {
        text = csvField(rounded(v), delimiter, decimal);
        if (h100Texts.size >= 50_000) h100Texts.clear();
        if (typeof v === "number") h100Texts.set(v, text);
      }
      out.write(text);
    };
    let done = 0;
    const write = (block: Cell[][], values: Cell[][]) => {
      // Each line goes to the file's buffer field by field: no string of it, nor of the block.
      for (let i = 0; i < block.length; i++) {
        const row = block[i];
        const v = values[i];
        // A blank line of the input stays one empty line.
        if (!(row.length <= 1 && isBlankCell(row[0]) && v.every((x) => x === ""))) {
          const n = Math.max(width, row.length);
          for (let c = 0; c < n; c++) {
            if (c) {
              if (delimiterCode >= 0) out.byte(delimiterCode);
              else out.write(delimiter);
            }
            const k = c < width ? checkedAt[c] : -1;
            if (k < 0) {
              const cell = row[c];
              if (cell !== undefined && cell !== null && cell !== "") field(cell);
            } else if (k === 3) h100(v[k]);
            else field(resultText(v[k]));
          }
        }
        out.byte(CR);
        out.byte(LF);
      }
    };
    // Up to `inFlight` blocks are being checked while the next is read; written in order.
    const inFlight = Math.max(1, options.inFlight ?? 1);
    const pending: { block: Cell[][]; values: Promise<Cell[][]> }[] = [];
    const next = async () => {
      const { block, values } = pending.shift()!;
      write(block, await values);
      done += block.length;
      if (options.onProgress) await options.onProgress(done, table.dataRecords);
    };
    let read = 0;
    // One thread: small blocks, each checked and written while its rows are young (table.ts).
    for await (const block of table.blocks(inFlight > 1 ? BLOCK_ROWS : SMALL_BLOCK_ROWS)) {
      const values = check(block, read);
      // Awaited in turn below; a failure of a later block must not go unhandled meanwhile.
      values.catch(() => undefined);
      pending.push({ block, values });
      read += block.length;
      if (pending.length >= inFlight) await next();
    }
    while (pending.length) await next();
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
