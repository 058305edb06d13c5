// The EXPORTCTL custom functions as Excel sees them. The JSDoc below is the contract: webpack's
// custom-functions metadata plugin turns it into functions.json (names, parameter names and
// order, descriptions, help URLs) and registers each function with CustomFunctions.associate.
// Every parameter is a matrix so that any argument may be a range; results spill.
import { connectWorkbook } from "./host";
import * as impl from "./impl";
import { ledger as ledgerImpl } from "./ledger";
import { loaded } from "./lazy";
import { rowwise } from "./broadcast";
import { toExcelError } from "./errors";

connectWorkbook();

/**
 * Total processing performance (TPP) of one unit: 2 x MacTOPS x bit length, dense, the highest over precisions (15 CFR 774, 3A090 Technical Note).
 * @customfunction TPP
 * @helpurl https://localhost:3000/help/tpp.html
 * @param chip Chip name or alias, e.g. "H100" or "nvidia b200". A range gives one result per cell.
 * @returns TPP per unit.
 */
export function tpp(chip: any[][]): any[][] {
  return impl.tpp(chip);
}

/**
 * Performance density: TPP divided by the applicable die area in mm² (3A090 Technical Note). #N/A when the die area is unpublished.
 * @customfunction PERFORMANCE_DENSITY
 * @helpurl https://localhost:3000/help/performance_density.html
 * @param chip Chip name or alias, e.g. "L4".
 * @returns TPP per mm² of applicable die area.
 */
export function performanceDensity(chip: any[][]): any[][] {
  return impl.performanceDensity(chip);
}

/**
 * H100-equivalents: quantity x TPP / 15,832 (the TPP of one H100 SXM).
 * @customfunction H100_EQUIVALENT
 * @helpurl https://localhost:3000/help/h100_equivalent.html
 * @param chip Chip name, e.g. "B200", or a number read as TPP per unit, e.g. 36000.
 * @param [quantity] Units, a whole number >= 0, e.g. 8. Omitted: 1; an empty cell: 0.
 * @returns H100-equivalents.
 */
export function h100Equivalent(chip: any[][], quantity?: any[][]): any[][] {
  return impl.h100Equivalents(chip, quantity);
}

/**
 * Export Control Classification Number of a chip on a date: "3A090.a", "3A090.b" or "not 3A090".
 * @customfunction ECCN
 * @helpurl https://localhost:3000/help/eccn.html
 * @param chip Chip name, e.g. "H100", or an ECCN, e.g. "5A992.z.1".
 * @param [as_of] Date, e.g. "2024-06-01" or a date cell. Default: the task pane's as-of date, else today.
 * @returns The ECCN.
 */
export function eccn(chip: any[][], as_of?: any[][]): any[][] {
  return impl.eccn(chip, as_of);
}

/**
 * AI Diffusion framework tier of a country (90 FR 4544) on a date: 1, 2 or 3 (Tier 3: Macau and Country Group D:5 on the date).
 * @customfunction COUNTRY_TIER
 * @helpurl https://localhost:3000/help/country_tier.html
 * @param country ISO code or name, e.g. "DE", "India" or "UAE".
 * @param [as_of] Date, e.g. "2025-06-01". Default: the task pane's as-of date, else today.
 * @returns 1, 2 or 3.
 */
export function countryTier(country: any[][], as_of?: any[][]): any[][] {
  return impl.countryTierOf(country, as_of);
}

/**
 * The EAR country groups of a country that matter for AI chips on a date, e.g. "D:1, D:4, D:5" or "A:5".
 * @customfunction COUNTRY_GROUPS
 * @helpurl https://localhost:3000/help/country_groups.html
 * @param country ISO code or name, e.g. "CN" or "Viet Nam".
 * @param [as_of] Date, e.g. "2026-03-01". Default: the task pane's as-of date, else today.
 * @returns The groups, comma separated, or "none".
 */
export function countryGroups(country: any[][], as_of?: any[][]): any[][] {
  return impl.countryGroupsOf(country, as_of);
}

