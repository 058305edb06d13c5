// Every regulatory number and effective date the rules use, as timelines (OpenFisca style): a value
// holds from its `from` date until the next entry. Logic reads them only through valueAt().
import type { Dated, IsoDate, Source } from "../types";

export type Timeline<T> = readonly Dated<T>[];

/** Earlier than any date the module models: for values that hold on every date we evaluate. */
export const ALWAYS: IsoDate = "0001-01-01";

/** The entry in force on `asOf` (the last one whose `from` <= asOf), or undefined before the first. */
export function valueAt<T>(timeline: Timeline<T>, asOf: IsoDate): Dated<T> | undefined {
  let found: Dated<T> | undefined;
  for (const entry of timeline) {
    if (entry.from <= asOf) found = entry;
    else break;
  }
  return found;
}

/** valueAt for callers that have already checked the date window: a missing value is a bug. */
export function mustValueAt<T>(timeline: Timeline<T>, asOf: IsoDate, name: string): Dated<T> {
  const found = valueAt(timeline, asOf);
  if (!found) throw new Error(`rules data: ${name} has no value on ${asOf}`);
  return found;
}

/** The latest entry (the value in force now, for yardsticks that are not date-sensitive). */
export function latest<T>(timeline: Timeline<T>): Dated<T> {
  return timeline[timeline.length - 1];
}

// ---------------------------------------------------------------------------------------------
// Effective dates (reference/regulations.md §1.1, §3, §4, §5)

export interface Milestone extends Source {
  date: IsoDate;
  what: string;
}

