// Property tests of the 17 custom functions with random and junk inputs, called through the same
// adapters Excel calls (src/functions/functions.ts) with arguments shaped as Excel passes them
// (2-D ranges, or null/undefined for omitted ones), plus junk shapes no host should send:
//   - nothing thrown ever escapes; the result is a 2-D array (REGIME: a string);
//   - no cell is undefined, NaN or ±Infinity; every error cell is #VALUE! or #N/A with a message;
//   - the same input gives the same output, and inputs are not modified;
//   - more units, or more TPP already shipped, never turn a required licence into none;
//   - no network: fetch, XMLHttpRequest and node's http/https are spied on during every call;
//   - the built bundle, loaded as Excel loads it, asks for nothing but its own files and office.js.
import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import * as functions from "../../src/functions/functions";
import { isExcelError } from "../../src/functions/errors";
import { CHIPS } from "../../src/rules";
import { resetSettings, updateSettings } from "../../src/settings/settings";
import type { RegimeId } from "../../src/rules/types";
import type * as ExcelRuntime from "../support/excel-runtime";

// The modules themselves (not namespace copies), so their functions can be replaced by spies.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const http: typeof import("http") = require("http");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const https: typeof import("https") = require("https");

const DIST = path.join(__dirname, "..", "..", "dist");

type Fn = (...args: unknown[]) => unknown;

/** Each function with its parameter count, as functions.json declares it. */
const FUNCTIONS: Record<string, [Fn, number]> = {
  TPP: [functions.tpp as Fn, 1],
  PERFORMANCE_DENSITY: [functions.performanceDensity as Fn, 1],
  H100_EQUIVALENT: [functions.h100Equivalent as Fn, 2],
  ECCN: [functions.eccn as Fn, 2],
  COUNTRY_TIER: [functions.countryTier as Fn, 2],
  COUNTRY_GROUPS: [functions.countryGroups as Fn, 2],
  REQUIRES_LICENSE: [functions.requiresLicense as Fn, 7],
  LICENSE_EXCEPTION: [functions.licenseException as Fn, 7],
  REVIEW_POLICY: [functions.reviewPolicy as Fn, 7],
  EXPLAIN: [functions.explain as Fn, 7],
  LPP_REMAINING: [functions.lppRemaining as Fn, 3],
  COUNTRY_ALLOCATION: [functions.countryAllocation as Fn, 4],
  MODEL_WEIGHTS_CONTROLLED: [functions.modelWeightsControlled as Fn, 4],
  CHIP_SPEC: [functions.chipSpec as Fn, 2],
  REGIME: [functions.regime as Fn, 0],
  REGIMES: [functions.regimes as Fn, 0],
  LEDGER: [functions.ledger as Fn, 7],
};

const REGIMES: RegimeId[] = ["enforced", "baseline-2023", "diffusion-2025", "proposal-500"];
/** Diffusion Tier 1: the US and 18 partners (regulations.md §6.4). */
const TIER1 = "AU BE CA DK FI FR DE IE IT JP NL NZ NO KR ES SE TW GB US".split(" ");
const COUNTRIES = [
  "CN",
  "HK",
  "MO",
  "AE",
  "SA",
  "IN",
  "DE",
  "SG",
  "MY",
  "VN",
  "KH",
  "IL",
  "IR",
  "RU",
  "US",
  "GB",
  "KP",
  "CU",
  "SY",
  "BY",
  "FR",
  "JP",
  "KR",
  "TW",
  "NL",
  "BR",
  "MX",
  "TR",
  "QA",
  "PK",
  "ID",
  "TH",
];
const CHIP_NAMES = CHIPS.map((c) => c.name);

