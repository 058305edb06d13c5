// Screening in a checked shipment table (DESIGN §5): the Screening column and its effect on the
// row's verdict, for the batch command and the workbench alike. The party is the row's consignee.
// Tables are screened without country narrowing: a listed party receiving goods outside its own
// country must still be found.
import { isExcelError } from "../functions/errors";
import { NonLatinNameError } from "./normalise";
import { DEFAULT_MIN_SCORE, indexOf } from "./matcher";
import type { ScreeningList } from "./types";
import { ScreeningOutcome, screeningOutcome } from "./verdict";

export type Cell = unknown;

export interface RowScreening {
  /** The Screening column's cell. */
  cell: string;
  outcome: ScreeningOutcome | null;
}

const DUE_DILIGENCE = "A screening match is a lead for due diligence, not a legal conclusion.";

/** One row's screening: "" for a row with no party. */
export function screenParty(
  list: ScreeningList,
  party: Cell,
  minScore = DEFAULT_MIN_SCORE
): RowScreening {
  if (party === null || party === undefined || (typeof party === "string" && party.trim() === ""))
    return { cell: "", outcome: null };
  // An unreadable cell (an error, a formula without a saved result) is not a name to screen.
  if (isExcelError(party))
    return {
      cell: `not screened: the consignee cell holds an error (${party.code})`,
      outcome: null,
    };
  const name = String(party);
  try {
    const outcome = screeningOutcome(indexOf(list).screen(name, null, minScore), list);
    return { cell: outcome.text, outcome };
  } catch (error) {
    if (error instanceof NonLatinNameError)
      return {
        cell: `not screened: the consignee ${error.message}`,
        outcome: {
          status: "INDETERMINATE",
          text: `consignee not screened: it ${error.message}`,
          match: null,
        },
      };
    throw error;
  }
}

/**
 * Screening of every row's party. Without a Consignee column (null) nothing is screened: the
 * column says so and verdicts stay (the batch command refuses --screen on such a table).
 */
export function screenRows(
  list: ScreeningList,
  parties: readonly Cell[] | null,
  rows: number
): RowScreening[] {
  const out: RowScreening[] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    out[i] = parties
      ? screenParty(list, parties[i])
      : {
          cell: "not screened: the table has no Consignee column",
          outcome: null,
        };
  }
  return out;
}

/**
 * A checked row (License required, Exception, Review policy, H100 equivalents, Explanation) with
 * the screening applied: an exact restricting match makes it a licence requirement; a possible
 * match, or an Unverified List party where a License Exception was relied on, makes an answer of
 * "no licence" INDETERMINATE (`undecided` builds that error cell). Rows that already need a licence
 * or have an input error keep it. The explanation starts with the screening result.
 */
export function applyScreening(
  line: readonly Cell[],
  s: RowScreening,
  undecided: (message: string) => Cell
): Cell[] {
  const out = [...line];
  const blankRow = line[0] === "" && line[4] === "";
  if (blankRow || !s.outcome || s.outcome.status === "CLEAR") return out;
  const o = s.outcome;
  const explain = (text: string) =>
    (out[4] =
      `Screening: ${text} ${DUE_DILIGENCE}` +
      (typeof line[4] === "string" && line[4] ? ` | ${line[4]}` : ""));
  const usable = typeof line[0] === "boolean";
  if (o.status === "LICENSE" && o.match) {
    if (usable) {
      out[0] = true;
      out[1] = "";
      const policy = o.match.entry.kind === "EL" ? o.match.entry.licensePolicy : "";
      if (policy) out[2] = policy;
      else if (out[2] === "")
        out[2] = o.match.entry.kind === "DPL" ? "denial (export privileges denied)" : "";
    }
    explain(`LICENSE: ${o.text}.`);
    return out;
  }
  const exceptionRelied = typeof line[1] === "string" && line[1] !== "";
  const undecide =
    usable &&
    line[0] === false &&
    (o.status === "INDETERMINATE" || (o.status === "NOTE" && exceptionRelied));
  if (undecide) {
    const reason =
      o.status === "NOTE"
        ? `INDETERMINATE: Unverified List party, License Exception ${line[1]} unavailable (15 CFR 744.15(b)): review`
        : o.match
          ? "INDETERMINATE: possible match: review"
          : `INDETERMINATE: ${o.text}`;
    out[0] = undecided(reason);
    out[1] = undecided(reason);
    out[2] = undecided(reason);
  }
  explain(o.status === "NOTE" ? `note: ${o.text}.` : `${o.text}.`);
  return out;
}
