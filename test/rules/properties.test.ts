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

// Where quantity decides: the per-consignee allowance of the Diffusion rule (LPP, 26,900,000 TPP:
// regulations.md §3.3) and of the reported proposal (500 H100-equivalents = 7,916,000 TPP: DESIGN.md),
// for Tier 2 destinations (neither Tier 1 nor D:5/Macau: §6.4), around the unit count that reaches it.
const ALLOWANCE_TPP = { "diffusion-2025": 26_900_000, "proposal-500": 500 * 15_832 } as const;
const TIER2 = ["IN", "SG", "MY", "SA", "AE", "VN", "IL", "BR", "PL", "MX"];
const DATACENTER_A = CHIPS.filter((c) => c.datacenter && c.tpp !== null && c.tpp >= 4800);
const nearLimit: fc.Arbitrary<Base> = fc
  .record({
    chip: fc.constantFrom(...DATACENTER_A),
    regime: fc.constantFrom<"diffusion-2025" | "proposal-500">("diffusion-2025", "proposal-500"),
    dest: fc.constantFrom(...TIER2),
    asOf: date,
    share: fc.double({ min: 0, max: 1, noNaN: true }),
    step: fc.integer({ min: -2, max: 2 }),
    shipFrom: fc.constantFrom<"US" | "TW" | "MY" | "CN">("US", "TW", "MY", "CN"),
  })
  .map(({ chip, regime, dest, asOf, share, step, shipFrom }) => {
    const limit = ALLOWANCE_TPP[regime];
    const prior = Math.floor(share * limit);
    const quantity = Math.max(0, Math.floor((limit - prior) / (chip.tpp as number)) + step);
    return { item: item(chip), dest, hq: null, regime, asOf, quantity, prior, used: 0, g2g: false, shipFrom };
  });

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
    // Effective runs: a licence is required and the same shipment of 0 units with nothing prior needs
    // none, so the verdict really depends on quantity. They must be a good share of the runs.
    let effective = 0;
    const runs = 400;
    fc.assert(
      fc.property(fc.oneof(base, nearLimit), fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 30_000_000 }), (b, moreQ, moreP) => {
        const before = run(b);
        if (before.licenseRequired !== true) return;
        if (run(b, 0, 0).licenseRequired !== true) effective++;
        expect(run(b, b.quantity + moreQ, b.prior).licenseRequired).toBe(true);
        expect(run(b, b.quantity, b.prior + moreP).licenseRequired).toBe(true);
        expect(run(b, b.quantity + moreQ, b.prior + moreP).licenseRequired).toBe(true);
      }),
      { numRuns: runs },
    );
    if (process.env.PROPERTY_STATS) console.log(`monotone: ${effective} effective runs of ${runs}`);
    expect(effective).toBeGreaterThanOrEqual(runs * 0.15);
  });

  test("around the allowance, one unit more never turns a licence into an exception (and both sides occur)", () => {
    let below = 0;
    let above = 0;
    fc.assert(
      fc.property(nearLimit, (b) => {
        const at = run(b);
        const next = run(b, b.quantity + 1, b.prior);
        if (at.licenseRequired === true) expect(next.licenseRequired).toBe(true);
        if (at.exception === "LPP") below++;
        if (at.licenseRequired === true && run(b, 0, 0).licenseRequired !== true) above++;
      }),
      { numRuns: 300 },
    );
    if (process.env.PROPERTY_STATS) console.log(`around the allowance: ${below} under LPP, ${above} licence above it, of 300`);
    expect(below).toBeGreaterThanOrEqual(60);
    expect(above).toBeGreaterThanOrEqual(60);
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
      fc.property(fc.oneof(base, nearLimit), (b) => {
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

  test("embargoed and sanctioned destinations are never 'no licence' (DESIGN.md; 15 CFR part 746)", () => {
    // CU, IR, KP, SY on any date; RU from 2022-02-24 and BY from 2022-03-02 (15 CFR 746.8): CCL items
    // need a licence; EAR99 to RU/BY is open (listed in the part 746 supplements or not), and EAR99 to
    // SY may go under License Exception SPP from 2025-09-02 (90 FR 42315); a chip designed abroad and
    // shipped from abroad may be outside the EAR (open). Never NLR.
    const SANCTIONS_FROM: Record<string, string> = { RU: "2022-02-24", BY: "2022-03-02" };
    const counted = { always: 0, ruBy: 0, ruByEar99: 0 };
    const anyItem = fc.oneof(anItem, fc.constant(eccnItem("EAR99")));
    fc.assert(
      fc.property(base, anyItem, fc.constantFrom("IR", "CU", "KP", "SY", "RU", "BY", "RU", "BY"), (b, it, dest) => {
        const from = SANCTIONS_FROM[dest];
        if (from && b.asOf < from) return;
        const d = run({ ...b, item: it, dest });
        const ear99 = it.kind === "eccn" && it.eccn === "EAR99";
        const seen = { dest, asOf: b.asOf, status: d.status };
        expect(seen).not.toEqual({ ...seen, status: "NLR" });
        const foreignFromAbroad = it.kind === "chip" && !it.chip.usDesigned && b.shipFrom !== "US";
        if (foreignFromAbroad) expect(["LICENSE", "INDETERMINATE"]).toContain(d.status);
        else if (!ear99) expect(seen).toEqual({ ...seen, status: "LICENSE" });
        else if (!from && dest !== "SY") expect(d.status).toBe("LICENSE");
        if (from) counted.ruBy++;
        else counted.always++;
        if (from && ear99) counted.ruByEar99++;
      }),
      { numRuns: 300 },
    );
    if (process.env.PROPERTY_STATS) console.log(`embargoes: ${JSON.stringify(counted)} effective of 300`);
    expect(counted.always).toBeGreaterThanOrEqual(60);
    expect(counted.ruBy).toBeGreaterThanOrEqual(60);
    expect(counted.ruByEar99).toBeGreaterThanOrEqual(20);
  });
});