// ---- network spies -----------------------------------------------------------------------------
const network: string[] = [];
const realFetch = (globalThis as { fetch?: unknown }).fetch;
const realXhr = (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest;
const spies: jest.SpyInstance[] = [];

beforeAll(() => {
  (globalThis as { fetch?: unknown }).fetch = (...args: unknown[]) => {
    network.push(`fetch ${String(args[0])}`);
    return Promise.reject(new Error("no network in EXPORTCTL functions"));
  };
  (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest = class {
    constructor() {
      network.push("XMLHttpRequest");
    }
    open(_m: string, url: string) {
      network.push(`XMLHttpRequest.open ${url}`);
    }
    send() {
      network.push("XMLHttpRequest.send");
    }
  };
  for (const mod of [http, https] as unknown as Record<string, Fn>[]) {
    for (const name of ["request", "get"]) {
      spies.push(
        jest.spyOn(mod, name as never).mockImplementation(((...args: unknown[]) => {
          network.push(`${name} ${String(args[0])}`);
          throw new Error("no network in EXPORTCTL functions");
        }) as never)
      );
    }
  }
});

afterAll(() => {
  (globalThis as { fetch?: unknown }).fetch = realFetch;
  (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest = realXhr;
  spies.forEach((s) => s.mockRestore());
  resetSettings();
});

// ---- arbitraries -------------------------------------------------------------------------------
const oddText = fc.constantFrom(
  "",
  " ",
  "\t\n",
  "=1+1",
  "#N/A",
  "#VALUE!",
  "TRUE",
  "null",
  "undefined",
  "NaN",
  "Infinity",
  "-Infinity",
  "1e400",
  "-5",
  "1,700",
  "0x10",
  "１２３",
  "H100\u0000",
  "\u200bH100",
  "Türkiye",
  "Viet Nam",
  "中华人民共和国",
  "🇨🇳",
  "ДЕ",
  "H1OO",
  "h100 sxm5 80gb ",
  "NVIDIA  H100",
  "3A090.a",
  "4A090.b",
  "5A992.z.1",
  "3A090.z",
  "EAR99",
  "enforced ",
  "DIFFUSION-2025",
  "2025-06-01",
  "2025-02-30",
  "0000-00-00",
  "9999-12-31",
  "01/06/2025",
  "yesterday",
  "tpp",
  "memory_bandwidth",
  "Die Area",
  "__proto__",
  "constructor",
  "toString",
  "x".repeat(5000),
  "H100 ".repeat(400)
);

const realistic = fc.oneof(
  fc.constantFrom(...CHIP_NAMES),
  fc.constantFrom(...COUNTRIES),
  fc.constantFrom(...REGIMES),
  fc.integer({ min: 0, max: 20000 }),
  fc.integer({ min: 44562, max: 46752 }), // date serials 2022-01-01 .. 2027-12-31
  fc.constantFrom(
    "2022-10-07",
    "2023-11-17",
    "2025-01-15",
    "2025-05-15",
    "2026-01-15",
    "2026-07-15"
  )
);

const junkScalar = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(""),
  fc.boolean(),
  fc.double(),
  fc.integer(),
  fc.constantFrom(
    -0,
    NaN,
    Infinity,
    -Infinity,
    1e308,
    -1e308,
    2 ** 53 + 2,
    -(2 ** 31),
    5e-324,
    0.5,
    1699.999,
    1e12 + 1,
    1e26,
    1e40,
    1e41
  ),
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 8 }),
  oddText,
  fc.constantFrom<unknown>(
    {},
    { code: "#N/A", message: "an error from another cell" },
    { code: 7 },
    { valueOf: () => 3 },
    new Date(0),
    [1, 2],
    [[1]],
    [[["nested"]]]
  )
);

const cell: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: junkScalar },
  { weight: 2, arbitrary: realistic }
);

/** A rectangular range of 1..6 x 1..4 cells. */
const range = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 4 }))
  .chain(([h, w]) =>
    fc.array(fc.array(cell, { minLength: w, maxLength: w }), { minLength: h, maxLength: h })
  );

