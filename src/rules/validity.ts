// The eras a decision holds for. A decision compares its as-of date only with dates of the rules
// data (era.ts); recording each comparison while it decides gives the run of consecutive eras over
// which every comparison, and so the decision, comes out the same: a log dated across five years
// then needs one decision per run instead of one per era. Comparisons of the as-of date in src/rules
// go through before()/onOrAfter()/later() or the data's accessors (valueAt, embargoOn), which call
// them; test/rules/validity.test.ts checks that no other comparison exists and that every window
// holds.
// (No imports but types: the data modules read these, and era.ts, which reads the data, registers
// the change dates with setChangeDates().)
import type { IsoDate } from "./types";

/** A run of eras [first, last]; `first` > `last` never happens; EXACT: this date only. */
export interface Eras {
  readonly first: number;
  readonly last: number;
}

/** A decision that compared its date with one outside the change dates: it holds for that date only. */
export const EXACT: Eras = Object.freeze({ first: -1, last: -1 });

// The era boundary of each change date D: dates before D have an era below it, dates on or after
// D an era at or above it (eraOf(D) = its index + 1).
const BOUNDARY = new Map<IsoDate, number>();
let LAST_ERA = 0;

/** Called once by era.ts with the sorted change dates. */
export function setChangeDates(dates: readonly IsoDate[]): void {
  BOUNDARY.clear();
  dates.forEach((d, i) => BOUNDARY.set(d, i + 1));
  LAST_ERA = dates.length;
}

// The scope being recorded: the date whose comparisons count, the window so far, and the stand-ins:
// a rule's own effective date that later() put in the subject's place (the text a rule reads before
// it took effect).
let subject: IsoDate | null = null;
let first = 0;
let last = LAST_ERA;
let exact = false;
let standIns: IsoDate[] = [];

function narrow(date: IsoDate, isBefore: boolean): void {
  const b = BOUNDARY.get(date);
  if (b === undefined) exact = true;
  else if (isBefore) {
    if (b - 1 < last) last = b - 1;
  } else if (b > first) first = b;
}

/** `asOf` < `date`, recorded when `asOf` is the date being decided on or a stand-in for it. */
export function before(asOf: IsoDate, date: IsoDate): boolean {
  const r = asOf < date;
  if (asOf === subject) narrow(date, r);
  // A stand-in D is read for every subject date before D, and from D on the subject itself is
  // read: a comparison D < date holds on for subject dates up to date's era, no further.
  else if (r && standIns.includes(asOf)) narrow(date, true);
  return r;
}

/** `asOf` >= `date`, recorded as before(). */
export function onOrAfter(asOf: IsoDate, date: IsoDate): boolean {
  return !before(asOf, date);
}

/**
 * The later of the as-of date and a rule's own date D (the text a rule reads before it took effect).
 * For the subject this comparison is not recorded, so one verdict can hold on both sides of D:
 * - the subject on or after D: what is read at the subject is recorded as the subject's, and any
 *   era run holding the subject and a date before D holds D's era too, where D gives the same;
 * - the subject before D: D stands in for it, and what is read at D is recorded for the dates from
 *   D on (before(), within()); before D, D itself is read, whatever the subject.
 */
export function later(asOf: IsoDate, date: IsoDate): IsoDate {
  if (asOf !== subject) return asOf < date ? date : asOf;
  if (asOf >= date) return asOf;
  standIns.push(date);
  return date;
}

/**
 * Runs `f` recording the comparisons of `asOf`: returns its result and the eras it holds for
 * (EXACT when a compared date is not a change date). Nested scopes (a memoised classification)
 * are recorded on their own and added to the enclosing one with within().
 */
export function recording<T>(asOf: IsoDate, f: () => T): [T, Eras] {
  const saved = { subject, first, last, exact, standIns };
  subject = asOf;
  first = 0;
  last = LAST_ERA;
  exact = false;
  standIns = [];
  try {
    const out = f();
    return [out, exact ? EXACT : { first, last }];
  } finally {
    ({ subject, first, last, exact, standIns } = saved);
  }
}

/**
 * Adds the eras of a nested result for `asOf` (see recording()) to the scope being recorded: both
 * ends for the subject, the last era for a stand-in (see later()).
 */
export function within(asOf: IsoDate, eras: Eras): void {
  const isSubject = asOf === subject;
  if (!isSubject && !standIns.includes(asOf)) return;
  if (eras === EXACT) exact = true;
  else {
    if (isSubject && eras.first > first) first = eras.first;
    if (eras.last < last) last = eras.last;
  }
}
