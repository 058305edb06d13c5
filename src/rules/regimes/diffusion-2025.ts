// Regime "diffusion-2025": the Framework for AI Diffusion (90 FR 4544) as written. Effective 2025-01-13,
// compliance 2025-05-15; BIS stopped enforcing it on 2025-05-13, but the text is still codified.
// Evaluated as if in force on any date; tiers per the rule's own lists, other groups on the as-of date.
// reference/regulations.md §3, §6.2.
import { classify } from "../classify";
import { DIFFUSION_TIER1, diffusionTier } from "../data/country-groups";
import { EFFECTIVE } from "../data/milestones";
import {
  COUNTRY_ALLOCATION_G2G_TPP,
  COUNTRY_ALLOCATION_TPP,
  LPP_ALLOWANCE_TPP,
  mustValueAt,
} from "../data/parameters";
import { fmt, tidy, weakestOf } from "../format";
import { settled, step, textsOff } from "../step";
import type { Dated, IsoDate, Step } from "../types";
import { aiaTier1, diffusionNacItems, lppAllowance } from "./diffusion-exceptions";
import { hqFacts } from "./headquarters-rule";
import { overClassifications } from "./open-classification";
import { opening } from "./opening";
import { notAdvancedComputing } from "./destination-licence";
import {
  WITHIN_ALLOCATION,
  WITHIN_ALLOWANCE,
  evaluation,
  later,
  license,
  limitReads,
  withSteps,
  type Context,
  type LimitInput,
  type Control,
  type Evaluation,
  type Outcome,
} from "./outcome";
import { before, onOrAfter } from "../validity";

const n = EFFECTIVE.diffusionNotEnforced;
const AS_WRITTEN = step(
  () =>
    `As written, not as enforced: BIS has not enforced this rule since ${n.date} (the text is still codified)`,
  n.cite,
  n.confidence
);
const VEU_NOT_MODELLED = step(
  "Data Center VEU (UVEU/NVEU) authorisations are not modelled: check the end user's VEU status",
  "15 CFR 748.15 (90 FR 4544)",
  "secondary"
);

/** The Diffusion limits on the rule's text date: LPP (15 CFR 740.29) and the 2025-2027 country allocation. */
export function limits(
  textDate: IsoDate,
  g2g: boolean
): { lpp: Dated<number>; cap: Dated<number> } {
  return {
    lpp: mustValueAt(LPP_ALLOWANCE_TPP, textDate, "LPP_ALLOWANCE_TPP"),
    cap: mustValueAt(
      g2g ? COUNTRY_ALLOCATION_G2G_TPP : COUNTRY_ALLOCATION_TPP,
      textDate,
      "COUNTRY_ALLOCATION"
    ),
  };
}

/** The LPP allowance per consignee and year (15 CFR 740.29) and the country allocations. */
export const quantityLimits = true;

/**
 * Which side of each limit the shipment falls on (WITHIN_ALLOWANCE, WITHIN_ALLOCATION bits): the
 * only way the quantities enter a decision, so decide() and the decision key both read this.
 */
export function limitSides(x: LimitInput, asOf: IsoDate): number {
  limitReads.count++;
  if (x.totalTpp === null) return 0;
  const { lpp, cap } = limits(later(asOf, EFFECTIVE.diffusion.date), x.g2g);
  return (
    (tidy(x.priorTpp + x.totalTpp) <= lpp.value ? WITHIN_ALLOWANCE : 0) |
    (tidy(x.countryAllocationUsed + x.totalTpp) <= cap.value ? WITHIN_ALLOCATION : 0)
  );
}

