// What changed in the rules between two dates (RULE_CHANGES, "Compare dates"): read from the very
// data the rules decide with (data/registry.ts), never from a list of its own. Every dated entry of
// that data is one change: a timeline entry (OpenFisca style: a value from a date), a milestone
// (a date and what happened), or a dated fact (an embargo from a date). The walk knows only those
// three shapes, so a new timeline, country or milestone appears here without touching this file;
// the labels below only make known ones read better.
import { countryByCode } from "./data/countries";
import { EFFECTIVE } from "./data/milestones";
import { DATED_DATA } from "./data/registry";
import type { SpecialControl } from "./data/part-746-special";
import type { S232Exemption } from "./data/section-232-terms";
import { ruleParts } from "./index";
import type { Confidence, Country, IsoDate, RegimeId, S232Band, Source } from "./index";

const { ALWAYS, fmt } = ruleParts;

export interface RuleChange extends Source {
  date: IsoDate;
  /** What happened, in a sentence. */
  event: string;
  /** The regimes (or the import duty) whose answers read this fact. */
  regimes: string;
  /** ISO alpha-2 codes the fact names; empty when it applies to every destination. */
  countries: readonly string[];
  /** Where it lives in the rules data, e.g. "country-groups/COUNTRY_GROUPS/D:5/KH". */
  source: string;
}

const ALL_REGIMES: readonly RegimeId[] = ruleParts.REGIME_IDS;
const DUTY = "SECTION_232_DUTY (import duty); enforced (China testing note)";

/** Readable names of known timelines and which regimes read them; unknown ones get their data name and every regime. */
const LABELS: Readonly<
  Record<
    string,
    {
      label: string;
      regimes?: readonly RegimeId[] | string;
      /** The destinations a timeline without country keys concerns; none: every destination. */
      countries?: readonly string[];
      show?: (v: never) => string;
    }
  >
