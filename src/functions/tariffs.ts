// SECTION_232_DUTY and RULE_CHANGES as plain callables: argument declarations (the central types
// of args.ts plus the two this function alone takes) and bodies that only ask the rules module.
import {
  parseEndUse,
  parseHts,
  ruleChanges,
  section232Duty,
  section232EndUses,
  yearBefore,
} from "../rules";
import type { Country, IsoDate, Item } from "../rules";
import { effectiveAsOf } from "../settings/settings";
import { ArgType, Cell, Param, Types, isBlank, optional, required, show } from "./args";
import { Matrix, asMatrix, guard, rowwise } from "./broadcast";
import { ArgumentError } from "./errors";

/** An end-use exemption id of Proclamation 11002, or "" when none is claimed (0 from an empty cell too). */
const endUseType: ArgType<string> = {
  coerce(value: Cell, name: string): string {
    if (value === 0) return "";
    const id = typeof value === "string" ? parseEndUse(value) : null;
    if (id === null)
      throw new ArgumentError(
        "#VALUE!",
        `${name} must be blank or one of ${section232EndUses().join(", ")}; got ${show(value).slice(0, 62)}`
      );
    return id;
  },
};

/** An HTS number as digits: text ("8471.50", "8542.31.0001") or a number (8471.5 as a cell shows 8471.50). */
const htsType: ArgType<string | null> = {
  coerce(value: Cell, name: string): string | null {
    let text: string | null = null;
    if (typeof value === "number" && Number.isFinite(value) && value > 0) {
      const hundredths = Math.round(value * 100);
      if (Math.abs(value * 100 - hundredths) < 1e-6)
        text = Number.isInteger(value) ? String(value) : (hundredths / 100).toFixed(2);
    } else if (typeof value === "string") text = value;
    const digits = text === null ? null : parseHts(text);
    if (digits === null)
      throw new ArgumentError(
        "#VALUE!",
        `${name} must be an HTS number like 8471.50 or 8542.31.0001, got ${show(value).slice(0, 62)}`
      );
    return digits;
  },
};

const entryDate = optional("entry_date", Types.date, () => effectiveAsOf());

export const section232 = rowwise<[Item, string, IsoDate, string | null]>(
  [
    required("chip", Types.item),
    optional("end_use", endUseType, () => ""),
    entryDate,
    optional("hts", htsType, () => null),
  ] as Param<unknown>[],
  (item, endUse, date, hts) => {
    const duty = section232Duty({ item, endUse: endUse || null, entryDate: date, hts });
    if (duty.rate === null) throw new ArgumentError("#N/A", duty.reason);
    return duty.rate;
  }
);

export const RULE_CHANGES_HEADER = ["date", "event", "regimes affected", "citation", "confidence"];

/** One scalar argument of a table function: a single cell, coerced by its declared type, or the default. */
function scalar<T>(param: Param<T>, input: unknown): T {
  const m = asMatrix(input);
  if (m.length !== 1 || m[0].length !== 1)
    throw new ArgumentError("#VALUE!", `${param.name} must be a single cell, not a range`);
  const v = m[0][0];
  if (isBlank(v) || (v === 0 && param.fallback)) return param.fallback!();
  if (typeof v === "object" && v !== null)
    throw new ArgumentError("#VALUE!", `${param.name} is an error value`);
  return param.type.coerce(v, param.name);
}

const toParam = optional("to", Types.date, () => effectiveAsOf());
const countryParam = optional("country", Types.country, () => null as unknown as Country);

/** RULE_CHANGES([from], [to], [country]): the dated facts of the rules data in the window, header first. */
export function ruleChangesTable(from?: unknown, to?: unknown, country?: unknown): Matrix {
  const table = guard(() => {
    const end = scalar(toParam, to);
    const start = scalar(
      optional("from", Types.date, () => yearBefore(end)),
      from
    );
    if (start > end)
      throw new ArgumentError("#VALUE!", `from (${start}) must not be after to (${end})`);
    const where = scalar(countryParam, country);
    return [
      RULE_CHANGES_HEADER,
      ...ruleChanges(start, end, where).map((c) => [
        c.date,
        c.event,
        c.regimes,
        c.cite,
        c.confidence,
      ]),
    ];
  });
  return Array.isArray(table) ? table : [[table]];
}
