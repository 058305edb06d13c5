// Every case of test/golden/cases.json, mapped to rules calls (omitted end_user_hq = destination,
// quantity = 1, prior = 0; no as_of = the research cut-off).
import cases from "../golden/cases.json";
import rules2026 from "../golden/rules-2026.json";
import {
  classify,
  countryAllocation,
  countryGroups,
  countryTier,
  determine,
  h100Equivalent,
  isRegimeId,
  lppRemaining,
  modelWeightsControlled,
  resolveChip,
  resolveCountry,
  resolveItem,
  type Determination,
  type RegimeId,
} from "../../src/rules";
import { chip, country, item } from "./helpers";

type Arg = unknown;
interface Case {
  id: string;
  fn: string;
  args: Arg[];
  expect: unknown;
  tol?: number;
}

const CUTOFF = "2026-11-27";
const str = (a: Arg, d: string) => (a === null || a === undefined ? d : String(a));
const num = (a: Arg, d: number) => (a === null || a === undefined ? d : Number(a));

/** REQUIRES_LICENSE(chip, destination, [quantity], [end_user_hq], [regime], [as_of], [prior_tpp], [ship_from]). */
function shipmentCase(args: Arg[]): Determination {
  const [c, dest, qty, hq, regime, asOf, prior, from] = args;
  const shipFrom = from === null || from === undefined || from === 0 ? null : country(String(from));
  const it = resolveItem(String(c));
  if (!it.ok) throw new Error(it.message);
  const r = str(regime, "enforced");
  if (!isRegimeId(r)) throw new Error(`bad regime ${r}`);
  const destination = country(String(dest));
  return determine(
    { item: it.value, quantity: num(qty, 1), destination, endUserHq: hq === null || hq === undefined ? null : country(String(hq)), priorTpp: num(prior, 0), shipFrom },
    r,
    str(asOf, CUTOFF),
  );
}

function run(c: Case): unknown {
  const a = c.args;
  switch (c.fn) {
    case "TPP":
      return chip(String(a[0])).tpp;
    case "PERFORMANCE_DENSITY":
      return chip(String(a[0])).performanceDensity;
    case "H100_EQUIVALENT":
      return h100Equivalent(chip(String(a[0])).tpp as number, num(a[1], 1));
    case "ECCN": {
      const it = resolveItem(String(a[0]));
      if (!it.ok) throw new Error(it.message);
      return classify(it.value.kind === "chip" ? item(it.value.chip) : it.value, str(a[1], CUTOFF)).eccn;
    }
    case "COUNTRY_GROUPS":
      return countryGroups(country(String(a[0])), str(a[1], CUTOFF)).join(", ") || "none";
    case "CHIP_SPEC":
      return String(a[1]) === "us_designed" ? chip(String(a[0])).usDesigned : undefined;
    case "COUNTRY_TIER":
      return countryTier(country(String(a[0])), str(a[1], CUTOFF));
    case "REQUIRES_LICENSE":
      return shipmentCase(a).licenseRequired;
    case "LICENSE_EXCEPTION":
      return shipmentCase(a).exception ?? "";
    case "REVIEW_POLICY":
      return shipmentCase(a).reviewPolicy ?? "";
    case "LPP_REMAINING": {
      const r = lppRemaining(num(a[0], 0), str(a[1], "enforced") as RegimeId, str(a[2], CUTOFF));
      if (!r.ok) throw new Error(r.message);
      return r.value;
    }
    case "COUNTRY_ALLOCATION": {
      const r = countryAllocation(country(String(a[0])), a[1] === true, str(a[2], "enforced") as RegimeId, str(a[3], CUTOFF));
      if (!r.ok) throw new Error(r.message);
      return r.value;
    }
    case "MODEL_WEIGHTS_CONTROLLED":
      return modelWeightsControlled(Number(a[0]), a[1] === true, str(a[2], "enforced") as RegimeId, str(a[3], CUTOFF), {
        derivedFromPublished: (a[4] ?? null) as boolean | null,
        extraOps: (a[5] ?? null) as number | null,
        exceedsBestPublished: (a[6] ?? null) as boolean | null,
      }).controlled;
    default:
      throw new Error(`no mapping for ${c.fn}`);
  }
}

const all = (cases as { cases: Case[] }).cases;
const isError = (e: unknown): e is { error: string; messageIncludes?: string } => typeof e === "object" && e !== null && "error" in e;
const determinations = all.filter((c) => !isError(c.expect) && !Array.isArray(c.expect));
const determinations2026 = (rules2026 as { cases: Case[] }).cases.filter((c) => !isError(c.expect) && !Array.isArray(c.expect));

describe("golden cases (rules level)", () => {
  test.each([...determinations, ...determinations2026].map((c) => [c.id, c] as const))("%s", (_id, c) => {
    const got = run(c);
    const e = c.expect;
    if (typeof e === "number") expect(got as number).toBeCloseTo(e, c.tol !== undefined ? Math.max(0, -Math.log10(c.tol)) : 6);
    else if (typeof e === "string") expect(String(got).toLowerCase()).toBe(e.toLowerCase());
    else if (typeof e === "boolean") expect(got).toBe(e);
    else if (typeof e === "object" && e !== null && "notPrefix" in e) expect(String(got).startsWith((e as { notPrefix: string }).notPrefix)).toBe(false);
    else if (typeof e === "object" && e !== null && "not" in e) expect(String(got).toLowerCase()).not.toBe(String((e as { not: unknown }).not).toLowerCase());
    else throw new Error(`unhandled expectation in ${c.id}`);
  });

  test("covers every determination case of the golden file", () => {
    const fns = new Set(determinations.map((c) => c.fn));
    for (const fn of ["REQUIRES_LICENSE", "LICENSE_EXCEPTION", "REVIEW_POLICY", "TPP", "PERFORMANCE_DENSITY", "H100_EQUIVALENT", "ECCN", "COUNTRY_TIER", "LPP_REMAINING", "COUNTRY_ALLOCATION", "MODEL_WEIGHTS_CONTROLLED"]) {
      expect(fns.has(fn)).toBe(true);
    }
    expect(determinations.length).toBeGreaterThanOrEqual(50);
  });

  test("error cases: the rules give the adapters what they need", () => {
    const badChip = resolveChip("H1OO");
    expect(badChip.ok).toBe(false);
    if (!badChip.ok) expect(badChip.message).toBe("Unknown chip 'H1OO'. Did you mean H100?");
    const badCountry = resolveCountry("Atlantis");
    expect(badCountry.ok).toBe(false);
    if (!badCountry.ok) expect(badCountry.message).toContain("Atlantis");
    expect(() => shipmentCase(["H100", "CN", -5])).toThrow("quantity must be a whole number >= 0, got -5");
    expect(isRegimeId("nope")).toBe(false);
    // spill: per-row results, a bad row fails on its own
    const rows = ["H100", "H20", "H1OO"].map((c) => (resolveItem(c).ok ? shipmentCase([c, "CN", 1, null, "enforced", "2024-06-01"]).licenseRequired : "#N/A"));
    expect(rows).toEqual([true, false, "#N/A"]);
  });
});
