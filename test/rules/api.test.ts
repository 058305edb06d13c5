import * as rules from "../../src/rules";
import {
  CHIPS,
  DEFAULT_REGIME,
  H100_TPP,
  RULES_DATA_HASH,
  RULES_DATA_VERSION,
  chipById,
  countryAllocation,
  countryGroups,
  countryTier,
  determine,
  h100Equivalent,
  lppRemaining,
  modelWeightsControlled,
} from "../../src/rules";
import { listRegimes, sources } from "../../src/rules/pane-api";
import { RulesFault } from "../../src/rules/fault";
import { COUNTRY_GROUPS, DIFFUSION_TIER1, diffusionTier, groupsOf, inGroup } from "../../src/rules/data/country-groups";
import { valueAt, mustValueAt, TPP_A1 } from "../../src/rules/data/parameters";
import { fmt, weakestOf } from "../../src/rules/format";
import { chip, country, det, shipment } from "./helpers";

test("the public API exports exactly the agreed names (plus types)", () => {
  const names = Object.keys(rules).sort();
  expect(names).toEqual(
    [
      "CHIPS",
      "DEFAULT_REGIME",
      "H100_TPP",
      "RULES_DATA_HASH",
      "RULES_DATA_VERSION",
      "chipById",
      "classify",
      "consigneeKey",
      "countryAllocation",
      "countryClass",
      "countryGroups",
      "countryTier",
      "decide",
      "decisionKey",
      "determine",
      "eraOf",
      "explain",
      "explainHeld",
      "explainShipment",
      "h100Equivalent",
      "isRegimeId",
      "itemClass",
      "limitSides",
      "limitsOf",
      "lppRemaining",
      "modelWeightsControlled",
      "parseDate",
      "regimeSummaries",
      "resolveChip",
      "resolveCountry",
      "resolveItem",
      "ruleParts",
      "runLedger",
      "tidy",
      "WITHIN_ALLOCATION",
      "WITHIN_ALLOWANCE",
    ].sort(),
  );
  expect(DEFAULT_REGIME).toBe("enforced");
  expect(H100_TPP).toBe(15832);
  expect(RULES_DATA_VERSION).toBe("2026.11.30");
  expect(RULES_DATA_HASH).toMatch(/^[0-9a-f]{64}$/);
});

test("catalog: 74 chips, interconnect only where sourced, H20 and GP10 flags", () => {
  expect(CHIPS).toHaveLength(74);
  const withoutIc = CHIPS.filter((c) => c.interconnectGbs === null).map((c) => c.id);
  // Unknown where no source gives it: the Oct 2022 window answers INDETERMINATE for those above 4,800 TPP.
  expect(withoutIc).toContain("nvidia-b30a");
  expect(withoutIc).not.toContain("nvidia-rtx-4090");
  expect(chipById("nvidia-h100-pcie")?.interconnectGbs).toBe(728);
  expect(CHIPS.filter((c) => c.flags.includes("GP10_ASCEND")).map((c) => c.id).sort()).toEqual(["huawei-ascend-910b", "huawei-ascend-910c"]);
  expect(CHIPS.filter((c) => c.flags.includes("H20_IS_INFORMED")).map((c) => c.id).sort()).toEqual(["amd-mi308x", "nvidia-h20", "nvidia-h20e"]);
  expect(chipById("nvidia-b200")?.tpp).toBe(36000);
  expect(chipById("nope")).toBeUndefined();
  expect(chipById("amd-mi308x")?.tpp).toBeNull();
});

test("h100Equivalent", () => {
  expect(h100Equivalent(15832, 1700)).toBe(1700);
  expect(h100Equivalent(36000, 1)).toBeCloseTo(2.274, 3);
  expect(h100Equivalent(36000, 0)).toBe(0);
});

