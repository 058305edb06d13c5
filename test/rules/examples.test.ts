// The worked examples of reference/regulations.md §7 that the rules can determine.
import { modelWeightsControlled } from "../../src/rules";
import { chip, det, eccnItem, synthetic } from "./helpers";

const H100 = 15832;

describe("§7.1 baseline-2023 (2024-06-01)", () => {
  const on = "2024-06-01";
  const base = (what: Parameters<typeof det>[0], dest: string, quantity: number, hq?: string, asOf = on) =>
    det(what, dest, "baseline-2023", asOf, { quantity, hq });

  test("1. 100 x H100 to CN: licence, presumption of denial", () => {
    const d = base("H100", "CN", 100);
    expect([d.status, d.eccn, d.reviewPolicy]).toEqual(["LICENSE", "3A090.a", "presumption of denial"]);
  });
  test("2. 100 x H100 to MO: licence, denial", () => {
    expect(base("H100", "MO", 100)).toMatchObject({ status: "LICENSE", reviewPolicy: "presumption of denial" });
  });
  test("3. 500 x H100 to SA: licence, presumption of approval", () => {
    expect(base("H100", "SA", 500)).toMatchObject({ status: "LICENSE", reviewPolicy: "presumption of approval" });
  });
  test("4. 500 x H100 to SA for a CN-headquartered buyer: denial", () => {
    expect(base("H100", "SA", 500, "CN")).toMatchObject({ status: "LICENSE", reviewPolicy: "presumption of denial" });
  });
  test("5. 500 x H100 to IN: no licence", () => {
    expect(base("H100", "IN", 500)).toMatchObject({ status: "NLR", licenseRequired: false });
  });
  test("6. 500 x H100 to DE for a CN-headquartered company: licence, case-by-case", () => {
    expect(base("H100", "DE", 500, "CN")).toMatchObject({ status: "LICENSE", reviewPolicy: "case-by-case" });
  });
  test("7. 100 x H100 to IL (D:4 but A:6): no licence", () => {
    expect(base("H100", "IL", 100)).toMatchObject({ status: "NLR" });
  });
  test("8. A100 to VN: 3A090.a, licence", () => {
    expect(base("A100", "VN", 10)).toMatchObject({ status: "LICENSE", eccn: "3A090.a" });
  });
  test("9. datacenter chip TPP 3,000 PD 2.0: ACA to VN, NAC to CN", () => {
    const c = synthetic("L40", { tpp: 3000, performanceDensity: 2.0 });
    expect(base(c, "VN", 1)).toMatchObject({ eccn: "3A090.b", status: "EXCEPTION", exception: "ACA", licenseRequired: false });
    expect(base(c, "CN", 1)).toMatchObject({ status: "EXCEPTION", exception: "NAC" });
  });
  test("10. gaming GPUs: TPP 4,000 not 3A090; TPP 5,300 NAC to CN, ACA to AE (2024)", () => {
    const low = synthetic("RTX 4090", { tpp: 4000 });
    expect(base(low, "CN", 1)).toMatchObject({ eccn: "not 3A090", status: "NLR" });
    const high = synthetic("RTX 4090", { tpp: 5300 });
    expect(base(high, "CN", 1)).toMatchObject({ eccn: "3A090.a", status: "EXCEPTION", exception: "NAC" });
    expect(base(high, "AE", 1)).toMatchObject({ status: "EXCEPTION", exception: "ACA" });
  });
  test("11. H20 to CN in 2024: not 3A090, no 3A090 licence", () => {
    expect(base("H20", "CN", 100)).toMatchObject({ eccn: "not 3A090", status: "NLR" });
  });
  test("12. standalone HBM (3A090.c) to CN on 2025-01-10: licence", () => {
    const d = base(eccnItem("3A090.c"), "CN", 1, undefined, "2025-01-10");
    expect(d).toMatchObject({ eccn: "3A090.c", status: "LICENSE" });
    expect(d.reason).toContain("HBM");
  });
});

