// Eras: the rules data changes only on a known set of dates (milestones, parameter timelines,
// country-group timelines, embargoes, the dates on which a measure ends, such as a suspension, the
// Section 232 rate and bands: every module of data/decision-data.ts). Everything a regime decides
// compares the as-of date with those dates only, so between two consecutive boundaries the
// decisions are the same: the date's "era".
import { DECISION_DATA } from "./data/decision-data";
import type { IsoDate } from "./types";
import { setChangeDates } from "./validity";

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** Every ISO date anywhere in the data, whatever its field is called (from, date, until, ends...). */
function collect(value: unknown, out: Set<IsoDate>, depth: number): void {
  if (depth > 8 || value === null) return;
  if (typeof value === "string") {
    if (ISO.test(value)) out.add(value);
    return;
  }
  if (typeof value !== "object") return;
  for (const v of Array.isArray(value) ? value : Object.values(value as object))
    collect(v, out, depth + 1);
}

const dayAfter = (d: IsoDate): IsoDate => {
  const t = Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return new Date(t + 86_400_000).toISOString().slice(0, 10);
};

/**
 * Every date on which a decision may change, sorted: each date in the data and the day after it,
 * so a comparison either way (`asOf < from`, `asOf <= until`) falls on an era boundary.
 */
export const CHANGE_DATES: readonly IsoDate[] = (() => {
  const dates = new Set<IsoDate>();
  for (const data of Object.values(DECISION_DATA)) collect(data, dates, 0);
  const out = new Set<IsoDate>();
  for (const d of dates) {
    out.add(d);
    if (d > "0001-01-01") out.add(dayAfter(d));
  }
  return [...out].sort();
})();
setChangeDates(CHANGE_DATES);

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
