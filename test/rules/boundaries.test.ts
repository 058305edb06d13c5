// Every threshold, each side, and the day before / the day of every effective date in the timelines.
// Chips are synthetic copies of real catalog rows with changed facts (see helpers.synthetic).
import { classify, countryGroups, countryTier, explain, lppRemaining, type Determination } from "../../src/rules";
import { country, det, eccnItem, item, synthetic } from "./helpers";

const AS_OF = "2024-06-01";
const eccnOf = (tpp: number, pd: number | null, base = "H100") => classify(item(synthetic(base, { tpp, performanceDensity: pd })), AS_OF).eccn;
const brief = (d: Determination) => [d.status, d.exception, d.reviewPolicy];

describe("3A090 parameters (from 2023-11-17)", () => {
  test("TPP 4,800 (a.1), datacenter", () => {
    expect(eccnOf(4800, 1.0)).toBe("3A090.a");
    expect(eccnOf(4799.99, 1.0)).toBe("not 3A090");
  });
  test("TPP 4,800 for non-datacenter items (Note 2)", () => {
    const at = classify(item(synthetic("RTX 4090", { tpp: 4800 })), AS_OF);
    expect([at.eccn, at.nonDatacenter]).toEqual(["3A090.a", true]);
    expect(classify(item(synthetic("RTX 4090", { tpp: 4799.99, performanceDensity: 9 })), AS_OF).eccn).toBe("not 3A090");
  });
  test("TPP 1,600 with PD 5.92 (a.2)", () => {
    expect(eccnOf(1600, 5.92)).toBe("3A090.a");
    expect(eccnOf(1599.99, 5.92)).toBe("not 3A090");
    expect(eccnOf(1600, 5.9199)).toBe("3A090.b"); // b.2
  });
  test("TPP 2,400 and PD 1.6 (b.1)", () => {
    expect(eccnOf(2400, 1.6)).toBe("3A090.b");
    expect(eccnOf(2399.99, 1.6)).toBe("not 3A090");
    expect(eccnOf(2400, 1.5999)).toBe("not 3A090");
    expect(eccnOf(2400, 5.92)).toBe("3A090.a");
  });
  test("PD 3.2 (b.2)", () => {
    expect(eccnOf(1600, 3.2)).toBe("3A090.b");
    expect(eccnOf(1600, 3.1999)).toBe("not 3A090");
  });
  test("unknown PD matters only between 1,600 and 4,800 TPP", () => {
    expect(eccnOf(1599, null)).toBe("not 3A090");
    expect(eccnOf(1600, null)).toBe("");
    expect(eccnOf(4800, null)).toBe("3A090.a");
  });
});

describe("Oct 2022 test (2022-10-07 .. 2023-11-16): TPP 4,800 and interconnect 600 GB/s", () => {
  const on = "2023-06-01";
  const c = (tpp: number, interconnectGbs: number | null) => classify(item(synthetic("A100", { tpp, interconnectGbs })), on);
  test("each side of both thresholds", () => {
    expect(c(4800, 600).eccn).toBe("3A090.a");
    expect(c(4800, 599).eccn).toBe("not 3A090");
    expect(c(4799, 900).eccn).toBe("not 3A090");
    expect(c(4800, null).control).toBe("indeterminate");
    expect(c(4799, null).eccn).toBe("not 3A090");
  });
});

