// Eras: the rules data changes only on a known set of dates (milestones, parameter timelines,
// country-group timelines, embargoes, the Section 232 rate and bands: every module of data/decision-data.ts).
// Everything a regime decides compares the as-of date with those dates only, so between two
// consecutive ones the decisions are the same: the date's "era".
import { DECISION_DATA } from "./data/decision-data";
import type { IsoDate } from "./types";

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function collect(value: unknown, out: Set<IsoDate>, depth: number): void {
  if (depth > 8 || value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    for (const v of value) collect(v, out, depth + 1);
    return;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if ((k === "from" || k === "date") && typeof v === "string" && ISO.test(v)) out.add(v);
    else collect(v, out, depth + 1);
  }
}

/** Every date on which something in the rules data changes, sorted. */
export const CHANGE_DATES: readonly IsoDate[] = (() => {
  const out = new Set<IsoDate>();
  for (const data of Object.values(DECISION_DATA)) collect(data, out, 0);
  return [...out].sort();
})();

/** The era of `asOf`: how many change dates are on or before it. */
export function eraOf(asOf: IsoDate): number {
  let lo = 0;
  let hi = CHANGE_DATES.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (CHANGE_DATES[mid] <= asOf) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
