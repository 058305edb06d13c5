// Inputs as Excel really sends them (DESIGN §3, "Never a silent no"): each kind that once gave a
// confident FALSE for garbage or for what Excel sends differently from a typed value, as examples
// and as fast-check properties over the whole kind. Calls go through the adapters Excel calls,
// with ranges as 2-D arrays and omitted arguments as null.
import fc from "fast-check";
import * as functions from "../../src/functions/functions";
import { consigneeKey, resolveChip, resolveCountry, resolveItem } from "../../src/rules";
import { resetSettings } from "../../src/settings/settings";
import { resetWorkbookFormat } from "../../src/settings/workbook-format";
import { seen } from "../support/cases";

type Fn = (...args: unknown[]) => unknown;
const shape = (a: unknown) => (a === null || a === undefined ? null : Array.isArray(a) ? a : [[a]]);
const call = (fn: unknown, ...args: unknown[]) => seen((fn as Fn)(...args.map(shape)));
const err = (code: string, text?: string) => expect.objectContaining(text ? { error: code, message: expect.stringContaining(text) } : { error: code });

const SHIPMENT_FNS: [string, Fn][] = [
  ["REQUIRES_LICENSE", functions.requiresLicense as Fn],
  ["LICENSE_EXCEPTION", functions.licenseException as Fn],
  ["REVIEW_POLICY", functions.reviewPolicy as Fn],
  ["EXPLAIN", functions.explain as Fn],
];

beforeEach(() => {
  resetSettings();
  resetWorkbookFormat();
});

describe("1. an empty cell is null (web) or 0 (desktop); both are blank where text or a date is expected", () => {
  test("README example with the HQ cells left empty, as desktop sends them", () => {
    const got = call(functions.requiresLicense, [["H100"], ["H100"], ["H100"]], [["AE"], ["IN"], ["SG"]], [[2000], [1699], [100]], [[0], [0], ["CN"]], "diffusion-2025", "2025-06-01");
    const web = call(functions.requiresLicense, [["H100"], ["H100"], ["H100"]], [["AE"], ["IN"], ["SG"]], [[2000], [1699], [100]], [[null], [null], ["CN"]], "diffusion-2025", "2025-06-01");
    expect(got).toEqual(web);
    expect(got).toEqual([[true], [false], [true]]);
  });

  test.each([
    ["regime 0", [0, "2026-03-01"]],
    ["as_of 0", ["enforced", 0]],
    ["regime spaces", ["  ", "2026-03-01"]],
  ])("%s takes the default", (_label, [regime, asOf]) => {
    expect(call(functions.requiresLicense, "H100", "CN", 10, null, regime, asOf)).toBe(
      call(functions.requiresLicense, "H100", "CN", 10, null, regime === 0 || String(regime).trim() === "" ? null : regime, asOf === 0 ? null : asOf)
    );
  });

  test("a single space or a no-break space in the HQ cell is blank", () => {
    for (const hq of [" ", "\u00a0", "\t"]) expect(call(functions.requiresLicense, "H100", "CN", 10, hq, "enforced", "2026-03-01")).toBe(true);
  });

  test("LEDGER with an empty HQ column (zeros) evaluates every row", () => {
    const got = call(functions.ledger, [["H100"], ["H20"]], [["CN"], ["DE"]], [[1], [1]], [[0], [0]], [[0], [0]], [["2026-03-01"], ["2026-03-01"]], "enforced") as unknown[][];
    expect(got.map((r) => r[1])).toEqual([true, false]);
  });

  test("trailing empty rows of a whole column give '' (not 'Unknown chip 0')", () => {
    const rows = 50;
    const col = (v: unknown) => [[v], ...Array.from({ length: rows - 1 }, () => [0])];
    const got = call(functions.requiresLicense, col("H100"), col("CN"), col(100), null, "enforced", "2026-03-01") as unknown[][];
    expect(got[0][0]).toBe(true);
    expect(got.slice(1).every((r) => r[0] === "")).toBe(true);
  });

  test("a quantity of 0 is #VALUE! in a determination; H100_EQUIVALENT of 0 units stays 0", () => {
    expect(call(functions.requiresLicense, "H100", "IN", 0, null, "diffusion-2025", "2025-06-01")).toEqual(err("#VALUE!", "quantity"));
    expect(call(functions.h100Equivalent, "H100", 0)).toBe(0);
  });
});