describe("LPP allowance 26,900,000 TPP per consignee per year (diffusion-2025)", () => {
  const on = "2025-06-01";
  test("1,699 vs 1,700 H100", () => {
    expect(det("H100", "IN", "diffusion-2025", on, { quantity: 1699 }).exception).toBe("LPP");
    expect(det("H100", "IN", "diffusion-2025", on, { quantity: 1700 }).status).toBe("LICENSE");
  });
  test("747 vs 748 B200", () => {
    expect(det("B200", "IN", "diffusion-2025", on, { quantity: 747 }).exception).toBe("LPP");
    expect(det("B200", "IN", "diffusion-2025", on, { quantity: 748 }).status).toBe("LICENSE");
  });
  test("with prior TPP: exactly at the allowance, and one unit over", () => {
    const prior = 26_900_000 - 10 * 15832;
    expect(det("H100", "IN", "diffusion-2025", on, { quantity: 10, prior })).toMatchObject({ exception: "LPP", allowanceTpp: 158_320 });
    expect(det("H100", "IN", "diffusion-2025", on, { quantity: 11, prior }).status).toBe("LICENSE");
    expect(det("H100", "IN", "diffusion-2025", on, { quantity: 0, prior: 26_900_000 }).exception).toBe("LPP");
    expect(det("H100", "IN", "diffusion-2025", on, { quantity: 1, prior: 26_900_000 }).status).toBe("LICENSE");
  });
  test("remaining allowance on each side", () => {
    expect(lppRemaining(26_900_000, "diffusion-2025", on)).toEqual({ ok: true, value: 0 });
    expect(lppRemaining(26_899_999, "diffusion-2025", on)).toEqual({ ok: true, value: 1 });
    expect(lppRemaining(30_000_000, "diffusion-2025", on)).toEqual({ ok: true, value: 0 });
  });
  test("proposal-500 allowance 7,916,000 TPP: 500 vs 501 H100", () => {
    expect(det("H100", "IN", "proposal-500", on, { quantity: 500 }).exception).toBe("LPP");
    expect(det("H100", "IN", "proposal-500", on, { quantity: 501 }).status).toBe("LICENSE");
  });
  test("country allocation 790,000,000: at the cap and one unit over", () => {
    const used = 790_000_000 - 100 * 15832;
    const o = { prior: 26_900_000, used };
    expect(det("H100", "IN", "diffusion-2025", on, { quantity: 100, ...o }).reviewPolicy).toBe("presumption of approval");
    expect(det("H100", "IN", "diffusion-2025", on, { quantity: 101, ...o }).reviewPolicy).toBe("presumption of denial");
  });
});

describe("Jan 2026 China/Macau review: TPP 21,000 and DRAM bandwidth 6,500 GB/s", () => {
  const on = "2026-03-01";
  const policy = (tpp: number, bw: number, dest = "CN") => det(synthetic("H200", { tpp, memoryBandwidthGbs: bw }), dest, "enforced", on).reviewPolicy;
  test("each side of each line", () => {
    expect(policy(20999.99, 6499)).toBe("case-by-case");
    expect(policy(21000, 6499)).toBe("presumption of denial");
    expect(policy(20999.99, 6500)).toBe("presumption of denial");
    expect(policy(20999.99, 6499, "MO")).toBe("case-by-case");
    expect(policy(20999.99, 6499, "HK")).toBe("case-by-case");
    expect(policy(20999.99, 6499, "RU")).toBe("presumption of denial"); // RU: part 746 sanctions
    expect(policy(20999.99, 6499, "VE")).toBe("presumption of denial"); // other D:5 unchanged
  });
  test("unknown DRAM bandwidth or an ECCN input leaves the policy open, the licence not", () => {
    const d = det(synthetic("H200", { memoryBandwidthGbs: null }), "CN", "enforced", on);
    expect(d).toMatchObject({ status: "LICENSE", licenseRequired: true, reviewPolicy: null });
    expect(d.reviewNote).toContain("case-by-case if");
    expect(det(eccnItem("3A090.a"), "CN", "enforced", on)).toMatchObject({ status: "LICENSE", reviewPolicy: null });
  });
});