> = {
  TPP_A1: { label: "3A090.a.1 TPP floor (and the datacenter note's line)" },
  INTERCONNECT_GBS: {
    label: "Oct 2022 3A090 interconnect test, GB/s bidirectional",
    regimes: ["enforced"],
  },
  TPP_A2: { label: "3A090.a.2 / .b.2 TPP floor" },
  PD_A2: { label: "3A090.a.2 performance-density floor" },
  TPP_B1: { label: "3A090.b.1 TPP floor" },
  PD_B1: { label: "3A090.b.1 performance-density floor" },
  PD_B2: { label: "3A090.b.2 performance-density floor" },
  HBM_DENSITY: { label: "3A090.c memory bandwidth density floor, GB/s/mm²" },
  HBM_EXCEPTION_DENSITY_MAX: {
    label: "License Exception HBM: memory bandwidth density below, GB/s/mm²",
  },
  NAC_NOTICE_DAYS: { label: "License Exception NAC notice, days" },
  LPP_ALLOWANCE_TPP: {
    label: "License Exception LPP allowance, TPP per consignee per year",
    regimes: ["diffusion-2025"],
  },
  COUNTRY_ALLOCATION_TPP: {
    label: "Diffusion Tier 2 country allocation, TPP 2025-2027",
    regimes: ["diffusion-2025"],
  },
  COUNTRY_ALLOCATION_G2G_TPP: {
    label: "Diffusion Tier 2 country allocation with a G2G agreement, TPP",
    regimes: ["diffusion-2025"],
  },
  MODEL_WEIGHTS_OPS: {
    label: "ECCN 4E091 model-weights threshold, training operations",
    regimes: ["diffusion-2025", "proposal-500"],
  },
  DERIVATIVE_OPS_FLOOR: {
    label: "ECCN 4E091 Note 2: derivative of published weights, extra training operations floor",
    regimes: ["diffusion-2025", "proposal-500"],
  },
  DERIVATIVE_OPS_SHARE: {
    label:
      "ECCN 4E091 Note 2: derivative of published weights, share of the published model's operations",
    regimes: ["diffusion-2025", "proposal-500"],
  },
  UAE_CARVE_OUTS: {
    label: "UAE rule: end users exempt from the 3A090.a licence",
    regimes: ["enforced", "baseline-2023"],
    countries: ["AE"],
  },
  CN_CASE_BY_CASE_TPP: {
    label: "China/Macau case-by-case review: TPP below",
    regimes: ["enforced"],
    countries: EFFECTIVE.chinaReview2026.countries,
  },
  CN_CASE_BY_CASE_DRAM_GBS: {
    label: "China/Macau case-by-case review: DRAM bandwidth below, GB/s",
    regimes: ["enforced"],
    countries: EFFECTIVE.chinaReview2026.countries,
  },
  OCT2022_SCOPE: { label: "within the Oct 2022 rule's licence scope", regimes: ["enforced"] },
  EMBARGOES: { label: "comprehensive embargo or sanctions (15 CFR part 746) in force" },
  SPECIAL_CONTROLS: {
    label: "special control of 15 CFR part 746, as the determinations read it",
    show: (v: SpecialControl) =>
      `${v.section} requires ${v.requires}${v.addsNothing ? ` (for a CCL item it adds nothing: ${v.addsNothing})` : ""}`,
  },
  S232_CHIP_RATE: {
    label: "Section 232 semiconductor duty rate",
    regimes: DUTY,
    show: (v: number) => `${fmt(v * 100)}%`,
  },
  S232_CHIP_BANDS: {
    label: "Section 232 duty bands, strict inequalities",
    regimes: DUTY,
    show: (v: readonly S232Band[]) =>
      v
        .map(
          (b) =>
            `TPP ${fmt(b.tppAbove)}-${fmt(b.tppBelow)} with DRAM bandwidth ${fmt(b.dramAbove)}-${fmt(b.dramBelow)} GB/s`
        )
        .join("; "),
  },
  S232_CHIP_HEADINGS: { label: "Section 232 duty: covered HTS headings", regimes: DUTY },
  S232_CHIP_EXEMPTIONS: {
    label: "Section 232 duty: end-use exemptions",
    regimes: DUTY,
    show: (v: readonly S232Exemption[]) =>
      v.map((e) => `${e.id} (${e.heading}: ${e.what})`).join("; "),
  },
  S232_OPEN_POINTS: { label: "Section 232 duty", regimes: DUTY },
};

/**
 * Milestones whose reach is narrower than every regime and destination. A milestone may also carry
 * `regimes` and `countries` itself; one that says nothing reaches every regime and destination.
 */
export const MILESTONE_SCOPE: Readonly<
  Record<string, { regimes: readonly RegimeId[]; countries?: readonly string[] }>
> = {
  "EFFECTIVE.oct2022": { regimes: ["enforced"], countries: ["CN"] },
  "EFFECTIVE.oct2022Section7446": { regimes: ["enforced"], countries: ["CN"] },
  "EFFECTIVE.oct2022Fdp": { regimes: ["enforced"], countries: ["CN"] },
  "EFFECTIVE.cyprusOutOfD5": { regimes: ALL_REGIMES, countries: ["CY"] },
  "EFFECTIVE.macau2023": { regimes: ["enforced"], countries: ["MO"] },
  "EFFECTIVE.acs2023": { regimes: ["enforced", "baseline-2023"] },
  "EFFECTIVE.acaSplit": { regimes: ["enforced"] },
  "EFFECTIVE.diffusion": { regimes: ["diffusion-2025", "proposal-500"] },
  "EFFECTIVE.h20Informed": { regimes: ["enforced"] },
  "EFFECTIVE.diffusionNotEnforced": { regimes: ["enforced"] },
  "EFFECTIVE.diffusionCompliance": { regimes: ["diffusion-2025"] },
  "EFFECTIVE.malaysiaPermit2025": { regimes: ALL_REGIMES, countries: ["MY"] },
  "EFFECTIVE.syriaRelief2025": { regimes: ALL_REGIMES },
  "EFFECTIVE.cambodiaItar": { regimes: ALL_REGIMES, countries: ["KH"] },
  "EFFECTIVE.cambodiaEar": { regimes: ALL_REGIMES, countries: ["KH"] },
  "EFFECTIVE.chinaReview2026": { regimes: ["enforced"] },
  "EFFECTIVE.gao2026": { regimes: ["enforced"] },
  "EFFECTIVE.hqGuidance2026": { regimes: ["enforced"] },
  "EFFECTIVE.uaeRule2026": { regimes: ["enforced", "baseline-2023"] },
};

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (v: unknown): v is IsoDate => typeof v === "string" && ISO.test(v) && v !== ALWAYS;
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const hasSource = (v: Record<string, unknown>) =>
  typeof v.cite === "string" && typeof v.confidence === "string";