/**
 * TRUE when the shipment needs a licence; #N/A with the reason when the sources leave it open.
 * @customfunction REQUIRES_LICENSE
 * @helpurl https://localhost:3000/help/requires_license.html
 * @param chip Chip name, e.g. "H100", or an ECCN, e.g. "3A090.a".
 * @param destination Destination country code or name, e.g. "AE".
 * @param [quantity] Units, a whole number >= 1, e.g. 2000. Omitted: 1; an empty cell or 0 is #VALUE!.
 * @param [end_user_hq] Country of the end user's headquarters or ultimate parent, e.g. "CN". Default: the destination.
 * @param [regime] Regime id, e.g. "diffusion-2025": one of "enforced", "baseline-2023", "diffusion-2025", "proposal-500". Default: the task pane's choice, else "enforced".
 * @param [as_of] Date, e.g. "2025-06-01". Default: the task pane's as-of date, else today.
 * @param [prior_tpp] TPP already shipped to this consignee this calendar year under the allowance, e.g. 15832000. Default 0.
 * @param [ship_from] Country the item leaves from, e.g. "TW" for a reexport from Taiwan. Default "US" (an export from the US); blank means "US".
 * @returns TRUE or FALSE.
 */
export function requiresLicense(
  chip: any[][],
  destination: any[][],
  quantity?: any[][],
  end_user_hq?: any[][],
  regime?: any[][],
  as_of?: any[][],
  prior_tpp?: any[][],
  ship_from?: any[][]
): any[][] {
  return impl.requiresLicense(
    chip,
    destination,
    quantity,
    end_user_hq,
    regime,
    as_of,
    prior_tpp,
    ship_from
  );
}

/**
 * The licence exception that authorises the shipment: "LPP", "AIA", "ACA", "NAC", "HBM", "VEU", "SPP", or "" when none applies.
 * @customfunction LICENSE_EXCEPTION
 * @helpurl https://localhost:3000/help/license_exception.html
 * @param chip Chip name, e.g. "H100", or an ECCN.
 * @param destination Destination country code or name, e.g. "IN".
 * @param [quantity] Units, a whole number >= 1, e.g. 1699. Omitted: 1; an empty cell or 0 is #VALUE!.
 * @param [end_user_hq] Country of the end user's headquarters or ultimate parent, e.g. "DE". Default: the destination.
 * @param [regime] Regime id, e.g. "diffusion-2025": one of "enforced", "baseline-2023", "diffusion-2025", "proposal-500". Default: the task pane's choice, else "enforced".
 * @param [as_of] Date, e.g. "2025-06-01". Default: the task pane's as-of date, else today.
 * @param [prior_tpp] TPP already shipped to this consignee this calendar year under the allowance, e.g. 0. Default 0.
 * @param [ship_from] Country the item leaves from, e.g. "TW" for a reexport from Taiwan. Default "US" (an export from the US); blank means "US".
 * @returns The exception code or "".
 */
export function licenseException(
  chip: any[][],
  destination: any[][],
  quantity?: any[][],
  end_user_hq?: any[][],
  regime?: any[][],
  as_of?: any[][],
  prior_tpp?: any[][],
  ship_from?: any[][]
): any[][] {
  return impl.licenseException(
    chip,
    destination,
    quantity,
    end_user_hq,
    regime,
    as_of,
    prior_tpp,
    ship_from
  );
}

/**
 * How BIS reviews a licence application for the shipment: "presumption of denial", "case-by-case", "presumption of approval", or "".
 * @customfunction REVIEW_POLICY
 * @helpurl https://localhost:3000/help/review_policy.html
 * @param chip Chip name, e.g. "B200", or an ECCN.
 * @param destination Destination country code or name, e.g. "CN".
 * @param [quantity] Units, a whole number >= 1, e.g. 100. Omitted: 1; an empty cell or 0 is #VALUE!.
 * @param [end_user_hq] Country of the end user's headquarters or ultimate parent, e.g. "CN". Default: the destination.
 * @param [regime] Regime id, e.g. "diffusion-2025": one of "enforced", "baseline-2023", "diffusion-2025", "proposal-500". Default: the task pane's choice, else "enforced".
 * @param [as_of] Date, e.g. "2026-03-01". Default: the task pane's as-of date, else today.
 * @param [prior_tpp] TPP already shipped to this consignee this calendar year under the allowance, e.g. 0. Default 0.
 * @param [ship_from] Country the item leaves from, e.g. "TW" for a reexport from Taiwan. Default "US" (an export from the US); blank means "US".
 * @returns The review policy or "".
 */