describe("§7.2 diffusion-2025 (2025-06-01)", () => {
  const on = "2025-06-01";
  const dif = (dest: string, quantity: number, o: { hq?: string; prior?: number; used?: number; g2g?: boolean } = {}) =>
    det("H100", dest, "diffusion-2025", on, { quantity, ...o });

  test("1. 2,000 x H100 to AE: licence, approval, draws 31,664,000 from the allocation", () => {
    const d = dif("AE", 2000);
    expect(d).toMatchObject({ status: "LICENSE", reviewPolicy: "presumption of approval", tier: 2, totalTpp: 2000 * H100, allocationTpp: 2000 * H100, allowanceTpp: 0 });
  });
  test("2. 1,699 x H100 to IN: LPP", () => {
    expect(dif("IN", 1699)).toMatchObject({ status: "EXCEPTION", exception: "LPP", allowanceTpp: 26_898_568 });
  });
  test("3. 1,700 x H100 to IN: licence", () => {
    expect(dif("IN", 1700)).toMatchObject({ status: "LICENSE", allowanceTpp: 0 });
  });
  test("4. 1,000 more to an IN buyer that had 1,000 under LPP: licence", () => {
    expect(dif("IN", 1000, { prior: 1000 * H100 })).toMatchObject({ status: "LICENSE" });
  });
  test("5. 10,000 x H100 to DE, DE headquarters: AIA", () => {
    expect(dif("DE", 10000, { hq: "DE" })).toMatchObject({ status: "EXCEPTION", exception: "AIA", tier: 1 });
  });
  test("6. 10,000 x H100 to DE for an IN-headquartered company: licence", () => {
    expect(dif("DE", 10000, { hq: "IN" })).toMatchObject({ status: "LICENSE", exception: null });
  });
  test("7. 100 x H100 to SG for a CN parent: licence, denial, no LPP", () => {
    expect(dif("SG", 100, { hq: "CN" })).toMatchObject({ status: "LICENSE", reviewPolicy: "presumption of denial", exception: null, allowanceTpp: 0 });
  });
  test("8. 100 x H100 to CN: Tier 3, denial", () => {
    expect(dif("CN", 100)).toMatchObject({ status: "LICENSE", tier: 3, reviewPolicy: "presumption of denial" });
  });
  test("9. a UVEU holder's 8 % of its TPP in MY (over the 7 % cap): licence; VEU limits are not modelled and it says so", () => {
    // 100 EFLOP-equivalent is beyond any allowance; 5,000 H100 (79,160,000 TPP) stands in for it.
    const d = dif("MY", 5000);
    expect(d).toMatchObject({ status: "LICENSE", licenseRequired: true });
    expect(d.steps.some((s) => s.text.includes("VEU"))).toBe(true);
  });
  test("10. model weights: closed 2e26 controlled; published not", () => {
    expect(modelWeightsControlled(2e26, false, "diffusion-2025", on).controlled).toBe(true);
    expect(modelWeightsControlled(2e26, true, "diffusion-2025", on).controlled).toBe(false);
  });
  test("11. AE with 785,000,000 of its allocation used: 500 more H100 beyond LPP -> denial (approval with G2G)", () => {
    const o = { prior: 26_900_000, used: 785_000_000 };
    expect(dif("AE", 500, o)).toMatchObject({ status: "LICENSE", reviewPolicy: "presumption of denial", allocationTpp: 0 });
    expect(dif("AE", 500, { ...o, g2g: true })).toMatchObject({ status: "LICENSE", reviewPolicy: "presumption of approval", allocationTpp: 500 * H100 });
  });
});

