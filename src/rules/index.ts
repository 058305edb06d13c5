// EXPORTCTL rules module: the public API. Pure TypeScript: no Office, no DOM, no I/O, no clock.
import { classify as classifyItem } from "./classify";
import { diffusionTier, groupsOf } from "./data/country-groups";
import {
  ALWAYS,
  COUNTRY_ALLOCATION_G2G_TPP,
  COUNTRY_ALLOCATION_TPP,
  EFFECTIVE,
  H100_TPP as H100_TPP_TIMELINE,
  LPP_ALLOWANCE_TPP,
  MODEL_WEIGHTS_OPS,
  PROPOSAL_ALLOWANCE_H100,
  latest,
  mustValueAt,
  valueAt,
} from "./data/parameters";
import { DECISION_DATA } from "./data/decision-data";
import { PROCLAMATION, S232_CHIP_BANDS, S232_CHIP_RATE } from "./data/section-232";
import { CHANGE_DATES } from "./era";
import { bandText, within } from "./tariffs/section-232";
import {
  decisionKey as decisionKeyOf,
  determine as determineShipment,
  h100TppOn,
} from "./determine";
import { chipConfidence, fmt, weakestOf } from "./format";
import { later } from "./regimes/common";
import { SCENARIO_NOTE } from "./regimes/proposal-500";
import type {
  Classification,
  Confidence,
  Country,
  Determination,
  IsoDate,
  Item,
  RegimeId,
  RegimeInfo,
  Resolved,
  Shipment,
  Step,
} from "./types";

export * from "./types";
export { resolveChip, resolveItem, resolveCountry, parseDate, isRegimeId } from "./resolve";
export { explain } from "./explain";
export { CHIPS, chipById } from "./catalog";
export { runLedger } from "./ledger";
export type { S232Band } from "./data/section-232";

/**
 * The building blocks the parts loaded outside the functions bundle use (SECTION_232_DUTY,
 * RULE_CHANGES, the date comparison). They reach the rules only through this module, so the
 * module stays one scope-hoisted unit in the bundle; not for other callers.
 */
export const ruleParts = {
  ALWAYS,
  CHANGE_DATES,
  DECISION_DATA,
  PROCLAMATION,
  S232_CHIP_BANDS,
  S232_CHIP_RATE,
  bandText,
  chipConfidence,
  fmt,
  latest,
  valueAt,
  weakestOf,
  within,
} as const;
// SECTION_232_DUTY (tariffs/section-232-duty.ts), RULE_CHANGES (changes.ts) and the date comparison (compare-dates.ts) are imported by path, not
// from here: they load lazily, outside the functions bundle.
export type { LedgerEntry, LedgerRow } from "./ledger";
export { RULES_DATA_VERSION, RULES_DATA_HASH } from "./data/chips.generated";

export const DEFAULT_REGIME: RegimeId = "enforced";

/** The current H100-equivalent yardstick: TPP of one H100 SXM (15,832). */
export const H100_TPP: number = latest(H100_TPP_TIMELINE).value;

export function classify(item: Item, asOf: IsoDate): Classification {
  return classifyItem(item, asOf);
}

export function determine(shipment: Shipment, regime: RegimeId, asOf: IsoDate): Determination {
  return determineShipment(shipment, regime, asOf);
}

/** Equal keys: equal status, licence, exception, review policy and INDETERMINATE reason (see determine.ts). */
export function decisionKey(shipment: Shipment, regime: RegimeId, asOf: IsoDate): string {
  return decisionKeyOf(shipment, regime, asOf);
}

/** quantity x TPP per unit / 15,832. */
export function h100Equivalent(tppPerUnit: number, quantity: number): number {
  return (quantity * tppPerUnit) / H100_TPP;
}

