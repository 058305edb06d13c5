// The verdict memo of REQUIRES_LICENSE / LICENSE_EXCEPTION / REVIEW_POLICY is keyed on
// decisionKey(): the date only by its era (the stretch between two change dates of the rules data)
// and the quantities only by which side of the limits they fall. This property is what catches a
// regime comparing against a date or number that is not in the dated data files.
import fc from "fast-check";
import {
  CHIPS,
  WITHIN_ALLOCATION,
  WITHIN_ALLOWANCE,
  decide,
  decisionKey,
  determine,
  eraOf,
  resolveCountry,
} from "../../src/rules";
import * as GROUPS from "../../src/rules/data/country-groups";
import * as PARAMS from "../../src/rules/data/parameters";
import { CHANGE_DATES } from "../../src/rules/era";
import { REGIMES, country, shipmentParts } from "./helpers";
import type { Determination, RegimeId } from "../../src/rules";

const CODES = [
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
  "BY",
  "CU",
  "NI",
  "CY",
];
const isoDay = (n: number) =>
  new Date(Date.UTC(2021, 0, 1) + n * 86400000).toISOString().slice(0, 10);
const verdict = (d: Determination) => ({
  status: d.status,
  licenseRequired: d.licenseRequired,
  exception: d.exception,
  reviewPolicy: d.reviewPolicy,
  reason: d.status === "INDETERMINATE" ? d.reason : "",
});

test("equal decision keys give equal verdicts", () => {
  let compared = 0;
  fc.assert(
    fc.property(
      ...shipmentParts(CHIPS, CODES),
      fc.integer({ min: 0, max: 2400 }),
      fc.integer({ min: 0, max: 2400 }),
      fc.integer({ min: 0, max: 5000 }),
      fc.integer({ min: 0, max: 5000 }),
      fc.integer({ min: 0, max: 30_000_000 }),
      fc.integer({ min: 0, max: 30_000_000 }),
      fc.constantFrom(null, "US", "TW", "MY", "CN", "HK"),
      (chip, dest, hq, regime, day1, day2, q1, q2, p1, p2, from) => {
        const s1 = {
          item: { kind: "chip" as const, chip },
          destination: country(dest),
          endUserHq: hq ? country(hq) : null,
          quantity: q1,
          priorTpp: p1,
          shipFrom: from ? country(from) : null,
        };
        const s2 = { ...s1, quantity: q2, priorTpp: p2 };
        if (decisionKey(s1, regime, isoDay(day1)) !== decisionKey(s2, regime, isoDay(day2))) return;
        compared++;
        expect(verdict(determine(s2, regime, isoDay(day2)))).toEqual(
          verdict(determine(s1, regime, isoDay(day1)))
        );
      }
    ),
    { numRuns: 6000, seed: 5 }
  );
  expect(compared).toBeGreaterThan(100);
});

// The verdict path (decide) runs the same regime code without texts: it must agree with
// determine() on every field a verdict carries, including what the shipment draws from.
const drawn = (d: Determination) =>
  (d.allowanceTpp > 0 ? WITHIN_ALLOWANCE : 0) | (d.allocationTpp > 0 ? WITHIN_ALLOCATION : 0);

test("decide() gives determine()'s verdict, and equal keys equal verdicts around every change date", () => {
  const boundaryDays = CHANGE_DATES.filter((d) => d >= "2021-01-01" && d <= "2027-12-31");
  const dayNear = fc.oneof(
    fc.integer({ min: 0, max: 2400 }).map(isoDay),
    fc
      .tuple(fc.constantFrom(...boundaryDays), fc.integer({ min: -1, max: 1 }))
      .map(([d, k]) =>
        new Date(Date.parse(d + "T00:00:00Z") + k * 86400000).toISOString().slice(0, 10)
      )
  );
  let compared = 0;
  fc.assert(
    fc.property(
      ...shipmentParts(CHIPS, CODES),
      dayNear,
      dayNear,
      fc.integer({ min: 1, max: 5000 }),
      fc.integer({ min: 1, max: 5000 }),
      fc.integer({ min: 0, max: 30_000_000 }),
      fc.integer({ min: 0, max: 900_000_000 }),
      fc.boolean(),
      fc.constantFrom(null, "US", "TW", "MY", "CN", "HK", "DE"),
      (chip, dest, hq, regime, day1, day2, q1, q2, p1, used, g2g, from) => {
        const s1 = {
          item: { kind: "chip" as const, chip },
          destination: country(dest),
          endUserHq: hq ? country(hq) : null,
          quantity: q1,
          priorTpp: p1,
          countryAllocationUsed: used,
          g2g,
          shipFrom: from ? country(from) : null,
        };
        const d1 = determine(s1, regime, day1);
        const v1 = decide(s1, regime, day1);
        expect({ ...verdict(d1), draws: drawn(d1) }).toEqual({
          status: v1.status,
          licenseRequired: v1.licenseRequired,
          exception: v1.exception,
          reviewPolicy: v1.reviewPolicy,
          reason: v1.status === "INDETERMINATE" ? v1.reason : "",
          draws: v1.draws,
        });
        const s2 = { ...s1, quantity: q2 };
        if (decisionKey(s1, regime, day1) !== decisionKey(s2, regime, day2)) return;
        compared++;
        const d2 = determine(s2, regime, day2);
        expect({ ...verdict(d2), draws: drawn(d2) > 0 }).toEqual({
          ...verdict(d1),
          draws: drawn(d1) > 0,
        });
      }
    ),
    { numRuns: 4000, seed: 12 }
  );
  expect(compared).toBeGreaterThan(100);
});

test("eras end where a measure ends: every date in the rules data and the day after it start an era", () => {
  const shift = (d: string, k: number) =>
    new Date(Date.parse(d + "T00:00:00Z") + k * 86400000).toISOString().slice(0, 10);
  // Date fields (whole-string values), whatever they are called: from, date, until, ...
  const inData = new Set(
    (JSON.stringify({ ...PARAMS, ...GROUPS }).match(/"\d{4}-\d{2}-\d{2}"/g) ?? []).map((q) =>
      q.slice(1, -1)
    )
  );
  expect(inData.size).toBeGreaterThan(10);
  for (const d of inData) {
    if (d <= "0001-01-01") continue;
    expect(eraOf(shift(d, -1))).toBeLessThan(eraOf(d));
    expect(eraOf(d)).toBeLessThan(eraOf(shift(d, 1)));
  }
});

test("the ship-from country is part of the key (by the country the EAR treats it as)", () => {
  const base = {
    item: { kind: "chip" as const, chip: CHIPS.find((c) => c.id === "nvidia-h200-sxm")! },
    destination: country("CN"),
    quantity: 1,
  };
  const key = (from: string | null) =>
    decisionKey({ ...base, shipFrom: from ? country(from) : null }, "enforced", "2026-03-01");
  expect(key(null)).toBe(key("US"));
  expect(key("TW")).not.toBe(key("US"));
  expect(key("HK")).toBe(key("CN"));
});