describe("2. partly blank rows are refused; blank rows give ''", () => {
  test("a blank chip with a destination is #VALUE!, never ''", () => {
    expect(call(functions.requiresLicense, "", "CN", 1)).toEqual(err("#VALUE!", "chip"));
  });
  test("a blank quantity cell (web) is #VALUE!; an omitted quantity is 1 unit", () => {
    expect(call(functions.requiresLicense, "H100", "IN", [[null]], null, "diffusion-2025", "2025-06-01")).toEqual(err("#VALUE!", "quantity"));
    expect(call(functions.requiresLicense, "H100", "IN", null, null, "diffusion-2025", "2025-06-01")).toBe(false);
  });
  test("scalars broadcast over a range do not make a row non-blank", () => {
    expect(call(functions.requiresLicense, [["H100"], [null], [0]], "CN", 100, null, "enforced", "2026-03-01")).toEqual([[true], [""], [""]]);
  });
});

describe("3. look-alike letters are refused, accents fold", () => {
  test("Cyrillic С in CHN and Ѕ in L40S are #VALUE!, not Honduras and L40", () => {
    expect(call(functions.requiresLicense, "H100", "\u0421HN", 100, null, "enforced", "2026-03-01")).toEqual(err("#VALUE!", "U+0421"));
    expect(call(functions.requiresLicense, "L40\u0405", "CN", 100, null, "enforced", "2026-03-01")).toEqual(err("#VALUE!", "U+0405"));
  });
  test.each(["Türkiye", "Côte d'Ivoire", "Curaçao", "Åland Islands", "São Tomé and Príncipe"])("%s resolves", (name) => {
    expect(resolveCountry(name).ok).toBe(true);
  });
});

test("4. a year in the date position is #VALUE! with the reading spelled out", () => {
  expect(call(functions.requiresLicense, "H100", "RU", 500, null, "enforced", 2025)).toEqual(err("#VALUE!", "1905-07-17"));
});

test("5. European thousands: '2.000' is not 2 units", () => {
  expect(call(functions.requiresLicense, "H100", "IN", "2.000", null, "diffusion-2025", "2025-06-01")).toEqual(err("#VALUE!", "separator"));
});

describe("6. error cells and data types", () => {
  test("an error cell errs its own row only", () => {
    const got = call(functions.requiresLicense, [["H100"], ["H100"]], [[{ code: "#N/A", message: "" }], ["CN"]], 1, null, "enforced", "2026-03-01");
    expect(got).toEqual([[err("#N/A", "destination")], [true]]);
    const dataTypeError = { type: "Error", basicValue: "#DIV/0!" };
    expect(call(functions.requiresLicense, "H100", dataTypeError, 1, null, "enforced", "2026-03-01")).toEqual(err("#VALUE!", "#DIV/0!"));
  });
  test("a Geography cell is read by its display text; formatted numbers by their value", () => {
    const china = { type: "LinkedEntity", text: "China", id: { culture: "en-US" }, properties: {} };
    expect(call(functions.requiresLicense, "H100", china, 1, null, "enforced", "2026-03-01")).toBe(true);
    expect(call(functions.h100Equivalent, "H100", { type: "FormattedNumber", basicValue: 3, numberFormat: "0" })).toBe(3);
  });
  test("an entity without text is #VALUE!, naming the argument", () => {
    expect(call(functions.countryTier, { type: "Entity", basicValue: "#VALUE!", properties: {} })).toEqual(err("#VALUE!", "country"));
  });
});