/** Shapes no host sends but the adapters must survive: jagged, empty, 1-D, bare scalars. */
const oddShape = fc.oneof(
  fc.array(fc.array(cell, { maxLength: 4 }), { minLength: 1, maxLength: 4 }),
  fc.constantFrom<unknown>([], [[]], [[], []]),
  fc.array(cell, { minLength: 1, maxLength: 3 }),
  junkScalar
);

const argument = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(null, undefined) },
  { weight: 6, arbitrary: cell.map((v) => [[v]]) },
  { weight: 3, arbitrary: range },
  { weight: 1, arbitrary: oddShape }
);

const settings = fc.oneof(
  fc.constant({ regime: null, asOf: null }),
  fc.record({
    regime: fc.constantFrom<RegimeId | null>(null, ...REGIMES),
    asOf: fc.constantFrom<string | null>(
      null,
      "2022-06-01",
      "2024-06-01",
      "2025-06-01",
      "2026-08-01"
    ),
  })
);

// ---- checks ------------------------------------------------------------------------------------
/** A comparable picture of a result: error values as {error, message}. */
function norm(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(norm);
  if (isExcelError(v)) return { error: v.code, message: v.message };
  if (typeof v === "number" && Number.isNaN(v)) return "NaN!";
  return v;
}

function badCell(v: unknown): string | null {
  if (v === undefined) return "undefined";
  if (typeof v === "number") return Number.isFinite(v) ? null : `non-finite ${v}`;
  if (typeof v === "string" || typeof v === "boolean") return null;
  if (isExcelError(v)) {
    if (v.code !== "#VALUE!" && v.code !== "#N/A") return `error code ${v.code}`;
    if (typeof v.message !== "string" || v.message.trim() === "")
      return `error ${v.code} without a message`;
    return null;
  }
  return `a ${v === null ? "null" : typeof v} cell: ${String(v)}`;
}

/** Every invariant of one result. Returns the first problem, or null. */
function problem(id: string, result: unknown): string | null {
  if (id === "REGIME")
    return typeof result === "string" && REGIMES.includes(result as RegimeId)
      ? null
      : `REGIME gave ${String(result)}`;
  if (!Array.isArray(result) || result.length === 0) return "not a non-empty 2-D array";
  const width = Array.isArray(result[0]) ? result[0].length : -1;
  if (width < 1) return "first row is not a non-empty array";
  for (const row of result) {
    if (!Array.isArray(row) || row.length !== width) return "rows of different widths";
    for (const v of row) {
      const bad = badCell(v);
      if (bad) return bad;
    }
  }
  return null;
}

function callChecked(id: string, args: unknown[]): unknown {
  const [fn] = FUNCTIONS[id];
  const before = network.length;
  let out: unknown;
  try {
    out = fn(...args);
  } catch (error) {
    throw new Error(`${id} threw: ${(error as Error)?.stack ?? String(error)}`);
  }
  if (network.length !== before)
    throw new Error(`${id} used the network: ${network.slice(before).join(", ")}`);
  return out;
}

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

describe.each(Object.keys(FUNCTIONS))("%s with random and junk inputs", (id) => {
  const arity = FUNCTIONS[id][1];
  test("never throws, returns a clean 2-D array, is deterministic, leaves its inputs alone, no network", () => {
    fc.assert(
      fc.property(
        settings,
        fc.array(argument, { minLength: arity, maxLength: arity }),
        (s, args) => {
          updateSettings(s);
          const snapshot = norm(args);
          const first = callChecked(id, args);
          const bad = problem(id, first);
          if (bad) throw new Error(`${id}: ${bad}`);
          const second = callChecked(id, args);
          expect(norm(second)).toEqual(norm(first));
          expect(norm(args)).toEqual(snapshot);
        }
      ),
      { numRuns: arity === 0 ? 20 : RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261127) }
    );
  });
});

