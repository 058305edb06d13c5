// Decision classes (decision-classes.ts): the functions keep one verdict per class of chip and of
// country, so two members of a class must get the same verdict in every regime and era, wherever
// the class stands in the shipment (destination, HQ, ship-from). These tests decide every catalog
// chip and every country against its class's first member along the whole timeline, and check the
// codes the regimes compare in logic are those CODES_IN_LOGIC names.
import fs from "node:fs";
import path from "node:path";
import { CHIPS, countryClass, decide, eraOf, itemClass, limitSides, tidy } from "../../src/rules";
import { countryIndex } from "../../src/rules/data/countries";
import { CHIP_FACTS, CODES_IN_LOGIC } from "../../src/rules/decision-classes";
import { CHANGE_DATES } from "../../src/rules/era";
import { EXACT } from "../../src/rules/validity";
import type { Item, RegimeId, Shipment } from "../../src/rules";
import { REGIMES, country, eccnItem } from "./helpers";

const FIRST_ERA = eraOf("2015-01-01");
const LAST_ERA = CHANGE_DATES.length;
const startOf = (e: number) => (e === FIRST_ERA ? "2015-01-01" : CHANGE_DATES[e - 1]);

/**
 * What a class must share: each verdict along the timeline (from 2015), with the run of eras it
 * says it holds for, and what it draws. The reason only when it is not INDETERMINATE's own text
 * (which may name the chip or country: the functions decide those rows by their own values).
 */
function timeline(s: Shipment, regime: RegimeId): string {
  const out: string[] = [];
  for (let e = FIRST_ERA; e <= LAST_ERA; ) {
    const v = decide(s, regime, startOf(e));
    out.push(
      `${e}: ${v.status} ${v.licenseRequired} ${v.exception} ${v.reviewPolicy} ${v.draws} ${v.eras === EXACT ? "exact" : `${v.eras.first}..${v.eras.last}`}`
    );
    e = v.eras === EXACT || v.eras.last < e ? e + 1 : v.eras.last + 1;
  }
  return out.join("\n");
}

function classes<T>(members: readonly T[], classOf: (m: T) => string): T[][] {
  const by = new Map<string, T[]>();
  for (const m of members) (by.get(classOf(m)) ?? by.set(classOf(m), []).get(classOf(m))!).push(m);
  return [...by.values()];
}

const CODES = [...countryIndex().names.keys()];
const countryClasses = classes(CODES, (c) => countryClass(country(c).treatedAs));
const ITEMS: Item[] = CHIPS.map((chip) => ({ kind: "chip" as const, chip }));
const chipClasses = classes(ITEMS, itemClass);
// One member of every class, and the ECCNs a user may give instead of a chip.
const DESTS = countryClasses.map((c) => c[0]);
const ITEM_REPS = chipClasses.map((c) => c[0]).concat(["3A090.a", "3A090.b", "4A090.a", "3A090.c", "EAR99"].map(eccnItem));
// One unit is within every quantity limit, ten million units of an AI chip over all of them.
const QUANTITIES = [1, 10_000_000];
const sidesOf = (s: Shipment, regime: RegimeId) => {
  const tpp = s.item.kind === "chip" ? s.item.chip.tpp : null;
  const x = { totalTpp: tpp === null ? null : tidy(s.quantity * tpp), priorTpp: 0, countryAllocationUsed: 0, g2g: false };
  return ["2025-02-01", "2026-06-01"].map((d) => limitSides(regime, x, d)).join();
};

test("the classes merge: fewer classes than chips and countries, each holding what it should", () => {
  console.log(`${ITEMS.length} chips in ${chipClasses.length} classes, ${CODES.length} countries in ${countryClasses.length}`);
  expect(chipClasses.length).toBeLessThan(ITEMS.length * 0.8);
  expect(countryClasses.length).toBeLessThan(CODES.length / 3);
  // Codes compared in logic, and countries apart in the data, are never merged.
  // (HK is treated as CN: one class.)
  for (const code of CODES_IN_LOGIC)
    expect(countryClasses.find((c) => c.includes(code))!.map((c) => country(c).treatedAs)).toEqual(
      countryClasses.find((c) => c.includes(code))!.map(() => code)
    );
  const classOf = (code: string) => countryClasses.find((c) => c.includes(code))!;
  expect(classOf("HK")).toContain("CN");
  expect(classOf("DE")).toContain("FR");
  expect(classOf("DE")).not.toContain("IN");
  expect(classOf("AE")).toEqual(["AE"]);
});

test("every chip decides as its class's first member, to every class of destination, in every regime and era", () => {
  let compared = 0;
  for (const [first, ...rest] of chipClasses)
    for (const other of rest)
      for (const dest of DESTS)
        for (const regime of REGIMES)
          for (const quantity of regime === "diffusion-2025" || regime === "proposal-500" ? QUANTITIES : [1]) {
            const ship = (item: Item): Shipment => ({ item, destination: country(dest), quantity });
            // The limit sides are in the functions' key: only quantities on the same sides compare.
            if (sidesOf(ship(first), regime) !== sidesOf(ship(other), regime)) continue;
            const a = timeline(ship(first), regime);
            const b = timeline(ship(other), regime);
            if (a !== b)
              throw new Error(
                `${(other as { chip: { id: string } }).chip.id} to ${dest} under ${regime} (${quantity} units) decides unlike ${(first as { chip: { id: string } }).chip.id}, its class's first member:\n${b}\n---\n${a}`
              );
            compared++;
          }
  expect(compared).toBeGreaterThan(2000);
});