test("listRegimes: four regimes with badges and dates", () => {
  const list = listRegimes();
  expect(list.map((r) => [r.id, r.badge])).toEqual([
    ["enforced", "in force"],
    ["baseline-2023", "in force"],
    ["diffusion-2025", "on the books, not enforced"],
    ["proposal-500", "reported proposal"],
  ]);
  expect(list.map((r) => r.effectiveFrom)).toEqual(["2022-10-07", "2023-11-17", "2025-01-13", null]);
  for (const r of list) {
    expect(r.name && r.status && r.cite && r.description).toBeTruthy();
  }
  expect(list[3].description).toContain("never adopted");
});

describe("lppRemaining", () => {
  test("diffusion and proposal", () => {
    expect(lppRemaining(20_000_000, "diffusion-2025", "2025-06-01")).toEqual({ ok: true, value: 6_900_000 });
    expect(lppRemaining(0, "diffusion-2024" as never, "2025-06-01").ok).toBe(false);
    expect(lppRemaining(1_000_000, "proposal-500", "2025-06-01")).toEqual({ ok: true, value: 6_916_000 });
    expect(lppRemaining(0, "diffusion-2025", "2024-01-01")).toEqual({ ok: true, value: 26_900_000 }); // as if in force
  });
  test("no allowance under enforced or baseline, with the reason", () => {
    const msg = (r: ReturnType<typeof lppRemaining>) => (r.ok ? "" : r.message);
    expect(msg(lppRemaining(0, "enforced", "2025-06-01"))).toContain("not enforced");
    expect(msg(lppRemaining(0, "enforced", "2024-06-01"))).toContain("did not exist before 2025-01-13");
    expect(msg(lppRemaining(0, "baseline-2023", "2025-06-01"))).toContain("no per-consignee allowance");
    expect(msg(lppRemaining(-1, "diffusion-2025", "2025-06-01"))).toBe("prior_tpp must be a number >= 0, got -1");
    expect(lppRemaining(Number.NaN, "diffusion-2025", "2025-06-01").ok).toBe(false);
  });
});

describe("countryAllocation", () => {
  test("Tier 2 790M (1.58B with G2G), Tier 3 zero, Tier 1 none", () => {
    expect(countryAllocation(country("India"), false, "diffusion-2025", "2025-06-01")).toEqual({ ok: true, value: 790_000_000 });
    expect(countryAllocation(country("AE"), true, "diffusion-2025", "2025-06-01")).toEqual({ ok: true, value: 1_580_000_000 });
    expect(countryAllocation(country("Hong Kong"), false, "diffusion-2025", "2025-06-01")).toEqual({ ok: true, value: 0 });
    const t1 = countryAllocation(country("DE"), false, "diffusion-2025", "2025-06-01");
    expect(t1.ok).toBe(false);
    if (!t1.ok) expect(t1.message).toContain("Tier 1");
  });
  test("other regimes: no allocation, with the reason", () => {
    for (const r of ["enforced", "baseline-2023", "proposal-500"] as const) {
      const a = countryAllocation(country("IN"), false, r, "2025-06-01");
      expect(a.ok).toBe(false);
      if (!a.ok) expect(a.message).toContain(r);
    }
  });
});

describe("modelWeightsControlled (4E091)", () => {
  test("diffusion and proposal: >= 1e26 and unpublished", () => {
    expect(modelWeightsControlled(1e26, false, "diffusion-2025", "2025-06-01").controlled).toBe(true);
    expect(modelWeightsControlled(9.99e25, false, "diffusion-2025", "2025-06-01").controlled).toBe(false);
    expect(modelWeightsControlled(2e26, true, "diffusion-2025", "2025-06-01").controlled).toBe(false);
    const p = modelWeightsControlled(2e26, false, "proposal-500", "2024-06-01");
    expect(p.controlled).toBe(true);
    expect(p.confidence).toBe("unconfirmed");
    expect(p.steps.map((s) => s.text).join(" ")).toContain("as if in force");
  });
  test("enforced and baseline: false with a step saying why", () => {
    const e = modelWeightsControlled(2e26, false, "enforced", "2025-06-01");
    expect(e.controlled).toBe(false);
    expect(e.steps[0].text).toContain("not enforced");
    expect(modelWeightsControlled(2e26, false, "enforced", "2024-06-01").steps[0].text).toContain("did not exist");
    expect(modelWeightsControlled(2e26, false, "baseline-2023", "2025-06-01").steps[0].text).toContain("no model-weights control");
    expect(() => modelWeightsControlled(-1, false, "diffusion-2025", "2025-06-01")).toThrow("training_ops must be a number >= 0");
  });
});