describe("§7.3 enforced", () => {
  test("1. 1,000 x H200 from the US to CN, 2026-03-01: licence, case-by-case (conditions)", () => {
    const d = det("H200", "CN", "enforced", "2026-03-01", { quantity: 1000 });
    expect(d).toMatchObject({ status: "LICENSE", reviewPolicy: "case-by-case" });
    expect(d.reviewNote).toContain("Supp. No. 2 to part 748 para (dd)");
  });
  test("2. the same H200s reexported from TW: denial", () => {
    expect(det("H200", "CN", "enforced", "2026-03-01", { quantity: 1000, shipFrom: "TW" })).toMatchObject({ reviewPolicy: "presumption of denial" });
  });
  test("3. 100 x B200 to CN: TPP >= 21,000, denial", () => {
    expect(det("B200", "CN", "enforced", "2026-03-01", { quantity: 100 })).toMatchObject({ status: "LICENSE", reviewPolicy: "presumption of denial" });
  });
  test("4. MI325X case-by-case; MI355X denial", () => {
    expect(det("MI325X", "CN", "enforced", "2026-03-01", { quantity: 100 }).reviewPolicy).toBe("case-by-case");
    expect(det("MI355X", "CN", "enforced", "2026-03-01", { quantity: 100 }).reviewPolicy).toBe("presumption of denial");
  });
  test("5. H200 to CN on 2025-12-20 (before the rule): denial", () => {
    expect(det("H200", "CN", "enforced", "2025-12-20", { quantity: 1000 }).reviewPolicy).toBe("presumption of denial");
  });
  test("6. 5,000 x H100 to a local MY company, 2025-09-01: no licence, with the Diffusion warning", () => {
    const d = det("H100", "MY", "enforced", "2025-09-01", { quantity: 5000 });
    expect(d.status).toBe("NLR");
    expect(d.steps.some((s) => s.text.includes("still codified but not enforced"))).toBe(true);
  });
  test("7. 50 x H100 to MY for a CN parent, 2026-06-15: licence", () => {
    const d = det("H100", "MY", "enforced", "2026-06-15", { quantity: 50, hq: "CN" });
    expect(d).toMatchObject({ status: "LICENSE", reviewPolicy: "presumption of denial" });
    expect(d.steps.some((s) => s.cite.includes("BIS guidance 2026-05-31"))).toBe(true);
  });
  test("8. H20 to CN under the is-informed letter, 2025-05-01 and 2025-09-01", () => {
    for (const on of ["2025-05-01", "2025-09-01"]) expect(det("H20", "CN", "enforced", on, { quantity: 100 }).status).toBe("LICENSE");
  });
  test("9. 100 x H100 to KH, 2026-03-01: licence, approval (KH left D:5)", () => {
    expect(det("H100", "KH", "enforced", "2026-03-01", { quantity: 100 })).toMatchObject({ status: "LICENSE", reviewPolicy: "presumption of approval" });
  });
  test("10. 100 x H100 to IL on any date: no licence", () => {
    for (const on of ["2023-01-01", "2024-06-01", "2026-08-01"]) expect(det("H100", "IL", "enforced", on, { quantity: 100 }).licenseRequired).toBe(false);
  });
  test("11. UAE 2026-08-01: 3A090.b licence; 3A090.a licence with the UAE rule's carve-outs; gaming cards open", () => {
    expect(det("L40", "AE", "enforced", "2026-08-01")).toMatchObject({ eccn: "3A090.b", status: "LICENSE" });
    const a = det("H100", "AE", "enforced", "2026-08-01");
    expect(a).toMatchObject({ status: "LICENSE", licenseRequired: true, reviewPolicy: null, confidence: "secondary" });
    expect(a.reason).toContain("91 FR 43034");
    expect(a.reason).toContain("UAE Government");
    expect(a.reason).toContain("G42 and Core42");
    const g = det("RTX 5090", "AE", "enforced", "2026-08-01");
    expect(g).toMatchObject({ status: "INDETERMINATE", licenseRequired: null });
    expect(g.reason).toContain("silent");
    // baseline-2023 applies the move together with the licence, never the move alone.
    expect(det("H100", "AE", "baseline-2023", "2026-09-01")).toMatchObject({ status: "LICENSE" });
    // A D:5-headquartered buyer in the UAE: the headquarters rule decides.
    expect(det("H100", "AE", "enforced", "2026-08-01", { hq: "CN" }).reviewPolicy).toBe("presumption of denial");
  });
  test("catalog chips used above are the real rows", () => {
    expect(chip("H200").memoryBandwidthGbs).toBe(4800);
    expect(chip("MI325X").memoryBandwidthGbs).toBe(6000);
  });
});