const isTimelineEntry = (v: unknown): v is Record<string, unknown> & { from: string } =>
  isObject(v) && typeof v.from === "string" && "value" in v && hasSource(v);

/** A country code in the data's keys ("KH" in COUNTRY_GROUPS["D:5"].KH). */
function countryOf(key: string): Country | undefined {
  return /^[A-Z]{2}$/.test(key) ? countryByCode(key) : undefined;
}

function regimesText(regimes: readonly RegimeId[] | string | undefined): string {
  if (typeof regimes === "string") return regimes;
  if (!regimes || regimes.length === ALL_REGIMES.length) return ALL_REGIMES.join(", ");
  return regimes.join(", ");
}

/** A timeline value as text: numbers grouped, lists joined, records by their fields. */
function show(value: unknown): string {
  if (typeof value === "number") return fmt(value);
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) return value.map(show).join("; ");
  if (isObject(value))
    return Object.entries(value)
      .map(([k, v]) => `${k} ${show(v)}`)
      .join(", ");
  return String(value);
}

interface Walk {
  module: string;
  /** Export name first, then the keys down to the entry. */
  path: string[];
}

function describeTimelineEntry(
  walk: Walk,
  entry: Record<string, unknown>,
  previous: Record<string, unknown> | undefined
): { event: string; countries: string[] } {
  const [exportName] = walk.path;
  const keys = walk.path.slice(1);
  const countryKey = keys.find((k) => countryOf(k));
  const country = countryKey ? countryOf(countryKey) : undefined;
  const countries = country ? [country.code] : [...(LABELS[exportName]?.countries ?? [])];
  const who = country ? `${country.name} (${country.code})` : "";
  const group = keys.find((k) => /^[A-Z]:\d+$/.test(k));
  const value = entry.value;
  const before = previous?.value;
  const custom = LABELS[exportName]?.show as ((v: unknown) => string) | undefined;
  const text = (v: unknown) => (custom ? custom(v) : show(v));
  const changed = previous === undefined || text(before) !== text(value);
  if (typeof value === "boolean" && who) {
    if (previous === undefined) {
      const label = group ? `Country Group ${group}` : (LABELS[exportName]?.label ?? exportName);
      return { event: `${who} ${value ? "" : "not "}${group ? "in " : ""}${label}`, countries };
    }
    if (group) {
      const event = changed
        ? `${who} ${value ? "joins" : "leaves"} Country Group ${group}`
        : `${who} ${value ? "stays in" : "stays out of"} Country Group ${group} (source or confidence updated)`;
      return { event, countries };
    }
    const label = LABELS[exportName]?.label ?? exportName;
    const event = changed
      ? `${who} ${value ? "now" : "no longer"} ${label}`
      : `${who} still ${value ? "" : "not "}${label} (source or confidence updated)`;
    return { event, countries };
  }
  const label = LABELS[exportName]?.label ?? [exportName, ...keys].join(" ");
  const prefix = who ? `${who}: ` : "";
  if (previous === undefined) return { event: `${prefix}${label}: ${text(value)}`, countries };
  if (!changed)
    return {
      event: `${prefix}${label} stays ${text(value)} (source or confidence updated)`,
      countries,
    };
  return { event: `${prefix}${label}: ${text(before)} -> ${text(value)}`, countries };
}

