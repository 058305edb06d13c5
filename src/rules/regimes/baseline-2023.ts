// Regime "baseline-2023": the advanced-computing rules of Oct 2023 (88 FR 73458, effective 2023-11-17)
// as amended in Apr 2024 (FR doc 2024-07004: NAC/ACA split) and Dec 2024 (89 FR 96790: 3A090.c).
// The text "as amended": ACA for D:1/D:4 destinations on every date. Country groups are taken on the
// as-of date (Cyprus out of D:5 2024-05-30; Cambodia 2025-11-07; the UAE in A:5 from 2026-07-10, with
// the licence the same rule kept for 3A090.a items). Before 2023-11-17 it is evaluated as if already in
// force. reference/regulations.md §6.1; updates-2026-11.md.
import { classify } from "../classify";
import { EFFECTIVE } from "../data/milestones";
import { step, textsOff } from "../step";
import type { Step } from "../types";
import { baselineCore } from "./destination-licence";
import { overClassifications } from "./open-classification";
import { opening } from "./opening";
import { evaluation, later, type Context, type Evaluation } from "./outcome";
import { uaeCheck } from "./uae-rule-2026";
import { before } from "../validity";

/** The Oct 2023 rules have no quantity limits: quantities never enter its decisions. */
export const quantityLimits = false;
export const limitSides = (): number => 0;

export function evaluate(ctx: Context): Evaluation {
  const steps: Step[] = [];
  const acs = EFFECTIVE.acs2023;
  // The 2023 text applies from its effective date; earlier dates are read as if it were in force.
  const classification = classify(ctx.item, later(ctx.asOf, acs.date));

  // Subject to the EAR, part 746 embargoes, not an export: see opening.ts.
  const first = opening(ctx, steps, classification);
  if (first) return evaluation(first, classification);

  if (!textsOff() && before(ctx.asOf, acs.date)) {
    steps.push(
      step(
        () =>
          `Evaluated as if in force: the Oct 2023 rule took effect on ${acs.date}, after ${ctx.asOf}`,
        acs.cite,
        acs.confidence
      )
    );
  }
  // ECCN 3A090 (TPP, performance density, datacenter note), then 15 CFR 742.6(a)(6) and 740.8.
  steps.push(...classification.steps);
  const outcome = overClassifications(
    classification,
    steps,
    (control) =>
      uaeCheck(ctx, classification, control, []) ??
      baselineCore(ctx, classification, control, { uaeNamedForB: true, acaAlways: true })
  );
  return evaluation(outcome, classification);
}
