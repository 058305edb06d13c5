// SCREEN_PARTY: a party's name against the screening list the user loaded (the pane's "Screening
// list", or --screen in the batch command). The list and the matcher are in src/screening; this
// adapter declares the arguments and maps the outcome to a cell; functions.ts broadcasts it with
// rowwise. It is loaded, with the matcher, as a chunk of its own on the first SCREEN_PARTY call:
// the functions bundle stays small for workbooks that never screen.
import { NonLatinNameError, indexOf, screeningOutcome } from "../screening";
import { screeningListReady } from "../screening/store";
import { DEFAULT_MIN_SCORE } from "../screening/types";
import {
  ArgType,
  Cell,
  Param,
  Types,
  boundedNumber,
  isBlankText,
  optional,
  required,
  show,
} from "./args";
import { ArgumentError } from "./errors";

// Blank cells (and the 0 Excel desktop sends for an empty one) are settled by the broadcast: a
// blank name is a blank row (""), a blank country or min_score takes the default.
const partyName: ArgType<string> = {
  blank: isBlankText,
  coerce(value: Cell, name: string): string {
    if (typeof value === "string") return value.trim();
    if (typeof value === "number") return String(value);
    throw new ArgumentError(
      "#VALUE!",
      `${name} must be a party's name as text, got ${show(value)}`
    );
  },
};

/** ISO codes to narrow by (the code and the destination the EAR treats it as), or null: any country. */
const partyCountry: ArgType<string[] | null> = {
  blank: isBlankText,
  coerce(value: Cell, name: string): string[] | null {
    const c = Types.country.coerce(value, name);
    return [...new Set([c.code, c.treatedAs])];
  },
};

// A number as every numeric argument reads it: text follows the workbook's number format.
const minScore = boundedNumber("a score from 1 to 100", { min: 1, max: 100, blank: isBlankText });

export const PARAMS = [
  required("name", partyName),
  optional("country", partyCountry, () => null),
  optional("min_score", minScore, () => DEFAULT_MIN_SCORE),
] as Param<unknown>[];

/**
 * The per-row body of SCREEN_PARTY once the list being restored (if any) is there; functions.ts
 * broadcasts it over PARAMS.
 */
export async function screeningRow(): Promise<
  (name: string, country: string[] | null, min: number) => Cell
> {
  const list = await screeningListReady();
  return (name, country, min) => {
    if (!list)
      throw new ArgumentError(
        "#N/A",
        "No screening list is loaded: load the Consolidated Screening List file in the task pane (Screening list)"
      );
    try {
      return screeningOutcome(indexOf(list).screen(name, country, min), list).text;
    } catch (error) {
      if (error instanceof NonLatinNameError)
        throw new ArgumentError("#VALUE!", `name ${show(name)} ${error.message}`);
      throw error;
    }
  };
}
