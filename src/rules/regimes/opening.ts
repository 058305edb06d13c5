// The opening every regime reads first, in this order: whether the EAR reach the shipment
// (subject-to-the-ear.ts: GP10 guidance for Huawei Ascend, foreign-made chips from abroad), the
// part 746 embargoes (embargoes-part-746.ts), then whether it is an export at all (15 CFR 734.13).
// An answer found here ends the determination, with the item's classification steps after it.
import type { Classification, Step } from "../types";
import { embargoCheck } from "./embargoes-part-746";
import { withSteps, type Context, type Outcome } from "./outcome";
import { domesticCheck, originCheck } from "./subject-to-the-ear";

/** The answer of the opening checks, or null when the regime's own rules decide. */
export function opening(ctx: Context, steps: Step[], cls: Classification): Outcome | null {
  const first = originCheck(ctx, steps) ?? embargoCheck(ctx, steps, cls);
  if (first) return withSteps(first, [...first.steps, ...cls.steps]);
  return domesticCheck(ctx, steps);
}