describe("Diffusion-style handling of NAC/ACA and HBM items (§3.3, §6.2 item 3)", () => {
  const on = "2025-06-01";
  test("non-datacenter 3A090.a (RTX 4090): AIA in Tier 1, widened ACA elsewhere, NAC for Tier 3", () => {
    expect(det("RTX 4090", "DE", "diffusion-2025", on, { hq: "DE" })).toMatchObject({ status: "EXCEPTION", exception: "AIA", tier: 1 });
    const aca = det("RTX 4090", "IN", "diffusion-2025", on);
    expect(aca).toMatchObject({ exception: "ACA", tier: 2, confidence: "unconfirmed" });
    expect(det("RTX 4090", "CN", "diffusion-2025", on)).toMatchObject({ exception: "NAC", tier: 3 });
    expect(det("RTX 4090", "DE", "proposal-500", on, { hq: "DE" })).toMatchObject({ exception: "ACA", tier: 2 });
  });
  test("3A090.b (L40): NAC for Tier 3 or D:5-HQ, ACA in D:1/D:4, nothing elsewhere", () => {
    expect(det("L40", "CN", "diffusion-2025", on).exception).toBe("NAC");
    expect(det("L40", "IN", "diffusion-2025", on, { hq: "HK" }).exception).toBe("NAC");
    expect(det("L40", "VN", "diffusion-2025", on).exception).toBe("ACA");
    expect(det("L40", "IN", "diffusion-2025", on)).toMatchObject({ status: "NLR", tier: 2 });
    expect(det("L40", "IN", "proposal-500", on).status).toBe("NLR");
  });
  test("3A090.c under Diffusion and the proposal: licence to Macau/D:5 only", () => {
    expect(det(eccnItem("3A090.c"), "CN", "diffusion-2025", on)).toMatchObject({ status: "LICENSE", tier: 3 });
    expect(det(eccnItem("3A090.c"), "IN", "proposal-500", on)).toMatchObject({ status: "NLR", tier: 2 });
  });
  test("not-3A090 items and unknown TPP under the tiered regimes", () => {
    expect(det("H20", "IN", "diffusion-2025", on)).toMatchObject({ status: "NLR", tier: 2 });
    expect(det("H20", "IN", "proposal-500", on)).toMatchObject({ status: "NLR", tier: 2 });
    expect(det(eccnItem("3A090.a"), "IN", "diffusion-2025", on)).toMatchObject({ status: "INDETERMINATE", licenseRequired: null });
    expect(det(eccnItem("3A090.a"), "IN", "proposal-500", on)).toMatchObject({ status: "INDETERMINATE" });
    expect(det(eccnItem("3A090.a"), "CN", "proposal-500", on)).toMatchObject({ status: "LICENSE", tier: 3 });
    expect(det("H100", "SG", "proposal-500", on, { hq: "MO" })).toMatchObject({ status: "LICENSE", reviewPolicy: "presumption of denial" });
  });
  test("Tier 1 destination with a non-Tier-1 headquarters: LPP, then licence with approval (no allocation)", () => {
    expect(det("H100", "JP", "diffusion-2025", on, { hq: "IN", quantity: 10 }).exception).toBe("LPP");
    expect(det("H100", "JP", "diffusion-2025", on, { hq: "IN", quantity: 5000 })).toMatchObject({ status: "LICENSE", reviewPolicy: "presumption of approval", allocationTpp: 0 });
  });
  test("embargoed destinations under the tiered regimes", () => {
    expect(det("H100", "IR", "diffusion-2025", on)).toMatchObject({ status: "LICENSE", tier: 3 });
    expect(det("H100", "CU", "proposal-500", on).status).toBe("LICENSE");
    expect(det("H100", "SY", "baseline-2023", on).reviewPolicy).toBe("presumption of denial");
  });
});

describe("enforced, other branches", () => {
  test("Oct 2022 rule: outside China nothing; not-3A090 nothing", () => {
    expect(det("H100", "SA", "enforced", "2023-03-01").status).toBe("NLR");
    expect(det("L40", "CN", "enforced", "2023-03-01").status).toBe("NLR");
    expect(det("H100", "CN", "enforced", "2023-03-01").confidence).toBe("unconfirmed"); // Oct 2022 review policy not read
  });
  test("D:1/D:4 destination with a D:5-headquartered end user: denial", () => {
    expect(det("H100", "SA", "enforced", "2024-06-01", { hq: "CN" }).reviewPolicy).toBe("presumption of denial");
  });
  test("the UAE after its move with a Macau/D:5 parent: licence (HQ rule), not open", () => {
    expect(det("H100", "AE", "enforced", "2026-08-01", { hq: "CN" })).toMatchObject({ status: "LICENSE", reviewPolicy: "presumption of denial" });
  });
  test("H20 letter covers D:5 destinations but not others; before the letter nothing", () => {
    expect(det("H20", "VE", "enforced", "2025-06-01").status).toBe("LICENSE");
    expect(det("H20E", "MO", "enforced", "2025-06-01").status).toBe("LICENSE");
    expect(det("H20", "DE", "enforced", "2025-06-01").status).toBe("NLR");
  });
  test("EAR99 to Russia is open; other embargoes cover EAR99", () => {
    expect(det(eccnItem("EAR99"), "RU", "enforced", "2024-06-01")).toMatchObject({ status: "INDETERMINATE", licenseRequired: null });
    expect(det(eccnItem("EAR99"), "IR", "enforced", "2024-06-01").status).toBe("LICENSE");
  });
  test("Cyprus-headquartered end user: D:5 until 89 FR 40369 (2024-05-30)", () => {
    expect(det("H100", "DE", "enforced", "2024-05-01", { hq: "CY" })).toMatchObject({ status: "LICENSE", confidence: "secondary" });
    expect(det("H100", "DE", "enforced", "2024-07-01", { hq: "CY" }).status).toBe("NLR");
    expect(det("H100", "DE", "enforced", "2025-06-01", { hq: "CY" }).status).toBe("NLR");
  });
  test("open classifications: same answer everywhere vs decisive", () => {
    expect(det("TPU v5e", "DE", "enforced", "2024-06-01").status).toBe("NLR");
    expect(det("TPU v5e", "CN", "enforced", "2024-06-01").status).toBe("INDETERMINATE");
    const mi = det("MI308X", "CN", "enforced", "2025-06-01");
    expect(mi).toMatchObject({ status: "LICENSE", reviewPolicy: null });
    expect(mi.reviewNote).toContain("open: depends on the classification");
  });
});
