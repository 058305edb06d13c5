import fc from "fast-check";
import {
  CHIPS,
  determine,
  eraOf,
  explain,
  explainHeld,
  explainShipment,
  resolveCountry,
  type Determination,
} from "../../src/rules";
import { country, det, eccnItem, shipmentParts, synthetic } from "./helpers";

const NOT_CHECKED = "Not checked: parties (Entity List, other screening lists) and end uses (15 CFR 744).";

describe("explain", () => {
  test("regulations.md §7.2 #1 (2,000 x H100 to AE, diffusion-2025): every part DESIGN §3 asks of EXPLAIN", () => {
    // Expected parts come from the reference, not from the code: licence; 3A090.a; AE is Tier 2;
    // 2,000 x 15,832 = 31,664,000 TPP > the LPP allowance of 26,900,000 (15 CFR 740.29); presumption
    // of approval. The LPP and allocation figures rest on secondary sources (§8 #1): never "confirmed".
    const line = explain(det("H100", "AE", "diffusion-2025", "2025-06-01", { quantity: 2000 }));
    expect(line).toMatch(/^LICENSE REQUIRED\b/);
    for (const part of ["3A090.a", "AE", "Tier 2", "31,664,000", "26,900,000", "740.29", "presumption of approval", "diffusion-2025", "2025-06-01"]) {
      expect({ part, found: line.includes(part) }).toEqual({ part, found: true });
    }
    expect(line).toMatch(/Confidence: (secondary|unconfirmed)\./);
    expect(line.endsWith(NOT_CHECKED)).toBe(true);
  });

  test("regression check (pinned output of 2026-11, not a reference): the §7.2 #1 sentence word for word", () => {
    const line = explain(det("H100", "AE", "diffusion-2025", "2025-06-01", { quantity: 2000 }));
    expect(line).toContain(
      "LICENSE REQUIRED: 3A090.a (TPP 15,832 >= 4,800; 88 FR 73458) to AE, Diffusion Tier 2; 31,664,000 TPP exceeds the LPP allowance of 26,900,000 per consignee per year (15 CFR 740.29); review: presumption of approval while AE's allocation lasts",
    );
  });

  test("verdicts for each status", () => {
    expect(explain(det("H100", "IN", "diffusion-2025", "2025-06-01", { quantity: 10 }))).toMatch(/^NO LICENSE REQUIRED under License Exception LPP: 3A090\.a/);
    expect(explain(det("H100", "IN", "enforced", "2025-06-01"))).toMatch(/^NO LICENSE REQUIRED \(NLR\): 3A090\.a .* to IN, groups A:5;/);
    expect(explain(det("H100", "MY", "enforced", "2025-06-01"))).toContain("to MY, no D:1/D:4/D:5/A:5/A:6 group");
    const ind = explain(det("RTX 5090", "AE", "enforced", "2026-08-01"));
    expect(ind).toMatch(/^INDETERMINATE: 3A090\.a/);
    expect(ind).toContain("91 FR 43034");
    expect(ind).toContain("Rests on unconfirmed facts:");
    const open = explain(det("TPU v5e", "CN", "enforced", "2024-06-01"));
    expect(open).toMatch(/^INDETERMINATE: classification open to CN/);
  });

  test("says when a step rests on an unconfirmed fact, and not otherwise", () => {
    const confirmedish = explain(det("H100", "CN", "baseline-2023", "2024-06-01"));
    expect(confirmedish).not.toContain("unconfirmed");
    const es = explain(det("H100", "ES", "diffusion-2025", "2025-06-01", { quantity: 10_000, hq: "ES" }));
    expect(es).toContain("Confidence: unconfirmed.");
    expect(es).toContain("Spain");
  });

  test("review notes without a policy, and scenario wording", () => {
    const b = explain(det("L40", "AE", "enforced", "2026-08-01"));
    expect(b).toContain("review policy: not stated in our sources");
    const p = explain(det("H100", "DE", "proposal-500", "2025-06-01", { quantity: 600, hq: "DE" }));
    expect(p).toContain("treated as Tier 2");
    expect(p).toContain("never adopted");
    const h20 = explain(det("H20", "CN", "enforced", "2025-09-01"));
    expect(h20).toContain("is-informed letter");
    expect(h20).toContain("15% revenue arrangement");
  });

  test("embargo and HBM lines", () => {
    expect(explain(det("H20", "IR", "enforced", "2024-06-01"))).toMatch(/^LICENSE REQUIRED: not 3A090 .* comprehensive sanctions \(15 CFR 746\.7\)/);
    expect(explain(det(eccnItem("3A090.c"), "MO", "baseline-2023", "2025-06-01"))).toContain("License Exception HBM");
    expect(explain(det(eccnItem("3A090.c"), "DE", "baseline-2023", "2025-06-01"))).toMatch(/^NO LICENSE REQUIRED \(NLR\): 3A090\.c/);
  });

  test("an externally built determination without optional fields", () => {
    const d: Determination = {
      status: "NLR",
      licenseRequired: false,
      exception: null,
      reviewPolicy: null,
      eccn: "not 3A090",
      steps: [],
      confidence: "confirmed",
      regime: "enforced",
      asOf: "2024-06-01",
      reason: "r",
      destination: "DE",
      tier: null,
      groups: ["A:5"],
      totalTpp: null,
      h100Equivalents: null,
      allowanceTpp: 0,
      allocationTpp: 0,
    };
    // (shipFrom and notes are optional: a determination built elsewhere may lack them)
    expect(explain(d)).toBe(`NO LICENSE REQUIRED (NLR): not 3A090 to DE, groups A:5; r. Regime: enforced, as of 2024-06-01. Confidence: confirmed. ${NOT_CHECKED}`);
  });

  test("NAC notice and ACA wording", () => {
    const c = synthetic("L40", { tpp: 3000, performanceDensity: 2.0 });
    expect(explain(det(c, "CN", "baseline-2023", "2024-06-01"))).toContain("notify BIS 25 days before shipment");
    expect(explain(det(c, "VN", "baseline-2023", "2024-06-01"))).toContain("License Exception ACA");
  });
});

