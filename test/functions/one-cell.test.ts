// A formula filled down a column calls REQUIRES_LICENSE (and its siblings) once per cell with 1x1
// arguments; those calls take a path of their own (no broadcast set-up, raw values read once per
// session). Property: every such call shows exactly what the same row shows inside a range call,
// values, blanks and per-row errors alike, also after the workbook's date system or number
// format changes and under the pane's regime and date.
import fc from "fast-check";
import * as functions from "../../src/functions/functions";
import { CHIPS } from "../../src/rules";
import { resetSettings, updateSettings } from "../../src/settings/settings";
import { resetWorkbookFormat, setWorkbookFormat } from "../../src/settings/workbook-format";

type Fn = (...args: unknown[]) => unknown[][];
const SHIPMENT_FUNCTIONS: [string, Fn][] = [
  ["REQUIRES_LICENSE", functions.requiresLicense as Fn],
  ["LICENSE_EXCEPTION", functions.licenseException as Fn],
  ["REVIEW_POLICY", functions.reviewPolicy as Fn],
  ["EXPLAIN", functions.explain as Fn],
];

const cell = {
  chip: fc.oneof(
    fc.constantFrom(...CHIPS.slice(0, 30).map((c) => c.name)),
    fc.constantFrom("3A090.a", "4A090", "EAR99", "H1OO", "GB200", "", " ", 0, null, 42, true)
  ),
  country: fc.constantFrom(
    "CN",
    "HK",
    "MO",
    "AE",
    "IN",
    "MY",
    "US",
    "RU",
    "KH",
    "United Arab Emirates",
    "Narnia",
    "",
    0,
    null,
    { code: "#N/A" }
  ),
  quantity: fc.constantFrom(1, 8, 1700, 2000, 50_000, "1,700", "2.000", 0, "", null, -1, 1.5, "x"),
  regime: fc.constantFrom("enforced", "baseline-2023", "diffusion-2025", "Proposal 500", "", "x"),
  date: fc.constantFrom(
    "2022-06-01",
    "2023-12-01",
    "2025-01-20",
    "2025-11-09",
    "2026-07-10",
    45_800,
    44_000,
    "6/1/2025",
    "",
    0,
    1999,
    null
  ),
  prior: fc.constantFrom(0, 15_832_000, 26_000_000, "", null, -5, "lots"),
};

/** One row: each argument a cell, or omitted (undefined) for the optional ones. */
const rowArb = fc.tuple(
  cell.chip,
  cell.country,
  fc.option(cell.quantity, { nil: undefined }),
  fc.option(cell.country, { nil: undefined }),
  fc.option(cell.regime, { nil: undefined }),
  fc.option(cell.date, { nil: undefined }),
  fc.option(cell.prior, { nil: undefined }),
  fc.option(cell.country, { nil: undefined })
);

/** The same row inside a 2-row range call (the other row a plain shipment): its first cell. */
function inRange(fn: Fn, row: unknown[]): unknown {
  const other = ["H100", "DE", 1, "US", "enforced", "2025-06-01", 0, "US"];
  const args = row.map((v, i) => (v === undefined ? undefined : [[v], [other[i]]]));
  return fn(...args)[0][0];
}

const oneCell = (fn: Fn, row: unknown[]) =>
  fn(...row.map((v) => (v === undefined ? undefined : [[v]])))[0][0];

afterEach(() => {
  resetSettings();
  resetWorkbookFormat();
});

describe("1x1 calls show what the same row shows in a range call", () => {
  test.each(SHIPMENT_FUNCTIONS)("%s", (_name, fn) => {
    fc.assert(
      fc.property(rowArb, (row) => {
        expect(oneCell(fn, row)).toEqual(inRange(fn, row));
        // Again: the second call reads its values from what the first one kept.
        expect(oneCell(fn, row)).toEqual(inRange(fn, row));
      }),
      { numRuns: 300, seed: 1212 }
    );
  });

  // A range of 4,096 cells or more looks whole numbers near its first up in an array
  // (broadcast.ts): numbers near and far from it, fractions, -0 and large ones must read as alone.
  test("a large range shows in each cell what the same row shows alone", () => {
    const fn = functions.requiresLicense as Fn;
    const number = fc.constantFrom(45_800, 45_801, 44_000, 12_000, 45_800.5, -0, 0, 1, 8, 1700, 65_537, 2_958_466, 2 ** 31 + 5, -3);
    const big = fc.tuple(
      cell.chip,
      cell.country,
      fc.oneof(cell.quantity, number),
      cell.country,
      cell.regime,
      fc.oneof(cell.date, number),
      fc.oneof(cell.prior, number)
    );
    const rows = fc.sample(big, { numRuns: 5000, seed: 1217 });
    rows.unshift(["H100", "CN", 2000, "", "enforced", 45_800, 0]);
    const out = fn(...[0, 1, 2, 3, 4, 5, 6].map((i) => rows.map((r) => [r[i]])));
    rows.forEach((r, k) => expect([k, out[k][0]]).toEqual([k, oneCell(fn, r)]));
  });

  test("after the workbook's date system and number format change, and under the pane's choice", () => {
    const fn = functions.requiresLicense as Fn;
    const explain = functions.explain as Fn;
    fc.assert(
      fc.property(rowArb, fc.boolean(), fc.boolean(), (row, date1904, de) => {
        setWorkbookFormat({
          date1904,
          numberFormat: de
            ? { decimalSeparator: ",", groupSeparator: "." }
            : { decimalSeparator: ".", groupSeparator: "," },
        });
        updateSettings({ regime: de ? "diffusion-2025" : "baseline-2023", asOf: "2025-03-01" });
        expect(oneCell(fn, row)).toEqual(inRange(fn, row));
        expect(oneCell(explain, row)).toEqual(inRange(explain, row));
      }),
      { numRuns: 200, seed: 1213 }
    );
  });

  test("a serial date reads by the workbook's date system on the very next call", () => {
    const fn = functions.explain as Fn;
    const args = [[["H100"]], [["CN"]], [[1]], null, [["enforced"]], [[44_000]]];
    const before = fn(...args)[0][0] as string;
    setWorkbookFormat({ date1904: true });
    const after = fn(...args)[0][0] as string;
    expect(before).toContain("as of 2020-06-18");
    expect(after).toContain("as of 2024-06-19");
  });
});