export function evaluate(ctx: Context): Evaluation {
  const steps: Step[] = [];
  const d = EFFECTIVE.diffusion;
  const textDate = later(ctx.asOf, d.date);
  const classification = classify(ctx.item, textDate);

  // Subject to the EAR, part 746 embargoes, not an export: see opening.ts. The US is Tier 1.
  const first = opening(ctx, steps, classification);
  if (first)
    return evaluation(
      first,
      classification,
      ctx.dest === "US" ? 1 : diffusionTier(ctx.dest, ctx.asOf).tier
    );

  // Steps only: on the verdict path these dates are not compared (the verdict's eras stay wide).
  if (textsOff()) {
    // no step to build
  } else if (before(ctx.asOf, d.date)) {
    steps.push(
      step(
        () =>
          `Evaluated as if in force: the Diffusion rule took effect on ${d.date}, after ${ctx.asOf}`,
        d.cite,
        d.confidence
      )
    );
  } else if (onOrAfter(ctx.asOf, EFFECTIVE.diffusionNotEnforced.date)) {
    steps.push(AS_WRITTEN);
  }
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
  // Supp. No. 5 to part 740: Tier 1 = the US and the rule's list; Tier 3 = D:5 on the date + Macau; Tier 2 = the rest.
  const t = diffusionTier(ctx.dest, ctx.asOf);
  const tierStep = step(() => `${ctx.dest}: Diffusion Tier ${t.tier}`, t.cite, t.confidence);
  const hq = hqFacts(ctx);
  const hqTier1 = DIFFUSION_TIER1[ctx.hq];

  if (control === "none") return notAdvancedComputing([tierStep], { tier: t.tier });
  if (control !== "a" || cls.nonDatacenter) {
    const out = diffusionNacItems(ctx, cls, control, t.tier, hqTier1 !== undefined);
    return withSteps(out, [tierStep, ...out.steps]);
  }

  // 742.6(a)(6)(iii)(A): 3A090.a, 4A090.a and .z.a items need a licence to any destination, unless AIA/LPP/ACM/VEU.
  const steps: Step[] = [tierStep, hq.step];
  if (t.tier === 3 || hq.concern) {
    steps.push(
      step(
        () =>
          `Tier 3 destination or Macau/D:5-headquartered end user: licence required, presumption of denial; AIA and LPP unavailable`,
        "15 CFR 742.6(a)(6)(iii)(A), 742.6(b)(10) (90 FR 4544)",
        "secondary"
      )
    );
    const why =
      t.tier === 3
        ? `${ctx.dest} is Diffusion Tier 3`
        : `the end user is headquartered in ${ctx.hq} (Macau or country group D:5)`;
    return license(
      `${why}: licence required, no AIA/LPP (15 CFR 742.6(a)(6)(iii)(A))`,
      "presumption of denial",
      steps,
      { tier: t.tier }
    );
  }
  // 740.27 AIA: Tier 1 destination, end user headquartered in Tier 1 (or the US).
  const aia = aiaTier1(ctx, t.tier, steps);
  if (aia) return aia;
  steps.push(VEU_NOT_MODELLED);

  // 740.29 LPP: the per-consignee allowance of the calendar year (prior shipments count).
  const { lpp, cap } = limits(textDate, ctx.g2g);
  const sides = limitSides(ctx, ctx.asOf);
  const lppOutcome = lppAllowance(ctx, lpp, (sides & WITHIN_ALLOWANCE) !== 0, steps, t.tier);
  if (lppOutcome) return lppOutcome;
  const total = ctx.totalTpp as number; // lppAllowance answered when the TPP is unknown
  const cumulative = tidy(ctx.priorTpp + total);
  const exceeds = settled(
    () =>
      `${fmt(cumulative)} TPP exceeds the LPP allowance of ${fmt(lpp.value)} per consignee per year (15 CFR 740.29)`
  );

  // Tier 1 destinations have no country allocation.
  if (t.tier === 1) {
    steps.push(
      step(
        "Tier 1 destination: no country allocation; review: presumption of approval",
        "90 FR 4544 (review policy per secondary summaries; UNCONFIRMED)",
        "unconfirmed"
      )
    );
    return license(exceeds, "presumption of approval", steps, { tier: 1 });
  }
  // Tier 2: presumption of approval while the 2025-2027 country allocation lasts (doubled with a G2G agreement).
  const used = tidy(ctx.countryAllocationUsed + total);
  const usedText = () =>
    ctx.countryAllocationUsed > 0
      ? `${fmt(ctx.countryAllocationUsed)} used + ${fmt(total)}`
      : fmt(total);
  const capName = () =>
    `${ctx.dest}'s 2025-2027 allocation of ${fmt(cap.value)} TPP${ctx.g2g ? " (with a G2G agreement)" : ""}`;
  if (sides & WITHIN_ALLOCATION) {
    steps.push(
      step(
        () =>
          `${usedText()} <= ${capName()}: presumption of approval; the licence draws ${fmt(total)} TPP from it`,
        cap.cite,
        weakestOf([cap.confidence, "unconfirmed"])
      )
    );
    return license(exceeds, "presumption of approval", steps, {
      tier: 2,
      draws: WITHIN_ALLOCATION,
      reviewNote: settled(
        () =>
          `while ${ctx.dest}'s allocation lasts (${fmt(cap.value - used)} TPP left after this shipment)`
      ),
    });
  }
  steps.push(
    step(
      () => `${usedText()} TPP > ${capName()}: presumption of denial`,
      cap.cite,
      weakestOf([cap.confidence, "unconfirmed"])
    )
  );
  return license(exceeds, "presumption of denial", steps, {
    tier: 2,
    reviewNote: `(${ctx.dest}'s allocation would be exceeded)`,
  });
}
