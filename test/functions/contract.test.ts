// The contract of DESIGN §3, checked on the built bundle as Excel loads it: every function of
// functions.json registered, names and parameters in order, descriptions and help URLs, nothing
// volatile, spill shapes, per-cell errors, omitted arguments as null and as undefined, defaults
// following the workbook settings, and the golden cases.
import * as fs from "fs";
import * as path from "path";
import { LoadedAddin, loadAddin, DIST } from "../support/excel-runtime";
import { goldenTitle, loadCases, matches } from "../support/cases";

const SHIPMENT = ["chip", "destination", "quantity", "end_user_hq", "regime", "as_of", "prior_tpp", "ship_from"];
const CONTRACT: Record<string, string[]> = {
  TPP: ["chip"],
  PERFORMANCE_DENSITY: ["chip"],
  H100_EQUIVALENT: ["chip", "quantity"],
  ECCN: ["chip", "as_of"],
  COUNTRY_TIER: ["country", "as_of"],
  COUNTRY_GROUPS: ["country", "as_of"],
  REQUIRES_LICENSE: SHIPMENT,
  LICENSE_EXCEPTION: SHIPMENT,
  REVIEW_POLICY: SHIPMENT,
  EXPLAIN: SHIPMENT,
  LPP_REMAINING: ["prior_tpp", "regime", "as_of"],
  COUNTRY_ALLOCATION: ["country", "g2g", "regime", "as_of"],
  MODEL_WEIGHTS_CONTROLLED: ["training_ops", "published", "regime", "as_of", "derived_from_published", "extra_ops", "exceeds_best_published"],
  CHIP_SPEC: ["chip", "field"],
  REGIME: [],
  REGIMES: [],
  LEDGER: ["chips", "destinations", "quantities", "end_user_hqs", "consignees", "dates", "regime", "ship_froms"],
  SECTION_232_DUTY: ["chip", "end_use", "entry_date", "hts"],
  RULE_CHANGES: ["from", "to", "country"],
  SCREEN_PARTY: ["name", "country", "min_score"],
};
const REQUIRED_COUNT: Record<string, number> = { ...Object.fromEntries(Object.entries(CONTRACT).map(([k, v]) => [k, v.length ? 1 : 0])), REQUIRES_LICENSE: 2, LICENSE_EXCEPTION: 2, REVIEW_POLICY: 2, EXPLAIN: 2, CHIP_SPEC: 2, LEDGER: 6, RULE_CHANGES: 0 };

let addin: LoadedAddin;
beforeAll(async () => {
  addin = await loadAddin();
});
afterAll(() => addin?.close());

test("the bundle registers exactly the 20 functions of the contract, and only those", () => {
  const ids = addin.meta.functions.map((f) => f.id).sort();
  expect(ids).toEqual(Object.keys(CONTRACT).sort());
  expect([...addin.registry.keys()].sort()).toEqual(ids);
});

test.each(Object.entries(CONTRACT))("%s: parameter names and order, optionality, descriptions, help URL", (id, params) => {
  const f = addin.meta.functions.find((m) => m.id === id)!;
  expect(f.name).toBe(id);
  expect(f.parameters.map((p) => p.name)).toEqual(params);
  f.parameters.forEach((p, i) => {
    expect(Boolean(p.optional)).toBe(i >= REQUIRED_COUNT[id]);
    expect(p.description.length).toBeGreaterThan(10);
    // An example value for every parameter.
    expect(p.description).toMatch(/e\.g\./);
  });
  expect(f.description.length).toBeGreaterThan(20);
  expect(f.helpUrl).toMatch(new RegExp(`/help/${id.toLowerCase()}\\.html$`));
  expect(f.helpUrl!.startsWith("https://")).toBe(true);
  const page = path.join(DIST, "help", `${id.toLowerCase()}.html`);
  expect(fs.existsSync(page)).toBe(true);
  expect(fs.readFileSync(page, "utf8")).toContain(id);
});

test("no function is volatile, streaming or cancelable", () => {
  for (const f of addin.meta.functions) {
    expect(f.options?.volatile ?? false).toBe(false);
    expect(f.options?.stream ?? false).toBe(false);
  }
});

test.each(loadCases().map((c) => [goldenTitle(c, "bundle"), c] as const))("%s", async (_title, c) => {
  const got = await addin.call(c.fn, ...c.args);
  expect({ id: c.id, ok: matches(c.expect, got, c.tol), got }).toEqual({ id: c.id, ok: true, got });
});