describe("7. EAR and ISO country names; ambiguous ones list the candidates", () => {
  test.each([
    ["Korea, South", "KR"],
    ["Korea, North", "KP"],
    ["Iran, Islamic Republic of", "IR"],
    ["Congo (Republic of the)", "CG"],
    ["Congo (Democratic Republic of the)", "CD"],
    ["Congo, Republic of the", "CG"],
    ["Republic of Moldova", "MD"],
    ["Moldova, Republic of", "MD"],
    ["Korea (the Republic of)", "KR"],
    ["Micronesia (Federated States of)", "FM"],
    ["Bolivia (Plurinational State of)", "BO"],
    ["Venezuela (Bolivarian Republic of)", "VE"],
    ["Tanzania, United Republic of", "TZ"],
    ["Burma", "MM"],
    ["Dubai", "AE"],
  ])("%s -> %s", (name, code) => {
    const r = resolveCountry(name);
    expect(r.ok && r.value.code).toBe(code);
  });
  test.each([
    ["Korea", ["North Korea", "South Korea"]],
    ["Congo", ["Congo"]],
  ])("%s is ambiguous", (name, mentions) => {
    const r = resolveCountry(name);
    expect(r.ok).toBe(false);
    for (const m of mentions) expect(!r.ok && r.message).toContain(m);
  });
  test("a suggestion shares the first letter: Dubai never suggests Cuba", () => {
    const r = resolveCountry("Dubaii");
    expect(!r.ok && r.message).not.toContain("Cuba");
  });
});

describe("8. chip names that could count superchips as GPUs", () => {
  test("GB200 asks which unit; 500 superchips are never read as 500 GPUs", () => {
    expect(call(functions.explain, "GB200", "IN", 500, null, "diffusion-2025", "2025-06-01")).toEqual(err("#N/A", "superchip"));
    expect(call(functions.tpp, "GB200 Superchip")).toEqual(err("#N/A", "2 GPUs"));
    expect(call(functions.tpp, "Grace Blackwell")).toEqual(err("#N/A", "superchip"));
  });
  test("'GB200 per GPU' resolves to the per-GPU entry; 1000 GPUs (500 superchips) to India need a licence", () => {
    const perGpu = resolveChip("GB200 per GPU");
    expect(perGpu.ok && perGpu.value.id).toBe("nvidia-gb200-per-gpu");
    expect(call(functions.requiresLicense, "GB200 per GPU", "IN", 1000, null, "diffusion-2025", "2025-06-01")).toBe(true);
  });
  test("'H20 SXM' suggests H20, not H200", () => {
    const r = resolveChip("H20 SXM");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.suggestions).toEqual(["H20"]);
  });
});

test("9. consignee names fold into one key; a look-alike letter is refused", () => {
  expect(consigneeKey("Acme Inc.")).toBe(consigneeKey("ACME\u00a0 INC"));
  expect(consigneeKey("Acme  Inc")).toBe(consigneeKey("acme inc"));
  expect(consigneeKey("\u0410cme Inc")).toBeNull();
  const got = call(functions.ledger, [["H100"], ["H100"]], [["IN"], ["IN"]], [[1000], [1000]], null, [["Acme Inc."], ["\u0410CME INC"]], [["2025-06-01"], ["2025-06-02"]], "diffusion-2025") as unknown[][];
  expect(got[1][0]).toEqual(err("#VALUE!", "U+0410"));
});