export const EFFECTIVE = {
  oct2022: {
    date: "2022-10-07",
    what: "Oct 2022 advanced-computing rule creates 3A090/4A090 (licence for China)",
    cite: "87 FR 62186 (FR doc 2022-21658)",
    confidence: "secondary",
  },
  oct2022Section7446: {
    date: "2022-10-12",
    what: "Oct 2022 rule: 15 CFR 744.6 (US-person support) effective (not modelled)",
    cite: "87 FR 62186, DATES",
    confidence: "confirmed",
  },
  oct2022Fdp: {
    date: "2022-10-21",
    what: "Oct 2022 rule: advanced-computing FDP rule 734.9(h), part of 744.23 and further 742.6/774 instructions effective (not modelled)",
    cite: "87 FR 62186, DATES",
    confidence: "confirmed",
  },
  macau2023: {
    date: "2023-01-17",
    what: "Macau added to the Oct 2022 controls (published 2023-01-18, effective 2023-01-17)",
    cite: "88 FR 2821 (FR doc 2023-00888)",
    confidence: "secondary",
  },
  acs2023: {
    date: "2023-11-17",
    what: "AC/S IFR: TPP/PD tests, 3A090.a/.b, D:1/D:4/D:5 + Macau scope, D:5/Macau-HQ rule, License Exception NAC",
    cite: "88 FR 73458 (FR doc 2023-23055)",
    confidence: "confirmed",
  },
  acaSplit: {
    date: "2024-04-04",
    what: "NAC split into NAC (Macau/D:5 and D:5/Macau-HQ, notified) and ACA (other D:1/D:4, no notification)",
    cite: "89 FR 23876 (FR doc 2024-07004)",
    confidence: "confirmed",
  },
  cyprusOutOfD5: {
    date: "2024-05-30",
    what: "Cyprus no longer in Country Group D:5 (conforming change); an earlier ITAR-based exit (88 FR 63016, 2023-10-01) is not confirmed",
    cite: "89 FR 40369 (FR doc 2024-10280), effective 2024-05-30",
    confidence: "confirmed",
  },
  hbm2024: {
    date: "2024-12-02",
    what: "3A090.c (HBM) and License Exception HBM (15 CFR 740.25) added; compliance date for the HBM amendments 2024-12-31",
    cite: "89 FR 96790 (FR doc 2024-28270), effective 2024-12-02",
    confidence: "confirmed",
  },
  hbmCompliance: {
    date: "2024-12-31",
    what: "Compliance date of the 89 FR 96790 HBM amendments (3A090.c, License Exception HBM)",
    cite: "89 FR 96790 (FR doc 2024-28270), DATES",
    confidence: "confirmed",
  },
  diffusion: {
    date: "2025-01-13",
    what: "Framework for AI Diffusion effective (tiers, AIA/ACM/LPP, 4E091)",
    cite: "90 FR 4544 (FR doc 2025-00636)",
    confidence: "secondary",
  },
  h20Informed: {
    date: "2025-04-09",
    what: "H20/MI308 'is informed' licence requirement for China (incl. HK, Macau), D:5 and D:5/Macau-HQ",
    cite: "NVIDIA 8-K of 2025-04-15 (is-informed letter, 15 CFR 744.23)",
    confidence: "secondary",
  },
  diffusionNotEnforced: {
    date: "2025-05-13",
    what: "BIS announces rescission of the Diffusion rule and instructs enforcement officials not to enforce it",
    cite: "BIS press release 2025-05-13 (updated 2025-05-16)",
    confidence: "secondary",
  },
  diffusionCompliance: {
    date: "2025-05-15",
    what: "Diffusion rule compliance date",
    cite: "90 FR 4544",
    confidence: "secondary",
  },
  gp10Ascend: {
    date: "2025-05-13",
    what: "BIS guidance: using Huawei Ascend 910B, 910C or 910D anywhere in the world risks violating General Prohibition 10",
    cite: "BIS guidance of 2025-05-13 on General Prohibition 10 (15 CFR 736.2(b)(10)) and PRC advanced-computing ICs",
    confidence: "secondary",
  },
  malaysiaPermit2025: {
    date: "2025-07-14",
    what: "Malaysia: Strategic Trade Permit and 30-day notice for export, transhipment and transit of US-origin high-performance AI chips (Malaysian law, not the EAR)",
    cite: "MITI Directive of the Strategic Trade Controller No. 1/2025 (Strategic Trade Act 2010 s.12)",
    confidence: "confirmed",
  },
  syriaRelief2025: {
    date: "2025-09-02",
    what: "Syria: License Exception SPP for EAR99 items; CCL items still need a licence (3A090/4A090 denial via D:5, others case-by-case)",
    cite: "90 FR 42315 (FR doc 2025-16724), effective 2025-09-02",
    confidence: "confirmed",
  },
  affiliatesRule: {
    date: "2025-09-29",
    what: "Affiliates rule: Entity List, MEU and 744.8 restrictions extend to entities >= 50% owned by listed parties",
    cite: "90 FR 47201 (FR doc 2025-19001)",
    confidence: "confirmed",
  },
  affiliatesSuspended: {
    date: "2025-11-10",
    what: "Affiliates rule suspended for one year (through 2026-11-09)",
    cite: "90 FR 50857 (FR doc 2025-19846)",
    confidence: "confirmed",
  },
  affiliatesSnapback: {
    date: "2026-11-10",
    what: "Affiliates rule due to re-apply unless extended; no source found confirming either",
    cite: "90 FR 50857 (suspension through 2026-11-09); status after that date UNCONFIRMED",
    confidence: "unconfirmed",
  },
  cambodiaItar: {
    date: "2025-11-07",
    what: "Cambodia removed from ITAR 126.1; D:5 follows the 126.1 list (note to D:5), so Cambodia leaves D:5 (EAR text conformed 2026-02-03)",
    cite: "DDTC final rule effective 2025-11-07 (DLA Piper 2025-11-14; Crowell via Mondaq 2025-11-12); note to Country Group D:5",
    confidence: "secondary",
  },
  cambodiaEar: {
    date: "2026-02-03",
    what: "EAR conforming change for Cambodia: removed from D:5 in Supp. No. 1 to part 740",
    cite: "BIS rule 'EAR: Conforming Change for Cambodia' (RIN 0694-AK41), effective 2026-02-03",
    confidence: "secondary",
  },
  chinaReview2026: {
    date: "2026-01-15",
    what: "China/Macau review: case-by-case for TPP < 21,000 and DRAM bandwidth < 6,500 GB/s, exports from the US of items commercially available there",
    cite: "91 FR 1684 (FR doc 2026-00789); 15 CFR 742.6(b)(10)(iii)(A)(1)",
    confidence: "confirmed",
  },
  gao2026: {
    date: "2026-05-12",
    what: "GAO: the Diffusion non-enforcement policy is a rule under the Congressional Review Act",
    cite: "GAO B-337935",
    confidence: "confirmed",
  },
  hqGuidance2026: {
    date: "2026-05-31",
    what: "BIS guidance: the D:5/Macau-HQ licence requirement is enforced worldwide",
    cite: "BIS guidance 2026-05-31 (15 CFR 742.6(a)(6)(iii)(A))",
    confidence: "confirmed",
  },
  uaeRule2026: {
    date: "2026-07-10",
    what: "UAE rule: AE moves from D:4 to A:5; licence kept for 3A090.a items except the UAE Government, Supp. No. 8 to part 740 entities and listed US AI companies",
    cite: "91 FR 43034 (FR doc 2026-14132), effective 2026-07-10",
    confidence: "secondary",
  },
} as const satisfies Record<string, Milestone>;