// Well-formed inputs (the right kind of value in each position, random shapes, some blanks): the
// same invariants on the main path, and most cells must come out as values, not errors.
const kinds: Record<string, fc.Arbitrary<unknown>> = {
  chip: fc.constantFrom(...CHIP_NAMES, ...CHIPS.map((c) => c.id)),
  item: fc.oneof(
    fc.constantFrom(...CHIP_NAMES),
    fc.constantFrom("3A090.a", "3A090.b", "4A090.a", "5A992.z.1", "EAR99")
  ),
  chipOrTpp: fc.oneof(fc.constantFrom(...CHIP_NAMES), fc.integer({ min: 0, max: 100_000 })),
  country: fc.constantFrom(
    ...COUNTRIES,
    "United Arab Emirates",
    "Viet Nam",
    "South Korea",
    "Türkiye",
    "india"
  ),
  quantity: fc.oneof(
    fc.integer({ min: 0, max: 10_000 }),
    fc.integer({ min: 0, max: 10_000 }).map(String)
  ),
  regime: fc.constantFrom(...REGIMES),
  date: fc.oneof(
    fc.integer({ min: 44562, max: 46752 }),
    fc.constantFrom(
      "2022-06-01",
      "2023-01-20",
      "2024-06-01",
      "2025-06-01",
      "2026-03-01",
      "2026-08-01"
    )
  ),
  tpp: fc.integer({ min: 0, max: 40_000_000 }),
  // The regimes and destinations where an allowance or allocation exists (regulations.md §3.3-3.4):
  // LPP under the Diffusion rule and the reported proposal; allocations for Tier 2 and 3 only.
  allowanceRegime: fc.constantFrom<RegimeId>("diffusion-2025", "proposal-500"),
  allocationRegime: fc.constant<RegimeId>("diffusion-2025"),
  allocationCountry: fc.constantFrom(...COUNTRIES.filter((c) => !TIER1.includes(c))),
  ops: fc.constantFrom(1e24, 9.9e25, 1e26, 3e26),
  bool: fc.boolean(),
  field: fc.constantFrom(
    "tpp",
    "die_area",
    "performance_density",
    "memory_bandwidth",
    "interconnect",
    "vendor",
    "datacenter",
    "confidence",
    "source",
    "Memory Bandwidth"
  ),
  consignee: fc.constantFrom("uni-a", "uni-b", "cloud-c", ""),
};
const SHIP_KINDS = ["item", "country", "quantity", "country", "regime", "date", "tpp"];
const KINDS: Record<string, string[]> = {
  TPP: ["chip"],
  PERFORMANCE_DENSITY: ["chip"],
  H100_EQUIVALENT: ["chipOrTpp", "quantity"],
  ECCN: ["item", "date"],
  COUNTRY_TIER: ["country", "date"],
  COUNTRY_GROUPS: ["country", "date"],
  REQUIRES_LICENSE: SHIP_KINDS,
  LICENSE_EXCEPTION: SHIP_KINDS,
  REVIEW_POLICY: SHIP_KINDS,
  EXPLAIN: SHIP_KINDS,
  LPP_REMAINING: ["tpp", "allowanceRegime", "date"],
  COUNTRY_ALLOCATION: ["allocationCountry", "bool", "allocationRegime", "date"],
  MODEL_WEIGHTS_CONTROLLED: ["ops", "bool", "regime", "date"],
  CHIP_SPEC: ["chip", "field"],
  LEDGER: ["item", "country", "quantity", "country", "consignee", "date", "regime"],
};
/** A column of n well-formed values (n = 1: a single cell), with an occasional blank. */
const column = (kind: string, n: number) =>
  fc
    .array(
      fc.oneof({ weight: 9, arbitrary: kinds[kind] }, { weight: 1, arbitrary: fc.constant("") }),
      { minLength: n, maxLength: n }
    )
    .map((xs) => xs.map((x) => [x]));

