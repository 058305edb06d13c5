// Regime "enforced": the law as actually applied on the as-of date (reference/regulations.md §6.3).
//   before 2022-10-07       no advanced-computing controls (embargoes still apply)
//   2022-10-07 .. 11-16-2023 the Oct 2022 rule: China (incl. Hong Kong); Macau from 2023-01-17
//   from 2023-11-17          the Oct 2023 baseline with country groups on the date, plus:
//     2025-04-09  H20/MI308 "is informed" licence (chip flag)
//     2025-05-13  Diffusion rule not enforced (text still codified; GAO B-337935)
//     2025-05-13  Huawei Ascend 910B/C/D: licence whatever the origin (BIS GP10 guidance; common.ts)
//     2025-09-02  Syria: License Exception SPP for EAR99 items (90 FR 42315; common.ts)
//     2026-01-15  China/Macau review: case-by-case under 21,000 TPP and 6,500 GB/s, only for exports
//                 from the US of US-available (US-designed) items (91 FR 1684)
//     2026-07-10  UAE in A:5, licence kept for 3A090.a items with carve-outs (91 FR 43034; common.ts)
// Country-group dates (Cyprus 2024-05-30, Cambodia 2025-11-07) come from data/country-groups.ts.
import { classify } from "../classify";
import { inGroup, inOct2022Scope } from "../data/country-groups";
import {
  CN_CASE_BY_CASE_DRAM_GBS,
  CN_CASE_BY_CASE_TPP,
  EFFECTIVE,
  mustValueAt,
} from "../data/parameters";
import { chipConfidence, fmt, weakestOf } from "../format";
import type { Step } from "../types";
import {
  baselineCore,
  domesticCheck,
  embargoCheck,
  hqFacts,
  license,
  noLicense,
  originCheck,
  overClassifications,
  step,
  uaeCheck,
  type Context,
  type Control,
  type Evaluation,
  type Outcome,
  type PolicyChoice,
} from "./common";

export const H20_FLAG = "H20_IS_INFORMED";

/** The law as enforced has no quantity limits: quantities never enter its decisions. */
export const limitSides = (): number => 0;

export function evaluate(ctx: Context): Evaluation {
  const steps: Step[] = [];
  const classification = classify(ctx.item, ctx.asOf);

  // 15 CFR part 746 first: embargoed and sanctioned destinations need a licence for any CCL item.
  const origin = originCheck(ctx, steps);
  if (origin)
    return { ...origin, steps: [...origin.steps, ...classification.steps], classification };
  const embargoed = embargoCheck(ctx, steps, classification);
  if (embargoed)
    return { ...embargoed, steps: [...embargoed.steps, ...classification.steps], classification };
  const domestic = domesticCheck(ctx, steps);
  if (domestic) return { ...domestic, classification };

  // Before 2022-10-07: no 3A090/4A090 and no advanced-computing licence requirement.
  const oct = EFFECTIVE.oct2022;
  if (ctx.asOf < oct.date) {
    steps.push(...classification.steps);
    steps.push(
      step(
        () => `No advanced-computing licence requirement before ${oct.date}`,
        oct.cite,
        oct.confidence
      )
    );
    return {
      ...noLicense(
        `no advanced-computing controls applied before ${oct.date} (${oct.cite})`,
        steps
      ),
      classification,
    };
  }
  steps.push(...classification.steps);

  // 2022-10-07 .. 2023-11-16: the Oct 2022 rule.
  if (ctx.asOf < EFFECTIVE.acs2023.date) {
    return {
      ...overClassifications(classification, steps, (control) => oct2022Rule(ctx, control)),
      classification,
    };
  }
  // From 2023-11-17: the baseline, as enforced.
  return {
    ...overClassifications(classification, steps, (control) =>
      from2023(ctx, classification, control)
    ),
    classification,
  };
}

