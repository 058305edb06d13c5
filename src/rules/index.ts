// EXPORTCTL rules module: the public API. Pure TypeScript: no Office, no DOM, no I/O, no clock.
import { classify as classifyItem } from "./classify";
import { DIFFUSION_TIER1, diffusionTier, groupsOf } from "./data/country-groups";
import { EFFECTIVE } from "./data/milestones";
import {
  ALWAYS,
  COUNTRY_ALLOCATION_TPP,
  H100_TPP as H100_TPP_TIMELINE,
  LPP_ALLOWANCE_TPP,
  PROPOSAL_ALLOWANCE_H100,
  latest,
  valueAt,
} from "./data/parameters";
import { DECISION_DATA } from "./data/decision-data";
import { PROCLAMATION, S232_CHIP_BANDS, S232_CHIP_RATE } from "./data/section-232";
import { CHANGE_DATES } from "./era";
import { REGIMES, REGIME_IDS } from "./regimes/registry";
import { step } from "./step";
import { bandText, within } from "./tariffs/section-232";
import {
  decide as decideShipment,
  decisionKey as decisionKeyOf,
  determine as determineShipment,
  determineForLine,
  limitSides as limitSidesOf,
  type Verdict,
} from "./determine";
import { explain } from "./explain";
import { chipConfidence, fmt, weakestOf } from "./format";
import { later, type LimitInput } from "./regimes/outcome";
import { limits as diffusionLimits } from "./regimes/diffusion-2025";
import { SCENARIO_NOTE, limits as proposalLimits } from "./regimes/proposal-500";
import type {
  Classification,
  Country,
  Determination,
  IsoDate,
  Item,
  RegimeId,
  RegimeSummary,
  Resolved,
  Shipment,
} from "./types";
import { before, recording, type Eras } from "./validity";

export * from "./types";
export type { Verdict } from "./determine";
export type { Eras } from "./validity";
export type { LimitInput } from "./regimes/outcome";
export { WITHIN_ALLOCATION, WITHIN_ALLOWANCE } from "./regimes/outcome";
export { eraOf } from "./era";
export { countryClass, itemClass } from "./decision-classes";
export { tidy } from "./format";
export { resolveChip, resolveItem, resolveCountry, parseDate, isRegimeId } from "./resolve";
export { explain } from "./explain";
export { CHIPS, chipById } from "./catalog";
export { runLedger, consigneeKey } from "./ledger";
export type { S232Band } from "./data/section-232";

/**
 * The building blocks the parts loaded outside the functions bundle use (SECTION_232_DUTY,
 * RULE_CHANGES, the date comparison, the pane's regime descriptions in regime-info.ts). They reach the rules only through this module, so the
 * module stays one scope-hoisted unit in the bundle; not for other callers.
 */
