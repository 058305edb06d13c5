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
    cite: "FR doc 2024-07004 (published 2024-04-04)",
    confidence: "secondary",
  },
  hbm2024: {
    date: "2024-12-05",
    what: "3A090.c (HBM) and License Exception HBM (15 CFR 740.25) added",
    cite: "89 FR 96790 (FR doc 2024-28270)",
    confidence: "secondary",
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
  chinaReview2026: {
    date: "2026-01-15",
    what: "China/Macau review: case-by-case for TPP < 21,000 and DRAM bandwidth < 6,500 GB/s, exports from the US",
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
    confidence: "secondary",
  },
  uaeRule2026: {
    date: "2026-07-14",
    what: "UAE rule: AE moves from D:4 to A:5; 3A090.b scope names the UAE",
    cite: "91 FR 43034 (reported; date UNCONFIRMED; group move and .b text confirmed by eCFR-2026-07-23)",
    confidence: "unconfirmed",
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
    from: "2024-12-05",
    value: 2,
    cite: "ECCN 3A090.c (89 FR 96790; eCFR-2026-07-23)",
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
