// CSV as spreadsheets write it (RFC 4180): quoted fields, doubled quotes, delimiters and line
// breaks inside quotes, CRLF or LF, an optional UTF-8 BOM, and a comma, semicolon or tab delimiter
// (Excel in many European locales saves with semicolons). The parser takes text in chunks, so a
// file of any size streams through it; parseCsv is the one-shot form. Writing neutralises cells a
// spreadsheet would run as formulas (OWASP CSV injection). No dependencies, no DOM: the command
// line and the workbench both use it.

export interface CsvOptions {
  /** Field delimiter; default: detected from the first line (",", ";" or tab). */
  delimiter?: string;
}

/** The delimiter of a CSV text: the most frequent of , ; and tab outside quotes on the first line. */
export function detectDelimiter(text: string): string {
  const counts: Record<string, number> = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === "\n" || c === "\r")) break;
    else if (!quoted && c in counts) counts[c]++;
  }
  let best = ",";
  for (const d of [";", "\t"]) if (counts[d] > counts[best]) best = d;
  return best;
}

export class CsvSyntaxError extends Error {}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * An incremental RFC 4180 parser: push() text as it arrives, get the complete records back; end()
 * returns the last one. Blank lines are records of one empty field ([""]), so record numbers stay
 * those of the file. The delimiter is detected from the first line unless given.
 */
export class CsvParser {
  private delimiter: string | undefined;
  private row: string[] = [];
  private field = "";
  private quoted = false;
  /** The previous chunk ended inside a quoted field on a quote: it may be the first of a pair. */
  private pendingQuote = false;
  /** The previous chunk ended on CR: a LF starting the next one belongs to it. */
  private pendingCR = false;
  private started = false;
  private head = "";
  /** Records completed so far (for messages). */
  records = 0;
  /** The file started with a UTF-8 byte order mark. */
  bom = false;

  constructor(options: CsvOptions = {}) {
    this.delimiter = options.delimiter;
  }

  /** The delimiter in use (after the first line has been seen). */
  get detected(): string {
    return this.delimiter ?? ",";
  }

  push(chunk: string): string[][] {
    if (!this.started) {
      // Wait for the first line end (or enough text) to detect the delimiter.
      this.head += chunk;
      if (!/[\r\n]/.test(this.head) && this.head.length < 65536) return [];
      this.started = true;
      chunk = this.head;
      this.head = "";
      if (chunk.charCodeAt(0) === 0xfeff) {
        this.bom = true;
        chunk = chunk.slice(1);
      }
      if (this.delimiter === undefined) this.delimiter = detectDelimiter(chunk);
    }
    return this.parse(chunk);
  }

  end(): string[][] {
    const out: string[][] = [];
    if (!this.started) {
      this.started = true;
      let chunk = this.head;
      this.head = "";
      if (chunk.charCodeAt(0) === 0xfeff) {
        this.bom = true;
        chunk = chunk.slice(1);
      }
      if (this.delimiter === undefined) this.delimiter = detectDelimiter(chunk);
      out.push(...this.parse(chunk));
    }
    if (this.pendingQuote) {
      this.pendingQuote = false;
      this.quoted = false;
    }
    if (this.quoted)
      throw new CsvSyntaxError(
        `a quoted field starting in record ${this.records + 1} is never closed`
      );
    if (this.field !== "" || this.row.length > 0) {
      this.row.push(this.field);
      out.push(this.row);
      this.records++;
      this.row = [];
      this.field = "";
    }
    return out;
  }

