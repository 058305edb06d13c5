// The verdict memo of REQUIRES_LICENSE / LICENSE_EXCEPTION / REVIEW_POLICY is keyed on
// decisionKey(): the date only by its era (the stretch between two change dates of the rules data)
// and the quantities only by which side of the limits they fall. This property is what catches a
// regime comparing against a date or number that is not in the dated data files.
import fc from "fast-check";
import { CHIPS, decisionKey, determine, resolveCountry } from "../../src/rules";
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
const REGIMES: RegimeId[] = ["enforced", "baseline-2023", "diffusion-2025", "proposal-500"];

function country(code: string) {
  const r = resolveCountry(code);
  if (!r.ok) throw new Error(code);
  return r.value;
}
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
      fc.constantFrom(...CHIPS),
      fc.constantFrom(...CODES),
      fc.constantFrom(null, ...CODES),
      fc.constantFrom(...REGIMES),
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
