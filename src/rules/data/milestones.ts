// The effective dates of the rules and notices the module models, each with its citation and
// confidence (reference/regulations.md §1.1, §3, §4, §5; updates-2026-11.md).
import type { IsoDate, Source } from "../types";

export interface Milestone extends Source {
  date: IsoDate;
  what: string;
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
    countries: ["SY"],
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
    countries: ["CN", "MO"],
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
    countries: ["AE"],
  },
} as const satisfies Record<string, Milestone>;
