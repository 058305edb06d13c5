// Regime "enforced": the law as actually applied on the as-of date (reference/regulations.md §6.3).
//   before 2022-10-07       no advanced-computing controls (embargoes still apply)
//   2022-10-07 .. 11-16-2023 the Oct 2022 rule: China (incl. Hong Kong); Macau from 2023-01-17
//   from 2023-11-17          the Oct 2023 baseline with country groups on the date, plus:
//     2025-04-09  H20/MI308 "is informed" licence (chip flag)
//     2025-05-13  Diffusion rule not enforced (text still codified; GAO B-337935)
//     2025-05-13  Huawei Ascend 910B/C/D: licence whatever the origin (BIS GP10 guidance; subject-to-the-ear.ts)
//     2025-09-02  Syria: License Exception SPP for EAR99 items (90 FR 42315; embargoes-part-746.ts)
//     2026-01-15  China/Macau review: case-by-case under 21,000 TPP and 6,500 GB/s, only for exports
//                 from the US of US-available (US-designed) items (91 FR 1684; china-review-2026.ts)
//     2026-07-10  UAE in A:5, licence kept for 3A090.a items with carve-outs (91 FR 43034; uae-rule-2026.ts)
// Country-group dates (Cyprus 2024-05-30, Cambodia 2025-11-07) come from data/country-groups.ts.
import { classify } from "../classify";
import { MACAU, inGroup } from "../data/country-groups";
import { EFFECTIVE } from "../data/milestones";
import { step, textsOff } from "../step";
import type { Step } from "../types";
import { chinaReview2026, hqReview2026 } from "./china-review-2026";
import { baselineCore } from "./destination-licence";
import { hqFacts } from "./headquarters-rule";
import { oct2022Rule } from "./oct-2022-rule";
import { overClassifications } from "./open-classification";
import { opening } from "./opening";
import {
  evaluation,
  license,
  noLicense,
  withSteps,
  type Context,
  type Control,
  type Evaluation,
  type Outcome,
} from "./outcome";
import { uaeCheck } from "./uae-rule-2026";
import { before, onOrAfter } from "../validity";

export const H20_FLAG = "H20_IS_INFORMED";

/** The law as enforced has no quantity limits: quantities never enter its decisions. */
export const quantityLimits = false;
export const limitSides = (): number => 0;

export function evaluate(ctx: Context): Evaluation {
  const steps: Step[] = [];
  const classification = classify(ctx.item, ctx.asOf);

  // Subject to the EAR, part 746 embargoes, not an export: see opening.ts.
  const first = opening(ctx, steps, classification);
  if (first) return evaluation(first, classification);

  // Before 2022-10-07: no 3A090/4A090 and no advanced-computing licence requirement.
  const oct = EFFECTIVE.oct2022;
  if (before(ctx.asOf, oct.date)) {
    steps.push(...classification.steps);
    steps.push(
      step(
        () => `No advanced-computing licence requirement before ${oct.date}`,
        oct.cite,
        oct.confidence
      )
    );
    return evaluation(
      noLicense(`no advanced-computing controls applied before ${oct.date} (${oct.cite})`, steps),
      classification
    );
  }
  steps.push(...classification.steps);

  // 2022-10-07 .. 2023-11-16: the Oct 2022 rule.
  if (before(ctx.asOf, EFFECTIVE.acs2023.date)) {
    return evaluation(
      overClassifications(classification, steps, (control) => oct2022Rule(ctx, control)),
      classification
    );
  }
  // From 2023-11-17: the baseline, as enforced.
  return evaluation(
    overClassifications(classification, steps, (control) => from2023(ctx, classification, control)),
    classification
  );
}

function from2023(ctx: Context, cls: ReturnType<typeof classify>, control: Control): Outcome {
  const pre: Step[] = [];
  diffusionStatus(ctx, pre);

  // UAE rule (91 FR 43034, 2026-07-10): A:5, but the licence for 3A090.a items stays, with carve-outs.
  const hq = hqFacts(ctx);
  const uae = uaeCheck(ctx, cls, control, []);
  if (uae) return withSteps(uae, [...pre, ...uae.steps]);

  const core = baselineCore(ctx, cls, control, {
    d5Policy: (s) => chinaReview2026(ctx, s),
    hqElsewherePolicy: (s) => hqReview2026(ctx, s),
    uaeNamedForB: true,
  });
  let out = core;
  // (A step only: on the verdict path its date is not compared, so the verdict's eras stay wide.)
  if (
    !textsOff() &&
    hq.concern &&
    onOrAfter(ctx.asOf, EFFECTIVE.diffusionNotEnforced.date) &&
    core.status !== "NLR"
  ) {
    const g = EFFECTIVE.hqGuidance2026;
    out = withSteps(core, [
      ...core.steps,
      step(
        "The Macau/D:5-headquarters licence requirement stays enforced worldwide (not covered by the Diffusion non-enforcement)",
        g.cite,
        g.confidence
      ),
    ]);
  }

  // 2025-04-09 is-informed letters: H20 and MI308 (chip flag) to China (incl. HK), Macau, D:5, or D:5/Macau-HQ.
  const letter = EFFECTIVE.h20Informed;
  const chip = ctx.chip;
  if (
    chip?.flags.includes(H20_FLAG) &&
    onOrAfter(ctx.asOf, letter.date) &&
    out.status !== "LICENSE"
  ) {
    const d5 = inGroup("D:5", ctx.dest, ctx.asOf);
    const covered = ctx.dest === "CN" || ctx.dest === MACAU || d5.member || hq.concern;
    if (covered) {
      const s = step(
        () =>
          `${chip.name}: the ${letter.date} is-informed letter requires a licence to China (incl. Hong Kong), Macau, D:5 and Macau/D:5-headquartered end users`,
        letter.cite,
        letter.confidence
      );
      return license(
        `is-informed letter of ${letter.date} for ${chip.name} (${letter.cite})`,
        null,
        [...pre, ...out.steps, s],
        {
          reviewNote:
            "not published; licences issued from Aug 2025 with a 15% revenue arrangement (deal term)",
        }
      );
    }
  }
  return withSteps(out, [...pre, ...out.steps]);
}

/** The Diffusion rule is codified but was never enforced in practice. */
function diffusionStatus(ctx: Context, steps: Step[]): void {
  if (textsOff()) return; // steps only (see step.ts); its dates then widen no verdict's eras
  const d = EFFECTIVE.diffusion;
  const n = EFFECTIVE.diffusionNotEnforced;
  if (before(ctx.asOf, d.date)) return;
  if (before(ctx.asOf, n.date)) {
    steps.push(
      step(
        () =>
          `The Diffusion rule took effect on ${d.date} with compliance required from ${EFFECTIVE.diffusionCompliance.date}; BIS stopped enforcing it on ${n.date} before that`,
        `${d.cite}; ${n.cite}`,
        n.confidence
      )
    );
    return;
  }
  const gao = onOrAfter(ctx.asOf, EFFECTIVE.gao2026.date)
    ? `; ${EFFECTIVE.gao2026.cite} (${EFFECTIVE.gao2026.date}) holds the non-enforcement policy is a rule under the Congressional Review Act`
    : "";
  steps.push(
    step(
      () =>
        `The Diffusion rule text (worldwide 3A090.a licence, LPP/AIA) is still codified but not enforced since ${n.date}${gao}`,
      `${d.cite}; ${n.cite}${gao ? `; ${EFFECTIVE.gao2026.cite}` : ""}`,
      n.confidence
    )
  );
}