export function listRegimes(): RegimeInfo[] {
  const e = EFFECTIVE;
  const lpp = fmt(latest(LPP_ALLOWANCE_TPP).value);
  const allocation = fmt(latest(COUNTRY_ALLOCATION_TPP).value);
  const proposalH100 = latest(PROPOSAL_ALLOWANCE_H100).value;
  const proposalTpp = fmt(proposalH100 * H100_TPP);
  return [
    {
      id: "enforced",
      name: "As enforced on the as-of date",
      status: "the law as actually applied, date by date",
      badge: "in force",
      effectiveFrom: e.oct2022.date,
      effectiveTo: null,
      cite: `${e.oct2022.cite}; ${e.acs2023.cite}; ${e.chinaReview2026.cite}; ${e.hqGuidance2026.cite}`,
      description: `Nothing before ${e.oct2022.date}; the Oct 2022 rule (China, Macau from ${e.macau2023.date}); the Oct 2023 baseline from ${e.acs2023.date} with country groups on the date; the H20/MI308 letter from ${e.h20Informed.date}; Diffusion not enforced from ${e.diffusionNotEnforced.date}; China/Macau case-by-case review from ${e.chinaReview2026.date}.`,
    },
    {
      id: "baseline-2023",
      name: "Advanced-computing rules of Oct 2023 (as amended Apr 2024, Dec 2024)",
      status: `in force ${e.acs2023.date} on`,
      badge: "in force",
      effectiveFrom: e.acs2023.date,
      effectiveTo: null,
      cite: `${e.acs2023.cite}; ${e.acaSplit.cite}; ${e.hbm2024.cite}`,
      description:
        "Licence for 3A090.a items to D:1/D:4/D:5 and Macau (less A:5/A:6) and for Macau/D:5-headquartered end users anywhere; NAC/ACA for 3A090.b and consumer items; 3A090.c to Macau/D:5.",
    },
    {
      id: "diffusion-2025",
      name: "Framework for AI Diffusion (90 FR 4544), as written",
      status: `compliance date ${e.diffusionCompliance.date}; BIS stopped enforcing it ${e.diffusionNotEnforced.date}; text still codified`,
      badge: "on the books, not enforced",
      effectiveFrom: e.diffusion.date,
      effectiveTo: null,
      cite: `${e.diffusion.cite}; ${e.diffusionNotEnforced.cite}; ${e.gao2026.cite}`,
      description: `Worldwide licence for 3A090.a items; Tier 1 (US + 18) AIA; LPP up to ${lpp} TPP per consignee per year; Tier 2 allocation of ${allocation} TPP (2025-2027); Tier 3 (D:5 + Macau) denial; 4E091 model weights.`,
    },
    {
      id: "proposal-500",
      name: "Reported replacement idea (2025): no tiers, 500 H100-eq allowance",
      status: "reported, never adopted (scenario)",
      badge: "reported proposal",
      effectiveFrom: null,
      effectiveTo: null,
      cite: PROPOSAL_ALLOWANCE_H100[0].cite,
      description: `${SCENARIO_NOTE}. Diffusion without tiers: every destination but the US treated as Tier 2 (Tier 3 and Macau/D:5-HQ still denied); ${proposalH100} H100-equivalents (${proposalTpp} TPP) per consignee per year; no country allocation.`,
    },
  ];
}

/** TPP left under the consignee's allowance this calendar year (Diffusion LPP or the proposal's). */
export function lppRemaining(priorTpp: number, regime: RegimeId, asOf: IsoDate): Resolved<number> {
  if (typeof priorTpp !== "number" || !Number.isFinite(priorTpp) || priorTpp < 0) {
    return {
      ok: false,
      message: `prior_tpp must be a number >= 0, got ${String(priorTpp)}`,
      suggestions: [],
    };
  }
  const textDate = later(asOf, EFFECTIVE.diffusion.date);
  if (regime === "diffusion-2025") {
    const lpp = mustValueAt(LPP_ALLOWANCE_TPP, textDate, "LPP_ALLOWANCE_TPP");
    return { ok: true, value: Math.max(0, lpp.value - priorTpp) };
  }
  if (regime === "proposal-500") {
    const n = mustValueAt(PROPOSAL_ALLOWANCE_H100, textDate, "PROPOSAL_ALLOWANCE_H100");
    return { ok: true, value: Math.max(0, n.value * h100TppOn(textDate) - priorTpp) };
  }
  const why =
    regime === "baseline-2023"
      ? "the Oct 2023 rules have no per-consignee allowance (License Exception LPP came with the Diffusion rule, 90 FR 4544)"
      : asOf < EFFECTIVE.diffusion.date
        ? `License Exception LPP did not exist before ${EFFECTIVE.diffusion.date}`
        : `the Diffusion rule's License Exception LPP is not enforced (BIS, ${EFFECTIVE.diffusionNotEnforced.date}); use regime diffusion-2025 for the rule as written`;
  return {
    ok: false,
    message: `No consignee allowance applies under ${regime} on ${asOf}: ${why}.`,
    suggestions: [],
  };
}

/** The destination's Diffusion country allocation in TPP (Tier 2: 790M, 1.58B with G2G; Tier 3: 0). */
export function countryAllocation(
  country: Country,
  g2g: boolean,
  regime: RegimeId,
  asOf: IsoDate
): Resolved<number> {
  if (regime !== "diffusion-2025") {
    const why =
      regime === "proposal-500"
        ? "the reported proposal has no country allocations"
        : "country allocations exist only in the Diffusion rule (90 FR 4544), which this regime does not apply";
    return {
      ok: false,
      message: `No country allocation under ${regime}: ${why}.`,
      suggestions: [],
    };
  }
  const tier = diffusionTier(country.treatedAs).tier;
  if (tier === 1)
    return {
      ok: false,
      message: `${country.name} is Diffusion Tier 1: Tier 1 destinations have no country allocation (no cap).`,
      suggestions: [],
    };
  if (tier === 3) return { ok: true, value: 0 };
  const textDate = later(asOf, EFFECTIVE.diffusion.date);
  return {
    ok: true,
    value: mustValueAt(
      g2g ? COUNTRY_ALLOCATION_G2G_TPP : COUNTRY_ALLOCATION_TPP,
      textDate,
      "COUNTRY_ALLOCATION"
    ).value,
  };
}