export function reviewPolicy(
  chip: any[][],
  destination: any[][],
  quantity?: any[][],
  end_user_hq?: any[][],
  regime?: any[][],
  as_of?: any[][],
  prior_tpp?: any[][],
  ship_from?: any[][]
): any[][] {
  return impl.reviewPolicy(
    chip,
    destination,
    quantity,
    end_user_hq,
    regime,
    as_of,
    prior_tpp,
    ship_from
  );
}

/**
 * One line for the audit file: verdict, ECCN and why, destination group or tier, exception or review policy, CFR/FR citations and confidence.
 * @customfunction EXPLAIN
 * @helpurl https://localhost:3000/help/explain.html
 * @param chip Chip name, e.g. "H100", or an ECCN.
 * @param destination Destination country code or name, e.g. "AE".
 * @param [quantity] Units, a whole number >= 1, e.g. 2000. Omitted: 1; an empty cell or 0 is #VALUE!.
 * @param [end_user_hq] Country of the end user's headquarters or ultimate parent, e.g. "AE". Default: the destination.
 * @param [regime] Regime id, e.g. "diffusion-2025": one of "enforced", "baseline-2023", "diffusion-2025", "proposal-500". Default: the task pane's choice, else "enforced".
 * @param [as_of] Date, e.g. "2025-06-01". Default: the task pane's as-of date, else today.
 * @param [prior_tpp] TPP already shipped to this consignee this calendar year under the allowance, e.g. 0. Default 0.
 * @param [ship_from] Country the item leaves from, e.g. "TW" for a reexport from Taiwan. Default "US" (an export from the US); blank means "US".
 * @returns The explanation.
 */
export function explain(
  chip: any[][],
  destination: any[][],
  quantity?: any[][],
  end_user_hq?: any[][],
  regime?: any[][],
  as_of?: any[][],
  prior_tpp?: any[][],
  ship_from?: any[][]
): any[][] {
  return impl.explainShipment(
    chip,
    destination,
    quantity,
    end_user_hq,
    regime,
    as_of,
    prior_tpp,
    ship_from
  );
}

/**
 * TPP left under the per-consignee, per-calendar-year allowance (Diffusion LPP, 15 CFR 740.29; or the proposal's 500 H100-equivalents).
 * @customfunction LPP_REMAINING
 * @helpurl https://localhost:3000/help/lpp_remaining.html
 * @param prior_tpp TPP already shipped to the consignee this calendar year under the allowance, e.g. 20000000.
 * @param [regime] A regime with an allowance, e.g. "diffusion-2025" or "proposal-500". Default: the task pane's choice, else "enforced".
 * @param [as_of] Date, e.g. "2025-06-01". Default: the task pane's as-of date, else today.
 * @returns TPP remaining.
 */
export function lppRemaining(prior_tpp: any[][], regime?: any[][], as_of?: any[][]): any[][] {
  return impl.lppRemainingOf(prior_tpp, regime, as_of);
}

/**
 * A country's TPP allocation for 2025-2027 under the Diffusion framework (790,000,000; doubled with a government-to-government agreement).
 * @customfunction COUNTRY_ALLOCATION
 * @helpurl https://localhost:3000/help/country_allocation.html
 * @param country ISO code or name, e.g. "India".
 * @param [g2g] TRUE when the country has a government-to-government agreement with the US, e.g. FALSE. Default FALSE.
 * @param [regime] e.g. "diffusion-2025". Default: the task pane's choice, else "enforced".
 * @param [as_of] Date, e.g. "2025-06-01". Default: the task pane's as-of date, else today.
 * @returns The allocation in TPP.
 */
