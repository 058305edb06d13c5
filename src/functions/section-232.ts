// SECTION_232_DUTY as a plain callable: its argument declarations (the central types of args.ts
// plus the two this function alone takes) and a body that only asks the rules module. Loaded on
// the function's first call (functions.ts), with the duty's terms.
import {
  parseEndUse,
  parseHts,
  section232Duty,
  section232EndUses,
} from "../rules/tariffs/section-232-duty";
import type { IsoDate, Item } from "../rules";
import { effectiveAsOf } from "../settings/settings";
import { ArgType, Cell, Param, Types, isBlankText, optional, required, show } from "./args";
import { rowwise } from "./broadcast";
import { ArgumentError } from "./errors";

/** An end-use exemption id of Proclamation 11002, or "" when none is claimed (0 from an empty cell too). */
const endUseType: ArgType<string> = {
  blank: isBlankText,
  coerce(value: Cell, name: string): string {
    const id = typeof value === "string" ? parseEndUse(value) : null;
    if (id === null)
      throw new ArgumentError(
        "#VALUE!",
        `${name} must be blank or one of ${section232EndUses().join(", ")}; got ${show(value).slice(0, 62)}`
      );
    return id;
  },
};

/**
 * An HTS number as digits: text ("8471.50", "8542.31.0001") or a number (8471.5 as a cell shows
 * 8471.50); 0, an empty cell from Excel desktop, is the default (a covered heading).
 */
const htsType: ArgType<string | null> = {
  blank: isBlankText,
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
    // Chapters 98 and 99 classify duties and special provisions (9903.79.01 is this duty's own
    // heading), not the article.
    if (digits.startsWith("98") || digits.startsWith("99"))
      throw new ArgumentError(
        "#VALUE!",
        `${name} must be the article's HTS number (chapters 1-97), not a chapter 98/99 provision; got ${show(value).slice(0, 62)}`
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
