// The main sources behind the rules data, for the task pane's provenance. Kept out of the rules
// module's index so the functions bundle (which never shows them) does not carry them.
import type { Confidence } from "./types";

/** The main sources behind the rules data, for the pane's provenance (reference/regulations.md §0, §1.1). */
export function sources(): { cite: string; url?: string; what: string; confidence: Confidence }[] {
  return [
    {
      cite: "15 CFR 740, 742, 746, 774 (eCFR issue 2026-07-23, via a public scrape)",
      url: "https://www.ecfr.gov/current/title-15",
      what: "Country groups, ECCN 3A090/4A090/4E091 text, licence exceptions",
      confidence: "confirmed",
    },
    {
      cite: "87 FR 62186 (2022-10-13, effective 2022-10-07)",
      url: "https://www.federalregister.gov/d/2022-21658",
      what: "Oct 2022 rule: 3A090/4A090 created, licence for China",
      confidence: "secondary",
    },
    {
      cite: "88 FR 2821 (2023-01-18)",
      url: "https://www.federalregister.gov/d/2023-00888",
      what: "Macau added to the Oct 2022 controls",
      confidence: "secondary",
    },
    {
      cite: "88 FR 73458 (2023-10-25, effective 2023-11-17)",
      url: "https://www.federalregister.gov/d/2023-23055",
      what: "AC/S IFR: TPP/PD tests, D:1/D:4/D:5 scope, HQ rule, NAC",
      confidence: "confirmed",
    },
    {
      cite: "89 FR 23876 (FR doc 2024-07004, 2024-04-04)",
      url: "https://www.federalregister.gov/d/2024-07004",
      what: "NAC/ACA split",
      confidence: "confirmed",
    },
    {
      cite: "89 FR 40369 (FR doc 2024-10280, effective 2024-05-30)",
      url: "https://www.federalregister.gov/d/2024-10280",
      what: "Cyprus no longer in Country Group D:5",
      confidence: "confirmed",
    },
    {
      cite: "89 FR 96790 (published 2024-12-05, effective 2024-12-02)",
      url: "https://www.federalregister.gov/d/2024-28270",
      what: "3A090.c (HBM), License Exception HBM (compliance 2024-12-31)",
      confidence: "confirmed",
    },
    {
      cite: "BIS guidance of 2025-05-13 (General Prohibition 10)",
      what: "Using Huawei Ascend 910B/910C/910D anywhere risks violating GP10",
      confidence: "secondary",
    },
    {
      cite: "90 FR 42315 (FR doc 2025-16724, effective 2025-09-02)",
      url: "https://www.federalregister.gov/d/2025-16724",
      what: "Syria: License Exception SPP for EAR99 items",
      confidence: "confirmed",
    },
    {
      cite: "90 FR 47201; 90 FR 50857",
      url: "https://www.federalregister.gov/d/2025-19001",
      what: "Affiliates (50%) rule of 2025-09-29, suspended 2025-11-10 to 2026-11-09",
      confidence: "confirmed",
    },
    {
      cite: "DDTC ITAR 126.1 rule (effective 2025-11-07); BIS RIN 0694-AK41 (effective 2026-02-03)",
      what: "Cambodia out of D:5 (ITAR date; EAR text conformed later)",
      confidence: "secondary",
    },
    {
      cite: "90 FR 4544 (2025-01-15, effective 2025-01-13)",
      url: "https://www.federalregister.gov/d/2025-00636",
      what: "Framework for AI Diffusion: tiers, AIA, LPP, allocations, 4E091",
      confidence: "secondary",
    },
    {
      cite: "91 FR 1684 (2026-01-15)",
      url: "https://www.govinfo.gov/content/pkg/FR-2026-01-15/html/2026-00789.htm",
      what: "China/Macau case-by-case review under 21,000 TPP and 6,500 GB/s",
      confidence: "confirmed",
    },
    {
      cite: "GAO B-337935 (2026-05-12)",
      url: "https://www.gao.gov/products/b-337935",
      what: "Diffusion non-enforcement is a rule under the Congressional Review Act",
      confidence: "confirmed",
    },
    {
      cite: "BIS guidance 2026-05-31",
      url: "https://wilmarth-associates.com/guidance-regarding-enforcement-of-license-requirements-for-advanced-computing-items-for-entities-headquartered-in-country-group-d5-and-macau/",
      what: "D:5/Macau-HQ licence requirement enforced worldwide",
      confidence: "confirmed",
    },
    {
      cite: "91 FR 43034 (FR doc 2026-14132, published 2026-07-14, effective 2026-07-10)",
      url: "https://www.federalregister.gov/d/2026-14132",
      what: "UAE moved from D:4 to A:5; licence kept for 3A090.a items with carve-outs (Supp. No. 8 to part 740)",
      confidence: "secondary",
    },
    {
      cite: "MITI Directive No. 1/2025 (Malaysia, 2025-07-14)",
      what: "Malaysian permit for exports and transhipment of US-origin AI chips (not a US rule)",
      confidence: "confirmed",
    },
    {
      cite: "CSET-2023",
      url: "https://exportcontrol.lbl.gov/a-bigger-yard-a-higher-fence-understanding-biss-expanded-controls-on-advanced-computing-exports/",
      what: "Explainer of the Oct 2023 rule: review policies, NAC, HQ rule",
      confidence: "secondary",
    },
    {
      cite: "KELLY chip-export-controls tracker (2026-03-18)",
      url: "https://github.com/s-w-kelly/chip-export-controls",
      what: "Threshold history and chip TPP/PD table",
      confidence: "secondary",
    },
    {
      cite: "SemiAnalysis, How the AI Diffusion Framework Works",
      url: "https://semianalysis.com",
      what: "Diffusion tiers, LPP and allocation figures",
      confidence: "secondary",
    },
    {
      cite: "Epoch AI Machine Learning Hardware dataset; vendor datasheets",
      url: "https://epoch.ai/data/machine-learning-hardware",
      what: "Chip catalog (TPP, die area, bandwidth)",
      confidence: "secondary",
    },
  ];
}