/** ECCN 4E091: closed weights of a model trained with >= 1e26 operations (Diffusion and the proposal only). */
export function modelWeightsControlled(
  trainingOps: number,
  published: boolean,
  regime: RegimeId,
  asOf: IsoDate
): { controlled: boolean; steps: Step[]; confidence: Confidence } {
  if (typeof trainingOps !== "number" || !Number.isFinite(trainingOps) || trainingOps < 0) {
    throw new RangeError(`training_ops must be a number >= 0, got ${String(trainingOps)}`);
  }
  const d = EFFECTIVE.diffusion;
  const steps: Step[] = [];
  const done = (controlled: boolean) => ({
    controlled,
    steps,
    confidence: weakestOf(steps.map((s) => s.confidence)),
  });
  if (regime === "baseline-2023") {
    steps.push({
      text: "The Oct 2023 rules have no model-weights control (ECCN 4E091 came with the Diffusion rule)",
      cite: d.cite,
      confidence: d.confidence,
    });
    return done(false);
  }
  if (regime === "enforced") {
    const n = EFFECTIVE.diffusionNotEnforced;
    steps.push(
      asOf < d.date
        ? {
            text: `ECCN 4E091 did not exist before ${d.date}`,
            cite: d.cite,
            confidence: d.confidence,
          }
        : {
            text: `ECCN 4E091 is in the codified Diffusion text, which BIS has not enforced (announced ${n.date}, before the ${EFFECTIVE.diffusionCompliance.date} compliance date)`,
            cite: `${d.cite}; ${n.cite}`,
            confidence: n.confidence,
          }
    );
    return done(false);
  }
  if (regime === "proposal-500")
    steps.push({
      text: `${SCENARIO_NOTE}; 4E091 assumed kept as in the Diffusion rule`,
      cite: PROPOSAL_ALLOWANCE_H100[0].cite,
      confidence: "unconfirmed",
    });
  if (asOf < d.date)
    steps.push({
      text: `Evaluated as if in force: the Diffusion rule took effect on ${d.date}`,
      cite: d.cite,
      confidence: d.confidence,
    });
  const ops = mustValueAt(MODEL_WEIGHTS_OPS, later(asOf, d.date), "MODEL_WEIGHTS_OPS");
  if (published) {
    steps.push({
      text: "Published (open) weights are not controlled (15 CFR 734.7)",
      cite: `${ops.cite}; 15 CFR 734.7`,
      confidence: ops.confidence,
    });
    return done(false);
  }
  const controlled = trainingOps >= ops.value;
  steps.push({
    text: `Unpublished weights trained with ${fmt(trainingOps)} operations ${controlled ? ">=" : "<"} ${fmt(ops.value)}: ${controlled ? "ECCN 4E091, licence worldwide except AIA (15 CFR 742.6(a)(13))" : "not 4E091"}`,
    cite: ops.cite,
    confidence: ops.confidence,
  });
  return done(controlled);
}

/** Diffusion tier (the rule's own lists, fixed as of Jan 2025; `asOf` is accepted for symmetry). */
export function countryTier(country: Country, asOf: IsoDate): 1 | 2 | 3 {
  void asOf;
  return diffusionTier(country.treatedAs).tier;
}

/** The EAR groups that matter here on `asOf`, sorted: e.g. ["D:1", "D:4", "D:5"]; HK reports China's. */
export function countryGroups(country: Country, asOf: IsoDate): string[] {
  return groupsOf(country.treatedAs, asOf);
}

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
      cite: "FR doc 2024-07004 (2024-04-04)",
      url: "https://www.federalregister.gov/d/2024-07004",
      what: "NAC/ACA split",
      confidence: "secondary",
    },
    {
      cite: "89 FR 96790 (2024-12-05)",
      url: "https://www.federalregister.gov/d/2024-28270",
      what: "3A090.c (HBM), License Exception HBM",
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
      confidence: "secondary",
    },
    {
      cite: "91 FR 43034 (reported 2026-07-14)",
      what: "UAE moved to A:5; 3A090.b scope names the UAE (date UNCONFIRMED)",
      confidence: "unconfirmed",
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
