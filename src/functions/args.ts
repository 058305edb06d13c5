// Argument types, declared once and coerced centrally (HyperFormula style). Each type turns one
// cell value into what the rules module takes, or throws an ArgumentError whose message names the
// argument and the value. Resolutions of text (chips, countries, dates) are cached by raw value,
// because a shipment table repeats the same few names thousands of times.
import { isRegimeId, parseDate, resolveChip, resolveCountry, resolveItem } from "../rules";
import type { Chip, Country, IsoDate, Item, RegimeId, Resolved } from "../rules";
import { ArgumentError } from "./errors";

export type Cell = unknown;

export interface ArgType<T> {
  /** Shown in messages: "quantity must be a whole number >= 0, got -5". */
  coerce(value: Cell, name: string): T;
}

/** Empty cells and omitted arguments: Excel passes null or undefined, ranges give "". */
export function isBlank(value: Cell): boolean {
  return value === null || value === undefined || value === "";
}

export function show(value: Cell): string {
  if (typeof value === "string") return `'${value}'`;
  if (typeof value === "object" && value !== null) return "an error or array";
  return String(value);
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

function unwrap<T>(resolved: Resolved<T>): T {
  if (resolved.ok) return resolved.value;
  throw new ArgumentError("#N/A", resolved.message);
}

/** A number, also when typed as text ("1,700" or " 25 "). */
export function toNumber(value: Cell): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string") {
    const t = value
      .trim()
      .replace(
        /^(\d{1,3})((,\d{3})+)(\.\d+)?$/,
        (_m, a, b, _c, d) => a + b.replace(/,/g, "") + (d ?? "")
      );
    if (t === "" || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return null;
    const n = Number(t);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function boundedNumber(label: string, opts: { whole?: boolean; max: number }): ArgType<number> {
  return {
    coerce(value, name) {
      const n = toNumber(value);
      if (n === null || n < 0 || n > opts.max || (opts.whole && !Number.isInteger(n))) {
        throw new ArgumentError("#VALUE!", `${name} must be ${label}, got ${show(value)}`);
      }
      return n;
    },
  };
}

export const Types = {
  /** A catalog chip or an ECCN the user already knows. */
  item: {
    coerce: (value: Cell, name: string): Item =>
      unwrap(cachedItem(text(value, name, "a chip name or ECCN as"))),
  } as ArgType<Item>,

  /** A catalog chip (no ECCN: its figures are needed). */
  chip: {
    coerce(value: Cell, name: string): Chip {
      const resolved = cachedChip(text(value, name, "a chip name as"));
      if (!resolved.ok && cachedItem(String(value)).ok) {
        throw new ArgumentError(
          "#VALUE!",
          `${name} must be a catalog chip, not an ECCN (${show(value)}): its figures are needed`
        );
      }
      return unwrap(resolved);
    },
  } as ArgType<Chip>,

  /** A catalog chip, or a number read as TPP per unit. */
  chipOrTpp: {
    coerce(value: Cell, name: string): number {
      const n = typeof value === "number" ? value : null;
      if (n !== null) {
        if (!Number.isFinite(n) || n < 0 || n > 1e9)
          throw new ArgumentError(
            "#VALUE!",
            `${name} as a number is TPP per unit and must be between 0 and 1e9, got ${show(value)}`
          );
        return n;
      }
      const chip = Types.chip.coerce(value, name);
      if (chip.tpp === null)
        throw new ArgumentError("#N/A", `The TPP of ${chip.name} is not published`);
      return chip.tpp;
    },
  } as ArgType<number>,

  country: {
    coerce: (value: Cell, name: string): Country =>
      unwrap(cachedCountry(text(value, name, "a country code or name as"))),
  } as ArgType<Country>,

  regime: {
    coerce(value: Cell, name: string): RegimeId {
      const id = typeof value === "string" ? value.trim().toLowerCase() : "";
      if (isRegimeId(id)) return id;
      throw new ArgumentError(
        "#VALUE!",
        `${name} must be one of enforced, baseline-2023, diffusion-2025, proposal-500; got ${show(value)}`
      );
    },
  } as ArgType<RegimeId>,

  /** An Excel date serial number or ISO date text. */
  date: {
    coerce(value: Cell, name: string): IsoDate {
      if (typeof value === "number" || typeof value === "string") {
        const resolved = typeof value === "number" ? cachedSerial(value) : cachedDate(value.trim());
        if (resolved.ok) return resolved.value;
        throw new ArgumentError(
          "#VALUE!",
          `${name} must be a date (a date cell or text like 2025-06-01), got ${show(value)}`
        );
      }
      throw new ArgumentError("#VALUE!", `${name} must be a date, got ${show(value)}`);
    },
  } as ArgType<IsoDate>,

  quantity: boundedNumber("a whole number >= 0", { whole: true, max: 1e12 }),
  tpp: boundedNumber("a TPP amount >= 0", { max: 1e18 }),
  operations: boundedNumber("a number of operations >= 0", { max: 1e40 }),

  boolean: {
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

  /** Free text (a field name, a consignee id). */
  text: {
    coerce(value: Cell, name: string): string {
      if (typeof value === "string") return value.trim();
      if (typeof value === "number" || typeof value === "boolean") return String(value);
      throw new ArgumentError("#VALUE!", `${name} must be text, got ${show(value)}`);
    },
  } as ArgType<string>,
};

/** The default ship-from country: an export from the United States. */
export function unitedStates(): Country {
  return unwrap(cachedCountry("US"));
}

/** One parameter of a function: its type, and for optional ones the default (computed once per call). */
export interface Param<T> {
  name: string;
  type: ArgType<T>;
  /** Present for optional parameters: the value an omitted or blank argument takes. */
  fallback?: () => T;
}

export function required<T>(name: string, type: ArgType<T>): Param<T> {
  return { name, type };
}

export function optional<T>(name: string, type: ArgType<T>, fallback: () => T): Param<T> {
  return { name, type, fallback };
}

/**
 * `ship_from` (determination functions) and `ship_froms` (LEDGER): the country the item leaves from,
 * read like the other country arguments; blank (or Excel desktop's 0 for an empty cell) means "US".
 */
export function shipFromParam(name = "ship_from"): Param<Country> {
  const shipFrom: ArgType<Country> = {
    coerce: (value, argName) =>
      value === 0 ? unitedStates() : Types.country.coerce(value, argName),
  };
  return optional(name, shipFrom, unitedStates);
}