// ---------------------------------------------------------------------------------------------
// 3A090 parameters (Supp. No. 1 to part 774; reference/regulations.md §1.2, §1.3)

const OCT2022 = "87 FR 62186, ECCN 3A090 (Oct 2022 text)";
const ECCN_3A090 = "ECCN 3A090, Supp. No. 1 to 15 CFR 774 (88 FR 73458; eCFR-2026-07-23)";

/** 3A090.a.1 TPP floor; also the Oct 2022 TPP test and the datacenter note's line. */
export const TPP_A1: Timeline<number> = [
  { from: "2022-10-07", value: 4800, cite: OCT2022, confidence: "secondary" },
  {
    from: "2023-11-17",
    value: 4800,
    cite: `${ECCN_3A090}, 3A090.a.1 and Note 2`,
    confidence: "confirmed",
  },
];

/** Oct 2022 only: aggregate bidirectional chip-to-chip transfer rate, GB/s (dropped 2023-11-17). */
export const INTERCONNECT_GBS: Timeline<number> = [
  {
    from: "2022-10-07",
    value: 600,
    cite: `${OCT2022}: bidirectional transfer rate >= 600 GB/s`,
    confidence: "secondary",
  },
];

/** 3A090.a.2 and .b.2 TPP floor. */
export const TPP_A2: Timeline<number> = [
  {
    from: "2023-11-17",
    value: 1600,
    cite: `${ECCN_3A090}, 3A090.a.2/.b.2`,
    confidence: "confirmed",
  },
];

/** 3A090.a.2 performance-density floor (also the .b upper bound). */
export const PD_A2: Timeline<number> = [
  { from: "2023-11-17", value: 5.92, cite: `${ECCN_3A090}, 3A090.a.2`, confidence: "confirmed" },
];

/** 3A090.b.1 TPP floor. */
export const TPP_B1: Timeline<number> = [
  { from: "2023-11-17", value: 2400, cite: `${ECCN_3A090}, 3A090.b.1`, confidence: "confirmed" },
];

/** 3A090.b.1 performance-density floor. */
export const PD_B1: Timeline<number> = [
  { from: "2023-11-17", value: 1.6, cite: `${ECCN_3A090}, 3A090.b.1`, confidence: "confirmed" },
];

/** 3A090.b.2 performance-density floor. */
export const PD_B2: Timeline<number> = [
  { from: "2023-11-17", value: 3.2, cite: `${ECCN_3A090}, 3A090.b.2`, confidence: "confirmed" },
];

/** 3A090.c memory bandwidth density floor, GB/s/mm² (standalone HBM). */
export const HBM_DENSITY: Timeline<number> = [
  {
    from: "2024-12-02",
    value: 2,
    cite: "ECCN 3A090.c (89 FR 96790; eCFR-2026-07-23)",
    confidence: "confirmed",
  },
];

/** License Exception HBM (15 CFR 740.25): only HBM with memory bandwidth density below this, GB/s/mm². */
export const HBM_EXCEPTION_DENSITY_MAX: Timeline<number> = [
  {
    from: "2024-12-02",
    value: 3.3,
    cite: "15 CFR 740.25 (89 FR 96790)",
    confidence: "confirmed",
  },
];

/** License Exception NAC: days of notice before shipment. */
export const NAC_NOTICE_DAYS: Timeline<number> = [
  {
    from: "2023-11-17",
    value: 25,
    cite: "15 CFR 740.8(a)(2) (CSET-2023 fn. 5)",
    confidence: "secondary",
  },
];

// ---------------------------------------------------------------------------------------------
// Diffusion rule and the reported replacement (reference/regulations.md §3, §4)

/** TPP of one H100 SXM (dense FP8 1,979 x 8): the H100-equivalent yardstick (a convention, not rule text). */
export const H100_TPP: Timeline<number> = [
  {
    from: ALWAYS,
    value: 15832,
    cite: "H100 SXM datasheet (1,979 dense FP8 TOPS x 8); KELLY chipData; SEMI",
    confidence: "secondary",
  },
];

