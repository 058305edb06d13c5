// Properties over random catalog chips, ECCNs, destinations, headquarters, regimes and dates.
import fc from "fast-check";
import { CHIPS, determine, explain, type Determination, type Item, type RegimeId, type Shipment } from "../../src/rules";
import { country, eccnItem, item } from "./helpers";

const REGIMES: RegimeId[] = ["enforced", "baseline-2023", "diffusion-2025", "proposal-500"];
const PLACES = ["CN", "HK", "MO", "AE", "KH", "NI", "CY", "RU", "BY", "IR", "CU", "US", "DE", "ES", "IN", "IL", "SG", "MY", "VN", "SA", "TW", "BR", "VE", "KP"];
const ECCNS = ["3A090.a", "3A090.b", "3A090.c", "4A090.a", "4A090.b", "5A992.z.1", "5A992.z.2", "3A001.z.4.a", "4A004.z.2", "EAR99", "3A991.p", "4A994.l", "5A992.c"];

const DAY = 86_400_000;
const START = Date.UTC(2021, 6, 1);
const DAYS = (Date.UTC(2027, 11, 31) - START) / DAY;
const KEY_DATES = ["2022-02-24", "2022-10-07", "2023-01-17", "2023-11-17", "2024-03-15", "2024-04-04", "2024-12-05", "2025-01-13", "2025-04-09", "2025-05-13", "2026-01-15", "2026-02-03", "2026-07-14"];

const date = fc.oneof(
  fc.integer({ min: 0, max: DAYS }).map((d) => new Date(START + d * DAY).toISOString().slice(0, 10)),
  fc.constantFrom(...KEY_DATES),
);
const anItem: fc.Arbitrary<Item> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...CHIPS).map(item) },
  { weight: 1, arbitrary: fc.constantFrom(...ECCNS).map(eccnItem) },
);
const base = fc.record({
  item: anItem,
  dest: fc.constantFrom(...PLACES),
  hq: fc.option(fc.constantFrom(...PLACES), { nil: null }),
  regime: fc.constantFrom(...REGIMES),
  asOf: date,
  quantity: fc.integer({ min: 0, max: 3000 }),
  prior: fc.integer({ min: 0, max: 30_000_000 }),
  used: fc.integer({ min: 0, max: 800_000_000 }),
  g2g: fc.boolean(),
  shipFrom: fc.constantFrom("US", "TW", "MY", "CN"),
});
type Base = typeof base extends fc.Arbitrary<infer T> ? T : never;

const run = (b: Base, quantity = b.quantity, prior = b.prior): Determination => {
  const s: Shipment = {
    item: b.item,
    quantity,
    destination: country(b.dest),
    endUserHq: b.hq ? country(b.hq) : null,
    priorTpp: prior,
    countryAllocationUsed: b.used,
    g2g: b.g2g,
    shipFrom: country(b.shipFrom),
  };
  return determine(s, b.regime, b.asOf);
};