describe("11. small ones", () => {
  test.each(["constructor", "__proto__", "toString", "hasOwnProperty"])("CHIP_SPEC(x, %s) is #VALUE!", (field) => {
    expect(call(functions.chipSpec, "H100", field)).toEqual(err("#VALUE!", "field"));
  });
  test("messages quote at most 60 characters of a 1 MB input, and answer at once", () => {
    const big = "H".repeat(1 << 20);
    for (const [fn, args] of [
      [functions.tpp, [big]],
      [functions.countryTier, [big]],
      [functions.requiresLicense, ["H100", "CN", 1, null, big]],
      [functions.requiresLicense, ["H100", "CN", big]],
      [functions.chipSpec, ["H100", big]],
    ] as [unknown, unknown[]][]) {
      const got = call(fn, ...args) as { message: string };
      expect(got.message.length).toBeLessThan(400);
      expect(got.message).not.toContain("H".repeat(61));
    }
  });
  test("H100_EQUIVALENT(-0) is 0, not -0", () => {
    expect(Object.is(call(functions.h100Equivalent, -0), 0)).toBe(true);
    expect(Object.is(call(functions.h100Equivalent, "H100", -0), 0)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties of each kind.

const blankish = fc.constantFrom<unknown>(null, 0, "", " ", "\u00a0", "\t", "   ", "\u3000");
const row: unknown[] = ["H100", "CN", 10, null, "enforced", "2026-03-01", null];
const TEXT_OPTIONAL = [3, 4, 5]; // end_user_hq, regime, as_of

test("any 0, blank or whitespace where text or a date is optional behaves as omitted", () => {
  fc.assert(
    fc.property(blankish, fc.constantFrom(...TEXT_OPTIONAL), fc.constantFrom(...SHIPMENT_FNS), (blank, at, [, fn]) => {
      const args = [...row];
      args[at] = null;
      const omitted = call(fn, ...args);
      args[at] = blank;
      expect(call(fn, ...args)).toEqual(omitted);
    })
  );
});

test("ECCN, COUNTRY_TIER, COUNTRY_GROUPS: a blank as_of is the default date", () => {
  fc.assert(
    fc.property(blankish, (blank) => {
      expect(call(functions.eccn, "H100", blank)).toEqual(call(functions.eccn, "H100", null));
      expect(call(functions.countryGroups, "AE", blank)).toEqual(call(functions.countryGroups, "AE", null));
    })
  );
});

/** A string holding a letter or digit of another script, anywhere. */
const FOREIGN = fc
  .oneof(
    fc.integer({ min: 0x0370, max: 0x03ff }), // Greek
    fc.integer({ min: 0x0400, max: 0x04ff }), // Cyrillic
    fc.integer({ min: 0x0530, max: 0x058f }), // Armenian
    fc.integer({ min: 0x0600, max: 0x06ff }), // Arabic
    fc.integer({ min: 0x4e00, max: 0x9fff }), // CJK
    fc.integer({ min: 0x13a0, max: 0x13f4 }) // Cherokee (Latin look-alikes)
  )
  .map((cp) => String.fromCodePoint(cp))
  .filter((ch) => /[\p{L}\p{N}]/u.test(ch));
const withForeign = fc
  .tuple(fc.string({ maxLength: 8 }), FOREIGN, fc.string({ maxLength: 8 }))
  .map(([a, ch, b]) => a + ch + b);
const nearName = fc
  .tuple(fc.constantFrom("CHN", "CN", "China", "L40S", "H100", "HK", "Iran", "RU", "A100"), fc.nat(), FOREIGN)
  .map(([name, i, ch]) => {
    const at = i % name.length;
    return name.slice(0, at) + ch + name.slice(at + 1);
  });

test("no text with a letter of another script ever resolves (chips, items, countries, consignees)", () => {
  fc.assert(
    fc.property(fc.oneof(withForeign, nearName), (text) => {
      for (const r of [resolveChip(text), resolveItem(text), resolveCountry(text)]) {
        expect(r.ok).toBe(false);
        expect(!r.ok && r.refused).toBe(true);
      }
      expect(consigneeKey(text)).toBeNull();
    }),
    { numRuns: 500 }
  );
});

test("no date before 2000-01-01 is accepted, as a serial or as text", () => {
  const serials = fc.integer({ min: 1, max: 36525 }); // 36526 is 2000-01-01
  const texts = fc
    .tuple(fc.integer({ min: 1900, max: 1999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`);
  fc.assert(
    fc.property(fc.oneof(serials, texts), (date) => {
      expect(call(functions.requiresLicense, "H100", "RU", 1, null, "enforced", date)).toEqual(err("#VALUE!"));
      expect(call(functions.eccn, "H100", date)).toEqual(err("#VALUE!"));
    })
  );
  expect(call(functions.eccn, "H100", 36526)).toBe(call(functions.eccn, "H100", "2000-01-01"));
});

test("no row with a filled destination and a blank chip yields '' or FALSE", () => {
  fc.assert(
    fc.property(blankish, fc.constantFrom("CN", "DE", "IN", "AE"), fc.constantFrom(...SHIPMENT_FNS), fc.boolean(), (blank, dest, [, fn], asRange) => {
      const chip = asRange ? [["H100"], [blank]] : blank;
      const got = call(fn, chip, asRange ? [["CN"], [dest]] : dest, 1, null, "enforced", "2026-03-01");
      const cell = asRange ? (got as unknown[][])[1][0] : got;
      expect(cell).toEqual(err("#VALUE!"));
    })
  );
});

// Shipments whose answer is TRUE or #N/A (H100 to China, India over the LPP allowance, an embargoed
// destination, a chip whose TPP is unpublished to China).
const TRUE_OR_NA: unknown[][] = [
  ["H100", "CN", 100, null, "enforced", "2026-03-01", null],
  ["H100", "IN", 2000, null, "diffusion-2025", "2025-06-01", null],
  ["H20", "IR", 1, null, "enforced", "2026-03-01", null],
  ["H100", "SG", 100, "CN", "diffusion-2025", "2025-06-01", null],
  ["MI308X", "CN", 1, null, "baseline-2023", "2024-06-01", null],
];
const junk = fc.oneof(
  withForeign,
  fc.constantFrom<unknown>({ code: "#N/A", message: "" }, { code: "#DIV/0!" }, { type: "Error", basicValue: "#REF!" }),
  fc.constantFrom<unknown>({ type: "Entity", basicValue: "#VALUE!", properties: {} }, { type: "LinkedEntity", properties: {} }, [[1, 2]], true),
  fc.double({ noNaN: true }).filter((n) => n !== 0 && !Number.isInteger(n)),
  fc.integer({ min: -1e6, max: -1 })
);

test("junk in any one text argument never turns a TRUE or #N/A into FALSE", () => {
  for (const base of TRUE_OR_NA) {
    const before = call(functions.requiresLicense, ...base);
    expect(before === true || (before as { error?: string }).error === "#N/A").toBe(true);
  }
  fc.assert(
    fc.property(fc.constantFrom(...TRUE_OR_NA), fc.constantFrom(0, 1, 3, 4, 5), junk, (base, at, bad) => {
      const args = [...base];
      args[at] = bad;
      const got = call(functions.requiresLicense, ...args);
      expect(got).not.toBe(false);
      const ledger = call(functions.ledger, [[args[0]]], [[args[1]]], [[args[2]]], [[args[3]]], null, [[args[5]]], args[4]);
      expect((ledger as unknown[][])[0]).toHaveLength(5);
      expect((ledger as unknown[][])[0][1]).not.toBe(false);
    }),
    { numRuns: 400 }
  );
});

test("H100_EQUIVALENT: an empty quantity cell is 0 units on the web (null) as on desktop (0); omitted is 1", () => {
  expect(call(functions.h100Equivalent, "H100", [[null]])).toBe(0);
  expect(call(functions.h100Equivalent, "H100", [[0]])).toBe(0);
  expect(call(functions.h100Equivalent, "H100", null)).toBe(1);
  expect(call(functions.h100Equivalent, [["H100"], [null]], [[2], [null]])).toEqual([[2], [""]]);
});

test("junk that makes REQUIRES_LICENSE an error makes every shipment function an error (no '' exception, no FALSE)", () => {
  fc.assert(
    fc.property(fc.constantFrom(...TRUE_OR_NA), fc.constantFrom(0, 1, 3, 4), junk, (base, at, bad) => {
      const args = [...base];
      args[at] = bad;
      const verdict = call(functions.requiresLicense, ...args) as { error?: string; message?: string };
      // An input error (not an INDETERMINATE answer, which EXPLAIN spells out as text).
      if (!verdict || typeof verdict !== "object" || !verdict.error || /^INDETERMINATE/.test(verdict.message ?? "")) return;
      for (const [, fn] of SHIPMENT_FNS) expect(call(fn, ...args)).toEqual(err(verdict.error));
    }),
    { numRuns: 200 }
  );
});

test("EXPLAIN says when the end-user HQ was assumed to be the destination, before what is not checked", () => {
  const omitted = call(functions.explain, "H100", "IN", 1, null, "diffusion-2025", "2025-06-01") as string;
  const blank = call(functions.explain, "H100", "IN", 1, 0, "diffusion-2025", "2025-06-01") as string;
  const given = call(functions.explain, "H100", "IN", 1, "IN", "diffusion-2025", "2025-06-01") as string;
  expect(omitted).toBe(blank);
  expect(omitted).toContain("HQ not given");
  expect(given).not.toContain("HQ not given");
  expect(omitted.indexOf("HQ not given")).toBeLessThan(omitted.indexOf("Not checked"));
});
