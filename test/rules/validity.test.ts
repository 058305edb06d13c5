// A verdict says the run of eras it holds for (Verdict.eras, recorded by validity.ts), and the
// functions' cache serves every row of the same key dated in that run from one decision. These
// tests are what make that safe: the run must hold for every date in it, on random shipments and on
// a sweep of every chip, destination, regime and era; and no comparison of a date may bypass the
// recording.
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { CHIPS, decide, decisionKey, eraOf, resolveCountry, resolveItem } from "../../src/rules";
import { CHANGE_DATES } from "../../src/rules/era";
import { EXACT } from "../../src/rules/validity";
import type { Item, RegimeId, Shipment, Verdict } from "../../src/rules";
import { REGIMES, country, shipmentParts } from "./helpers";

const CODES = ["CN", "HK", "MO", "AE", "SA", "IN", "DE", "SG", "MY", "VN", "KH", "IL", "IR"]
  .concat(["RU", "US", "GB", "BY", "CU", "NI", "CY", "SY", "PR", "UA", "IQ"]);

const ECCNS = ["3A090.a", "3A090.b", "3A090", "4A090.a", "3A090.c", "EAR99", "5A992.z.1", "3A001.z.4.a"];

function eccn(text: string): Item {
  const r = resolveItem(text);
  if (!r.ok) throw new Error(text);
  return r.value;
}
const ITEMS: Item[] = [
  ...CHIPS.map((chip) => ({ kind: "chip" as const, chip })),
  ...ECCNS.map(eccn),
];

const shift = (d: string, k: number) =>
  new Date(Date.parse(d + "T00:00:00Z") + k * 86400000).toISOString().slice(0, 10);
/** A date in era `e` (1..CHANGE_DATES.length): its first day, plus up to `k` days within it. */
function dateInEra(e: number, k: number): string {
  const start = CHANGE_DATES[e - 1] < "2015-01-01" ? "2015-01-01" : CHANGE_DATES[e - 1];
  const next = CHANGE_DATES[e];
  const span = next ? Math.round((Date.parse(next) - Date.parse(start)) / 86400000) : 400;
  return shift(start, Math.min(k, span - 1));
}
const FIRST_ERA = eraOf("2015-01-01");
const LAST_ERA = CHANGE_DATES.length;

const sides = (s: Shipment, regime: RegimeId, d: string) => decisionKey(s, regime, d).split("|")[7];
const shown = (v: Verdict) => ({
  status: v.status,
  exception: v.exception,
  reviewPolicy: v.reviewPolicy,
  reason: v.reason,
  draws: v.draws,
});

/** A shipment of the property tests' parts (codes for the countries, null for none). */
const shipmentFrom = (
  item: Item,
  dest: string,
  hq: string | null,
  [quantity, prior, used]: number[],
  g2g: boolean,
  from: string | null = null
): Shipment => ({
  item,
  destination: country(dest),
  endUserHq: hq ? country(hq) : null,
  quantity,
  priorTpp: prior,
  countryAllocationUsed: used,
  g2g,
  shipFrom: from ? country(from) : null,
});

// The destination, HQ and regime of shipmentParts(); the item is any of ITEMS (chips and ECCNs).
const [, destination, endUserHq, regimeArb] = shipmentParts(CHIPS, CODES);
const parts = [fc.constantFrom(...ITEMS), destination, endUserHq, regimeArb] as const;

test("a verdict holds on every date of the eras it says it holds for", () => {
  let compared = 0;
  const boundaryDays = CHANGE_DATES.filter((d) => d >= "2021-01-01" && d <= "2027-12-31");
  fc.assert(
    fc.property(
      ...parts,
      fc.oneof(
        fc.integer({ min: FIRST_ERA, max: LAST_ERA }).map((e) => dateInEra(e, 0)),
        fc.tuple(fc.constantFrom(...boundaryDays), fc.integer({ min: -1, max: 1 })).map(
          ([d, k]) => shift(d, k)
        )
      ),
      fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      fc.integer({ min: 0, max: 400 }),
      fc.integer({ min: 1, max: 5000 }),
      fc.integer({ min: 0, max: 30_000_000 }),
      fc.integer({ min: 0, max: 900_000_000 }),
      fc.boolean(),
      fc.constantFrom(null, "US", "TW", "MY", "CN", "DE"),
      (item, dest, hq, regime, day, where, offset, quantity, prior, used, g2g, from) => {
        const s = shipmentFrom(item, dest, hq, [quantity, prior, used], g2g, from);
        const v = decide(s, regime, day);
        if (v.eras === EXACT) return;
        const era = eraOf(day);
        expect(v.eras.first).toBeLessThanOrEqual(era);
        expect(v.eras.last).toBeGreaterThanOrEqual(era);
        const first = Math.max(v.eras.first, FIRST_ERA);
        const last = Math.min(v.eras.last, LAST_ERA);
        const other = dateInEra(first + Math.floor(where * (last - first + 1)), offset);
        if (sides(s, regime, other) !== sides(s, regime, day)) return;
        compared++;
        expect(shown(decide(s, regime, other))).toEqual(shown(v));
      }
    ),
    { numRuns: 6000 }
  );
  expect(compared).toBeGreaterThan(3000);
});