describe("effective dates: the day before and the day of", () => {
  const pair = (what: Parameters<typeof det>[0], dest: string, before: string, on: string, regime: Parameters<typeof det>[2] = "enforced", o = {}) =>
    [det(what, dest, regime, before, o), det(what, dest, regime, on, o)] as const;

  test("2022-10-07: Oct 2022 rule", () => {
    const [b, d] = pair("H100", "CN", "2022-10-06", "2022-10-07");
    expect([b.status, d.status]).toEqual(["NLR", "LICENSE"]);
    expect(b.eccn).toBe("not 3A090");
  });
  test("2023-01-17: Macau added (88 FR 2821)", () => {
    const [b, d] = pair("H100", "MO", "2023-01-16", "2023-01-17");
    expect([b.status, d.status]).toEqual(["NLR", "LICENSE"]);
  });
  test("2023-11-17: the AC/S IFR (H800 caught; scope widened to D:1/D:4)", () => {
    const [b, d] = pair("H800", "CN", "2023-11-16", "2023-11-17");
    expect([b.status, d.status]).toEqual(["NLR", "LICENSE"]);
    const [sb, sd] = pair("H100", "SA", "2023-11-16", "2023-11-17");
    expect([sb.status, sd.status]).toEqual(["NLR", "LICENSE"]);
  });
  test("2024-03-15: Nicaragua into D:1/D:5 (89 FR 18780)", () => {
    const [b, d] = pair("H100", "NI", "2024-03-14", "2024-03-15", "baseline-2023");
    expect(brief(b)).toEqual(["NLR", null, null]);
    expect(brief(d)).toEqual(["LICENSE", null, "presumption of denial"]);
  });
  test("2024-04-04: NAC split into NAC and ACA", () => {
    const [b, d] = pair("L40", "VN", "2024-04-03", "2024-04-04");
    expect([b.exception, d.exception]).toEqual(["NAC", "ACA"]);
  });
  test("2024-05-30: Cyprus out of D:5 (89 FR 40369)", () => {
    const [b, d] = pair("H100", "DE", "2024-05-29", "2024-05-30", "enforced", { hq: "CY" });
    expect([b.status, d.status]).toEqual(["LICENSE", "NLR"]);
    expect([countryGroups(country("CY"), "2024-05-29"), countryGroups(country("CY"), "2024-05-30")]).toEqual([["A:6", "D:5"], ["A:6"]]);
    const [nb, nd] = pair("RTX 5090", "DE", "2024-05-29", "2024-05-30", "enforced", { hq: "CY" });
    expect([nb.exception, nd.exception]).toEqual(["NAC", null]);
    expect(d.steps.some((s) => s.cite.includes("89 FR 40369"))).toBe(true);
  });
  test("2024-12-02: 3A090.c (89 FR 96790; compliance 2024-12-31)", () => {
    const [b, d] = pair(eccnItem("3A090.c"), "CN", "2024-12-01", "2024-12-02");
    expect([b.status, d.status]).toEqual(["NLR", "LICENSE"]);
    expect(d.reason).toContain("below 3.3 GB/s/mm²");
    const [cb, cd] = pair(eccnItem("3A090.c"), "CN", "2024-12-30", "2024-12-31");
    expect([cb.notes?.length, cd.notes?.length]).toEqual([1, 0]);
    expect(cb.notes?.[0]).toContain("2024-12-31");
  });
  test("2025-05-13: Huawei Ascend 910B/C under the GP10 guidance", () => {
    const [b, d] = pair("Ascend 910B", "DE", "2025-05-12", "2025-05-13");
    expect([b.status, d.status]).toEqual(["NLR", "LICENSE"]);
    expect(d.reason).toContain("General Prohibition 10");
    const [fb, fd] = pair("Ascend 910C", "DE", "2025-05-12", "2025-05-13", "enforced", { shipFrom: "CN" });
    expect([fb.status, fd.status]).toEqual(["INDETERMINATE", "LICENSE"]);
  });
  test("2025-07-14: Malaysia's own permit noted on reexports from Malaysia", () => {
    const [b, d] = pair("H100", "DE", "2025-07-13", "2025-07-14", "enforced", { shipFrom: "MY" });
    expect([b.notes, d.notes?.length]).toEqual([[], 1]);
    expect(d.notes?.[0]).toContain("MITI Directive");
    expect(det("H100", "DE", "enforced", "2025-07-14").notes).toEqual([]);
  });
  test("2025-09-02: Syria, License Exception SPP for EAR99 (90 FR 42315)", () => {
    const [b, d] = pair(eccnItem("EAR99"), "SY", "2025-09-01", "2025-09-02");
    expect([b.status, d.status, d.exception]).toEqual(["LICENSE", "EXCEPTION", "SPP"]);
    const [hb, hd] = pair("H100", "SY", "2025-09-01", "2025-09-02");
    expect([hb.reviewPolicy, hd.reviewPolicy]).toEqual(["presumption of denial", "presumption of denial"]);
    const [tb, td] = pair("T4", "SY", "2025-09-01", "2025-09-02");
    expect([tb.reviewPolicy, td.reviewPolicy]).toEqual(["presumption of denial", "case-by-case"]);
  });
  test("2025-09-29, 2025-11-10 and 2026-11-10: the Affiliates rule in the closing step", () => {
    const last = (d: Determination) => d.steps[d.steps.length - 1].text;
    const [b, d] = pair("H100", "DE", "2025-09-28", "2025-09-29");
    expect([last(b).includes("Affiliates"), last(d).includes("90 FR 47201")]).toEqual([false, true]);
    const [sb, sd] = pair("H100", "DE", "2025-11-09", "2025-11-10");
    expect([last(sb).includes("suspended"), last(sd).includes("suspended")]).toEqual([false, true]);
    const [ub, ud] = pair("H100", "DE", "2026-11-09", "2026-11-10");
    expect([last(ub).includes("unconfirmed"), last(ud).includes("unconfirmed")]).toEqual([false, true]);
    expect(explain(ud)).toContain("status after that is unconfirmed");
  });
  test("2025-11-07: Cambodia leaves D:5 with its ITAR 126.1 removal (stays D:1)", () => {
    const [b, d] = pair("H100", "KH", "2025-11-06", "2025-11-07");
    expect([b.reviewPolicy, d.reviewPolicy]).toEqual(["presumption of denial", "presumption of approval"]);
    expect([b.groups, d.groups]).toEqual([["D:1", "D:5"], ["D:1"]]);
    const [hb, hd] = pair("H100", "DE", "2025-11-06", "2025-11-07", "enforced", { hq: "KH" });
    expect([hb.status, hd.status]).toEqual(["LICENSE", "NLR"]);
    expect([countryTier(country("KH"), "2025-11-06"), countryTier(country("KH"), "2025-11-07")]).toEqual([3, 2]);
    const [tb, td] = pair("H100", "KH", "2025-11-06", "2025-11-07", "diffusion-2025");
    expect([tb.reviewPolicy, td.exception]).toEqual(["presumption of denial", "LPP"]);
    // The window until the EAR text conformed is marked in the group fact's citation.
    expect(d.steps.some((s) => s.cite.includes("until its conforming change of 2026-02-03"))).toBe(true);
  });
  test("2025-01-13: Diffusion effective (as-if step before it)", () => {
    const [b, d] = pair("H100", "IN", "2025-01-12", "2025-01-13", "diffusion-2025");
    expect(b.steps.some((s) => s.text.startsWith("Evaluated as if in force"))).toBe(true);
    expect(d.steps.some((s) => s.text.startsWith("Evaluated as if in force"))).toBe(false);
    expect([b.exception, d.exception]).toEqual(["LPP", "LPP"]);
  });
  test("2025-04-09: H20 is-informed letter", () => {
    const [b, d] = pair("H20", "CN", "2025-04-08", "2025-04-09");
    expect([b.status, d.status]).toEqual(["NLR", "LICENSE"]);
    const [hb, hd] = pair("H20", "SG", "2025-04-08", "2025-04-09", "enforced", { hq: "CN" });
    expect([hb.status, hd.status]).toEqual(["NLR", "LICENSE"]);
    expect(det("H20", "SG", "enforced", "2025-06-01").status).toBe("NLR");
  });
  test("2025-05-13: Diffusion not enforced", () => {
    const [b, d] = pair("H100", "MY", "2025-05-12", "2025-05-13");
    expect(b.steps.some((s) => s.text.includes("compliance required from 2025-05-15"))).toBe(true);
    expect(d.steps.some((s) => s.text.includes("still codified but not enforced since 2025-05-13"))).toBe(true);
    expect([b.status, d.status]).toEqual(["NLR", "NLR"]);
    const [db, dd] = pair("H100", "IN", "2025-05-12", "2025-05-13", "diffusion-2025");
    expect(db.steps.some((s) => s.text.startsWith("As written, not as enforced"))).toBe(false);
    expect(dd.steps.some((s) => s.text.startsWith("As written, not as enforced"))).toBe(true);
  });
  test("2026-01-15: China/Macau review and D:5-HQ review", () => {
    const [b, d] = pair("H200", "CN", "2026-01-14", "2026-01-15");
    expect([b.reviewPolicy, d.reviewPolicy]).toEqual(["presumption of denial", "case-by-case"]);
    const [hb, hd] = pair("H100", "MY", "2026-01-14", "2026-01-15", "enforced", { hq: "CN" });
    expect([hb.reviewPolicy, hd.reviewPolicy]).toEqual(["case-by-case", "presumption of denial"]);
  });
  test("2026-02-03: Cambodia's EAR text conformed (same answers, the EAR citation)", () => {
    const [b, d] = pair("H100", "KH", "2026-02-02", "2026-02-03");
    expect([b.reviewPolicy, d.reviewPolicy]).toEqual(["presumption of approval", "presumption of approval"]);
    expect([b.groups, d.groups]).toEqual([["D:1"], ["D:1"]]);
    expect(d.steps.some((s) => s.cite.includes("RIN 0694-AK41"))).toBe(true);
    expect(b.steps.some((s) => s.cite.includes("RIN 0694-AK41"))).toBe(false);
  });
  test("2026-01-15: the case-by-case review covers exports from the US only", () => {
    const [b, d] = pair("H200", "CN", "2026-01-14", "2026-01-15", "enforced", { shipFrom: "TW" });
    expect([b.reviewPolicy, d.reviewPolicy]).toEqual(["presumption of denial", "presumption of denial"]);
    expect(d.steps.some((s) => s.text.includes("Shipped from TW"))).toBe(true);
  });
  test("2026-07-10: the UAE moves from D:4 to A:5, with the licence the same rule kept", () => {
    const [b, d] = pair("H100", "AE", "2026-07-09", "2026-07-10");
    expect(brief(b)).toEqual(["LICENSE", null, "presumption of approval"]);
    expect(brief(d)).toEqual(["LICENSE", null, null]);
    expect(d.reason).toContain("Supp. No. 8 to part 740");
    expect(d.reason).toContain("91 FR 43034");
    expect([b.groups, d.groups]).toEqual([["D:4"], ["A:5"]]);
    const [lb, ld] = pair("L40", "AE", "2026-07-09", "2026-07-10");
    expect([lb.exception, ld.status]).toEqual(["ACA", "LICENSE"]);
    const [gb, gd] = pair("RTX 5090", "AE", "2026-07-09", "2026-07-10");
    expect([gb.exception, gd.status]).toEqual(["ACA", "INDETERMINATE"]);
    const [bb, bd] = pair("H100", "AE", "2026-07-09", "2026-07-10", "baseline-2023");
    expect([bb.status, bd.status]).toEqual(["LICENSE", "LICENSE"]);
    expect(bd.confidence).toBe("secondary");
  });
  test("2027-04-06: G42 and Core42 leave Supp. No. 8 to part 740", () => {
    const [b, d] = pair("H100", "AE", "2027-04-05", "2027-04-06");
    expect([b.status, d.status]).toEqual(["LICENSE", "LICENSE"]);
    expect([b.reason.includes("G42"), d.reason.includes("G42")]).toEqual([true, false]);
  });
  test("2022-02-24 Russia and 2022-03-02 Belarus (15 CFR 746.8)", () => {
    const [rb, rd] = pair("A100", "RU", "2022-02-23", "2022-02-24");
    expect([rb.status, rd.status]).toEqual(["NLR", "LICENSE"]);
    const [bb, bd] = pair("A100", "BY", "2022-03-01", "2022-03-02");
    expect([bb.status, bd.status]).toEqual(["NLR", "LICENSE"]);
    expect(bd.reviewPolicy).toBe("presumption of denial");
  });
});
