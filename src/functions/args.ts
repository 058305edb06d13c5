// Argument types, declared once and coerced centrally (HyperFormula style). Each type turns one
// cell value into what the rules module takes, or throws an ArgumentError whose message names the
// argument and quotes the value. Values arrive as Excel really sends them (DESIGN §3): an empty
// cell is null (Excel on the web) or 0 (Excel desktop), a data type (a Geography cell) is an object
// read by its display text, an error cell is an error object. Resolutions of text are cached by raw
// value, because a shipment table repeats the same few names thousands of times.
import {
  isRegimeId,
  parseDate,
  resolveChip,
  resolveCountry,
  resolveItem,
  ruleParts,
} from "../rules";
import type { Chip, Country, IsoDate, Item, RegimeId, Resolved } from "../rules";
import { describeChar, fold, quote } from "../rules/fold";
import { EARLIEST_AS_OF } from "../settings/settings";
import { workbookFormat } from "../settings/workbook-format";
import { ArgumentError, isExcelError } from "./errors";

export type Cell = unknown;

export interface ArgType<T> {
  /** Turns a non-blank cell into the value, or throws an ArgumentError naming `name`. */
  coerce(value: Cell, name: string): T;
  /** What counts as an empty cell for this type (0 where text or a date is expected). */
  blank(value: Cell): boolean;
}

/** Empty cells and omitted arguments: Excel passes null or undefined, ranges give "". */
export function isBlank(value: Cell): boolean {
  return (
    value === null ||
    value === undefined ||
    value === "" ||
    (typeof value === "string" && value.trim() === "")
  );
}

/** Blank where text or a date is expected: also 0, which Excel desktop sends for an empty cell. */
export function isBlankText(value: Cell): boolean {
  return value === 0 || isBlank(value);
}

/**
 * One cell as the functions read it: an Excel data type by its display text (an entity, a
 * Geography cell) or its basic value (a formatted number); an error cell stays an error value;
 * anything else as it is.
 */
export function plainCell(value: Cell): Cell {
  if (value === null || typeof value !== "object" || isExcelError(value)) return value;
  const v = value as { type?: unknown; text?: unknown; basicValue?: unknown };
  if (typeof v.type !== "string") return value;
  if (v.type === "Empty") return null;
  if (v.type === "Error") return { code: String(v.basicValue ?? "#VALUE!"), message: "" };
  if (typeof v.text === "string") return v.text;
  const b = v.basicValue;
  if (typeof b === "string" || typeof b === "number" || typeof b === "boolean") {
    // An entity's basic value is "#VALUE!": it has no value of its own besides its text.
    if (typeof b === "string" && /^#[A-Z/0!?]+$/.test(b) && v.type !== "String") return value;
    return b;
  }
  return value;
}

/** The value as a message quotes it: at most 60 characters of text. */
export function show(value: Cell): string {
  if (typeof value === "string") return `'${quote(value)}'`;
  if (isExcelError(value)) return `an error value (${value.code})`;
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object" && value !== null) return "a data type without display text";
  return Object.is(value, -0) ? "0" : String(value);
}

const MAX_CACHE = 20000;
function cached<T>(resolve: (text: string) => Resolved<T>): (text: string) => Resolved<T> {
  const cache = new Map<string, Resolved<T>>();
  return (text) => {
    let hit = cache.get(text);
    if (hit === undefined) {
      if (cache.size >= MAX_CACHE) cache.clear();
      hit = resolve(text);
      cache.set(text, hit);
    }
    return hit;
  };
}

const cachedItem = cached(resolveItem);
const cachedChip = cached(resolveChip);
const cachedCountry = cached(resolveCountry);
const cachedDate = cached((text: string) => parseDate(text));
const serialDates = new Map<number, Resolved<IsoDate>>();
/** Date serials repeat down a shipment table: parse each once. */
function cachedSerial(serial: number): Resolved<IsoDate> {
  let hit = serialDates.get(serial);
  if (hit === undefined) {
    if (serialDates.size >= MAX_CACHE) serialDates.clear();
    hit = parseDate(serial);
    serialDates.set(serial, hit);
  }
  return hit;
}

function text(value: Cell, name: string, what: string): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  throw new ArgumentError("#VALUE!", `${name} must be ${what} text, got ${show(value)}`);
}

// One error per failed resolution and argument: a table that repeats a typo thousands of times
// rethrows the same error (and so returns the same error value) instead of building each anew.
const failures = new WeakMap<object, Map<string, ArgumentError>>();