export function countryAllocation(
  country: any[][],
  g2g?: any[][],
  regime?: any[][],
  as_of?: any[][]
): any[][] {
  return impl.countryAllocationOf(country, g2g, regime, as_of);
}

/**
 * TRUE when AI model weights are controlled under ECCN 4E091: trained with at least 1e26 operations, not published, and not excluded by Note 2; #N/A with the reason when the inputs leave it open.
 * @customfunction MODEL_WEIGHTS_CONTROLLED
 * @helpurl https://localhost:3000/help/model_weights_controlled.html
 * @param training_ops Operations used to train the model, all of them (a fine-tune's base model included), e.g. 2E+26.
 * @param [published] TRUE when the weights are published (open weights), e.g. FALSE. Default FALSE.
 * @param [regime] e.g. "diffusion-2025". Default: the task pane's choice, else "enforced".
 * @param [as_of] Date, e.g. "2025-06-01". Default: the task pane's as-of date, else today.
 * @param [derived_from_published] TRUE when the model is a fine-tune of published weights (4E091 Note 2), e.g. TRUE. Default: not known.
 * @param [extra_ops] Operations added to the published weights, e.g. 1E+25. Default: not known.
 * @param [exceeds_best_published] FALSE when the model is no more capable than the most capable published model (excluded by Note 2), e.g. FALSE. Default: not known (taken as more capable, with lowered confidence).
 * @returns TRUE or FALSE.
 */
export function modelWeightsControlled(
  training_ops: any[][],
  published?: any[][],
  regime?: any[][],
  as_of?: any[][],
  derived_from_published?: any[][],
  extra_ops?: any[][],
  exceeds_best_published?: any[][]
): any[][] {
  return impl.modelWeights(
    training_ops,
    published,
    regime,
    as_of,
    derived_from_published,
    extra_ops,
    exceeds_best_published
  );
}

/**
 * A catalog value of a chip: tpp, die_area, performance_density, memory_bandwidth, interconnect, vendor, datacenter, confidence, source, ...
 * @customfunction CHIP_SPEC
 * @helpurl https://localhost:3000/help/chip_spec.html
 * @param chip Chip name or alias, e.g. "H200".
 * @param field Field name, e.g. "memory_bandwidth".
 * @returns The catalog value.
 */
export function chipSpec(chip: any[][], field: any[][]): any[][] {
  return impl.chipSpec(chip, field);
}

/**
 * The workbook's default regime, as chosen in the task pane ("enforced" when none is chosen).
 * @customfunction REGIME
 * @helpurl https://localhost:3000/help/regime.html
 * @returns The regime id.
 */
export function regime(): string {
  return impl.currentRegime();
}

/**
 * The regimes a formula can use: id, name, status, effective from, effective to.
 * @customfunction REGIMES
 * @helpurl https://localhost:3000/help/regimes.html
 * @returns A table with a header row.
 */
export function regimes(): any[][] {
  return impl.regimesTable();
}

/**
 * A shipment table evaluated in date order with running allowances: status, licence required, exception, consignee allowance TPP this year, country allocation TPP used.
 * @customfunction LEDGER
 * @helpurl https://localhost:3000/help/ledger.html
 * @param chips Chip column, e.g. A2:A50.
 * @param destinations Destination column, e.g. B2:B50.
 * @param quantities Quantity column, e.g. C2:C50.
 * @param end_user_hqs End-user headquarters column (blank: the destination), e.g. D2:D50.
 * @param consignees Ultimate consignee column (allowances accumulate per consignee), e.g. E2:E50.
 * @param dates Shipment date column, e.g. F2:F50.
 * @param [regime] e.g. "diffusion-2025". Default: the task pane's choice, else "enforced".
 * @param [ship_froms] Ship-from country column or one country for all rows, e.g. G2:G50 or "MY". Default "US"; blank cells mean "US".
 * @returns One row per shipment, in input order.
 */
