// What a determination does not check, said in its closing step: the parties (Entity List and other
// screening lists, Supp. No. 4 to 15 CFR part 744) and end-use controls (15 CFR part 744), and from
// 2025-09-29 the Affiliates rule (90 FR 47201: 50% ownership by listed parties), as suspended by
// 90 FR 50857 and with its status after the suspension unconfirmed.
import { EFFECTIVE } from "../data/milestones";
import { step } from "../step";
import type { IsoDate, Step } from "../types";
import { before } from "../validity";

const NOT_CHECKED_BASE =
  "Not checked: the parties (Entity List and other screening lists) and end-use controls (15 CFR 744) — screen them yourself";
const NOT_CHECKED_SHORT_BASE =
  "Not checked: parties (Entity List, other screening lists) and end uses (15 CFR 744).";

/** The Affiliates (50% ownership) rule as it stands on `asOf`, for the closing "not checked" step. */
function affiliatesOn(asOf: IsoDate): { text: string; cite: string } | null {
  const rule = EFFECTIVE.affiliatesRule;
  const stay = EFFECTIVE.affiliatesSuspended;
  const snap = EFFECTIVE.affiliatesSnapback;
  if (before(asOf, rule.date)) return null;
  if (before(asOf, stay.date))
    return {
      text: `the Affiliates rule (${rule.cite}, from ${rule.date}): entities owned 50% or more by Entity List, MEU or SDN parties are restricted too`,
      cite: rule.cite,
    };
  if (before(asOf, snap.date))
    return {
      text: `the Affiliates rule (${rule.cite}) is suspended from ${stay.date} to the day before ${snap.date} (${stay.cite})`,
      cite: `${rule.cite}; ${stay.cite}`,
    };
  return {
    text: `the Affiliates rule (${rule.cite}), suspended until the day before ${snap.date} (${stay.cite}): its status after that is unconfirmed, so ownership of 50% or more by Entity List, MEU or SDN parties may create a licence requirement`,
    cite: `${rule.cite}; ${stay.cite}; ${snap.cite}`,
  };
}

/** Ends every determination: what this module does not check, dated (the Affiliates rule from 2025-09-29). */
export function notCheckedStep(asOf: IsoDate): Step {
  const a = affiliatesOn(asOf);
  return a
    ? step(
        `${NOT_CHECKED_BASE}, nor ${a.text}`,
        `15 CFR 744; Supp. No. 4 to part 744; ${a.cite}`,
        "confirmed"
      )
    : NOT_CHECKED;
}

/** Short form for one-line explanations, dated like notCheckedStep. */
export function notCheckedShort(asOf: IsoDate): string {
  const a = affiliatesOn(asOf);
  return a ? `${NOT_CHECKED_SHORT_BASE.slice(0, -1)}; nor ${a.text}.` : NOT_CHECKED_SHORT_BASE;
}

/** The closing step before the Affiliates rule (kept for callers that show the undated form). */
export const NOT_CHECKED: Step = step(
  NOT_CHECKED_BASE,
  "15 CFR 744; Supp. No. 4 to part 744",
  "confirmed"
);
export const NOT_CHECKED_SHORT = NOT_CHECKED_SHORT_BASE;