/** 87 FR 62186 (+ 88 FR 2821 for Macau): licence for 3A090 items to China (incl. Hong Kong) and Macau. */
function oct2022Rule(ctx: Context, control: Control): Outcome {
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

function from2023(ctx: Context, cls: ReturnType<typeof classify>, control: Control): Outcome {
  const pre: Step[] = [];
  diffusionStatus(ctx, pre);

  // UAE rule (91 FR 43034, 2026-07-10): A:5, but the licence for 3A090.a items stays, with carve-outs.
  const hq = hqFacts(ctx);
  const uae = uaeCheck(ctx, cls, control, []);
  if (uae) return { ...uae, steps: [...pre, ...uae.steps] };

  const core = baselineCore(ctx, cls, control, {
    d5Policy: (s) => chinaReview2026(ctx, s),
    hqElsewherePolicy: (s) => hqReview2026(ctx, s),
    uaeNamedForB: true,
  });
  let out = core;
  if (hq.concern && ctx.asOf >= EFFECTIVE.diffusionNotEnforced.date && core.status !== "NLR") {
    const g = EFFECTIVE.hqGuidance2026;
    out = {
      ...core,
      steps: [
        ...core.steps,
        step(
          "The Macau/D:5-headquarters licence requirement stays enforced worldwide (not covered by the Diffusion non-enforcement)",
          g.cite,
          g.confidence
        ),
      ],
    };
  }

  // 2025-04-09 is-informed letters: H20 and MI308 (chip flag) to China (incl. HK), Macau, D:5, or D:5/Macau-HQ.
  const letter = EFFECTIVE.h20Informed;
  const chip = ctx.chip;
  if (chip?.flags.includes(H20_FLAG) && ctx.asOf >= letter.date && out.status !== "LICENSE") {
    const d5 = inGroup("D:5", ctx.dest, ctx.asOf);
    const covered = ctx.dest === "CN" || ctx.dest === "MO" || d5.member || hq.concern;
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
  return { ...out, steps: [...pre, ...out.steps] };
}

/** The Diffusion rule is codified but was never enforced in practice. */
function diffusionStatus(ctx: Context, steps: Step[]): void {
  const d = EFFECTIVE.diffusion;
  const n = EFFECTIVE.diffusionNotEnforced;
  if (ctx.asOf < d.date) return;
  if (ctx.asOf < n.date) {
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
  const gao =
    ctx.asOf >= EFFECTIVE.gao2026.date
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

/** 91 FR 1684 (from 2026-01-15): China/Macau review for exports from the US below 21,000 TPP and 6,500 GB/s. */
function chinaReview2026(ctx: Context, steps: Step[]): PolicyChoice | null {
  const r = EFFECTIVE.chinaReview2026;
  if (ctx.asOf < r.date || (ctx.dest !== "CN" && ctx.dest !== "MO")) return null;
  if (ctx.exportFrom === "abroad") {
    steps.push(
      step(
        `Shipped from ${ctx.shipFrom}, not from the US: reexports, exports from abroad and in-country transfers to China/Macau stay under a presumption of denial (the case-by-case review covers exports from the US only)`,
        `${r.cite} (cov.com; bakermckenzie)`,
        "secondary"
      )
    );
    return { policy: "presumption of denial" };
  }
  if (ctx.chip && !ctx.chip.usDesigned) {
    steps.push(
      step(
        `${ctx.chip.name} is not designed in the US, so not an item commercially available in the US: the case-by-case review does not apply; presumption of denial stays`,
        r.cite,
        r.confidence
      )
    );
    return { policy: "presumption of denial" };
  }
  const tppLine = mustValueAt(CN_CASE_BY_CASE_TPP, ctx.asOf, "CN_CASE_BY_CASE_TPP");
  const bwLine = mustValueAt(CN_CASE_BY_CASE_DRAM_GBS, ctx.asOf, "CN_CASE_BY_CASE_DRAM_GBS");
  const tpp = ctx.tppPerUnit;
  const chip = ctx.chip;
  const lines = `TPP < ${fmt(tppLine.value)} and total DRAM bandwidth < ${fmt(bwLine.value)} GB/s`;
  if (tpp === null || chip === null || chip.memoryBandwidthGbs === null) {
    steps.push(
      step(
        () =>
          `Review policy open: case-by-case needs ${lines}, and the item's ${tpp === null ? "TPP" : "DRAM bandwidth"} is unknown`,
        r.cite,
        "unconfirmed"
      )
    );
    return {
      policy: null,
      note: `case-by-case if ${lines} and the Supp. No. 2 to part 748 para (dd) conditions are met; otherwise presumption of denial`,
    };
  }
  const bw = chip.memoryBandwidthGbs;
  const conf = weakestOf([r.confidence, chipConfidence(chip.confidence)]);
  if (tpp < tppLine.value && bw < bwLine.value) {
    steps.push(
      step(
        () =>
          `Export from the US to ${ctx.dest} with TPP ${fmt(tpp)} < ${fmt(tppLine.value)} and DRAM bandwidth ${fmt(bw)} < ${fmt(bwLine.value)} GB/s: review case-by-case, if you meet the conditions of Supp. No. 2 to part 748 para (dd)`,
        `${r.cite}; Supp. No. 2 to 15 CFR 748 para (dd)`,
        conf
      )
    );
    return {
      policy: "case-by-case",
      note: "only if you meet the conditions of Supp. No. 2 to part 748 para (dd): the item is commercially available in the US and US supply is not short; cumulative shipments to China/Macau at most 50% of the product's volume to US end users; third-party testing in the US; know-your-customer and remote-access commitments; otherwise presumption of denial",
    };
  }
  steps.push(
    step(
      () =>
        `TPP ${fmt(tpp)} or DRAM bandwidth ${fmt(bw)} GB/s is at or above ${fmt(tppLine.value)} / ${fmt(bwLine.value)} GB/s: presumption of denial stays`,
      r.cite,
      conf
    )
  );
  return { policy: "presumption of denial" };
}

/** From 2026-01-15, Macau/D:5-headquartered end users outside D:5/Macau: presumption of denial (91 FR 1684 text). */
function hqReview2026(ctx: Context, steps: Step[]): PolicyChoice | null {
  const r = EFFECTIVE.chinaReview2026;
  if (ctx.asOf < r.date) return null;
  steps.push(
    step(
      () =>
        `From ${r.date} the review for Macau/D:5-headquartered end users located elsewhere is a presumption of denial`,
      `${r.cite} (rule text, read against govinfo)`,
      r.confidence
    )
  );
  return { policy: "presumption of denial" };
}