describe.each(Object.keys(KINDS))("%s with well-formed inputs", (id) => {
  test("clean results, mostly values, deterministic", () => {
    let cells = 0;
    let errors = 0;
    const args = fc.integer({ min: 1, max: 8 }).chain((n) =>
      fc.tuple(
        ...KINDS[id].map((kind, i) =>
          i === 0 || kind === "country"
            ? column(kind, n)
            : kind.endsWith("Regime") // omitted = the workbook default (enforced): outside the domain
              ? fc.oneof(column(kind, 1), column(kind, n))
              : fc.oneof(column(kind, 1), column(kind, n), fc.constant(null))
        )
      )
    );
    fc.assert(
      fc.property(args, (a) => {
        resetSettings();
        const first = callChecked(id, a);
        const bad = problem(id, first);
        if (bad) throw new Error(`${id}: ${bad}`);
        expect(norm(callChecked(id, a))).toEqual(norm(first));
        for (const row of first as unknown[][])
          for (const v of row) (cells++, isExcelError(v) && errors++);
      }),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261127) + 1 }
    );
    // Some chips lack a die area, and blank cells are errors where an argument is required.
    if (process.env.FUZZ_STATS) console.log(`${id}: ${errors} error cells of ${cells}`);
    expect(errors / cells).toBeLessThan(0.5);
  });
});

describe("allowances and allocations outside the regimes that have them", () => {
  // regulations.md §3.3-3.4: LPP (26.9 M TPP) and country allocations exist only in the Diffusion
  // rule (LPP also in the reported proposal); Tier 1 has no allocation. Elsewhere: an error saying why.
  test("LPP_REMAINING under enforced or baseline-2023 is an error naming the regime, never a number", () => {
    fc.assert(
      fc.property(
        kinds.tpp,
        fc.constantFrom<RegimeId>("enforced", "baseline-2023"),
        kinds.date,
        (tpp, regime, date) => {
          const [[v]] = callChecked("LPP_REMAINING", [
            [[tpp]],
            [[regime]],
            [[date]],
          ]) as unknown[][];
          expect(isExcelError(v)).toBe(true);
          expect((v as { message: string }).message).toContain(
            `No consignee allowance applies under ${regime}`
          );
        }
      ),
      { numRuns: 100, seed: Number(process.env.FUZZ_SEED ?? 20261127) + 2 }
    );
  });
  test("COUNTRY_ALLOCATION for Tier 1 or outside diffusion-2025 is an error, never a number", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...COUNTRIES),
        kinds.bool,
        fc.constantFrom(...REGIMES),
        kinds.date,
        (country, g2g, regime, date) => {
          const tier1 = TIER1.includes(country);
          const [[v]] = callChecked("COUNTRY_ALLOCATION", [
            [[country]],
            [[g2g]],
            [[regime]],
            [[date]],
          ]) as unknown[][];
          if (regime !== "diffusion-2025")
            expect((v as { message: string }).message).toContain(
              `No country allocation under ${regime}`
            );
          else if (tier1) expect((v as { message: string }).message).toContain("Tier 1");
          else expect(typeof v).toBe("number");
        }
      ),
      { numRuns: 200, seed: Number(process.env.FUZZ_SEED ?? 20261127) + 3 }
    );
  });
});

