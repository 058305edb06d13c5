// The Jan 2026 China/Macau review policy (91 FR 1684, effective 2026-01-15; 15 CFR 742.6(b)(10)(iii)):
// case-by-case for exports from the US of US-designed items below the TPP and total DRAM bandwidth
// lines, if the conditions of Supp. No. 2 to part 748 para (dd) are met; presumption of denial for
// everything else, and for Macau/D:5-headquartered end users located elsewhere.
import { EFFECTIVE, names } from "../data/milestones";
import { CN_CASE_BY_CASE_DRAM_GBS, CN_CASE_BY_CASE_TPP, mustValueAt } from "../data/parameters";
import { chipConfidence, fmt, weakestOf } from "../format";
import { step } from "../step";
import { testingDutyNote } from "../tariffs/section-232";
import type { Step } from "../types";
import type { PolicyChoice } from "./destination-licence";
import type { Context } from "./outcome";
import { before } from "../validity";

/** 91 FR 1684 (from 2026-01-15): China/Macau review for exports from the US below 21,000 TPP and 6,500 GB/s. */
export function chinaReview2026(ctx: Context, steps: Step[]): PolicyChoice | null {
  const r = EFFECTIVE.chinaReview2026;
  if (before(ctx.asOf, r.date) || !names(r, ctx.dest)) return null;
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
        `${r.cite}; Supp. No. 2 to 15 CFR 748 para (dd); ${bwLine.cite}`,
        conf
      )
    );
    const duty = testingDutyNote(ctx.item, ctx.asOf);
    if (duty) steps.push(duty.step);
    return {
      policy: "case-by-case",
      note: `only if you meet the conditions of Supp. No. 2 to part 748 para (dd): the item is commercially available in the US and US supply is not short; cumulative shipments to China/Macau at most 50% of the product's volume to US end users; third-party testing in the US; know-your-customer and remote-access commitments; otherwise presumption of denial${duty ? `; ${duty.note}` : ""}`,
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
export function hqReview2026(ctx: Context, steps: Step[]): PolicyChoice | null {
  const r = EFFECTIVE.chinaReview2026;
  if (before(ctx.asOf, r.date)) return null;
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
