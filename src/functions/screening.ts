// SCREEN_PARTY: a party's name against the screening list the user loaded (the pane's "Screening
// list", or --screen in the batch command). The list and the matcher are in src/screening; this
// adapter declares the arguments and maps the outcome to a cell. The matcher is a chunk of its own,
// loaded once a list is there: the functions bundle stays small for workbooks that never screen.
import { screeningListReady } from "../screening/store";
import { DEFAULT_MIN_SCORE } from "../screening/types";
import type { ScreeningList } from "../screening/types";
import { ArgType, Cell, Param, Types, optional, required, show } from "./args";
import { Matrix, rowwise } from "./broadcast";
import { ArgumentError, toExcelError } from "./errors";

const partyName: ArgType<string> = {
  coerce(value: Cell, name: string): string {
    // Excel desktop passes an empty cell as 0.
    if (value === 0) return "";
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
  coerce(value: Cell, name: string): string[] | null {
    if (value === 0) return null;
    const c = Types.country.coerce(value, name);
    return [...new Set([c.code, c.treatedAs])];
  },
};

const minScore: ArgType<number> = {
  coerce(value: Cell, name: string): number {
    // An empty cell from Excel desktop arrives as 0: the default, as for a blank cell.
    if (value === 0) return DEFAULT_MIN_SCORE;
    const n =
      typeof value === "number" ? value : Number(typeof value === "string" ? value.trim() : NaN);
    if (
      !Number.isFinite(n) ||
      n < 1 ||
      n > 100 ||
      (typeof value === "string" && value.trim() === "")
    )
      throw new ArgumentError(
        "#VALUE!",
        `${name} must be a score from 1 to 100, got ${show(value)}`
      );
    return n;
  },
};

const PARAMS = [
  required("name", partyName),
  optional("country", partyCountry, () => null),
  optional("min_score", minScore, () => DEFAULT_MIN_SCORE),
] as Param<unknown>[];

function quote(text: string): string {
  return text.length > 60 ? `'${text.slice(0, 57)}...'` : `'${text}'`;
}

type Matcher = typeof import("../screening");
let matcher: Promise<Matcher> | null = null;
function loadMatcher(): Promise<Matcher> {
  return (matcher ??= import(/* webpackChunkName: "screening" */ "../screening"));
}

function screenWith(list: ScreeningList | null, m: Matcher | null) {
  return rowwise<[string, string[] | null, number]>(PARAMS, (name, country, min) => {
    if (name === "") return "";
    if (!list || !m)
      throw new ArgumentError(
        "#N/A",
        "No screening list is loaded: load the Consolidated Screening List file in the task pane (Screening list)"
      );
    try {
      return m.screeningOutcome(m.indexOf(list).screen(name, country, min), list).text;
    } catch (error) {
      if (error instanceof m.NonLatinNameError)
        throw new ArgumentError("#VALUE!", `name ${quote(name)} ${error.message}`);
      throw error;
    }
  });
}

/** SCREEN_PARTY(name, [country], [min_score]) over ranges; waits for a list being restored. */
export async function screenParty(
  name: unknown,
  country?: unknown,
  min_score?: unknown
): Promise<Matrix> {
  try {
    const list = await screeningListReady();
    const m = list ? await loadMatcher() : null;
    return screenWith(list, m)(name, country, min_score);
  } catch (error) {
    matcher = null; // a chunk that failed to load is tried again next time
    return [[toExcelError(error)]];
  }
}