describe("REQUIRES_LICENSE is monotone in quantity and prior TPP", () => {
  // Weighted towards where quantity decides: the allowance regimes (LPP 26.9 M TPP; 500 H100-eq in
  // the proposal) and Tier 2 destinations (regulations.md §3.3, §6.4).
  const shipment = fc.record({
    chip: fc.constantFrom(...CHIP_NAMES),
    destination: fc.oneof(
      { weight: 2, arbitrary: fc.constantFrom("IN", "SG", "MY", "SA", "AE", "VN", "IL") },
      { weight: 1, arbitrary: fc.constantFrom(...COUNTRIES) }
    ),
    hq: fc.constantFrom<string | null>(null, null, "CN", "US", "MO", "AE", "IN"),
    regime: fc.oneof(
      { weight: 2, arbitrary: fc.constantFrom<RegimeId>("diffusion-2025", "proposal-500") },
      { weight: 1, arbitrary: fc.constantFrom(...REGIMES) }
    ),
    date: fc.oneof(
      fc.integer({ min: 44562, max: 46752 }),
      fc.constantFrom(
        "2022-10-06",
        "2022-10-07",
        "2023-11-16",
        "2023-11-17",
        "2025-04-09",
        "2026-01-15",
        "2026-02-03",
        "2026-07-15"
      )
    ),
  });
  const units = fc.oneof(
    fc.integer({ min: 0, max: 5000 }),
    fc.integer({ min: 0, max: 10_000_000 })
  );
  const tpp = fc.oneof(
    fc.constant(0),
    fc.integer({ min: 0, max: 30_000_000 }),
    fc.integer({ min: 0, max: 2_000_000_000 })
  );

  const licence = (
    s: { chip: string; destination: string; hq: string | null; regime: string; date: unknown },
    quantity: number,
    prior: number
  ) =>
    (
      callChecked("REQUIRES_LICENSE", [
        [[s.chip]],
        [[s.destination]],
        [[quantity]],
        s.hq === null ? null : [[s.hq]],
        [[s.regime]],
        [[s.date]],
        [[prior]],
      ]) as unknown[][]
    )[0][0];

  beforeEach(() => resetSettings());

  // Effective runs: TRUE at the smaller value while 0 units with nothing prior is not TRUE, so the
  // verdict really depends on the amount. Each property must have a good share of them.
  const runs = 400;

  test("more units never turn TRUE into FALSE", () => {
    let effective = 0;
    fc.assert(
      fc.property(shipment, units, units, tpp, (s, a, b, prior) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        if (licence(s, lo, prior) !== true) return;
        if (licence(s, 0, 0) !== true) effective++;
        expect({ ...s, lo, hi, prior, more: licence(s, hi, prior) }).not.toMatchObject({
          more: false,
        });
      }),
      { numRuns: runs, seed: 1 }
    );
    if (process.env.FUZZ_STATS) console.log(`more units: ${effective} effective runs of ${runs}`);
    expect(effective).toBeGreaterThanOrEqual(runs * 0.15);
  });

  test("more TPP already shipped to the consignee never turns TRUE into FALSE", () => {
    let effective = 0;
    fc.assert(
      fc.property(shipment, units, tpp, tpp, (s, quantity, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        if (licence(s, quantity, lo) !== true) return;
        if (licence(s, 0, 0) !== true) effective++;
        expect({ ...s, quantity, lo, hi, more: licence(s, quantity, hi) }).not.toMatchObject({
          more: false,
        });
      }),
      { numRuns: runs, seed: 2 }
    );
    if (process.env.FUZZ_STATS)
      console.log(`more prior TPP: ${effective} effective runs of ${runs}`);
    expect(effective).toBeGreaterThanOrEqual(runs * 0.15);
  });

  test("the same holds along a whole broadcast column of growing quantities", () => {
    let effective = 0;
    fc.assert(
      fc.property(shipment, fc.array(units, { minLength: 2, maxLength: 30 }), (s, qs) => {
        const sorted = [...qs].sort((x, y) => x - y);
        const out = callChecked("REQUIRES_LICENSE", [
          [[s.chip]],
          [[s.destination]],
          sorted.map((q) => [q]),
          s.hq === null ? null : [[s.hq]],
          [[s.regime]],
          [[s.date]],
          null,
        ]) as unknown[][];
        const first = out.findIndex((r) => r[0] === true);
        if (first >= 0) expect(out.slice(first).filter((r) => r[0] === false)).toEqual([]);
        if (first > 0 && out[0][0] === false) effective++; // the column crosses from FALSE to TRUE
      }),
      { numRuns: 150, seed: 3 }
    );
    if (process.env.FUZZ_STATS)
      console.log(`broadcast column: ${effective} crossing columns of 150`);
    expect(effective).toBeGreaterThanOrEqual(15);
  });
});

test("no function touched the network during the whole run", () => {
  expect(network).toEqual([]);
});

