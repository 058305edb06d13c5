// What each milestone of milestones.ts did, in a sentence: the event RULE_CHANGES lists and the
// description the pane's sources show. Kept apart from the milestones' dates and citations because
// no determination reads them, so they stay out of the functions bundle (registry.ts joins them to
// the milestones). A milestone whose text a determination does read keeps its `what` in place.
import type { EFFECTIVE } from "./milestones";

type Described = Exclude<keyof typeof EFFECTIVE, "malaysiaPermit2025" | "gp10Ascend">;

export const MILESTONE_EVENTS: Readonly<Record<Described, string>> = {
  oct2022: "Oct 2022 advanced-computing rule creates 3A090/4A090 (licence for China)",
  oct2022Section7446: "Oct 2022 rule: 15 CFR 744.6 (US-person support) effective (not modelled)",
  oct2022Fdp:
    "Oct 2022 rule: advanced-computing FDP rule 734.9(h), part of 744.23 and further 742.6/774 instructions effective (not modelled)",
  macau2023: "Macau added to the Oct 2022 controls (published 2023-01-18, effective 2023-01-17)",
  acs2023:
    "AC/S IFR: TPP/PD tests, 3A090.a/.b, D:1/D:4/D:5 + Macau scope, D:5/Macau-HQ rule, License Exception NAC",
  acaSplit:
    "NAC split into NAC (Macau/D:5 and D:5/Macau-HQ, notified) and ACA (other D:1/D:4, no notification)",
  cyprusOutOfD5:
    "Cyprus no longer in Country Group D:5 (conforming change); an earlier ITAR-based exit (88 FR 63016, 2023-10-01) is not confirmed",
  hbm2024:
    "3A090.c (HBM) and License Exception HBM (15 CFR 740.25) added; compliance date for the HBM amendments 2024-12-31",
  hbmCompliance:
    "Compliance date of the 89 FR 96790 HBM amendments (3A090.c, License Exception HBM)",
  diffusion: "Framework for AI Diffusion effective (tiers, AIA/ACM/LPP, 4E091)",
  h20Informed:
    "H20/MI308 'is informed' licence requirement for China (incl. HK, Macau), D:5 and D:5/Macau-HQ",
  diffusionNotEnforced:
    "BIS announces rescission of the Diffusion rule and instructs enforcement officials not to enforce it",
  diffusionCompliance: "Diffusion rule compliance date",
  syriaRelief2025:
    "Syria: License Exception SPP for EAR99 items; CCL items still need a licence (3A090/4A090 denial via D:5, others case-by-case)",
  affiliatesRule:
    "Affiliates rule: Entity List, MEU and 744.8 restrictions extend to entities >= 50% owned by listed parties",
  affiliatesSuspended: "Affiliates rule suspended for one year (through 2026-11-09)",
  affiliatesSnapback:
    "Affiliates rule due to re-apply unless extended; no source found confirming either",
  cambodiaItar:
    "Cambodia removed from ITAR 126.1; D:5 follows the 126.1 list (note to D:5), so Cambodia leaves D:5 (EAR text conformed 2026-02-03)",
  cambodiaEar: "EAR conforming change for Cambodia: removed from D:5 in Supp. No. 1 to part 740",
  chinaReview2026:
    "China/Macau review: case-by-case for TPP < 21,000 and DRAM bandwidth < 6,500 GB/s, exports from the US of items commercially available there",
  gao2026: "GAO: the Diffusion non-enforcement policy is a rule under the Congressional Review Act",
  hqGuidance2026: "BIS guidance: the D:5/Macau-HQ licence requirement is enforced worldwide",
  uaeRule2026:
    "UAE rule: AE moves from D:4 to A:5; licence kept for 3A090.a items except the UAE Government, Supp. No. 8 to part 740 entities and listed US AI companies",
};