// A sweep: every third chip of the catalog (it is sorted by vendor and generation, so each kind of
// chip is in it) and every ECCN above, to the destinations whose groups or embargoes change, under
// every regime, on the first day of every era.
const SWEEP_ITEMS = ITEMS.filter((it, i) => it.kind === "eccn" || i % 3 === 0);
const SWEEP_CODES = ["CN", "HK", "MO", "AE", "SA", "IN", "DE", "MY", "KH", "RU", "BY", "UA", "IQ", "US", "CY", "NI"];

test("every kind of item, destination and regime: each era's verdict holds across the eras it names", () => {
  let windows = 0;
  for (const item of SWEEP_ITEMS)
    for (const dest of SWEEP_CODES)
      for (const regime of REGIMES) {
        const s: Shipment = { item, destination: country(dest), quantity: 1 };
        const per: { v: Verdict; key: string }[] = [];
        for (let e = FIRST_ERA; e <= LAST_ERA; e++) {
          const v = decide(s, regime, dateInEra(e, 0));
          per[e] = { v, key: JSON.stringify(shown(v)) };
        }
        for (let e = FIRST_ERA; e <= LAST_ERA; e++) {
          const { v, key } = per[e];
          expect(v.eras).not.toBe(EXACT);
          windows++;
          for (let k = Math.max(v.eras.first, FIRST_ERA); k <= Math.min(v.eras.last, LAST_ERA); k++)
            if (per[k].key !== key)
              throw new Error(
                `${dest} ${regime} ${item.kind === "chip" ? item.chip.id : item.eccn}: the verdict of ${dateInEra(e, 0)} claims eras ${v.eras.first}..${v.eras.last}, but ${dateInEra(k, 0)} decides ${per[k].key}, not ${key}`
              );
        }
      }
  expect(windows).toBeGreaterThan(50_000);
});

test("no date comparison in src/rules bypasses the recording (validity.ts)", () => {
  const root = path.join(__dirname, "../../src/rules");
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const f of fs.readdirSync(dir, { withFileTypes: true }))
      if (f.isDirectory()) walk(path.join(dir, f.name));
      else if (f.name.endsWith(".ts")) files.push(path.join(dir, f.name));
  };
  walk(root);
  // A relational operator with an as-of date, or a data date (`.date`, `.from`, `.to`), on either side.
  const compare =
    /\b(?:asOf|textDate|date|from|to|until)\s*(?:<|>|<=|>=)\s*[\w.]|[\w.)]\s*(?:<|>|<=|>=)\s*[\w.]*\b(?:asOf|textDate|date|from|to|until)\b/;
  // Where dates are compared on purpose: the recording itself, eras, and code outside decisions
  // (the ledger's date order, the list of rule changes and the dates it compares).
  const allowed = new Set(["validity.ts", "era.ts", "ledger.ts", "changes.ts", "compare-dates.ts"]);
  const offending: string[] = [];
  for (const f of files) {
    if (allowed.has(path.basename(f))) continue;
    fs.readFileSync(f, "utf8")
      .split("\n")
      .forEach((line, i) => {
        const code = line.replace(/\/\/.*$/, "").replace(/(["'`])(?:\\.|(?!\1).)*\1/g, '""');
        if (/^\s*\*/.test(line)) return;
        if (compare.test(code)) offending.push(`${path.relative(root, f)}:${i + 1}: ${line.trim()}`);
      });
  }
  expect(offending).toEqual([]);
});

// The quantities enter a decision only through the regime's limitSides(); a verdict that never ran
// it (Verdict.readsLimits false) is kept once for every side of the limits (shipment.ts), so any
// other quantities, prior use and allocation used must give the same verdict.
test("a verdict that never read its quantity limits holds on every side of them", () => {
  let unread = 0;
  let read = 0;
  fc.assert(
    fc.property(
      ...parts,
      fc.integer({ min: FIRST_ERA, max: LAST_ERA }).map((e) => dateInEra(e, 0)),
      fc.array(
        fc.tuple(
          fc.integer({ min: 1, max: 100_000 }),
          fc.integer({ min: 0, max: 30_000_000 }),
          fc.integer({ min: 0, max: 900_000_000 })
        ),
        { minLength: 3, maxLength: 3 }
      ),
      fc.boolean(),
      (item, dest, hq, regime, day, quantities, g2g) => {
        const ship = (q: number[]) => shipmentFrom(item, dest, hq, q, g2g);
        const v = decide(ship(quantities[0]), regime, day);
        if (regime === "enforced" || regime === "baseline-2023") expect(v.readsLimits).toBe(false);
        if (v.readsLimits) {
          read++;
          return;
        }
        unread++;
        for (const q of quantities.slice(1)) expect(shown(decide(ship(q), regime, day))).toEqual(shown(v));
      }
    ),
    { numRuns: 4000 }
  );
  expect(unread).toBeGreaterThan(1000);
  expect(read).toBeGreaterThan(300);
});