describe("countryTier and countryGroups", () => {
  test("tiers", () => {
    expect(countryTier(country("US"), "2025-06-01")).toBe(1);
    expect(countryTier(country("Spain"), "2025-06-01")).toBe(1);
    expect(countryTier(country("KH"), "2026-11-27")).toBe(2); // Tier 3 follows D:5: KH left it 2025-11-07
    expect(countryTier(country("KH"), "2025-06-01")).toBe(3);
    expect(countryTier(country("MO"), "2026-11-27")).toBe(3);
    expect(countryTier(country("CY"), "2025-06-01")).toBe(2);
    expect(countryTier(country("Brazil"), "2025-06-01")).toBe(2);
  });
  test("groups, dated, sorted; HK reports China's; Macau its own", () => {
    expect(countryGroups(country("CN"), "2024-06-01")).toEqual(["D:1", "D:4", "D:5"]);
    expect(countryGroups(country("HK"), "2024-06-01")).toEqual(["D:1", "D:4", "D:5"]);
    expect(countryGroups(country("MO"), "2024-06-01")).toEqual(["D:1", "D:4"]);
    expect(countryGroups(country("IL"), "2024-06-01")).toEqual(["A:6", "D:4"]);
    expect(countryGroups(country("AE"), "2025-06-01")).toEqual(["D:4"]);
    expect(countryGroups(country("AE"), "2026-08-01")).toEqual(["A:5"]);
    expect(countryGroups(country("KH"), "2026-08-01")).toEqual(["D:1"]);
    expect(countryGroups(country("CY"), "2024-05-29")).toEqual(["A:6", "D:5"]);
    expect(countryGroups(country("CY"), "2024-07-01")).toEqual(["A:6"]);
    expect(countryGroups(country("CY"), "2025-06-01")).toEqual(["A:6"]);
    expect(countryGroups(country("BR"), "2024-06-01")).toEqual([]);
  });
  test("the July 2026 lists match reference §6.4", () => {
    const at = "2026-08-01";
    const members = (g: "D:1" | "D:4" | "D:5" | "A:5" | "A:6") => Object.keys(COUNTRY_GROUPS[g]).filter((c) => inGroup(g, c, at).member);
    expect(members("D:1")).toHaveLength(24);
    expect(members("D:4")).toHaveLength(21);
    expect(members("D:5")).toHaveLength(22);
    expect(members("A:5")).toHaveLength(38);
    expect(members("A:6")).toHaveLength(8);
    expect(Object.keys(DIFFUSION_TIER1)).toHaveLength(19);
    // Tier 3 = Macau + D:5 on the date (22 in the July 2026 table; 23 with Cambodia in Jan 2025).
    expect(Object.keys(COUNTRY_GROUPS["D:5"]).filter((c) => diffusionTier(c, at).tier === 3)).toHaveLength(22);
    expect(diffusionTier("MO", at).tier).toBe(3);
    expect(Object.keys(COUNTRY_GROUPS["D:5"]).filter((c) => diffusionTier(c, "2025-01-13").tier === 3)).toHaveLength(23);
    // 2025: D:5 had KH (23); D:4 had AE (22); A:5 had 37.
    expect(Object.keys(COUNTRY_GROUPS["D:5"]).filter((c) => inGroup("D:5", c, "2025-06-01").member)).toHaveLength(23);
    expect(groupsOf("AE", "2025-06-01")).toEqual(["D:4"]);
  });
  test("group facts carry confidence: the uncertain spans are unconfirmed", () => {
    expect(inGroup("D:4", "AE", "2026-03-01").confidence).toBe("secondary");
    expect(inGroup("A:5", "AE", "2026-07-10")).toMatchObject({ member: true, confidence: "secondary" });
    expect(inGroup("D:4", "AE", "2025-03-01").confidence).toBe("secondary");
    expect(inGroup("A:5", "AE", "2026-08-01").confidence).toBe("confirmed");
    expect(inGroup("D:5", "CY", "2024-01-01")).toMatchObject({ member: true, confidence: "secondary" });
    expect(inGroup("D:5", "CY", "2024-05-30")).toMatchObject({ member: false, confidence: "confirmed" });
    expect(inGroup("D:5", "CN", "2024-01-01")).toEqual({ member: true, cite: "Supp. No. 1 to 15 CFR 740 (eCFR-2026-07-23)", confidence: "confirmed" });
    expect(inGroup("D:5", "BR", "2024-01-01").member).toBe(false);
  });
});

