// What the task pane, the workbench and the audit snapshot show of each regime: its summary
// (regimeSummaries(), index.ts) with the badge, the sources and a description. Part of the public
// API for those front ends, kept out of the functions bundle (the custom functions never show it).
import { H100_TPP, regimeSummaries, ruleParts } from "./index";
import type { RegimeId, RegimeInfo } from "./types";

// Only through index.ts (ruleParts): a module of the functions bundle imported from here would no
// longer be scope-hoisted with the rest, and the bundle would grow.
function details(): Record<RegimeId, Pick<RegimeInfo, "badge" | "cite" | "description">> {
  const {
    EFFECTIVE: e,
    COUNTRY_ALLOCATION_TPP,
    DIFFUSION_TIER1,
    LPP_ALLOWANCE_TPP,
    PROPOSAL_ALLOWANCE_H100,
    SCENARIO_NOTE,
    fmt,
    latest,
  } = ruleParts;
  const lpp = fmt(latest(LPP_ALLOWANCE_TPP).value);
  const allocation = fmt(latest(COUNTRY_ALLOCATION_TPP).value);
  const proposalH100 = latest(PROPOSAL_ALLOWANCE_H100).value;
  const proposalTpp = fmt(proposalH100 * H100_TPP);
  return {
    enforced: {
      badge: "in force",
      cite: `${e.oct2022.cite}; ${e.acs2023.cite}; ${e.chinaReview2026.cite}; ${e.hqGuidance2026.cite}`,
      description: `Nothing before ${e.oct2022.date}; the Oct 2022 rule (China, Macau from ${e.macau2023.date}); the Oct 2023 baseline from ${e.acs2023.date} with country groups on the date (Cyprus out of D:5 ${e.cyprusOutOfD5.date}, Cambodia ${e.cambodiaItar.date}); NAC/ACA split ${e.acaSplit.date}; 3A090.c ${e.hbm2024.date}; the H20/MI308 letter from ${e.h20Informed.date}; Huawei Ascend 910B/C/D licence (GP10 guidance) and Diffusion not enforced from ${e.diffusionNotEnforced.date}; Syria SPP ${e.syriaRelief2025.date}; China/Macau case-by-case review from ${e.chinaReview2026.date} for exports from the US only (ship_from); the UAE in A:5 with the licence kept for 3A090.a items from ${e.uaeRule2026.date}.`,
    },
    "baseline-2023": {
      badge: "in force",
      cite: `${e.acs2023.cite}; ${e.acaSplit.cite}; ${e.hbm2024.cite}`,
      description: `Licence for 3A090.a items to D:1/D:4/D:5 and Macau (less A:5/A:6) and for Macau/D:5-headquartered end users anywhere; NAC (Macau/D:5) and ACA (other D:1/D:4, on every date) for 3A090.b and consumer items; 3A090.c to Macau/D:5 from ${e.hbm2024.date}; country groups on the date; the UAE's move to A:5 (${e.uaeRule2026.date}) with the licence the same rule kept.`,
    },
    "diffusion-2025": {
      badge: "on the books, not enforced",
      cite: `${e.diffusion.cite}; ${e.diffusionNotEnforced.cite}; ${e.gao2026.cite}`,
      description: `Worldwide licence for 3A090.a items; Tier 1 (US + ${Object.keys(DIFFUSION_TIER1).length - 1}) AIA; LPP up to ${lpp} TPP per consignee per year; Tier 2 allocation of ${allocation} TPP (2025-2027); Tier 3 (D:5 on the date + Macau) denial; 4E091 model weights.`,
    },
    "proposal-500": {
      badge: "reported proposal",
      cite: PROPOSAL_ALLOWANCE_H100[0].cite,
      description: `${SCENARIO_NOTE}. Diffusion without tiers: every destination but the US treated as Tier 2 (Tier 3 and Macau/D:5-HQ still denied); ${proposalH100} H100-equivalents (${proposalTpp} TPP) per consignee per year; no country allocation.`,
    },
  };
}

/** Every regime, in the pane's order, with what the pane shows of it. */
export function listRegimes(): RegimeInfo[] {
  const d = details();
  return regimeSummaries().map((r) => ({ ...r, ...d[r.id] }));
}
