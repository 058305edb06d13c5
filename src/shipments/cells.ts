// Cell typing for shipment tables: what a cell of a CSV or a workbook means before a custom function
// sees it. Text numbers and dates are read in the file's locale when the user names one
// (`--locale de-DE`), else strictly: ISO dates, Excel date serials, and numbers without group
// separators. Anything that reads two ways ("2.000", "6/1/2025") is that row's error, never a guess,
// so the same file gives the same answer on every machine (DESIGN §3, numbers and dates in text).
// Pure: no DOM, no node I/O.
import { ExcelError, excelError, isExcelError } from "../functions/errors";

export type Cell = unknown;
export type Matrix = Cell[][];

export function isBlankCell(value: unknown): boolean {
  return (
    value === null || value === undefined || (typeof value === "string" && value.trim() === "")
  );
}

/** Drops trailing rows that are entirely blank (a final newline, formatted but empty sheet rows). */
export function trimTrailingBlankRows<T extends readonly unknown[]>(rows: T[]): T[] {
  let end = rows.length;
  while (end > 0 && rows[end - 1].every(isBlankCell)) end--;
  return end === rows.length ? rows : rows.slice(0, end);
}

/** An error cell as text: "#N/A: Unknown chip 'H1OO'. Did you mean H100?". */
export function errorText(value: { code: string; message?: string }): string {
  return value.message ? `${value.code}: ${value.message}` : value.code;
}

/** At most 60 characters of user input, for messages. */
export function quote(value: unknown): string {
  const text = String(value);
  return `'${text.length > 60 ? text.slice(0, 57) + "..." : text}'`;
}

/**
 * How numbers and dates are written in text cells. `null` locale: unknown, read strictly.
 * Built from Intl data for the locale, so any BCP 47 tag Intl knows works ("de-DE", "en-GB").
 */
export interface NumberLocale {
  tag: string;
  decimal: string;
  group: string;
  /**
   * Order of day, month and year in the locale's short date ("mdy", "dmy", "ymd"); null when only
   * the number convention is known.
   */
  dateOrder: "mdy" | "dmy" | "ymd" | null;
}

/** The locale's separators and date order; null when Intl does not know the tag. */
export function numberLocale(tag: string): NumberLocale | null {
  let canonical: string[];
  try {
    canonical = Intl.getCanonicalLocales(tag);
  } catch {
    return null;
  }
  if (!canonical.length || !Intl.NumberFormat.supportedLocalesOf(canonical).length) return null;
  const parts = new Intl.NumberFormat(canonical[0], { useGrouping: true }).formatToParts(1234567.5);
  const decimal = parts.find((p) => p.type === "decimal")?.value ?? ".";
  const group = parts.find((p) => p.type === "group")?.value ?? "";
  const order = new Intl.DateTimeFormat(canonical[0], {
    year: "numeric",
    month: "numeric",
    day: "numeric",
  })
    .formatToParts(new Date(Date.UTC(2025, 10, 22)))
    .filter((p) => p.type === "day" || p.type === "month" || p.type === "year")
    .map((p) => p.type[0])
    .join("");
  const dateOrder = order === "dmy" || order === "ymd" ? order : "mdy";
  return { tag: canonical[0], decimal, group, dateOrder };
}

/** "unknown: strict (...)" or "de-DE (...)": for messages and the audit record. */
export function localeLabel(locale: NumberLocale | null): string {
  return locale
    ? `${locale.tag} (decimal "${locale.decimal}", group "${locale.group.replace(/\s/, "space")}", dates ${locale.dateOrder ? locale.dateOrder.split("").join("/") : "YYYY-MM-DD only"})`
    : "unknown: strict (ISO dates, Excel date serials, numbers without group separators)";
}

