// Regime "proposal-500": a SCENARIO, not law. The replacement idea reported in Apr-May 2025 (Reuters via
// trendforce.com 2025-04-30): Diffusion without tiers, a no-licence allowance of about 500 H100-equivalents
// per consignee per calendar year, no country allocation. Never adopted. reference/regulations.md §4.
// Everything else (Tier 3 and Macau/D:5-HQ denial, .b/.c handling) is taken from diffusion-2025.
import { classify } from "../classify";
import { diffusionTier } from "../data/country-groups";
import { EFFECTIVE } from "../data/milestones";
import { H100_TPP, PROPOSAL_ALLOWANCE_H100, mustValueAt } from "../data/parameters";
import { fmt, tidy, weakestOf } from "../format";
import type { Dated, IsoDate, Step } from "../types";
import { settled, step } from "../step";
import { diffusionNacItems } from "./diffusion-exceptions";
import { hqFacts } from "./headquarters-rule";
import { overClassifications } from "./open-classification";
import { opening } from "./opening";
import { notAdvancedComputing } from "./destination-licence";
import {
  WITHIN_ALLOWANCE,
  evaluation,
  indeterminate,
  later,
  license,
  limitReads,
  viaException,
  withSteps,
  type Context,
  type LimitInput,
  type Control,
  type Evaluation,
  type Outcome,
} from "./outcome";

export const SCENARIO_NOTE = "Scenario: a reported 2025 replacement idea, never adopted; not law";

const SCENARIO: Step = {
  text: `${SCENARIO_NOTE} (no tiers; ${fmt(PROPOSAL_ALLOWANCE_H100[0].value)} H100-equivalents per consignee per year; no country allocation)`,
  cite: PROPOSAL_ALLOWANCE_H100[0].cite,
  confidence: "unconfirmed",
};

/** The proposal's allowance on the text date: a count of H100-equivalents times the H100's TPP. */
export function limits(textDate: IsoDate): {
  count: Dated<number>;
  h100: Dated<number>;
  allowance: number;
} {
  const count = mustValueAt(PROPOSAL_ALLOWANCE_H100, textDate, "PROPOSAL_ALLOWANCE_H100");
  const h100 = mustValueAt(H100_TPP, textDate, "H100_TPP");
  return { count, h100, allowance: count.value * h100.value };
}

/** The reported allowance per consignee and year. */
export const quantityLimits = true;

/** WITHIN_ALLOWANCE when the consignee's year stays within the allowance (no country allocation). */
export function limitSides(x: LimitInput, asOf: IsoDate): number {
  limitReads.count++;
  if (x.totalTpp === null) return 0;
  const { allowance } = limits(later(asOf, EFFECTIVE.diffusion.date));
  return tidy(x.priorTpp + x.totalTpp) <= allowance ? WITHIN_ALLOWANCE : 0;
}

export function evaluate(ctx: Context): Evaluation {
  const steps: Step[] = [SCENARIO];
  const textDate = later(ctx.asOf, EFFECTIVE.diffusion.date);
  const classification = classify(ctx.item, textDate);

  // Subject to the EAR, part 746 embargoes, not an export: see opening.ts.
  const first = opening(ctx, steps, classification);
  if (first) return evaluation(first, classification);

  steps.push(step(() => `Evaluated as if in force on ${ctx.asOf}`, SCENARIO.cite, "unconfirmed"));
  steps.push(...classification.steps);
  const outcome = overClassifications(classification, steps, (control) =>
    decide(ctx, classification, control, textDate)
  );
  return evaluation(outcome, classification);
}

function decide(
  ctx: Context,
  cls: Evaluation["classification"],
  control: Control,
  textDate: string
): Outcome {
  // No tiers: every destination but the US is treated as Tier 2, except Tier 3 (D:5 + Macau), which stays denied.
  const t3 = diffusionTier(ctx.dest, ctx.asOf).tier === 3;
  const tier = t3 ? 3 : 2;
  const tierStep = step(
    () =>
      `${ctx.dest}: treated as ${t3 ? "Tier 3 (denial kept)" : "Tier 2 (no tiers in the proposal)"}`,
    `${SCENARIO.cite}; 90 FR 4544 Tier 3 (Macau and D:5 on the date)`,
    "unconfirmed"
  );

  if (control === "none") return notAdvancedComputing([tierStep], { tier });
  if (control !== "a" || cls.nonDatacenter) {
    const out = diffusionNacItems(ctx, cls, control, tier, false);
    return withSteps(out, [tierStep, ...out.steps]);
  }

  const hq = hqFacts(ctx);
  const steps: Step[] = [tierStep, hq.step];
  if (t3 || hq.concern) {
    steps.push(
      step(
        "Tier 3 destination or Macau/D:5-headquartered end user: licence required, presumption of denial",
        "15 CFR 742.6(a)(6)(iii)(A), 742.6(b)(10) (as in 90 FR 4544)",
        "secondary"
      )
    );
    const why = t3
      ? `${ctx.dest} is treated as Tier 3`
      : `the end user is headquartered in ${ctx.hq} (Macau or country group D:5)`;
    return license(`${why}: licence required (scenario)`, "presumption of denial", steps, { tier });
  }

  // The allowance: 500 x 15,832 TPP per consignee per calendar year.
  const { count, h100, allowance } = limits(textDate);
  const conf = weakestOf([count.confidence, h100.confidence]);
  if (ctx.totalTpp === null) {
    steps.push(step("TPP unknown: the allowance cannot be checked", count.cite, "unconfirmed"));
    return indeterminate(
      `the item's TPP is unknown, so the proposal's allowance of ${fmt(allowance)} TPP cannot be checked`,
      steps,
      { tier }
    );
  }
  const cumulative = tidy(ctx.priorTpp + ctx.totalTpp);
  const allowanceText = () =>
    `${fmt(count.value)} H100-equivalents (${fmt(count.value)} x ${fmt(h100.value)} = ${fmt(allowance)} TPP)`;
  if (limitSides(ctx, ctx.asOf) & WITHIN_ALLOWANCE) {
    steps.push(
      step(
        () =>
          `${fmt(cumulative)} TPP this calendar year <= ${allowanceText()}: no licence under the allowance`,
        count.cite,
        conf
      )
    );
    return viaException(
      "LPP",
      settled(
        () =>
          `${fmt(cumulative)} TPP is within the proposal's allowance of ${allowanceText()} per consignee per year (scenario)`
      ),
      steps,
      {
        tier,
        draws: WITHIN_ALLOWANCE,
        notes: [
          "the reports describe no conditions for the allowance; the Diffusion rule's LPP obliged certifications and reporting (15 CFR 740.29)",
        ],
      }
    );
  }
  steps.push(
    step(
      () =>
        `${fmt(cumulative)} TPP this calendar year > ${allowanceText()}: licence required; no country allocation; review policy not described in the reports`,
      count.cite,
      conf
    )
  );
  return license(
    settled(
      () =>
        `${fmt(cumulative)} TPP exceeds the proposal's allowance of ${allowanceText()} per consignee per year (scenario)`
    ),
    null,
    steps,
    {
      tier,
      reviewNote: "not described in the reports",
    }
  );
}