test("sources for the pane's provenance", () => {
  const s = sources();
  expect(s.length).toBeGreaterThanOrEqual(10);
  for (const x of s) expect(x.cite && x.what && x.confidence).toBeTruthy();
  expect(s.map((x) => x.cite).join(" ")).toContain("91 FR 1684");
});

describe("determine input checks and edge cases", () => {
  test("bad inputs throw a RangeError naming the argument", () => {
    const s = shipment(chip("H100"), "CN");
    expect(() => determine({ ...s, quantity: 1.5 }, "enforced", "2024-06-01")).toThrow("quantity must be a whole number >= 0, got 1.5");
    expect(() => determine(s, "nope" as never, "2024-06-01")).toThrow("regime must be one of");
    expect(() => determine(s, "enforced", "2024-02-30")).toThrow("as_of must be an ISO date");
    expect(() => determine({ ...s, priorTpp: -1 }, "enforced", "2024-06-01")).toThrow("prior_tpp must be a number >= 0, got -1");
    expect(() => determine({ ...s, countryAllocationUsed: Number.NaN }, "enforced", "2024-06-01")).toThrow("country_allocation_used");
  });
  test("quantity 0 is allowed", () => {
    const d = det("H100", "CN", "enforced", "2024-06-01", { quantity: 0 });
    expect(d).toMatchObject({ status: "LICENSE", totalTpp: 0, h100Equivalents: 0 });
  });
  test("fractional TPP totals are tidy; unknown TPP gives null totals", () => {
    expect(det("RTX 4090", "DE", "enforced", "2024-06-01", { quantity: 3 }).totalTpp).toBe(15854.4);
    expect(det("MI308X", "DE", "enforced", "2024-06-01")).toMatchObject({ totalTpp: null, h100Equivalents: null });
  });
  test("destination the United States: not an export, in every regime", () => {
    for (const r of ["enforced", "baseline-2023", "diffusion-2025", "proposal-500"] as const) {
      expect(det("H100", "US", r, "2025-06-01", { hq: "CN" }).status).toBe("NLR");
    }
  });
  test("HK is treated as China and says so", () => {
    const d = det("H100", "HK", "baseline-2023", "2024-06-01");
    expect(d).toMatchObject({ destination: "CN", destinationEntered: "HK", status: "LICENSE" });
    expect(rules.explain(d)).toContain("HK (treated as CN)");
  });
});

test("helpers: valueAt, fmt, weakestOf", () => {
  expect(valueAt(TPP_A1, "2020-01-01")).toBeUndefined();
  expect(valueAt(TPP_A1, "2023-11-17")?.confidence).toBe("confirmed");
  expect(() => mustValueAt(TPP_A1, "2020-01-01", "TPP_A1")).toThrow("TPP_A1 has no value on 2020-01-01");
  expect(fmt(26_898_568)).toBe("26,898,568");
  expect(fmt(5284.8)).toBe("5,284.8");
  expect(fmt(-1234.567)).toBe("-1,234.57");
  expect(fmt(2e26)).toBe("2e26");
  expect(fmt(Number.NaN)).toBe("NaN");
  expect(weakestOf([])).toBe("confirmed");
  expect(weakestOf(["confirmed", "secondary"])).toBe("secondary");
});

