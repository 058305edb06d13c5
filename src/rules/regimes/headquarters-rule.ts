// The end-user headquarters rule, 15 CFR 742.6(a)(6)(iii)(A) (744.23(a)(3) in the Oct 2023 text): an
// end user headquartered in, or with an ultimate parent in, Macau or country group D:5 needs a licence
// for 3A090.a-type items wherever it is located.
import { MACAU, inGroup } from "../data/country-groups";
import { step } from "../step";
import type { Step } from "../types";
import type { Context } from "./outcome";

export interface HqFacts {
  concern: boolean;
  step: Step;
}

/** Headquarters rule: end user headquartered in, or with an ultimate parent in, Macau or D:5. */
export function hqFacts(ctx: Context): HqFacts {
  const d5 = inGroup("D:5", ctx.hq, ctx.asOf);
  const concern = ctx.hq === MACAU || d5.member;
  const text = () =>
    concern
      ? `End user headquartered in (or ultimate parent in) ${ctx.hq}: Macau or D:5 on ${ctx.asOf}`
      : `End user headquartered in ${ctx.hq}: not Macau or D:5 on ${ctx.asOf}`;
  return {
    concern,
    step: step(
      text,
      `${d5.cite}; 15 CFR 742.6(a)(6)(iii)(A) (744.23(a)(3) in 2023)`,
      d5.confidence
    ),
  };
}
