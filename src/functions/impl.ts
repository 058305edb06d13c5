// The custom functions as plain callables: each declares its parameters (types, defaults) and a
// body that only asks the rules module and picks what the cell shows. functions.ts gives them
// their Excel names and descriptions.
import {
  classify,
  countryAllocation,
  countryGroups,
  countryTier,
  h100Equivalent,
  regimeSummaries,
  lppRemaining,
  modelWeightsControlled,
} from "../rules";
import type { Chip, Country, IsoDate, Item, RegimeId, Resolved } from "../rules";
import { effectiveAsOf, effectiveRegime } from "../settings/settings";
import { Cell, Param, Types, optional, required, show } from "./args";
import { Matrix, guard, rowwise } from "./broadcast";
import { ArgumentError } from "./errors";
import { explainFunction, verdictFunction } from "./shipment";

const asOfParam = optional("as_of", Types.date, () => effectiveAsOf());
const regimeParam = optional("regime", Types.regime, effectiveRegime);

function value<T>(resolved: Resolved<T>): T {
  if (resolved.ok) return resolved.value;
  throw new ArgumentError("#N/A", resolved.message);
}

// INDETERMINATE verdicts show as #N/A with the reason (never a silent "no"): see shipment.ts.
export const requiresLicense = verdictFunction((d) => d.licenseRequired);
export const licenseException = verdictFunction((d) => d.exception ?? "");
export const reviewPolicy = verdictFunction((d) => d.reviewPolicy ?? "");
export const explainShipment = explainFunction();

export const tpp = rowwise<[Chip]>([required("chip", Types.chip)], (chip) => {
  if (chip.tpp === null)
    throw new ArgumentError("#N/A", `The TPP of ${chip.name} is not published`);
  return chip.tpp;
});

export const performanceDensity = rowwise<[Chip]>([required("chip", Types.chip)], (chip) => {
  if (chip.performanceDensity === null) {
    throw new ArgumentError(
      "#N/A",
      `The die area of ${chip.name} is not published, so its performance density is unknown`
    );
  }
  return chip.performanceDensity;
});

export const h100Equivalents = rowwise<[number, number]>(
  [
    required("chip", Types.chipOrTpp),
    // An omitted quantity is 1 unit; an empty quantity cell is 0 units, as Excel desktop sends it
    // (the web sends null): the same sheet gives the same answer on both.
    optional("quantity", Types.quantity, () => 1, { blankValue: 0 }),
  ] as Param<unknown>[],
  (tppPerUnit, quantity) => h100Equivalent(tppPerUnit, quantity)
);

export const eccn = rowwise<[Item, IsoDate]>(
  [required("chip", Types.item), asOfParam] as Param<unknown>[],
  (item, asOf) => {
    const c = classify(item, asOf);
    if (c.control === "indeterminate")
      throw new ArgumentError("#N/A", `INDETERMINATE: ${c.reason ?? "classification is open"}`);
    return c.eccn;
  }
);

export const countryTierOf = rowwise<[Country, IsoDate]>(
  [required("country", Types.country), asOfParam] as Param<unknown>[],
  (country, asOf) => countryTier(country, asOf)
);

export const countryGroupsOf = rowwise<[Country, IsoDate]>(
  [required("country", Types.country), asOfParam] as Param<unknown>[],
  (country, asOf) => {
    const groups = countryGroups(country, asOf);
    return groups.length ? groups.join(", ") : "none";
  }
);

export const lppRemainingOf = rowwise<[number, RegimeId, IsoDate]>(
  [required("prior_tpp", Types.tpp), regimeParam, asOfParam] as Param<unknown>[],
  (prior, regime, asOf) => value(lppRemaining(prior, regime, asOf))
);

export const countryAllocationOf = rowwise<[Country, boolean, RegimeId, IsoDate]>(
  [
    required("country", Types.country),
    optional("g2g", Types.boolean, () => false),
    regimeParam,
    asOfParam,
  ] as Param<unknown>[],
  (country, g2g, regime, asOf) => value(countryAllocation(country, g2g, regime, asOf))
);

export const modelWeights = rowwise<
  [number, boolean, RegimeId, IsoDate, boolean | null, number | null, boolean | null]
>(
  [
    required("training_ops", Types.operations),
    optional("published", Types.boolean, () => false),
    regimeParam,
    asOfParam,
    optional("derived_from_published", Types.boolean, () => null),
    optional("extra_ops", Types.operations, () => null),
    optional("exceeds_best_published", Types.boolean, () => null),
  ] as Param<unknown>[],
  (ops, published, regime, asOf, derivedFromPublished, extraOps, exceedsBestPublished) => {
    const r = modelWeightsControlled(ops, published, regime, asOf, {
      derivedFromPublished,
      extraOps,
      exceedsBestPublished,
    });
    if (r.controlled === null) throw new ArgumentError("#N/A", `INDETERMINATE: ${r.reason}`);
    return r.controlled;
  }
);

/** CHIP_SPEC field names and how each is read from the catalog. */
export const CHIP_FIELDS: Record<string, (chip: Chip) => Cell> = {
  id: (c) => c.id,
  vendor: (c) => c.vendor,
  name: (c) => c.name,
  aliases: (c) => c.aliases.join("; "),
  release_year: (c) => c.releaseYear,
  form_factor: (c) => c.formFactor,
  tpp: (c) => c.tpp,
  die_area: (c) => c.dieAreaMm2,
  performance_density: (c) => c.performanceDensity,
  memory_gb: (c) => c.memoryGb,
  memory_bandwidth: (c) => c.memoryBandwidthGbs,
  interconnect: (c) => c.interconnectGbs,
  tdp: (c) => c.tdpW,
  datacenter: (c) => c.datacenter,
  us_designed: (c) => c.usDesigned,
  /** Old name of us_designed (the flag always meant "designed in the US"). */
  us_origin: (c) => c.usDesigned,
  dense_fp8: (c) => c.denseTopsFp8,
  dense_fp16: (c) => c.denseTflopsFp16,
  dense_int8: (c) => c.denseTopsInt8,
  dense_tf32: (c) => c.denseTflopsTf32,
  dense_fp64: (c) => c.denseTflopsFp64,
  confidence: (c) => c.confidence,
  source: (c) => c.sourceUrls.join(" "),
  notes: (c) => c.notes,
};

export const chipSpec = rowwise<[Chip, string]>(
  [required("chip", Types.chip), required("field", Types.text)] as Param<unknown>[],
  (chip, field) => {
    const key = field.toLowerCase().replace(/[\s-]+/g, "_");
    // Own fields only: "constructor" or "__proto__" are not catalog fields.
    const read = Object.prototype.hasOwnProperty.call(CHIP_FIELDS, key)
      ? CHIP_FIELDS[key]
      : undefined;
    if (typeof read !== "function")
      throw new ArgumentError(
        "#VALUE!",
        `field must be one of ${Object.keys(CHIP_FIELDS).join(", ")}; got ${show(field)}`
      );
    const v = read(chip);
    if (v === null || v === undefined)
      throw new ArgumentError("#N/A", `${key} of ${chip.name} is not published`);
    return v;
  }
);

export function currentRegime(): string {
  return effectiveRegime();
}

export function regimesTable(): Matrix {
  const table = guard(() => [
    ["id", "name", "status", "effective from", "effective to"],
    ...regimeSummaries().map((r) => [
      r.id,
      r.name,
      r.status,
      r.effectiveFrom ?? "",
      r.effectiveTo ?? "",
    ]),
  ]);
  return Array.isArray(table) ? table : [[table]];
}