const STRICT_NUMBER = /^[+-]?\d+(\.\d+)?$/;
// One dot or comma followed by exactly three digits: a grouped thousand or a decimal, by locale.
const TWO_WAY = /^[+-]?\d{1,3}([.,'\u00a0\u202f ]\d{3})+$/;
// Digits with group or decimal separators of any locale ("1,000", "1.234,5", "1 000", "1'000.5").
const SEPARATED = /^[+-]?\d[\d.,'\u00a0\u202f ]*\d$/;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A number written in text, or an ExcelError saying why it cannot be read. Without a locale only
 * plain numbers read ("-5", "1699", "2000.5"): one with a group separator or a decimal comma
 * ("1,000", "2.000", "1.234,5") reads differently by locale, so it is refused, naming the value and
 * --locale, never guessed (DESIGN §3).
 */
export function parseNumberText(
  text: string,
  locale: NumberLocale | null,
  name: string
): number | ExcelError {
  const t = text.trim();
  if (!locale) {
    if (TWO_WAY.test(t) || (SEPARATED.test(t) && !STRICT_NUMBER.test(t)))
      return excelError(
        "#VALUE!",
        `${name} ${quote(t)} has a group or decimal separator that reads differently by locale: pass --locale (e.g. --locale en-US or --locale de-DE) or write it without a group separator`
      );
    if (STRICT_NUMBER.test(t)) return Number(t);
    return excelError("#VALUE!", `${name} must be a number, got ${quote(t)}`);
  }
  const g =
    locale.group === "\u202f" || locale.group === "\u00a0"
      ? "[\u00a0\u202f ]"
      : escape(locale.group);
  const d = escape(locale.decimal);
  const grouped = new RegExp(`^[+-]?\\d{1,3}(${g}\\d{3})+(${d}\\d+)?$`);
  const plain = new RegExp(`^[+-]?\\d+(${d}\\d+)?$`);
  if (grouped.test(t) || (plain.test(t) && !TWO_WAY.test(t))) {
    const normal = t
      .split(locale.decimal)
      .map((part) => part.replace(/[^0-9+-]/g, ""))
      .join(".");
    return Number(normal);
  }
  if (TWO_WAY.test(t) || /^[+-]?\d+[.,]\d+$/.test(t))
    return excelError(
      "#VALUE!",
      `${name} ${quote(t)} is not a number in ${locale.tag} (decimal "${locale.decimal}", group "${locale.group}")`
    );
  return excelError("#VALUE!", `${name} must be a number, got ${quote(t)}`);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/**
 * A date written in text as ISO text ("2025-06-01"), an Excel date serial (a number), or an
 * ExcelError. ISO dates and serials read the same everywhere; "6/1/2025" needs a locale.
 */
export function parseDateText(
  text: string,
  locale: NumberLocale | null,
  name: string
): string | number | ExcelError {
  const t = text.trim();
  const isoMatch = ISO_DATE.exec(t);
  if (isoMatch) {
    const [y, m, d] = isoMatch.slice(1).map(Number);
    return validDate(y, m, d) ? t : excelError("#VALUE!", `${name} ${quote(t)} is not a date`);
  }
  // Time of day after an ISO date (a timestamp column): the calendar date is what counts.
  const stamp = /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
    t
  );
  if (stamp) return parseDateText(stamp[1], locale, name);
  if (/^\d{1,6}(\.\d+)?$/.test(t)) return Number(t); // an Excel serial, as a date cell saved to CSV
  const parts = /^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})$/.exec(t);
  if (parts && locale?.dateOrder) {
    const [a, b, c] = parts.slice(1).map(Number);
    const [y, m, d] =
      locale.dateOrder === "ymd" ? [a, b, c] : locale.dateOrder === "dmy" ? [c, b, a] : [c, a, b];
    if (String(y).length !== 4)
      return excelError("#VALUE!", `${name} ${quote(t)}: write the year with four digits`);
    if (!validDate(y, m, d))
      return excelError("#VALUE!", `${name} ${quote(t)} is not a date in ${locale.tag}`);
    return iso(y, m, d);
  }
  if (parts)
    return excelError(
      "#VALUE!",
      `${name} ${quote(t)} reads as different dates in different locales; give --locale (e.g. en-US or en-GB) or write it as ${"YYYY-MM-DD"}`
    );
  return excelError("#VALUE!", `${name} must be a date (YYYY-MM-DD), got ${quote(t)}`);
}

/** What a text cell of a column means: quantities and dates are typed, other text is left as it is. */
export function typeCell(
  value: Cell,
  kind: "number" | "date" | "text",
  locale: NumberLocale | null,
  name: string
): Cell {
  if (typeof value !== "string" || kind === "text" || isBlankCell(value)) return value;
  return kind === "number"
    ? parseNumberText(value, locale, name)
    : parseDateText(value, locale, name);
}

/**
 * A cell of a column the check does not read, typed for an xlsx written from CSV text: a plain
 * number (no leading zeros, which part numbers and postal codes carry) becomes a number so Excel
 * can sum it; anything else stays text.
 */
export function plainNumber(value: Cell, locale: NumberLocale | null): Cell {
  if (typeof value !== "string") return value;
  const t = value.trim();
  if (!/^-?(0|[1-9]\d{0,14})([.,]\d+)?$/.test(t)) return value;
  const n = parseNumberText(t, locale, "");
  return typeof n === "number" && Number.isFinite(n) ? n : value;
}

export { isExcelError };