export function ledger(
  chips: any[][],
  destinations: any[][],
  quantities: any[][],
  end_user_hqs: any[][],
  consignees: any[][],
  dates: any[][],
  regime?: any[][],
  ship_froms?: any[][]
): any[][] {
  return ledgerImpl(
    chips,
    destinations,
    quantities,
    end_user_hqs,
    consignees,
    dates,
    regime,
    ship_froms
  );
}

/**
 * The additional US import duty, as a fraction (0.25 or 0; format the cell as a percentage), on an article containing this chip under the Section 232 semiconductor proclamation (Proclamation 11002, 91 FR 2443, from 2026-01-15). #N/A when the chip's TPP or DRAM bandwidth is unknown and decides it.
 * @customfunction SECTION_232_DUTY
 * @helpurl https://localhost:3000/help/section_232_duty.html
 * @param chip Chip name, e.g. "H200", or an ECCN.
 * @param [end_use] Exemption claimed, e.g. "us-datacenter": one of "us-datacenter", "us-repair", "us-rnd", "us-startup", "consumer", "industrial", "us-public-sector", "approved". Default: none.
 * @param [entry_date] Date of entry into the US, e.g. "2026-02-01". Default: the task pane's as-of date, else today.
 * @param [hts] HTS number of the article, e.g. "8471.80". Default: a covered heading (8471.50, 8471.80, 8473.30: cards, modules, servers); a bare IC under 8542.31 gives 0.
 * @returns The duty as a fraction, e.g. 0.25.
 */
export function section232Duty(
  chip: any[][],
  end_use?: any[][],
  entry_date?: any[][],
  hts?: any[][]
): Promise<any[][]> {
  return loaded(
    () => import(/* webpackChunkName: "section-232" */ "./section-232"),
    (m) => m.section232(chip, end_use, entry_date, hts)
  );
}

/**
 * What changed in the export-control rules between two dates: date, event, regimes affected, citation, confidence, one row per dated fact of the rules data.
 * @customfunction RULE_CHANGES
 * @helpurl https://localhost:3000/help/rule_changes.html
 * @param [from] First date, e.g. "2025-01-01". Default: one year before `to`.
 * @param [to] Last date, e.g. "2026-11-30". Default: the task pane's as-of date, else today.
 * @param [country] Only changes touching this country (naming it, or applying to every destination), e.g. "KH".
 * @returns A table with a header row.
 */
export function ruleChanges(from?: any[][], to?: any[][], country?: any[][]): Promise<any[][]> {
  return loaded(
    () => import(/* webpackChunkName: "rule-changes" */ "./rule-changes"),
    (m) => m.ruleChangesTable(from, to, country)
  );
}

/**
 * The best match of a party in the screening list loaded in the task pane (the Consolidated Screening List): list, listed name, country, score 0-100, Federal Register citation, the list's date. A match is a lead for due diligence, not a legal conclusion.
 * @customfunction SCREEN_PARTY
 * @helpurl https://localhost:3000/help/screen_party.html
 * @param name The party's name, e.g. "Zephyrion Quantum Computing Co., Ltd.".
 * @param [country] Only entries listing this country (or none), ISO code or name, e.g. "CN". Default: every country.
 * @param [min_score] Lowest score that counts as a match, 1-100, e.g. 95. Default 90.
 * @returns "MATCH ...", "POSSIBLE MATCH ...: review" or "no match (list of DATE, N entries)".
 */
export async function screenParty(
  name: any[][],
  country?: any[][],
  min_score?: any[][]
): Promise<any[][]> {
  try {
    const m = await loadScreening();
    return rowwise(m.PARAMS, await m.screeningRow())(name, country, min_score);
  } catch (error) {
    screening = null; // a chunk that failed to load is tried again on the next call
    return [[toExcelError(error)]];
  }
}

// SCREEN_PARTY's adapter and the matcher: a chunk loaded on its first call.
let screening: Promise<typeof import("./screening")> | null = null;
function loadScreening() {
  return (screening ??= import(/* webpackChunkName: "screening" */ "./screening"));
}
