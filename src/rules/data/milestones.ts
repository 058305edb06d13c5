// The effective dates of the rules and notices the module models, each with its citation and
// confidence (reference/regulations.md §1.1, §3, §4, §5; updates-2026-11.md).
import type { IsoDate, Source } from "../types";

export interface Milestone extends Source {
  date: IsoDate;
  /**
   * What happened, in a sentence: here only where a determination's text reads it; the others are
   * in milestone-events.ts, which RULE_CHANGES and the pane's sources read (kept out of the
   * functions bundle, whose determinations never show them).
   */
  what?: string;
  /** The destinations (ISO alpha-2, as the EAR treats them) a country-specific milestone names. */
  countries?: readonly string[];
}

/** Does the milestone name this destination (as treated)? */
export function names(m: Milestone, code: string): boolean {
  return m.countries?.includes(code) ?? false;
}

export const EFFECTIVE = {
  oct2022: {
    date: "2022-10-07",
    cite: "87 FR 62186",
    confidence: "secondary",
  },
  oct2022Section7446: {
    date: "2022-10-12",
    cite: "87 FR 62186, DATES",
    confidence: "confirmed",
  },
  oct2022Fdp: {
    date: "2022-10-21",
    cite: "87 FR 62186, DATES",
    confidence: "confirmed",
  },
  macau2023: {
    date: "2023-01-17",
    cite: "88 FR 2821",
    confidence: "secondary",
  },
  acs2023: {
    date: "2023-11-17",
    cite: "88 FR 73458",
    confidence: "confirmed",
  },
  acaSplit: {
    date: "2024-04-04",
    cite: "89 FR 23876",
    confidence: "confirmed",
  },
  cyprusOutOfD5: {
    date: "2024-05-30",
    cite: "89 FR 40369",
    confidence: "confirmed",
  },
  hbm2024: {
    date: "2024-12-02",
    cite: "89 FR 96790",
    confidence: "confirmed",
  },
  hbmCompliance: {
    date: "2024-12-31",
    cite: "89 FR 96790, DATES",
    confidence: "confirmed",
  },
  diffusion: {
    date: "2025-01-13",
    cite: "90 FR 4544",
    confidence: "secondary",
  },
  h20Informed: {
    date: "2025-04-09",
    cite: "NVIDIA 8-K of 2025-04-15 (is-informed letter, 15 CFR 744.23)",
    confidence: "secondary",
  },
  diffusionNotEnforced: {
    date: "2025-05-13",
    cite: "BIS press release 2025-05-13 (updated 2025-05-16)",
    confidence: "secondary",
  },
  diffusionCompliance: {
    date: "2025-05-15",
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
    cite: "90 FR 42315",
    confidence: "confirmed",
    countries: ["SY"],
  },
  affiliatesRule: {
    date: "2025-09-29",
    cite: "90 FR 47201",
    confidence: "confirmed",
  },
  affiliatesSuspended: {
    date: "2025-11-10",
    cite: "90 FR 50857",
    confidence: "confirmed",
  },
  affiliatesSnapback: {
    date: "2026-11-10",
    cite: "90 FR 50857 (suspension through 2026-11-09); status after that date UNCONFIRMED",
    confidence: "unconfirmed",
  },
  cambodiaItar: {
    date: "2025-11-07",
    cite: "DDTC final rule effective 2025-11-07 (DLA Piper 2025-11-14; Crowell via Mondaq 2025-11-12); note to Country Group D:5",
    confidence: "secondary",
  },
  cambodiaEar: {
    date: "2026-02-03",
    cite: "BIS rule 'EAR: Conforming Change for Cambodia' (RIN 0694-AK41)",
    confidence: "secondary",
  },
  chinaReview2026: {
    date: "2026-01-15",
    cite: "91 FR 1684; 15 CFR 742.6(b)(10)(iii)(A)(1)",
    confidence: "confirmed",
    countries: ["CN", "MO"],
  },
  gao2026: {
    date: "2026-05-12",
    cite: "GAO B-337935",
    confidence: "confirmed",
  },
  hqGuidance2026: {
    date: "2026-05-31",
    cite: "BIS guidance 2026-05-31 (15 CFR 742.6(a)(6)(iii)(A))",
    confidence: "confirmed",
  },
  uaeRule2026: {
    date: "2026-07-10",
    cite: "91 FR 43034",
    confidence: "secondary",
    countries: ["AE"],
  },
} as const satisfies Record<string, Milestone>;