describe("properties", () => {
  test("more quantity or more prior TPP never turns 'licence required' into 'no licence'", () => {
    fc.assert(
      fc.property(base, fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 30_000_000 }), (b, moreQ, moreP) => {
        const before = run(b);
        if (before.licenseRequired !== true) return;
        expect(run(b, b.quantity + moreQ, b.prior).licenseRequired).toBe(true);
        expect(run(b, b.quantity, b.prior + moreP).licenseRequired).toBe(true);
        expect(run(b, b.quantity + moreQ, b.prior + moreP).licenseRequired).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  test("every step has text, a cite and a confidence; the determination's confidence is the weakest", () => {
    const rank = { confirmed: 2, secondary: 1, unconfirmed: 0 } as const;
    fc.assert(
      fc.property(base, (b) => {
        const d = run(b);
        for (const s of d.steps) {
          expect(s.text.trim()).not.toBe("");
          expect(s.cite.trim()).not.toBe("");
          expect(Object.keys(rank)).toContain(s.confidence);
        }
        expect(rank[d.confidence]).toBe(Math.min(...d.steps.map((s) => rank[s.confidence])));
      }),
      { numRuns: 400 },
    );
  });

  test("every determination has a confidence and a reason and ends with the not-checked step", () => {
    fc.assert(
      fc.property(base, (b) => {
        const d = run(b);
        expect(d.reason.trim()).not.toBe("");
        expect(["confirmed", "secondary", "unconfirmed"]).toContain(d.confidence);
        const last = d.steps[d.steps.length - 1];
        expect(last.text).toMatch(/^Not checked: the parties \(Entity List and other screening lists\) and end-use controls \(15 CFR 744\)/);
        expect(explain(d)).toMatch(/Not checked: parties \(Entity List, other screening lists\) and end uses \(15 CFR 744\)(\.|; nor the Affiliates rule [^]*\.)$/);
        // From 2025-09-29 the closing step names the Affiliates rule (90 FR 47201).
        expect(last.text.includes("90 FR 47201")).toBe(b.asOf >= "2025-09-29");
        if (b.regime === "proposal-500") expect(explain(d)).toContain("never adopted");
      }),
      { numRuns: 400 },
    );
  });

  test("status and licenseRequired agree; INDETERMINATE always has licenseRequired null", () => {
    fc.assert(
      fc.property(base, (b) => {
        const d = run(b);
        if (d.status === "INDETERMINATE") expect(d.licenseRequired).toBeNull();
        if (d.licenseRequired === null) expect(d.status).toBe("INDETERMINATE");
        if (d.status === "LICENSE") expect([d.licenseRequired, d.exception]).toEqual([true, null]);
        if (d.status === "EXCEPTION") expect(d.licenseRequired === false && d.exception !== null).toBe(true);
        if (d.status === "NLR") expect([d.licenseRequired, d.exception, d.reviewPolicy]).toEqual([false, null, null]);
        if (d.status !== "LICENSE") expect(d.reviewPolicy).toBeNull();
      }),
      { numRuns: 400 },
    );
  });

  test("allowance and allocation draws never exceed the shipment's TPP; tiers only under tiered regimes", () => {
    fc.assert(
      fc.property(base, (b) => {
        const d = run(b);
        const total = d.totalTpp ?? 0;
        expect(d.allowanceTpp).toBeGreaterThanOrEqual(0);
        expect(d.allocationTpp).toBeGreaterThanOrEqual(0);
        expect(d.allowanceTpp + d.allocationTpp).toBeLessThanOrEqual(total);
        if (d.allowanceTpp > 0) expect(d.exception).toBe("LPP");
        if (d.allocationTpp > 0) expect([d.regime, d.status, d.tier]).toEqual(["diffusion-2025", "LICENSE", 2]);
        if (b.regime === "enforced" || b.regime === "baseline-2023") expect(d.tier).toBeNull();
        if (d.totalTpp !== null) expect(d.h100Equivalents).toBeCloseTo(d.totalTpp / 15832, 9);
      }),
      { numRuns: 300 },
    );
  });

  test("embargoed destinations always need a licence, whatever the item (Syria's SPP for EAR99 aside; a foreign-designed chip from abroad: open)", () => {
    fc.assert(
      fc.property(base, fc.constantFrom("IR", "CU", "KP", "SY"), (b, dest) => {
        const d = run({ ...b, dest });
        const ear99 = b.item.kind === "eccn" && b.item.eccn === "EAR99";
        const foreignFromAbroad = b.item.kind === "chip" && !b.item.chip.usDesigned && b.shipFrom !== "US";
        if (dest === "SY" && ear99 && b.asOf >= "2025-09-02") expect([d.status, d.exception]).toEqual(["EXCEPTION", "SPP"]);
        else if (foreignFromAbroad) expect(["LICENSE", "INDETERMINATE"]).toContain(d.status);
        else expect(d.status).toBe("LICENSE");
      }),
      { numRuns: 100 },
    );
  });
});