export const ruleParts = {
  ALWAYS,
  COUNTRY_ALLOCATION_TPP,
  DIFFUSION_TIER1,
  EFFECTIVE,
  LPP_ALLOWANCE_TPP,
  PROPOSAL_ALLOWANCE_H100,
  SCENARIO_NOTE,
  REGIME_IDS,
  CHANGE_DATES,
  DECISION_DATA,
  PROCLAMATION,
  S232_CHIP_BANDS,
  S232_CHIP_RATE,
  bandText,
  chipConfidence,
  fmt,
  latest,
  step,
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

/**
 * explain(determine(shipment, regime, asOf), assumptions), building only the step texts the line
 * quotes (those of unconfirmed steps): what EXPLAIN and the batch Explanation column show.
 */
export function explainShipment(
  shipment: Shipment,
  regime: RegimeId,
  asOf: IsoDate,
  assumptions: readonly string[] = []
): string {
  return explain(determineForLine(shipment, regime, asOf), assumptions);
}

/**
 * explainShipment() and the run of eras it holds for (validity.ts): on every date of the run the
 * line is this one with that date written where this one's as-of date is (EXPLAIN keeps one line
 * per run).
 */
export function explainHeld(
  shipment: Shipment,
  regime: RegimeId,
  asOf: IsoDate,
  assumptions: readonly string[]
): [string, Eras] {
  return recording(asOf, () => explain(determineForLine(shipment, regime, asOf), assumptions));
}

/** The verdict alone (no explanation texts built): what REQUIRES_LICENSE and LEDGER read. */
export function decide(shipment: Shipment, regime: RegimeId, asOf: IsoDate): Verdict {
  return decideShipment(shipment, regime, asOf);
}

/** WITHIN_ALLOWANCE / WITHIN_ALLOCATION bits for these totals under `regime` (see determine.ts). */
export function limitSides(regime: RegimeId, x: LimitInput, asOf: IsoDate): number {
  return limitSidesOf(regime, x, asOf);
}

/**
 * `regime`'s limitSides() when it has quantity limits (allowances, allocations), else null (its
 * sides are always 0): for callers that read it row after row, once per regime.
 */
export function limitsOf(regime: RegimeId): ((x: LimitInput, asOf: IsoDate) => number) | null {
  const r = REGIMES[regime];
  return r.quantityLimits ? r.limitSides : null;
}

/** Equal keys: equal status, licence, exception, review policy and INDETERMINATE reason (see determine.ts). */
export function decisionKey(shipment: Shipment, regime: RegimeId, asOf: IsoDate): string {
  return decisionKeyOf(shipment, regime, asOf);
}

/** quantity x TPP per unit / 15,832. */
export function h100Equivalent(tppPerUnit: number, quantity: number): number {
  return (quantity * tppPerUnit) / H100_TPP;
}

/**
 * Each regime's id, name, status and dates: what REGIMES() and the batch command show. The task pane
 * and the workbench read listRegimes() (regime-info.ts), which adds each regime's badge, sources and
 * description, and stays out of the functions bundle.
 */
export function regimeSummaries(): RegimeSummary[] {
  const e = EFFECTIVE;
  return [
    {
      id: "enforced",
      name: "As enforced on the as-of date",
      status: "the law as actually applied, date by date",
      effectiveFrom: e.oct2022.date,
      effectiveTo: null,
    },
    {
      id: "baseline-2023",
      name: "Advanced-computing rules of Oct 2023 (as amended Apr 2024, Dec 2024)",
      // Its core is the law in force, but later changes (the is-informed letter, the Jan 2026 China
      // review) are not applied: the status says so, beside the "in force" badge.
      status: `core in force since ${e.acs2023.date}; later changes (the ${e.h20Informed.date} letter, the ${e.chinaReview2026.date} China review) not applied`,
      effectiveFrom: e.acs2023.date,
      effectiveTo: null,
    },
    {
      id: "diffusion-2025",
      name: "Framework for AI Diffusion (90 FR 4544), as written",
      status: `compliance date ${e.diffusionCompliance.date}; BIS stopped enforcing it ${e.diffusionNotEnforced.date}; text still codified`,
      effectiveFrom: e.diffusion.date,
      effectiveTo: null,
    },
    {
      id: "proposal-500",
      name: `Reported replacement idea (2025): no tiers, ${latest(PROPOSAL_ALLOWANCE_H100).value} H100-eq allowance`,
      status: "reported, never adopted (scenario)",
      effectiveFrom: null,
      effectiveTo: null,
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
  // The allowances are the regimes' own (limits() of each regime file), read once there.
  if (regime === "diffusion-2025")
    return { ok: true, value: Math.max(0, diffusionLimits(textDate, false).lpp.value - priorTpp) };
  if (regime === "proposal-500")
    return { ok: true, value: Math.max(0, proposalLimits(textDate).allowance - priorTpp) };
  const why =
    regime === "baseline-2023"
      ? "the Oct 2023 rules have no per-consignee allowance (License Exception LPP came with the Diffusion rule, 90 FR 4544)"
      : before(asOf, EFFECTIVE.diffusion.date)
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
  const tier = diffusionTier(country.treatedAs, asOf).tier;
  if (tier === 1)
    return {
      ok: false,
      message: `${country.name} is Diffusion Tier 1: Tier 1 destinations have no country allocation (no cap).`,
      suggestions: [],
    };
  if (tier === 3) return { ok: true, value: 0 };
  const textDate = later(asOf, EFFECTIVE.diffusion.date);
  return { ok: true, value: diffusionLimits(textDate, g2g).cap.value };
}

export { modelWeightsControlled, type ModelWeightsFacts } from "./model-weights-4e091";

/** Diffusion tier on `asOf`: Tier 1 the rule's fixed list, Tier 3 Macau and D:5 on the date, Tier 2 the rest. */
export function countryTier(country: Country, asOf: IsoDate): 1 | 2 | 3 {
  return diffusionTier(country.treatedAs, asOf).tier;
}

/** The EAR groups that matter here on `asOf`, sorted: e.g. ["D:1", "D:4", "D:5"]; HK reports China's. */
export function countryGroups(country: Country, asOf: IsoDate): string[] {
  return groupsOf(country.treatedAs, asOf);
}