/** License Exception LPP: TPP per ultimate consignee per calendar year. */
export const LPP_ALLOWANCE_TPP: Timeline<number> = [
  {
    from: "2025-01-13",
    value: 26_900_000,
    cite: "15 CFR 740.29 (90 FR 4544; figure per SEMI and the White House fact sheet)",
    confidence: "secondary",
  },
];

/** Tier 2 country allocation, TPP, cumulative 2025-2027. */
export const COUNTRY_ALLOCATION_TPP: Timeline<number> = [
  {
    from: "2025-01-13",
    value: 790_000_000,
    cite: "90 FR 4544, 15 CFR 742.6(b)(10) (figure per SEMI, getcoai, 6699global)",
    confidence: "secondary",
  },
];

/** Tier 2 country allocation with a government-to-government agreement (2 x 790M assumed). */
export const COUNTRY_ALLOCATION_G2G_TPP: Timeline<number> = [
  {
    from: "2025-01-13",
    value: 1_580_000_000,
    cite: "90 FR 4544 (doubling per SEMI; exact figure UNCONFIRMED)",
    confidence: "unconfirmed",
  },
];

/** ECCN 4E091: training operations at or above which closed model weights are controlled. */
export const MODEL_WEIGHTS_OPS: Timeline<number> = [
  {
    from: "2025-01-13",
    value: 1e26,
    cite: "ECCN 4E091 (90 FR 4544; eCFR-2026-07-23)",
    confidence: "confirmed",
  },
];

/**
 * 4E091 Note 2: a derivative of published weights stays excluded while its extra training operations
 * are at most the larger of this floor and DERIVATIVE_OPS_SHARE of the published model's operations.
 */
export const DERIVATIVE_OPS_FLOOR: Timeline<number> = [
  {
    from: "2025-01-13",
    value: 2.5e25,
    cite: "ECCN 4E091 Note 2 (90 FR 4544; eCFR-2026-07-23)",
    confidence: "confirmed",
  },
];

export const DERIVATIVE_OPS_SHARE: Timeline<number> = [
  {
    from: "2025-01-13",
    value: 0.25,
    cite: "ECCN 4E091 Note 2 (90 FR 4544; eCFR-2026-07-23)",
    confidence: "confirmed",
  },
];

/** Reported 2025 replacement idea: allowance per consignee per calendar year, in H100-equivalents. */
export const PROPOSAL_ALLOWANCE_H100: Timeline<number> = [
  {
    from: ALWAYS,
    value: 500,
    cite: "Reuters via trendforce.com 2025-04-30 (reported idea, never adopted)",
    confidence: "unconfirmed",
  },
];

// ---------------------------------------------------------------------------------------------
// Jan 2026 China/Macau review policy (91 FR 1684; reference/regulations.md §5.4)

export const CN_CASE_BY_CASE_TPP: Timeline<number> = [
  {
    from: "2026-01-15",
    value: 21_000,
    cite: "91 FR 1684; 15 CFR 742.6(b)(10)(iii)(A)(1)",
    confidence: "confirmed",
  },
];

export const CN_CASE_BY_CASE_DRAM_GBS: Timeline<number> = [
  {
    from: "2026-01-15",
    value: 6_500,
    cite: "91 FR 1684; Supp. No. 2 to 15 CFR 748, para (dd)(1) notes",
    confidence: "confirmed",
  },
];

// ---------------------------------------------------------------------------------------------
// The UAE rule of 2026-07-10 (91 FR 43034): who may receive 3A090.a items there without a licence.

const UAE_GOV = "the UAE Government";
const US_AI =
  "the listed US-headquartered AI companies and their UAE subsidiaries (Amazon, Apple, Google, Meta, Microsoft, OpenAI, Oracle, xAI)";

/** The end users exempt from the UAE licence, per the summaries of the FR text (secondary). */
export const UAE_CARVE_OUTS: Timeline<readonly string[]> = [
  {
    from: "2026-07-10",
    value: [
      UAE_GOV,
      "the entities of Supp. No. 8 to part 740 (G42 and Core42, until 2027-04-06)",
      US_AI,
    ],
    cite: "91 FR 43034 (FR doc 2026-14132); Supp. No. 8 to part 740; summaries of the FR text",
    confidence: "secondary",
  },
  {
    from: "2027-04-06",
    value: [UAE_GOV, US_AI],
    cite: "Supp. No. 8 to part 740: automatic sunset of the G42 and Core42 entries on 2027-04-06 (91 FR 43034)",
    confidence: "secondary",
  },
];
