// The functions keep verdicts in one cache under a key packed from small ids (item, destination,
// HQ, ship-from, regime, the date's era, the side of each quantity limit), by their decision
// classes (chips or countries the rules cannot tell apart share one verdict; an INDETERMINATE one
// is decided again for the row's own values, since its reason names them). Property: over a table
// built so that keys collide often (few chips and countries, dates on and around every change
// date, quantities and prior use on both sides of the limits), every cell shows the verdict that
// determine() gives for its own row, computed afresh: a key that left out an input the rules read
// would hand one row another row's verdict.
import fc from "fast-check";
import * as functions from "../../src/functions/functions";
import { CHIPS, countryClass, determine, eraOf, explain, itemClass, resolveCountry } from "../../src/rules";
import { CHANGE_DATES } from "../../src/rules/era";
import type { Determination, RegimeId } from "../../src/rules";

type Fn = (...args: unknown[]) => unknown[][];

// Few of each, chosen to differ in what the rules read: a 3A090.a chip, one with the is-informed
// letter, one below the lines, one not designed in the US; and members of one class: the H200 with
// the H100, two TPUs whose open performance density INDETERMINATE names; France with Germany.
const CHIP_IDS = [
  "nvidia-h100-sxm",
  "nvidia-h200-sxm",
  "nvidia-h20",
  "nvidia-l4",
  "huawei-ascend-910b",
  "google-tpu-v5e",
  "google-tpu-v4",
];
const CODES = ["CN", "HK", "AE", "MY", "DE", "FR"];
const REGIMES: RegimeId[] = ["enforced", "baseline-2023", "diffusion-2025", "proposal-500"];
const country = (code: string) => {
  const r = resolveCountry(code);
  if (!r.ok) throw new Error(code);
  return r.value;
};
const shift = (d: string, k: number) =>
  new Date(Date.parse(d + "T00:00:00Z") + k * 86400000).toISOString().slice(0, 10);
// A few change dates with days on both sides of each, near and further inside their eras.
const MILESTONES = CHANGE_DATES.filter((d) => d >= "2022-10-01" && d <= "2026-12-31").filter(
  (_, i, all) => i % Math.ceil(all.length / 8) === 0
);
const DAYS = MILESTONES.flatMap((d) => [-9, -2, -1, 0, 1, 2, 9].map((k) => shift(d, k)));
// Around the allowances and allocations (26,900,000 LPP; 500 H100s = 7,916,000 TPP).
const QUANTITIES = [1, 499, 500, 501, 1699, 1700, 1701, 50_000];
const PRIORS = [0, 7_916_000, 26_000_000, 26_899_000];

const rowArb = fc.record({
  chip: fc.constantFrom(...CHIPS.filter((c) => CHIP_IDS.includes(c.id))),
  dest: fc.constantFrom(...CODES),
  hq: fc.constantFrom(null, "CN"),
  regime: fc.constantFrom(...REGIMES),
  date: fc.constantFrom(...DAYS),
  quantity: fc.constantFrom(...QUANTITIES),
  prior: fc.constantFrom(...PRIORS),
  from: fc.constantFrom(null, "HK"),
});
type Row = typeof rowArb extends fc.Arbitrary<infer T> ? T : never;

const col = (rows: Row[], f: (r: Row) => unknown) => rows.map((r) => [f(r) ?? ""]);

function call(fn: Fn, rows: Row[]): unknown[] {
  return fn(
    col(rows, (r) => r.chip.name),
    col(rows, (r) => r.dest),
    col(rows, (r) => r.quantity),
    col(rows, (r) => r.hq),
    col(rows, (r) => r.regime),
    col(rows, (r) => r.date),
    col(rows, (r) => r.prior),
    col(rows, (r) => r.from)
  ).map((line) => line[0]);
}

function fresh(r: Row): Determination {
  return determine(
    {
      item: { kind: "chip", chip: r.chip },
      destination: country(r.dest),
      endUserHq: r.hq ? country(r.hq) : country(r.dest),
      quantity: r.quantity,
      priorTpp: r.prior,
      shipFrom: r.from ? country(r.from) : null,
    },
    r.regime,
    r.date
  );
}

const shown = (d: Determination, pick: (d: Determination) => unknown) =>
  d.status === "INDETERMINATE"
    ? { code: "#N/A", message: `INDETERMINATE: ${d.reason}` }
    : pick(d);
const asShown = (v: unknown) =>
  v && typeof v === "object"
    ? { code: (v as { code: string }).code, message: (v as { message: string }).message }
    : v;

test.each([
  ["REQUIRES_LICENSE", functions.requiresLicense as Fn, (d: Determination) => d.licenseRequired],
  ["LICENSE_EXCEPTION", functions.licenseException as Fn, (d: Determination) => d.exception ?? ""],
  ["REVIEW_POLICY", functions.reviewPolicy as Fn, (d: Determination) => d.reviewPolicy ?? ""],
])("%s: every cell of a colliding table is its own row's fresh verdict", (_name, fn, pick) => {
  fc.assert(
    fc.property(fc.array(rowArb, { minLength: 800, maxLength: 1200 }), (rows) => {
      const got = call(fn, rows);
      // Then once per cell, as a filled-down column calls it (the cache now holds every key).
      rows.forEach((r, i) => {
        const want = shown(fresh(r), pick);
        expect(asShown(got[i])).toEqual(want);
      });
    }),
    { numRuns: 6, seed: 1214 }
  );
});

// EXPLAIN keeps one line per run of eras and writes each row's date into it (shipment.ts): the same
// table, dates on and next to the change dates the lines quote, must give each row its fresh line.
test("EXPLAIN: every cell of a colliding table is its own row's fresh line", () => {
  const fn = functions.explain as Fn;
  const assumed = ["End-user HQ not given: taken to be the destination"];
  fc.assert(
    fc.property(fc.array(rowArb, { minLength: 800, maxLength: 1200 }), (rows) => {
      const got = call(fn, rows);
      rows.forEach((r, i) => expect(got[i]).toBe(explain(fresh(r), r.hq ? [] : assumed)));
    }),
    { numRuns: 6, seed: 1216 }
  );
});

test("rows sharing a key but the date within its era, the quantities, or the member of a class, are common in that table", () => {
  const rows = fc.sample(rowArb, { numRuns: 1000, seed: 1215 });
  const seen = new Map<string, string>();
  let shared = 0;
  let members = 0;
  for (const r of rows) {
    const chip = itemClass({ kind: "chip", chip: r.chip });
    const k = `${chip}|${countryClass(country(r.dest).treatedAs)}|${r.hq}|${r.regime}|${r.from}|${eraOf(r.date)}`;
    const rest = `${r.date}|${r.quantity}|${r.prior}`;
    const before = seen.get(k);
    if (before !== undefined && before !== rest) shared++;
    const who = `${r.chip.id}|${r.dest}`;
    if (seen.has(k) && !seen.has(k + who)) members++;
    seen.set(k, rest);
    seen.set(k + who, "");
  }
  expect(shared).toBeGreaterThan(50);
  expect(members).toBeGreaterThan(50);
});
