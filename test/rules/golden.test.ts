// The golden cases (test/golden/*.json) that are determinations on canonical inputs, mapped to rules
// calls (omitted end_user_hq = destination, quantity = 1, prior = 0; no as_of = the research cut-off).
// Cases that test how inputs are read (serial dates, blanks, spilled ranges, errors) belong to the
// adapters and run at the functions and bundle layers only. Titled with goldenTitle: npm test counts
// each case once and reports this layer as "golden via rules".
import {
  classify,
  countryAllocation,
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
import { goldenTitle, loadCases, type GoldenCase as Case } from "../support/cases";
import { chip, country, item } from "./helpers";

type Arg = unknown;

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
    case "ECCN":
      return classify(item(chip(String(a[0]))), str(a[1], CUTOFF)).eccn;
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
      return modelWeightsControlled(Number(a[0]), a[1] === true, str(a[2], "enforced") as RegimeId, str(a[3], CUTOFF)).controlled;
    default:
      throw new Error(`no mapping for ${c.fn}`);
  }
}

const MAPPED = new Set(["TPP", "PERFORMANCE_DENSITY", "H100_EQUIVALENT", "ECCN", "COUNTRY_TIER", "REQUIRES_LICENSE", "LICENSE_EXCEPTION", "REVIEW_POLICY", "LPP_REMAINING", "COUNTRY_ALLOCATION", "MODEL_WEIGHTS_CONTROLLED"]);
const scalarExpect = (e: unknown) => ["number", "string", "boolean"].includes(typeof e) || (typeof e === "object" && e !== null && "notPrefix" in e);
/** Arguments the rules API takes as they are: text that resolves, ISO dates, whole quantities, known regimes. */
function canonical(c: Case): boolean {
  const a = c.args;
  if (!a.every((x) => x === null || ["string", "number", "boolean"].includes(typeof x))) return false;
  const iso = (x: Arg) => x == null || (typeof x === "string" && /^\d{4}-\d{2}-\d{2}$/.test(x));
  const regime = (x: Arg) => x == null || isRegimeId(x);
  const num = (x: Arg) => x == null || typeof x === "number";
  const resolves = (x: Arg, r: (t: string) => { ok: boolean }) => typeof x === "string" && x.trim() === x && r(x).ok;
  const place = (x: Arg) => resolves(x, resolveCountry);
  switch (c.fn) {
    case "REQUIRES_LICENSE":
    case "LICENSE_EXCEPTION":
    case "REVIEW_POLICY":
      return resolves(a[0], resolveItem) && place(a[1]) && (a[2] == null || (Number.isInteger(a[2]) && (a[2] as number) >= 0)) && (a[3] == null || place(a[3])) && regime(a[4]) && iso(a[5]) && num(a[6]) && (a[7] == null || place(a[7]));
    case "TPP":
    case "PERFORMANCE_DENSITY":
      return resolves(a[0], resolveChip);
    case "H100_EQUIVALENT":
      return resolves(a[0], resolveChip) && num(a[1]);
    case "ECCN":
      return resolves(a[0], resolveChip) && iso(a[1]);
    case "COUNTRY_TIER":
      return place(a[0]) && iso(a[1]);
    case "LPP_REMAINING":
      return typeof a[0] === "number" && regime(a[1]) && iso(a[2]);
    case "COUNTRY_ALLOCATION":
      return place(a[0]) && (a[1] == null || typeof a[1] === "boolean") && regime(a[2]) && iso(a[3]);
    case "MODEL_WEIGHTS_CONTROLLED":
      return typeof a[0] === "number" && (a[1] == null || typeof a[1] === "boolean") && regime(a[2]) && iso(a[3]) && a.length <= 4;
    default:
      return false;
  }
}
const determinations = loadCases().filter((c) => MAPPED.has(c.fn) && scalarExpect(c.expect) && canonical(c));

describe("golden cases (rules level)", () => {
  test.each(determinations.map((c) => [goldenTitle(c, "rules"), c] as const))("%s", (_title, c) => {
    const got = run(c);
    const e = c.expect;
    if (typeof e === "number") expect(got as number).toBeCloseTo(e, c.tol !== undefined ? Math.max(0, -Math.log10(c.tol)) : 6);
    else if (typeof e === "string") expect(String(got).toLowerCase()).toBe(e.toLowerCase());
    else if (typeof e === "boolean") expect(got).toBe(e);
    else if (typeof e === "object" && e !== null && "notPrefix" in e) expect(String(got).startsWith((e as { notPrefix: string }).notPrefix)).toBe(false);
    else throw new Error(`unhandled expectation in ${c.id}`);
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
    // A bad row fails on its own: the good rows still get the reference answers, H100 to CN on
    // 2024-06-01 needs a licence (regulations.md §7.1 #1) and the H20 does not (§7.1 #11).
    expect(["H100", "H20", "H1OO"].map((c) => resolveItem(c).ok)).toEqual([true, true, false]);
    expect(shipmentCase(["H100", "CN", 100, null, "baseline-2023", "2024-06-01"]).licenseRequired).toBe(true);
    expect(shipmentCase(["H20", "CN", 100, null, "baseline-2023", "2024-06-01"]).licenseRequired).toBe(false);
  });
});