describe("what an answer obliges and warns of (2026-11-30 rules)", () => {
  test("case-by-case names the Supp. No. 2 to part 748 (dd) conditions; REVIEW_POLICY keeps its contract value", () => {
    const d = det("H200", "CN", "enforced", "2026-03-01", { quantity: 100 });
    expect(d.reviewPolicy).toBe("case-by-case");
    const line = explain(d);
    for (const part of ["(dd)", "commercially available in the US", "50%", "third-party testing in the US", "know-your-customer", "remote-access"]) expect(line).toContain(part);
  });
  test("a reexport says so, and stays at presumption of denial", () => {
    const line = explain(det("H200", "CN", "enforced", "2026-03-01", { shipFrom: "TW" }));
    expect(line).toContain("Shipped from TW (not an export from the US)");
    expect(line).toContain("review: presumption of denial");
  });
  test("the ship-from sentence reads the country as treated: Puerto Rico is the US, Hong Kong China (15 CFR 772.1)", () => {
    const pr = explain(det("H200", "CN", "enforced", "2026-03-01", { shipFrom: "PR" }));
    expect(pr).not.toContain("Shipped from");
    expect(pr).toContain("review: case-by-case");
    expect(pr).toBe(explain(det("H200", "CN", "enforced", "2026-03-01", { shipFrom: "US" })));
    expect(explain(det("H200", "CN", "enforced", "2026-03-01", { shipFrom: "HK" }))).toContain("Shipped from CN (not an export from the US)");
  });
  test("NAC and LPP answers say what they oblige", () => {
    const nac = det("RTX 4090", "CN", "baseline-2023", "2024-06-01");
    expect(nac.exception).toBe("NAC");
    expect(explain(nac)).toContain("Note: License Exception NAC obliges you to notify BIS and wait 25 days before exporting");
    const lpp = det("H100", "IN", "diffusion-2025", "2025-06-01", { quantity: 10 });
    expect(lpp.exception).toBe("LPP");
    expect(explain(lpp)).toContain("certifications and the reporting to BIS of 15 CFR 740.29");
  });
  test("a reexport from Malaysia notes Malaysia's own permit (a warning, not a US rule)", () => {
    const line = explain(det("H100", "DE", "enforced", "2026-03-01", { shipFrom: "MY" }));
    expect(line).toContain("Malaysia's own rule (not a US one)");
    expect(line).toContain("MITI Directive");
    expect(explain(det("H100", "DE", "enforced", "2026-03-01", { shipFrom: "SG" }))).not.toContain("MITI");
  });
  test("the UAE carve-outs are in the explanation", () => {
    const line = explain(det("H100", "AE", "enforced", "2026-09-01", { quantity: 2000 }));
    expect(line).toMatch(/^LICENSE REQUIRED: 3A090\.a/);
    for (const part of ["UAE Government", "Supp. No. 8 to part 740", "G42 and Core42", "Microsoft", "91 FR 43034"]) expect(line).toContain(part);
  });
  test("Ascend under GP10, and a foreign-designed chip from abroad", () => {
    expect(explain(det("Ascend 910B", "DE", "enforced", "2026-06-09"))).toContain("General Prohibition 10");
    const open = det("BR100", "DE", "enforced", "2026-06-09", { shipFrom: "CN" });
    expect(open.status).toBe("INDETERMINATE");
    expect(explain(open)).toContain("foreign direct product rules or de minimis, not evaluated");
    // Shipped from the US it is classified like any other item.
    const fromUs = det("BR100", "DE", "enforced", "2026-06-09");
    expect(fromUs.status).toBe("NLR");
    expect(fromUs.steps.some((s) => s.cite === "15 CFR 734.3(a)(1)")).toBe(true);
  });
  test("the 3A090.b licence to the UAE marks the ACA reading unconfirmed", () => {
    const d = det("L40", "AE", "enforced", "2026-08-01");
    expect(d.status).toBe("LICENSE");
    expect(d.confidence).toBe("unconfirmed");
    expect(explain(d)).toContain("License Exception ACA taken as unavailable for the UAE");
  });
  test("a disputed catalog figure is named and the higher counted", () => {
    const d = det("B300", "IN", "diffusion-2025", "2025-06-01", { quantity: 480 });
    expect(d.exception).toBe("LPP");
    expect(det("B300", "IN", "diffusion-2025", "2025-06-01", { quantity: 481 }).status).toBe("LICENSE");
    expect(d.steps.some((s) => s.text.includes("published figures disagree (TPP 54,000 vs 56,000)"))).toBe(true);
  });
});