describe("the built bundle, loaded as Excel loads it", () => {
  const OFFICE_JS = /^https:\/\/appsforoffice\.microsoft\.com\/lib\/1(\.\d+)?\/hosted\/office\.js$/;

  test("requests nothing but the page's own files and office.js from Microsoft's CDN", async () => {
    if (!fs.existsSync(path.join(DIST, "functions.json")))
      throw new Error("dist/functions.json is missing: run npm run build");
    // Required here, not at the top: the property tests above do not need the bundle.
    const { loadAddin } = require("../support/excel-runtime") as typeof ExcelRuntime;
    const addin = await loadAddin();
    try {
      // From here on, any XMLHttpRequest, fetch, beacon or socket the page opens is recorded.
      const w = addin.window as unknown as Record<string, any>;
      const opened: string[] = [];
      const xhrOpen = w.XMLHttpRequest?.prototype.open;
      if (w.XMLHttpRequest) {
        w.XMLHttpRequest.prototype.open = function (
          this: unknown,
          method: string,
          url: string,
          ...rest: unknown[]
        ) {
          opened.push(`XMLHttpRequest ${method} ${url}`);
          return xhrOpen.call(this, method, url, ...rest);
        };
      }
      w.fetch = (url: unknown) => {
        opened.push(`fetch ${String(url)}`);
        return Promise.reject(new Error("no network"));
      };
      if (w.navigator)
        w.navigator.sendBeacon = (url: string) => (opened.push(`beacon ${url}`), false);
      w.WebSocket = class {
        constructor(url: string) {
          opened.push(`WebSocket ${url}`);
        }
      };
      const samples: Record<string, unknown[]> = {
        TPP: ["H100"],
        PERFORMANCE_DENSITY: ["H100"],
        H100_EQUIVALENT: ["B200", 8],
        ECCN: ["H100", "2025-06-01"],
        COUNTRY_TIER: ["AE", "2025-06-01"],
        COUNTRY_GROUPS: ["CN", "2025-06-01"],
        REQUIRES_LICENSE: ["H100", "AE", 2000, null, "diffusion-2025", "2025-06-01", 0],
        LICENSE_EXCEPTION: ["H100", "IN", 1699, null, "diffusion-2025", "2025-06-01"],
        REVIEW_POLICY: ["B200", "CN", 100, null, "enforced", "2026-03-01"],
        EXPLAIN: ["H100", "AE", 2000, "AE", "enforced", "2025-06-01"],
        LPP_REMAINING: [20_000_000, "diffusion-2025", "2025-06-01"],
        COUNTRY_ALLOCATION: ["India", false, "diffusion-2025", "2025-06-01"],
        MODEL_WEIGHTS_CONTROLLED: [2e26, false, "diffusion-2025", "2025-06-01"],
        CHIP_SPEC: ["H200", "memory_bandwidth"],
        REGIME: [],
        REGIMES: [],
        LEDGER: [
          [["H100"], ["H100"]],
          [["IN"], ["IN"]],
          [[1000], [1000]],
          [[""], [""]],
          [["uni-a"], ["uni-a"]],
          [["2025-06-01"], ["2025-07-01"]],
          "diffusion-2025",
        ],
      };
      expect(Object.keys(samples).sort()).toEqual(Object.keys(FUNCTIONS).sort());
      for (const [id, args] of Object.entries(samples)) {
        const got = await addin.call(id, ...args);
        expect({ id, got }).not.toMatchObject({ got: { error: "#NAME?" } });
      }
      await new Promise((r) => setTimeout(r, 50));
      const foreign = addin.requests.filter(
        (url) => !url.startsWith(`file://${DIST}/`) && !OFFICE_JS.test(url)
      );
      expect(foreign).toEqual([]);
      expect(addin.requests.some((url) => OFFICE_JS.test(url))).toBe(true);
      expect(opened).toEqual([]);
    } finally {
      addin.close();
    }
  });
});