  private parse(text: string): string[][] {
    const rows: string[][] = [];
    const delimiter = this.delimiter as string;
    let i = 0;
    const n = text.length;
    if (this.pendingCR) {
      this.pendingCR = false;
      if (text[0] === "\n") i = 1;
    }
    if (this.pendingQuote) {
      this.pendingQuote = false;
      if (text[0] === '"') {
        this.field += '"';
        i = Math.max(i, 1);
      } else this.quoted = false;
    }
    let field = this.field;
    let row = this.row;
    let quoted = this.quoted;
    // Characters compared by code (no one-character string per character read); a delimiter of
    // several characters matches no single character, as before.
    const dl = delimiter.length === 1 ? delimiter.charCodeAt(0) : -1;
    while (i < n) {
      if (quoted) {
        const next = text.indexOf('"', i);
        if (next === -1) {
          field += text.slice(i);
          i = n;
          break;
        }
        field += text.slice(i, next);
        if (next + 1 >= n) {
          this.pendingQuote = true;
          i = n;
          break;
        }
        if (text[next + 1] === '"') {
          field += '"';
          i = next + 2;
        } else {
          quoted = false;
          i = next + 1;
        }
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === QUOTE && field === "") {
        quoted = true;
        i++;
      } else if (c === dl) {
        row.push(field);
        field = "";
        i++;
      } else if (c === LF || c === CR) {
        row.push(field);
        rows.push(row);
        this.records++;
        row = [];
        field = "";
        if (c === CR) {
          if (i + 1 >= n) this.pendingCR = true;
          else if (text.charCodeAt(i + 1) === LF) i++;
        }
        i++;
      } else {
        // Copy the run up to the next special character in one go.
        let j = i + 1;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === dl || d === LF || d === CR || d === QUOTE) break;
          j++;
        }
        field += text.slice(i, j);
        i = j;
      }
    }
    this.field = field;
    this.row = row;
    this.quoted = quoted;
    return rows;
  }
}

/** Parses CSV text into rows of strings. Blank lines are kept as [""] so row numbers stay true. */
export function parseCsv(text: string, options: CsvOptions = {}): string[][] {
  const parser = new CsvParser(options);
  const rows = parser.push(text);
  for (const r of parser.end()) rows.push(r);
  return rows;
}

/**
 * Would a spreadsheet run this text as a formula when it opens the CSV? (OWASP CSV injection:
 * a leading =, +, -, @, tab or carriage return.) Plain numbers ("-5", "+3.5", "-1.234,5" in a
 * comma-decimal locale) are data, not formulas.
 */
export function isFormulaLike(text: string, decimal = "."): boolean {
  const c = text.charCodeAt(0);
  // = + - @ TAB CR
  if (c !== 61 && c !== 43 && c !== 45 && c !== 64 && c !== 9 && c !== 13) return false;
  if ((c === 43 || c === 45) && (decimal === "," ? SIGNED_COMMA : SIGNED_POINT).test(text))
    return false;
  return true;
}
const SIGNED_POINT = /^[+-]\d+(?:[.,'\u00a0 ]\d{3})*(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const SIGNED_COMMA = /^[+-]\d+(?:[.,'\u00a0 ]\d{3})*(?:,\d+)?(?:[eE][+-]?\d+)?$/;

/** Text that must be quoted in a CSV field: a quote, a line break, or space at either end. */
const NEEDS_QUOTES = /["\n\r]|^\s|\s$/;

/** One field as CSV text: quoted when it holds the delimiter, a quote, a line break or edge spaces; formula-like text neutralised with a leading apostrophe. */
export function csvField(value: unknown, delimiter = ",", decimal = "."): string {
  if (value === null || value === undefined) return "";
  let text: string;
  if (typeof value === "string") {
    if (value === "") return "";
    text = isFormulaLike(value, decimal) ? "'" + value : value;
  } else if (typeof value === "boolean") text = value ? "TRUE" : "FALSE";
  else if (typeof value === "number") {
    text = String(value);
    if (decimal !== ".") text = text.replace(".", decimal);
  } else if (value instanceof Date) text = value.toISOString().slice(0, 10);
  else {
    text = String(value);
    if (text && isFormulaLike(text, decimal)) text = "'" + text;
  }
  if (text.includes(delimiter) || NEEDS_QUOTES.test(text))
    return '"' + text.replace(/"/g, '""') + '"';
  return text;
}

/**
 * How csvField writes a text: 0 as it is, 1 between quotes as it is (it holds no quote to double),
 * 2 otherwise (a formula to neutralise, quotes to double: call csvField). A writer copies a long
 * text (an explanation) without building its quoted copy.
 */
export function csvTextForm(text: string, delimiter = ",", decimal = "."): 0 | 1 | 2 {
  if (text === "") return 0;
  if (isFormulaLike(text, decimal)) return 2;
  if (text.includes(delimiter) || NEEDS_QUOTES.test(text)) return text.includes('"') ? 2 : 1;
  return 0;
}

/** Rows to CSV text with CRLF line ends (what Excel writes and reads). */
export function toCsv(rows: unknown[][], delimiter = ",", decimal = "."): string {
  const out: string[] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const fields: string[] = new Array(row.length);
    for (let c = 0; c < row.length; c++) fields[c] = csvField(row[c], delimiter, decimal);
    out[r] = fields.join(delimiter);
  }
  return out.join("\r\n") + (rows.length ? "\r\n" : "");
}
