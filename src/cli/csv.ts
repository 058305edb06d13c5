// CSV as spreadsheets write it (RFC 4180): quoted fields, doubled quotes, commas and line breaks
// inside quotes, CRLF or LF, an optional UTF-8 BOM, and a comma or semicolon delimiter (Excel in
// many European locales saves with semicolons). No dependencies, no DOM: the CLI and the
// workbench both use it.

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

/** Parses CSV text into rows of strings. Blank lines are kept as [""] so row numbers stay true. */
export function parseCsv(text: string, options: CsvOptions = {}): string[][] {
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      // Copy the run up to the next quote in one go (long quoted explanations).
      const next = text.indexOf('"', i);
      if (next === -1)
        throw new Error(`CSV: a quoted field starting on line ${rows.length + 1} is never closed`);
      field += text.slice(i, next);
      i = next;
      continue;
    }
    if (c === '"' && field === "") {
      quoted = true;
      i++;
    } else if (c === delimiter) {
      row.push(field);
      field = "";
      i++;
    } else if (c === "\n" || c === "\r") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (quoted)
    throw new Error(`CSV: a quoted field starting on line ${rows.length + 1} is never closed`);
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** One field as CSV text: quoted when it holds the delimiter, a quote, a line break or edge spaces. */
export function csvField(value: unknown, delimiter = ","): string {
  if (value === null || value === undefined) return "";
  let text: string;
  if (typeof value === "boolean") text = value ? "TRUE" : "FALSE";
  else if (value instanceof Date) text = value.toISOString().slice(0, 10);
  else text = String(value);
  if (
    text.includes(delimiter) ||
    text.includes('"') ||
    text.includes("\n") ||
    text.includes("\r") ||
    /^\s|\s$/.test(text)
  ) {
    return '"' + text.replace(/"/g, '""') + '"';
  }
  return text;
}

/** Rows to CSV text with CRLF line ends (what Excel writes and reads). */
export function toCsv(rows: unknown[][], delimiter = ","): string {
  const out: string[] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const fields: string[] = new Array(row.length);
    for (let c = 0; c < row.length; c++) fields[c] = csvField(row[c], delimiter);
    out[r] = fields.join(delimiter);
  }
  return out.join("\r\n") + (rows.length ? "\r\n" : "");
}