describe("modelWeightsControlled: 4E091 Note 2 inputs", () => {
  const at = "2026-11-30";
  test("omitted: TRUE with the Note 2 caveat and a lowered confidence", () => {
    const r = modelWeightsControlled(2e26, false, "diffusion-2025", at);
    expect(r.controlled).toBe(true);
    expect(r.confidence).toBe("unconfirmed");
    expect(r.steps.some((s) => s.text.includes("most capable published"))).toBe(true);
  });
  test("no more capable than the best published model: excluded", () => {
    expect(modelWeightsControlled(2e26, false, "diffusion-2025", at, { exceedsBestPublished: false }).controlled).toBe(false);
    const beyond = modelWeightsControlled(2e26, false, "diffusion-2025", at, { exceedsBestPublished: true });
    expect(beyond).toMatchObject({ controlled: true, confidence: "confirmed" });
  });
  test("derivatives of published weights: max(2.5e25, 25% of the base) decides; unknown extra ops is open", () => {
    const open = modelWeightsControlled(2e26, false, "diffusion-2025", at, { derivedFromPublished: true });
    expect(open.controlled).toBeNull();
    expect(open.reason).toContain("extra training operations are unknown");
    // base 1.6e26: 25% = 4e25 > 2.5e25
    expect(modelWeightsControlled(2e26, false, "diffusion-2025", at, { derivedFromPublished: true, extraOps: 4e25 }).controlled).toBe(false);
    expect(modelWeightsControlled(2.0000001e26, false, "diffusion-2025", at, { derivedFromPublished: true, extraOps: 4.1e25 }).controlled).toBe(true);
    // small base: the 2.5e25 floor applies
    expect(modelWeightsControlled(1e26, false, "diffusion-2025", at, { derivedFromPublished: true, extraOps: 2.5e25 }).controlled).toBe(false);
    expect(modelWeightsControlled(1e26, false, "diffusion-2025", at, { derivedFromPublished: true, extraOps: 2.6e25 }).controlled).toBe(true);
    expect(() => modelWeightsControlled(1e26, false, "diffusion-2025", at, { extraOps: 2e26 })).toThrow("cannot exceed training_ops");
    expect(() => modelWeightsControlled(1e26, false, "diffusion-2025", at, { extraOps: -1 })).toThrow("extra_ops must be a number >= 0");
  });
  test("below 1e26 and published stay FALSE whatever the Note 2 inputs", () => {
    expect(modelWeightsControlled(9e25, false, "diffusion-2025", at, { derivedFromPublished: true }).controlled).toBe(false);
    expect(modelWeightsControlled(2e26, true, "diffusion-2025", at, { derivedFromPublished: true }).controlled).toBe(false);
  });
});

test("a fault of the rules module itself says it is internal, apart from a user's input error", () => {
  const gap = () => mustValueAt(TPP_A1, "2020-01-01", "TPP_A1");
  expect(gap).toThrow(RulesFault);
  expect(gap).toThrow(/^internal error, please report: rules data: TPP_A1 has no value on 2020-01-01$/);
  const unresolved = () => rules.classify({ kind: "eccn", eccn: "9Z999" }, "2024-06-01");
  expect(unresolved).toThrow(RulesFault);
  expect(unresolved).toThrow(/^internal error, please report: Unknown or unsupported ECCN '9Z999'/);
  // A user's unknown ECCN is refused by the resolver with its own message, not as a fault.
  const r = rules.resolveItem("9Z999");
  expect(r.ok).toBe(false);
  expect(r.ok ? "" : r.message).not.toMatch(/internal error/);
});