describe("broadcasting", () => {
  test("a column of chips against one destination spills a column, a bad row errs alone", async () => {
    const got = (await addin.call("REQUIRES_LICENSE", [["H100"], ["H20"], ["nope-chip"], [""]], "CN", 1, null, "enforced", "2024-06-01")) as unknown[][];
    expect(got).toHaveLength(4);
    expect(got[0]).toEqual([true]);
    expect(got[1]).toEqual([false]);
    expect(got[2][0]).toMatchObject({ error: "#N/A" });
    expect(got[3]).toEqual([""]);
  });

  test("a row of destinations against a column of chips spills a grid", async () => {
    const got = (await addin.call("REQUIRES_LICENSE", [["H100"], ["H20"]], [["CN", "IN", "IR"]], 1, null, "enforced", "2024-06-01")) as unknown[][];
    expect(got).toEqual([
      [true, false, true],
      [false, false, true],
    ]);
  });

  test("ranges of different lengths: #N/A in the cells the shorter one does not reach", async () => {
    const got = (await addin.call("H100_EQUIVALENT", [["H100"], ["B200"], ["H100"]], [[1], [2]])) as unknown[][];
    expect(got[0][0]).toBeCloseTo(1, 6);
    expect(got[1][0]).toBeCloseTo(72000 / 15832, 6);
    expect(got[2][0]).toMatchObject({ error: "#N/A" });
  });

  test("a range of quantities in a per-cell error keeps the others", async () => {
    const got = (await addin.call("REQUIRES_LICENSE", "H100", "IN", [[1699], [-5], [1700]], null, "diffusion-2025", "2025-06-01")) as unknown[][];
    expect(got[0]).toEqual([false]);
    expect(got[1][0]).toMatchObject({ error: "#VALUE!", message: expect.stringContaining("quantity") });
    expect(got[2]).toEqual([true]);
  });

  test("REGIMES spills a header and one row per regime", async () => {
    const got = (await addin.call("REGIMES")) as unknown[][];
    expect(got[0]).toEqual(["id", "name", "status", "effective from", "effective to"]);
    expect(got.slice(1).map((r) => r[0])).toEqual(["enforced", "baseline-2023", "diffusion-2025", "proposal-500"]);
  });

  test("LEDGER accumulates a consignee's allowance in date order and flags the crossing row", async () => {
    const got = (await addin.call(
      "LEDGER",
      [["H100"], ["H100"], ["H100"]],
      [["IN"], ["IN"], ["IN"]],
      [[1000], [600], [200]],
      [[""], [""], [""]],
      [["uni-a"], ["uni-a"], ["uni-a"]],
      [["2025-09-01"], ["2025-06-01"], ["2025-07-01"]],
      "diffusion-2025"
    )) as unknown[][];
    // In date order: 600 (LPP), 200 (LPP, 800 total), then 1000 crosses 1,699.
    expect(got[1].slice(0, 3)).toEqual(["EXCEPTION", false, "LPP"]);
    expect(got[2].slice(0, 3)).toEqual(["EXCEPTION", false, "LPP"]);
    expect(got[0].slice(0, 2)).toEqual(["LICENSE", true]);
    expect(got[2][3]).toBe(800 * 15832);
  });
});

describe("omitted arguments and defaults", () => {
  test("omitted optional arguments as null and as undefined give the same result", async () => {
    const fn = addin.registry.get("REQUIRES_LICENSE")!;
    const withNull = await fn([["H100"]], [["CN"]], null, null, null, [["2024-06-01"]], null);
    const withUndefined = await fn([["H100"]], [["CN"]], undefined, undefined, undefined, [["2024-06-01"]]);
    expect(withNull).toEqual(withUndefined);
    expect(withNull).toEqual([[true]]);
  });

  test("REGIME() and regime-less formulas follow the workbook's saved settings", async () => {
    const saved = await loadAddin({ "exportctl.regime": "diffusion-2025", "exportctl.asOf": "2025-06-01" });
    try {
      expect(await saved.call("REGIME")).toBe("diffusion-2025");
      expect(await saved.call("REQUIRES_LICENSE", "H100", "IN", 1700)).toBe(true);
      expect(await saved.call("LICENSE_EXCEPTION", "H100", "IN", 1699)).toBe("LPP");
      // An explicit argument always wins.
      expect(await saved.call("REQUIRES_LICENSE", "H100", "IN", 1700, null, "enforced")).toBe(false);
    } finally {
      saved.close();
    }
  });

  test("with nothing saved: enforced, today", async () => {
    expect(await addin.call("REGIME")).toBe("enforced");
    // The page's clock decides "today": 100 H20 to CN need no licence on 2024-06-01 (regulations.md
    // §7.1 #11) and do on 2025-06-01, after the is-informed letter of 2025-04-09 (§7.3 #8).
    for (const [today, licence] of [
      ["2024-06-01", false],
      ["2025-06-01", true],
    ] as const) {
      const page = await loadAddin({}, { today });
      try {
        expect({ today, licence: await page.call("REQUIRES_LICENSE", "H20", "CN", 100) }).toEqual({ today, licence });
        expect(await page.call("EXPLAIN", "H20", "CN", 100)).toContain(`as of ${today}`);
      } finally {
        page.close();
      }
    }
  });
});

describe("error messages name the argument and the value", () => {
  test.each([
    [["REQUIRES_LICENSE", "H100", "CN", -5], "#VALUE!", "quantity must be a whole number >= 1, got -5"],
    [["REQUIRES_LICENSE", "H100", "CN", 2.5], "#VALUE!", "quantity"],
    [["REQUIRES_LICENSE", "H100", "CN", 1, null, "nope"], "#VALUE!", "'nope'"],
    [["REQUIRES_LICENSE", "H100", "CN", 1, null, null, "31/02/2024"], "#VALUE!", "as_of"],
    [["TPP", "H1OO"], "#N/A", "Did you mean H100"],
    [["COUNTRY_TIER", "Atlantis"], "#N/A", "Atlantis"],
    [["CHIP_SPEC", "H100", "colour"], "#VALUE!", "field must be one of"],
    [["TPP", "3A090.a"], "#VALUE!", "ECCN"],
  ])("%j", async (call, code, text) => {
    const [id, ...args] = call as [string, ...unknown[]];
    const got = (await addin.call(id, ...args)) as { error: string; message: string };
    expect(got.error).toBe(code);
    expect(got.message).toContain(text);
  });
});

test("no network request beyond the page's own files while loading and calling", async () => {
  await addin.call("REQUIRES_LICENSE", "H100", "AE", 2000, null, "diffusion-2025", "2025-06-01");
  const remote = addin.requests.filter((u) => !u.startsWith("file:") && !u.startsWith("https://appsforoffice.microsoft.com/"));
  expect(remote).toEqual([]);
});
