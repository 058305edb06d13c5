import { explain, type Determination } from "../../src/rules";
import { det, eccnItem, synthetic } from "./helpers";

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
    const ind = explain(det("H100", "AE", "enforced", "2026-08-01"));
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
    expect(explain(d)).toBe(`NO LICENSE REQUIRED (NLR): not 3A090 to DE, groups A:5; r. Regime: enforced, as of 2024-06-01. Confidence: confirmed. ${NOT_CHECKED}`);
  });

  test("NAC notice and ACA wording", () => {
    const c = synthetic("L40", { tpp: 3000, performanceDensity: 2.0 });
    expect(explain(det(c, "CN", "baseline-2023", "2024-06-01"))).toContain("notify BIS 25 days before shipment");
    expect(explain(det(c, "VN", "baseline-2023", "2024-06-01"))).toContain("License Exception ACA");
  });
});
