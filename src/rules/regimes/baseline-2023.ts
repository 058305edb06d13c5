// Regime "baseline-2023": the advanced-computing rules of Oct 2023 (88 FR 73458, effective 2023-11-17)
// as amended in Apr 2024 (FR doc 2024-07004: NAC/ACA split) and Dec 2024 (89 FR 96790: 3A090.c).
// The text "as amended": ACA for D:1/D:4 destinations on every date. Country groups are taken on the
// as-of date (Cyprus out of D:5 2024-05-30; Cambodia 2025-11-07; the UAE in A:5 from 2026-07-10, with
// the licence the same rule kept for 3A090.a items). Before 2023-11-17 it is evaluated as if already in
// force. reference/regulations.md §6.1; updates-2026-11.md.
import { classify } from "../classify";
import { EFFECTIVE } from "../data/parameters";
import type { Step } from "../types";
import {
  baselineCore,
  domesticCheck,
  embargoCheck,
  later,
  originCheck,
  uaeCheck,
  overClassifications,
  step,
  type Context,
  type Evaluation,
} from "./common";

/** The Oct 2023 rules have no quantity limits: quantities never enter its decisions. */
export const limitSides = (): number => 0;

export function evaluate(ctx: Context): Evaluation {
  const steps: Step[] = [];
  const acs = EFFECTIVE.acs2023;
  // The 2023 text applies from its effective date; earlier dates are read as if it were in force.
  const classification = classify(ctx.item, later(ctx.asOf, acs.date));

  // 15 CFR part 746 first: embargoed and sanctioned destinations need a licence for any CCL item.
  const origin = originCheck(ctx, steps);
  if (origin)
    return { ...origin, steps: [...origin.steps, ...classification.steps], classification };
  const embargoed = embargoCheck(ctx, steps, classification);
  if (embargoed)
    return { ...embargoed, steps: [...embargoed.steps, ...classification.steps], classification };
  const domestic = domesticCheck(ctx, steps);
  if (domestic) return { ...domestic, classification };

  if (ctx.asOf < acs.date) {
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
  return { ...outcome, classification };
}
