// One shipment under one regime on two dates: did the verdict change, and which dated facts of the
// rules data caused it. Decisions change only on the data's change dates (era.ts), so the causes
// are found by stepping through the change dates between the two and keeping those where the
// verdict flips; the facts dated there (RULE_CHANGES' rows) are the causes, those naming the
// destination or the end user's headquarters first.
import { ruleChanges, touches, type RuleChange } from "./changes";
import { determine, ruleParts } from "./index";
import type { Determination, IsoDate, RegimeId, Shipment } from "./index";

const { CHANGE_DATES } = ruleParts;

/** What a determination decides, for "did it change": status, licence, exception, review policy. */
export function decisionOf(d: Determination): string {
  return `${d.status}|${d.licenseRequired}|${d.exception ?? ""}|${d.reviewPolicy ?? ""}`;
}

export interface DateComparison {
  before: Determination;
  after: Determination;
  changed: boolean;
  /** The dated facts behind the change (empty when unchanged). */
  causes: RuleChange[];
}

/** The facts dated `date` that bear on this shipment: those naming its countries, else all of that date. */
function causesOn(date: IsoDate, shipment: Shipment): RuleChange[] {
  const on = ruleChanges(date, date);
  const hq = shipment.endUserHq ?? shipment.destination;
  const named = on.filter(
    (c) => c.countries.length > 0 && (touches(c, shipment.destination) || touches(c, hq))
  );
  return named.length ? named : on;
}

/** The shipment under `regime` on `a` and on `b` (either order), and why its verdict differs. */
export function compareDates(
  shipment: Shipment,
  regime: RegimeId,
  a: IsoDate,
  b: IsoDate
): DateComparison {
  const before = determine(shipment, regime, a);
  const after = determine(shipment, regime, b);
  if (decisionOf(before) === decisionOf(after))
    return { before, after, changed: false, causes: [] };
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  const causes: RuleChange[] = [];
  let last = decisionOf(a <= b ? before : after);
  for (const date of CHANGE_DATES) {
    if (date <= lo || date > hi) continue;
    const now = decisionOf(determine(shipment, regime, date));
    if (now !== last) causes.push(...causesOn(date, shipment));
    last = now;
  }
  // A verdict that moved without a flip on a change date moved with the inputs' own dating.
  return {
    before,
    after,
    changed: true,
    causes: causes.length ? causes : ruleChanges(lo, hi, shipment.destination),
  };
}

/** "2026-02-03 Cambodia (KH) leaves Country Group D:5 (BIS rule of 2026-02-03 ...)" joined by "; ". */
export function describeCauses(causes: readonly RuleChange[]): string {
  return causes.map((c) => `${c.date} ${c.event} (${c.cite})`).join("; ");
}
