// The Oct 2022 rule (87 FR 62186, effective 2022-10-07; Macau added by 88 FR 2821 from 2023-01-17):
// a licence for 3A090 items to China (incl. Hong Kong) and Macau under 15 CFR 742.6(a)(6), reviewed
// with a presumption of denial (742.6(b)(10) of that text). Read by `enforced` until 2023-11-16.
import { inOct2022Scope } from "../data/country-groups";
import { EFFECTIVE } from "../data/milestones";
import { step } from "../step";
import type { Step } from "../types";
import { license, noLicense, type Context, type Control, type Outcome } from "./outcome";

/** 87 FR 62186 (+ 88 FR 2821 for Macau): licence for 3A090 items to China (incl. Hong Kong) and Macau. */
export function oct2022Rule(ctx: Context, control: Control): Outcome {
  const steps: Step[] = [];
  if (control !== "a") {
    steps.push(
      step(
        "Not 3A090 under the Oct 2022 text: no advanced-computing licence requirement",
        EFFECTIVE.oct2022.cite,
        EFFECTIVE.oct2022.confidence
      )
    );
    return noLicense(`the item is outside the Oct 2022 3A090 (${EFFECTIVE.oct2022.cite})`, steps);
  }
  const scope = inOct2022Scope(ctx.dest, ctx.asOf);
  if (!scope.member) {
    steps.push(
      step(
        () =>
          `The Oct 2022 rule required a licence only for China (and Macau from ${EFFECTIVE.macau2023.date}); ${ctx.dest} is outside it`,
        scope.cite,
        scope.confidence
      )
    );
    return noLicense(
      `the Oct 2022 rule covered only China (and Macau from ${EFFECTIVE.macau2023.date}), not ${ctx.dest}`,
      steps
    );
  }
  steps.push(
    step(
      () =>
        `3A090 item to ${ctx.dest} under the Oct 2022 rule: licence required (15 CFR 742.6(a)(6)); review: presumption of denial`,
      scope.cite,
      scope.confidence
    )
  );
  steps.push(
    step(
      "Review policy of the Oct 2022 text: presumption of denial",
      "87 FR 62186, 15 CFR 742.6(b)(10) (Oct 2022 text not read)",
      "unconfirmed"
    )
  );
  return license(
    `3A090 item to ${ctx.destination.name} under the Oct 2022 rule (${scope.cite})`,
    "presumption of denial",
    steps
  );
}