function walkData(value: unknown, walk: Walk, out: RuleChange[], depth: number): void {
  if (depth > 8) return;
  const [exportName] = walk.path;
  const regimes = regimesText(LABELS[exportName]?.regimes);
  const source = [walk.module, ...walk.path].join("/");
  if (Array.isArray(value)) {
    if (value.length && value.every(isTimelineEntry)) {
      value.forEach((entry, i) => {
        if (!isDate(entry.from)) return;
        const d = describeTimelineEntry(walk, entry, value[i - 1]);
        out.push({
          date: entry.from,
          event: d.event,
          regimes,
          cite: String(entry.cite),
          confidence: entry.confidence as Confidence,
          countries: d.countries,
          source,
        });
      });
      return;
    }
    value.forEach((v, i) =>
      walkData(v, { ...walk, path: [...walk.path, String(i)] }, out, depth + 1)
    );
    return;
  }
  if (!isObject(value)) return;
  if (hasSource(value) && (typeof value.date === "string" || typeof value.from === "string")) {
    // A milestone {date, what} or a dated fact {from, ...}: one change, unless it holds on every date.
    const date = (value.date ?? value.from) as string;
    if (!isDate(date)) return;
    const scope = MILESTONE_SCOPE[walk.path.join(".")];
    const key = walk.path[walk.path.length - 1];
    const country = countryOf(key);
    const own = value as { regimes?: readonly RegimeId[]; countries?: readonly string[] };
    const label = LABELS[exportName]?.label;
    const event =
      typeof value.what === "string"
        ? label && regimes === DUTY
          ? `${label}: ${value.what}`
          : value.what
        : `${country ? `${country.name} (${country.code})` : walk.path.slice(1).join(" ")}: ${label ?? exportName}${typeof value.section === "string" ? ` (${value.section})` : ""}`;
    out.push({
      date,
      event,
      regimes: regimesText(own.regimes ?? scope?.regimes ?? LABELS[exportName]?.regimes),
      cite: String(value.cite),
      confidence: value.confidence as Confidence,
      countries: own.countries ?? scope?.countries ?? (country ? [country.code] : []),
      source,
    });
    return;
  }
  for (const [k, v] of Object.entries(value))
    walkData(v, { ...walk, path: [...walk.path, k] }, out, depth + 1);
}

let all: readonly RuleChange[] | null = null;

/** Every dated entry of the rules data, in date order (ties in data order). Built once. */
export function allRuleChanges(): readonly RuleChange[] {
  if (all) return all;
  const out: RuleChange[] = [];
  for (const [module, exports] of Object.entries(DATED_DATA))
    for (const [name, value] of Object.entries(exports))
      walkData(value, { module, path: [name] }, out, 0);
  const order = new Map(out.map((c, i) => [c, i]));
  out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : order.get(a)! - order.get(b)!));
  all = Object.freeze(out.map((c) => Object.freeze(c)));
  return all;
}

/** Does the change name this country (as entered or as treated: HK reads China's), or every destination? */
export function touches(change: RuleChange, country: Country): boolean {
  return (
    change.countries.length === 0 ||
    change.countries.includes(country.code) ||
    change.countries.includes(country.treatedAs)
  );
}

/** The changes dated `from` <= date <= `to`, optionally only those touching `country`. */
export function ruleChanges(from: IsoDate, to: IsoDate, country?: Country | null): RuleChange[] {
  return allRuleChanges().filter(
    (c) => c.date >= from && c.date <= to && (!country || touches(c, country))
  );
}

/** The date one year before `date` (Feb 29 -> Feb 28): the default start of RULE_CHANGES. */
export function yearBefore(date: IsoDate): IsoDate {
  const y = String(Number(date.slice(0, 4)) - 1).padStart(4, "0");
  const md = date.slice(5) === "02-29" ? "02-28" : date.slice(5);
  return `${y}-${md}`;
}
