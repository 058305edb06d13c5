// License Exceptions as the Framework for AI Diffusion (90 FR 4544) rewrote them, shared by
// diffusion-2025 and proposal-500: the 3A090.b scope unchanged; ACA widened to Tier 2 (15 CFR 740.8,
// revised text unconfirmed); NAC with notice for Tier 3 and Macau/D:5-headquartered end users; AIA
// for Tier 1 destinations with a Tier 1 or US headquarters (15 CFR 740.27); 3A090.c as in 89 FR 96790;
// and, for 3A090.a datacenter items, AIA and the LPP allowance per consignee and year (15 CFR 740.29).
// License Exception ACM (15 CFR 740.28) is not evaluated: a step says so where a licence follows.
import { EFFECTIVE } from "../data/milestones";
import { ACA_WIDENED, ACM, AIA, AIA_HQ, LPP, NAC_ACA } from "../data/license-exceptions";
import { DIFFUSION_TIER1 } from "../data/country-groups";
import { fmt, tidy, weakestOf } from "../format";
import { settled, step } from "../step";
import type { Classification, Dated, Step } from "../types";
import { baselineCore } from "./destination-licence";
import { SCOPE_CITE, destFacts, groupStep } from "./destination-scope";
import { hqFacts } from "./headquarters-rule";
import { nacNoticeDays, nacObligation } from "./license-exceptions-nac-aca-hbm";
import {
  WITHIN_ALLOWANCE,
  indeterminate,
  noLicense,
  viaException,
  withTier,
  type Context,
  type Outcome,
} from "./outcome";

/** 3A090.b, 3A090.c and non-datacenter 3A090.a items under the Diffusion rule's exceptions. */
export function diffusionNacItems(
  ctx: Context,
  cls: Classification,
  control: "b" | "c" | "a",
  tier: 1 | 2 | 3,
  aiaHq: boolean
): Outcome {
  if (control === "c") return withTier(baselineCore(ctx, cls, "c"), tier);
  const steps: Step[] = [];
  const f = destFacts(ctx.dest, ctx.asOf);
  steps.push(groupStep(ctx.dest, f, ctx.asOf));
  const hq = hqFacts(ctx);
  steps.push(hq.step);
  const days = nacNoticeDays(ctx);
  const kind = control === "b" ? "3A090.b-type item" : "non-datacenter 3A090.a item";
  if (tier === 3 || hq.concern) {
    steps.push(
      step(
        () =>
          `${kind} to Tier 3 or a Macau/D:5-headquartered end user: License Exception NAC with ${fmt(days.value)}-day notice`,
        `${NAC_ACA.cite}; ${days.cite}`,
        days.confidence
      )
    );
    return viaException(
      "NAC",
      `License Exception NAC: notify BIS ${fmt(days.value)} days before shipment (${NAC_ACA.section})`,
      steps,
      { tier, notes: [nacObligation(days.value)] }
    );
  }
  if (control === "a") {
    // The .a licence is worldwide under Diffusion; non-datacenter .a items use AIA (Tier 1 HQ) or the widened ACA.
    if (tier === 1 && aiaHq) {
      steps.push(
        step(
          () => `${kind} to Tier 1 with a Tier 1 or US headquarters: License Exception AIA`,
          AIA.cite,
          AIA.confidence
        )
      );
      return viaException(
        "AIA",
        `License Exception AIA: Tier 1 destination and headquarters (${AIA.section})`,
        steps,
        { tier }
      );
    }
    steps.push(
      step(
        () =>
          `${kind} outside Tier 3: License Exception ACA (widened by the Diffusion rule), no notification`,
        ACA_WIDENED.cite,
        ACA_WIDENED.confidence
      )
    );
    return viaException(
      "ACA",
      `License Exception ACA, as widened by the Diffusion rule (${ACA_WIDENED.section})`,
      steps,
      { tier }
    );
  }
  if (f.inScope) {
    steps.push(
      step(
        () => `${kind} to D:1/D:4 (not D:5/Macau): License Exception ACA, no notification`,
        `${NAC_ACA.section}; ${EFFECTIVE.acaSplit.cite}`,
        EFFECTIVE.acaSplit.confidence
      )
    );
    return viaException(
      "ACA",
      `License Exception ACA: D:1/D:4 destination outside D:5/Macau, no notification (${NAC_ACA.section})`,
      steps,
      { tier }
    );
  }
  steps.push(
    step(
      () =>
        `${kind} to ${ctx.dest}: outside the 3A090.b licence scope (D:1/D:4/D:5/Macau less A:5/A:6)`,
      `${SCOPE_CITE}(B)`,
      "confirmed"
    )
  );
  return noLicense(
    `${ctx.dest} is outside the 3A090.b licence scope and the end user is not Macau/D:5-headquartered`,
    steps,
    { tier }
  );
}