test("every chip decides as its class's first member with a Macau or D:5 HQ, or shipped from abroad", () => {
  let compared = 0;
  const parts: Partial<Shipment>[] = [
    { endUserHq: country("CN") },
    { endUserHq: country("MO") },
    { endUserHq: country("DE") },
    { shipFrom: country("MY") },
    { shipFrom: country("TW") },
    { shipFrom: country("HK") },
  ];
  for (const [first, ...rest] of chipClasses)
    for (const other of rest)
      for (const dest of ["DE", "IN", "AE", "MY", "CN", "SA"])
        for (const regime of REGIMES)
          for (const part of parts) {
            const ship = (item: Item): Shipment => ({ item, destination: country(dest), quantity: 1, ...part });
            const a = timeline(ship(first), regime);
            const b = timeline(ship(other), regime);
            if (a !== b)
              throw new Error(`${JSON.stringify(part)}: ${(other as { chip: { id: string } }).chip.id} to ${dest} under ${regime} decides unlike ${(first as { chip: { id: string } }).chip.id}:\n${b}\n---\n${a}`);
            compared++;
          }
  expect(compared).toBeGreaterThan(5000);
});

test("every country decides as its class's first member as destination, HQ and ship-from", () => {
  let compared = 0;
  const check = (label: string, make: (code: string) => Shipment, regime: RegimeId, first: string, other: string) => {
    const a = timeline(make(first), regime);
    const b = timeline(make(other), regime);
    if (a !== b) throw new Error(`${other} as ${label} under ${regime} decides unlike ${first}:\n${b}\n---\n${a}`);
    compared++;
  };
  for (const [first, ...rest] of countryClasses)
    for (const other of rest)
      for (const regime of REGIMES) {
        for (const item of ITEM_REPS)
          check("destination", (c) => ({ item, destination: country(c), quantity: 1 }), regime, first, other);
        for (const item of ITEM_REPS.slice(0, 6))
          for (const dest of ["DE", "IN", "AE", "MY"]) {
            check(`HQ (to ${dest})`, (c) => ({ item, destination: country(dest), endUserHq: country(c), quantity: 1 }), regime, first, other);
            check(`ship-from (to ${dest})`, (c) => ({ item, destination: country(dest), shipFrom: country(c), quantity: 1 }), regime, first, other);
          }
      }
  expect(compared).toBeGreaterThan(10_000);
});

test("the regimes compare no country code in logic but those CODES_IN_LOGIC names", () => {
  const root = path.join(__dirname, "../../src/rules");
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const f of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, f.name);
      if (f.isDirectory()) {
        if (f.name !== "data") walk(p);
      } else if (f.name.endsWith(".ts"))
        for (const line of fs.readFileSync(p, "utf8").split("\n")) {
          const code = line.replace(/\/\/.*$/, "");
          if (/^\s*\*/.test(line)) continue;
          for (const m of code.matchAll(/(?:===|!==|==|!=|case)\s*"([A-Z]{2})"|"([A-Z]{2})"\s*(?:===|!==)/g)) found.add(m[1] ?? m[2]);
        }
    }
  };
  walk(root);
  // MACAU is data/country-groups' constant for "MO".
  expect([...found].filter((c) => !CODES_IN_LOGIC.includes(c))).toEqual([]);
});

test("the rules read no chip field but those CHIP_FACTS names (and those steps quote)", () => {
  const root = path.join(__dirname, "../../src/rules");
  // Where chips are loaded, looked up and described, not decided on.
  const outside = new Set(["catalog.ts", "resolve.ts", "decision-classes.ts", "pane-api.ts", "regime-info.ts"]);
  // Only quoted in steps: names, the catalog's confidence, a disputed TPP.
  const quoted = new Set(["id", "name", "notes", "confidence", "tppDisputed"]);
  const fields = Object.keys(CHIPS[0]).filter((k) => !quoted.has(k) && !(k in CHIP_FACTS));
  expect(fields).toContain("memoryGb");
  const read: string[] = [];
  const walk = (dir: string) => {
    for (const f of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, f.name);
      if (f.isDirectory()) {
        if (f.name !== "data") walk(p);
      } else if (f.name.endsWith(".ts") && !outside.has(f.name)) {
        const text = fs.readFileSync(p, "utf8");
        for (const k of fields) if (new RegExp(`\\.${k}\\b|\\[["']${k}["']\\]`).test(text)) read.push(`${f.name}: ${k}`);
      }
    }
  };
  walk(root);
  expect(read).toEqual([]);
});
