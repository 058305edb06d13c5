// What a screening result means for a shipment (DESIGN §5, Screening), and how it reads in a cell.
// A match is a lead for due diligence, not a legal conclusion: the texts say "review", and only an
// exact match on a list that itself imposes a licence requirement or prohibition makes LICENSE.
import type { ScreeningMatch } from "./matcher";
import type { ScreeningList } from "./types";

export type ScreeningStatus = "LICENSE" | "INDETERMINATE" | "NOTE" | "CLEAR";

export interface ScreeningOutcome {
  status: ScreeningStatus;
  /** The cell text: SCREEN_PARTY's answer and the table's Screening column. */
  text: string;
  match: ScreeningMatch | null;
}

/** Where each list's restriction is written. */
const LIST_CITES = {
  EL: "15 CFR 744.11, Supp. No. 4 to part 744",
  DPL: "15 CFR 764.3(a)(2), Denied Persons List",
  SDN: "31 CFR chapter V (OFAC SDN list)",
  MEU: "15 CFR 744.21, Supp. No. 7 to part 744",
  UVL: "15 CFR 744.15, Supp. No. 6 to part 744",
  OTHER: "the source list's own rules",
} as const;

export function listDescription(list: ScreeningList): string {
  return `list of ${list.date}, ${list.entries.length.toLocaleString("en-US")} entries`;
}

function describe(m: ScreeningMatch): string {
  const e = m.entry;
  const parts = [
    `"${e.name}"` + (m.matchedName !== e.name ? ` (as "${m.matchedName}")` : ""),
    e.source,
    e.countries.length ? e.countries.join("/") : "no country listed",
    `score ${m.score}` +
      (m.partial
        ? m.partial.words === m.partial.of
          ? " (the listed name's words within the name)"
          : ` (${m.partial.words} of the listed name's ${m.partial.of} words)`
        : ""),
    e.federalRegisterNotice || LIST_CITES[e.kind],
  ];
  if (e.kind === "EL" && e.licenseRequirement)
    parts.push(`licence requirement: ${e.licenseRequirement}`);
  if (e.kind === "EL" && e.licensePolicy) parts.push(`policy: ${e.licensePolicy}`);
  return parts.join("; ");
}

/** An Entity List entry with a licence requirement (almost all of them). */
function entityListRequirement(m: ScreeningMatch): boolean {
  const r = m.entry.licenseRequirement.trim().toLowerCase();
  return r !== "" && r !== "none" && r !== "n/a";
}

export function screeningOutcome(
  match: ScreeningMatch | null,
  list: ScreeningList
): ScreeningOutcome {
  const listed = listDescription(list);
  if (!match) return { status: "CLEAR", text: `no match (${listed})`, match };
  const e = match.entry;
  if (e.kind === "UVL") {
    return {
      status: "NOTE",
      match,
      text:
        `${match.exact ? "MATCH" : "POSSIBLE MATCH"} on the Unverified List: ${describe(match)}; ` +
        `note: a UVL statement is required before exporting and License Exceptions are unavailable (${LIST_CITES.UVL}); ${listed}`,
    };
  }
  const restricting =
    e.kind === "DPL" ||
    e.kind === "SDN" ||
    e.kind === "MEU" ||
    (e.kind === "EL" && entityListRequirement(match));
  if (match.exact && restricting) {
    return {
      status: "LICENSE",
      match,
      text: `MATCH: ${describe(match)}; a licence (or OFAC authorisation) is required: ${LIST_CITES[e.kind]}; ${listed}`,
    };
  }
  return {
    status: "INDETERMINATE",
    match,
    text: `${match.exact ? "MATCH" : "POSSIBLE MATCH"}: ${describe(match)}; possible match: review; ${listed}`,
  };
}