/** 15 CFR 740.27 (AIA): a Tier 1 destination and an end user headquartered in Tier 1 or the US. */
export function aiaTier1(ctx: Context, tier: 1 | 2 | 3, steps: Step[]): Outcome | null {
  const hqTier1 = DIFFUSION_TIER1[ctx.hq];
  if (tier === 1 && hqTier1) {
    steps.push(
      step(
        () =>
          `Tier 1 destination and end user headquartered in ${ctx.hq} (Tier 1): License Exception AIA`,
        `${AIA.cite}; ${hqTier1.cite}`,
        weakestOf([AIA.confidence, hqTier1.confidence])
      )
    );
    return viaException(
      "AIA",
      `License Exception AIA: Tier 1 destination and headquarters (${AIA.section})`,
      steps,
      { tier: 1 }
    );
  }
  if (tier === 1) {
    steps.push(
      step(
        () =>
          `Tier 1 destination but end user headquartered outside Tier 1 (${ctx.hq}): AIA unavailable`,
        AIA_HQ.cite,
        AIA_HQ.confidence
      )
    );
  }
  return null;
}

/**
 * 15 CFR 740.29 (LPP): the allowance per ultimate consignee and calendar year, prior shipments
 * counted (`within`: the regime's limitSides). The exception, INDETERMINATE when the TPP is unknown,
 * or null (with the step saying so) when the allowance is exceeded.
 */
export function lppAllowance(
  ctx: Context,
  lpp: Dated<number>,
  within: boolean,
  steps: Step[],
  tier: 1 | 2 | 3
): Outcome | null {
  if (ctx.totalTpp === null) {
    steps.push(step("TPP unknown: the LPP allowance cannot be checked", lpp.cite, "unconfirmed"));
    return indeterminate(
      `the item's TPP is unknown, so the LPP allowance of ${fmt(lpp.value)} TPP cannot be checked`,
      steps,
      { tier }
    );
  }
  const cumulative = tidy(ctx.priorTpp + ctx.totalTpp);
  const total = ctx.totalTpp;
  const prior = () => (ctx.priorTpp > 0 ? ` (${fmt(ctx.priorTpp)} prior + ${fmt(total)} now)` : "");
  if (within) {
    steps.push(
      step(
        () =>
          `${fmt(cumulative)} TPP this calendar year${prior()} <= ${fmt(lpp.value)}: License Exception LPP (report to BIS)`,
        lpp.cite,
        lpp.confidence
      )
    );
    return viaException(
      "LPP",
      settled(
        () =>
          `${fmt(cumulative)} TPP is within the LPP allowance of ${fmt(lpp.value)} per consignee per year (${LPP.section})`
      ),
      steps,
      {
        tier,
        draws: WITHIN_ALLOWANCE,
        notes: [
          `License Exception LPP obliges the certifications and the reporting to BIS of ${LPP.cite}`,
        ],
      }
    );
  }
  steps.push(
    step(
      () =>
        `${fmt(cumulative)} TPP this calendar year${prior()} > ${fmt(lpp.value)}: LPP unavailable, licence required`,
      lpp.cite,
      lpp.confidence
    ),
    // ACM is the other exception the rule made for these items; its conditions are not modelled.
    step(
      () => `License Exception ACM (${ACM.section}) not evaluated: it may cover ${ACM.covers}`,
      ACM.cite,
      ACM.confidence
    )
  );
  return null;
}