// EXPLAIN builds only the texts its line quotes (step.ts): the line must be the one explain() makes
// of the full determination, on any shipment, whatever was decided or explained before it.
describe("the one-line explanation without the texts it does not quote", () => {
  const CODES = ["CN", "HK", "MO", "AE", "SA", "IN", "DE", "MY", "KH", "RU", "US", "CY", "NI", "IR"];
  test("explainShipment() is explain(determine()) on random shipments", () => {
    fc.assert(
      fc.property(
        ...shipmentParts(CHIPS, CODES),
        fc.integer({ min: 0, max: 2400 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 0, max: 30_000_000 }),
        fc.constantFrom(null, "US", "MY", "TW"),
        fc.boolean(),
        (chip, dest, hq, regime, day, quantity, prior, from, assumed) => {
          const s = {
            item: { kind: "chip" as const, chip },
            destination: country(dest),
            endUserHq: hq ? country(hq) : null,
            quantity,
            priorTpp: prior,
            shipFrom: from ? country(from) : null,
          };
          const asOf = new Date(Date.UTC(2021, 0, 1) + day * 86400000).toISOString().slice(0, 10);
          const assumptions = assumed ? ["End-user HQ not given: taken to be the destination"] : [];
          // Either order: a memo filled on one path must not leak blank texts into the other.
          const fast = explainShipment(s, regime, asOf, assumptions);
          const full = explain(determine(s, regime, asOf), assumptions);
          expect(explainShipment(s, regime, asOf, assumptions)).toBe(full);
          expect(fast).toBe(full);
          expect(determine(s, regime, asOf).steps.every((st) => st.text !== "")).toBe(true);
        }
      ),
      { numRuns: 1500 }
    );
  });

  // EXPLAIN keeps one line per run of eras (explainHeld) and writes each row's date into it.
  test("a line that writes its date once is, on every date of its run, that line with the date", () => {
    let compared = 0;
    const day = (k: number) => new Date(Date.UTC(2021, 0, 1) + k * 86400000).toISOString().slice(0, 10);
    fc.assert(
      fc.property(
        ...shipmentParts(CHIPS, CODES),
        fc.integer({ min: 0, max: 2400 }),
        fc.integer({ min: 0, max: 2400 }),
        fc.integer({ min: 1, max: 5000 }),
        (chip, dest, hq, regime, k, j, quantity) => {
          const s = { item: { kind: "chip" as const, chip }, destination: country(dest), endUserHq: hq ? country(hq) : null, quantity };
          const [line, eras] = explainHeld(s, regime, day(k), []);
          expect(line).toBe(explainShipment(s, regime, day(k), []));
          const parts = line.split(day(k));
          const other = day(j);
          if (parts.length !== 2 || eras.first > eraOf(other) || eraOf(other) > eras.last) return;
          compared++;
          expect(explainShipment(s, regime, other, [])).toBe(parts.join(other));
        }
      ),
      { numRuns: 3000 }
    );
    expect(compared).toBeGreaterThan(100);
  });
});