/** A refused text (another script, far too long) is #VALUE!; an unknown or ambiguous name #N/A. */
function unwrap<T>(resolved: Resolved<T>, name: string): T {
  if (resolved.ok) return resolved.value;
  let byName = failures.get(resolved);
  if (!byName) failures.set(resolved, (byName = new Map()));
  let error = byName.get(name);
  if (!error) {
    error = resolved.refused
      ? new ArgumentError("#VALUE!", `${name}: ${resolved.message}`)
      : new ArgumentError("#N/A", resolved.message);
    byName.set(name, error);
  }
  throw error;
}

// ---------------------------------------------------------------------------------------------
// Numbers typed as text follow the workbook's number format (Application.cultureInfo).

const SPACES = " \u00a0\u202f";
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A whole number written in groups of three: "2.000", "1,700", "1 000 000", "12'500". */
const GROUPED_WHOLE = /^[-+]?[1-9]\d{0,2}(?:([.,'\u00a0\u202f ])\d{3})(?:\1\d{3})*$/;
const PLAIN = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
const DIGITS = /^\d{1,15}$/;

const patterns = new Map<string, { grouped: RegExp; plain: RegExp; group: RegExp; dec: string }>();
function localePatterns(dec: string, group: string) {
  const id = dec + "|" + group;
  let p = patterns.get(id);
  if (!p) {
    const g = SPACES.includes(group) && group ? `[${SPACES}]` : escape(group);
    const d = escape(dec);
    p = {
      grouped: new RegExp(`^[-+]?\\d{1,3}(?:${g}\\d{3})+(?:${d}\\d+)?$`),
      plain: new RegExp(`^[-+]?(?:\\d+(?:${d}\\d*)?|${d}\\d+)(?:e[-+]?\\d+)?$`, "i"),
      group: new RegExp(g, "g"),
      dec,
    };
    patterns.set(id, p);
  }
  return p;
}

/**
 * A number, also when typed as text: plain ("25", "1.5e3"), or with the workbook's separators
 * ("1,700.5" under en-US, "2.000,5" under de-DE). Text that reads differently under another
 * locale ("2.000": two or two thousand) is refused with the reason instead of guessed.
 */
export function readNumber(value: Cell): number | { refused: string } | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "string") return null;
  const t = value.trim();
  if (t === "") return null;
  if (DIGITS.test(t)) return Number(t); // "100": the same in every locale
  const nf = workbookFormat().numberFormat;
  if (nf && nf.decimalSeparator) {
    const p = localePatterns(nf.decimalSeparator, nf.groupSeparator);
    let normal: string | null = null;
    if (nf.groupSeparator && p.grouped.test(t)) normal = t.replace(p.group, "");
    // "2.000" under en-US: a decimal in form, a thousands number to most of Europe.
    else if (GROUPED_WHOLE.test(t))
      return {
        refused: `is written with a group separator that is not this workbook's (${describeSeparators(nf)})`,
      };
    else if (p.plain.test(t)) normal = t;
    if (normal === null) return null;
    const n = Number(p.dec === "." ? normal : normal.split(p.dec).join("."));
    return Number.isFinite(n) ? n : null;
  }
  if (GROUPED_WHOLE.test(t))
    return {
      refused:
        "is written with a group separator, and this workbook's number format is unknown: type the number without separators",
    };
  if (!PLAIN.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

function describeSeparators(nf: { decimalSeparator: string; groupSeparator: string }): string {
  const name = (s: string) =>
    s === "," ? "comma" : s === "." ? "point" : SPACES.includes(s) ? "space" : `'${s}'`;
  return `decimal ${name(nf.decimalSeparator)}, groups ${nf.groupSeparator ? name(nf.groupSeparator) : "none"}`;
}

/** A number, also when typed as text; null when it is none (see readNumber). */
export function toNumber(value: Cell): number | null {
  const n = readNumber(value);
  return typeof n === "number" ? n : null;
}

export function boundedNumber(
  label: string,
  opts: { whole?: boolean; min: number; max: number; blank?: (v: Cell) => boolean }
): ArgType<number> {
  return {
    blank: opts.blank ?? isBlank,
    coerce(value, name) {
      const n = readNumber(value);
      if (n !== null && typeof n === "object")
        throw new ArgumentError("#VALUE!", `${name} ${show(value)} ${n.refused}`);
      if (n === null || n < opts.min || n > opts.max || (opts.whole && !Number.isInteger(n))) {
        throw new ArgumentError("#VALUE!", `${name} must be ${label}, got ${show(value)}`);
      }
      return n === 0 ? 0 : n; // never -0
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Dates: serials of the workbook's date system, ISO text; nothing before 2000.

/** Days from 1900-01-00 to 1904-01-01 in Excel's 1900 count: a 1904 serial plus this is a 1900 serial. */
const DAYS_1904 = 1462;
/** No AI-chip rule predates this: an earlier date is a number or year typed where a date belongs. */
export const EARLIEST_DATE: IsoDate = EARLIEST_AS_OF;

/**
 * Text in the workbook's short date format ("6/1/2025" under M/d/yyyy, "01.06.2025" under
 * dd.MM.yyyy) as ISO text, or null. A two-digit year is not read: "1/6/25" could be either century.
 */
export function shortDate(text: string, pattern: string | null | undefined): string | null {
  if (!pattern) return null;
  const order = pattern.match(/d+|M+|y+/g);
  const parts = text.split(/[/.\-\s]+/);
  if (!order || order.length !== 3 || parts.length !== 3 || !parts.every((p) => /^\d+$/.test(p)))
    return null;
  let y = "";
  let m = "";
  let d = "";
  order.forEach((token, i) => {
    if (token[0] === "y") y = parts[i];
    else if (token[0] === "M") m = parts[i];
    else d = parts[i];
  });
  if (y.length !== 4 || m.length > 2 || d.length > 2) return null;
  return `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
}

/** A date cell's serial, ISO text or text in the workbook's short date format as a date, or the reason it is refused. */
export function readDate(value: Cell, name: string): IsoDate {
  let resolved: Resolved<IsoDate>;
  if (typeof value === "number") {
    const serial = workbookFormat().date1904 ? value + DAYS_1904 : value;
    resolved = cachedSerial(serial);
  } else if (typeof value === "string") {
    const t = value.trim();
    resolved = cachedDate(t);
    if (!resolved.ok) {
      const iso = shortDate(t, workbookFormat().shortDatePattern);
      if (iso) resolved = cachedDate(iso);
    }
  } else throw new ArgumentError("#VALUE!", `${name} must be a date, got ${show(value)}`);
  if (!resolved.ok)
    throw new ArgumentError(
      "#VALUE!",
      `${name} must be a date (a date cell or text like 2025-06-01), got ${show(value)}`
    );
  if (resolved.value < EARLIEST_DATE)
    throw new ArgumentError(
      "#VALUE!",
      `${name} ${show(value)} reads as ${resolved.value}: dates before ${EARLIEST_DATE} are refused (a year or a number where a date belongs?)`
    );
  return resolved.value;
}

// ---------------------------------------------------------------------------------------------
// The types.

// Regime ids as typed without punctuation ("Diffusion 2025"), from the rules' one registry.
const REGIME_KEYS = new Map(ruleParts.REGIME_IDS.map((id) => [id.replace(/[^a-z0-9]/g, ""), id]));

function textType<T>(coerce: (value: Cell, name: string) => T): ArgType<T> {
  return { coerce, blank: isBlankText };
}

export const Types = {
  /** A catalog chip or an ECCN the user already knows. */
  item: textType((value, name): Item =>
    unwrap(cachedItem(text(value, name, "a chip name or ECCN as")), name)
  ),

  /** A catalog chip (no ECCN: its figures are needed). */
  chip: textType((value, name): Chip => {
    const resolved = cachedChip(text(value, name, "a chip name as"));
    if (!resolved.ok && !resolved.refused && cachedItem(String(value)).ok) {
      throw new ArgumentError(
        "#VALUE!",
        `${name} must be a catalog chip, not an ECCN (${show(value)}): its figures are needed`
      );
    }
    return unwrap(resolved, name);
  }),

  /** A catalog chip, or a number read as TPP per unit. */
  chipOrTpp: {
    blank: isBlank,
    coerce(value: Cell, name: string): number {
      if (typeof value === "number") {
        if (!Number.isFinite(value) || value < 0 || value > 1e9)
          throw new ArgumentError(
            "#VALUE!",
            `${name} as a number is TPP per unit and must be between 0 and 1e9, got ${show(value)}`
          );
        return value === 0 ? 0 : value;
      }
      const chip = Types.chip.coerce(value, name);
      if (chip.tpp === null)
        throw new ArgumentError("#N/A", `The TPP of ${chip.name} is not published`);
      return chip.tpp;
    },
  } as ArgType<number>,

  country: textType((value, name): Country =>
    unwrap(cachedCountry(text(value, name, "a country code or name as")), name)
  ),

  regime: textType((value, name): RegimeId => {
    const folded = typeof value === "string" ? fold(value) : null;
    const id = folded?.ok ? REGIME_KEYS.get(folded.key) : undefined;
    if (id && isRegimeId(id)) return id;
    throw new ArgumentError(
      "#VALUE!",
      `${name} must be one of ${ruleParts.REGIME_IDS.join(", ")}; got ${show(value)}`
    );
  }),

  /** An Excel date serial number (of the workbook's date system) or ISO date text, from 2000. */
  date: textType((value, name): IsoDate => readDate(value, name)),

  /** Units for H100_EQUIVALENT: a whole number >= 0. */
  quantity: boundedNumber("a whole number >= 0", { whole: true, min: 0, max: 1e12 }),
  /**
   * Units of a shipment: a whole number >= 1. An empty cell and a real 0 look alike (Excel desktop
   * sends 0), and no shipment has 0 units: both are blank, so a row that has them is refused.
   */
  units: boundedNumber("a whole number >= 1", {
    whole: true,
    min: 1,
    max: 1e12,
    blank: isBlankText,
  }),
  tpp: boundedNumber("a TPP amount >= 0", { min: 0, max: 1e18 }),
  operations: boundedNumber("a number of operations >= 0", { min: 0, max: 1e40 }),

  boolean: {
    blank: isBlank,
    coerce(value: Cell, name: string): boolean {
      if (typeof value === "boolean") return value;
      if (value === 1 || value === 0) return value === 1;
      if (typeof value === "string") {
        const t = value.trim().toLowerCase();
        if (["true", "yes", "y", "1"].includes(t)) return true;
        if (["false", "no", "n", "0"].includes(t)) return false;
      }
      throw new ArgumentError("#VALUE!", `${name} must be TRUE or FALSE, got ${show(value)}`);
    },
  } as ArgType<boolean>,

  /** Free text (a field name). */
  text: textType((value, name): string => {
    if (typeof value === "string") return value.trim();
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    throw new ArgumentError("#VALUE!", `${name} must be text, got ${show(value)}`);
  }),

  /**
   * An ultimate consignee, as the key its allowance accumulates under: case, spaces and
   * punctuation fold ("Acme Inc." = "ACME  INC"); a letter of another script is refused.
   */
  consignee: textType((value, name): string => {
    const t = text(value, name, "a consignee name as");
    const folded = fold(t);
    if (!folded.ok)
      throw new ArgumentError(
        "#VALUE!",
        `${name} ${show(t)} contains ${describeChar(folded.letter)}, a character outside the Latin alphabet: retype it in Latin letters`
      );
    if (!folded.key)
      throw new ArgumentError("#VALUE!", `${name} ${show(t)} has no letters or digits`);
    return folded.key;
  }),
};

/** The default ship-from country: an export from the United States. */
export function unitedStates(): Country {
  return unwrap(cachedCountry("US"), "ship_from");
}

// ---------------------------------------------------------------------------------------------
// Parameters.

/**
 * How a parameter treats blanks. required: a row needs it (a blank row gives "", a row that has
 * other inputs but not this one is #VALUE!). optional: omitted or blank takes the default.
 * requiredWhenGiven: omitted takes the default, but a range passed for it is required in each
 * row (a quantity column: a blank cell there is not "1 unit").
 */
export type Role = "required" | "optional" | "requiredWhenGiven";

/** One parameter of a function: its type, and for optional ones the default (computed once per call). */
export interface Param<T> {
  name: string;
  type: ArgType<T>;
  role: Role;
  /** The value an omitted (or, for optional, blank) argument takes. */
  fallback?: () => T;
  /** Optional parameters only: the value of a blank cell when it differs from the omitted default. */
  blankValue?: T;
}

export function required<T>(name: string, type: ArgType<T>): Param<T> {
  return { name, type, role: "required" };
}

export function optional<T>(
  name: string,
  type: ArgType<T>,
  fallback: () => T,
  options: { blankValue?: T } = {}
): Param<T> {
  return { name, type, role: "optional", fallback, ...options };
}

export function requiredWhenGiven<T>(name: string, type: ArgType<T>, fallback: () => T): Param<T> {
  return { name, type, role: "requiredWhenGiven", fallback };
}

/**
 * `ship_from` (determination functions) and `ship_froms` (LEDGER): the country the item leaves from,
 * read like the other country arguments; blank (or Excel desktop's 0 for an empty cell) means "US".
 */
export function shipFromParam(name = "ship_from"): Param<Country> {
  // Types.country reads 0 as an empty cell (isBlankText): blank takes the default.
  return optional(name, Types.country, unitedStates);
}
