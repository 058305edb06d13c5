// Every regulatory number the rules use, as timelines (see timeline.ts): thresholds, allowances and
// notice periods, each entry with its citation and confidence, read through valueAt(). Effective
// dates are in milestones.ts.
import { RulesFault } from "../fault";
import type { Dated, IsoDate } from "../types";
import { onOrAfter } from "../validity";

export type Timeline<T> = readonly Dated<T>[];

/** Earlier than any date the module models: for values that hold on every date we evaluate. */
export const ALWAYS: IsoDate = "0001-01-01";

/** The entry in force on `asOf` (the last one whose `from` <= asOf), or undefined before the first. */
export function valueAt<T>(timeline: Timeline<T>, asOf: IsoDate): Dated<T> | undefined {
  let found: Dated<T> | undefined;
  for (const entry of timeline) {
    if (onOrAfter(asOf, entry.from)) found = entry;
    else break;
  }
  return found;
}

/** valueAt for callers that have already checked the date window: a missing value is a bug. */
export function mustValueAt<T>(timeline: Timeline<T>, asOf: IsoDate, name: string): Dated<T> {
  const found = valueAt(timeline, asOf);
  if (!found) throw new RulesFault(`rules data: ${name} has no value on ${asOf}`);
  return found;
}

/** The latest entry (the value in force now, for yardsticks that are not date-sensitive). */
export function latest<T>(timeline: Timeline<T>): Dated<T> {
  return timeline[timeline.length - 1];
}

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
    cite: "91 FR 43034; Supp. No. 8 to part 740; summaries of the FR text",
    confidence: "secondary",
  },
  {
    from: "2027-04-06",
    value: [UAE_GOV, US_AI],
    cite: "Supp. No. 8 to part 740: automatic sunset of the G42 and Core42 entries on 2027-04-06 (91 FR 43034)",
    confidence: "secondary",
  },
];
