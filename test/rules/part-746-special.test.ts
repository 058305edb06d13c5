// Part 746 beyond the comprehensive embargoes (746.1 scope, 746.3 Iraq, 746.5 industry sector
// sanctions, 746.6 the regions of Ukraine) and License Exception ACM (740.28) under the Diffusion
// rule: each is a step of the determinations it reaches, and none changes the verdict there.
import { decide, explain, type Determination, type RegimeId } from "../../src/rules";
import { det, eccnItem, shipment, chip } from "./helpers";

const cites = (d: Determination) => d.steps.map((s) => s.cite).join(" | ");
const texts = (d: Determination) => d.steps.map((s) => s.text).join(" | ");
const stepCiting = (d: Determination, what: string) => d.steps.find((s) => s.cite.includes(what));

/** The verdict path (no texts) gives the same answer as the explained one. */
function sameVerdict(
  d: Determination,
  what: string,
  dest: string,
  regime: RegimeId,
  asOf: string,
  quantity = 1
) {
  const v = decide(shipment(chip(what), dest, { quantity }), regime, asOf);
  expect({ status: v.status, exception: v.exception, reviewPolicy: v.reviewPolicy }).toEqual({
    status: d.status,
    exception: d.exception,
    reviewPolicy: d.reviewPolicy,
  });
}

describe("15 CFR 746.1: part 746 adds to the Commerce Country Chart", () => {
  test("an embargoed destination's licence step cites the embargo section and 746.1", () => {
    const d = det("H20", "IR", "enforced", "2024-06-01");
    expect(d.status).toBe("LICENSE");
    const s = stepCiting(d, "15 CFR 746.7");
    expect(s?.cite).toContain("15 CFR 746.1");
    expect(s?.text).toMatch(/part 746 adds to the Country Chart/);
  });
  test("a destination under no embargo says so, citing part 746 and its scope (746.1)", () => {
    const d = det("H100", "DE", "baseline-2023", "2024-06-01");
    const s = stepCiting(d, "15 CFR 746.1");
    expect(s?.text).toBe(
      "DE is not under a comprehensive embargo or sanctions programme of 15 CFR part 746 on 2024-06-01"
    );
    expect(s?.cite).toContain("15 CFR part 746");
  });
});

describe("15 CFR 746.3: Iraq", () => {
  test("a 3A090.a item: the licence of 742.6 stands, and 746.3 is named as requiring one too (RS reasons)", () => {
    const d = det("H100", "IQ", "enforced", "2024-06-01");
    expect(d.status).toBe("LICENSE");
    expect(d.reviewPolicy).toBe("presumption of denial");
    const s = stepCiting(d, "15 CFR 746.3");
    expect(s?.text).toMatch(/^15 CFR 746\.3 also requires a licence/);
    expect(s?.text).toMatch(/RS \(as 3A090\/4A090 are\)/);
    expect(s?.cite).toContain("69 FR 46070");
    expect(d.confidence).not.toBe("confirmed"); // 746.3 is read through BIS's guidance (secondary)
    sameVerdict(d, "H100", "IQ", "enforced", "2024-06-01");
  });
  test("a consumer 3A090 card stays under License Exception NAC, and the note says what 746.3 still requires", () => {
    const d = det("RTX 5090", "IQ", "enforced", "2025-06-01");
    expect(d).toMatchObject({ status: "EXCEPTION", exception: "NAC" });
    const note = (d.notes ?? []).find((n) => n.startsWith("15 CFR 746.3"));
    expect(note).toMatch(/military end use or user/);
    expect(note).toMatch(
      /License Exceptions still apply, but a transfer within Iraq of an item exported under one needs a licence/
    );
    expect(explain(d)).toContain("Note: 15 CFR 746.3 requires");
    sameVerdict(d, "RTX 5090", "IQ", "enforced", "2025-06-01");
  });
  test("Iraq's neighbours get neither the step nor the note", () => {
    const d = det("H100", "JO", "enforced", "2024-06-01");
    expect(cites(d)).not.toContain("746.3");
    expect((d.notes ?? []).join(" ")).not.toContain("746.3");
  });
});

describe("15 CFR 746.6: Crimea and the covered regions of Ukraine", () => {
  test("UA: the answer holds only outside the covered regions, which a country code cannot tell apart", () => {
    const d = det("H100", "UA", "enforced", "2024-06-01");
    expect(d.status).toBe("NLR"); // Ukraine itself is in no D group: the verdict is unchanged
    const s = stepCiting(d, "15 CFR 746.6");
    expect(s?.text).toMatch(/the Crimea region of Ukraine and the so-called DNR and LNR regions/);
    expect(s?.text).toMatch(/this answer holds only elsewhere in UA/);
    expect(s?.cite).toContain("87 FR 12226");
    const note = (d.notes ?? []).find((n) => n.includes("746.6"));
    expect(note).toMatch(
      /^15 CFR 746\.6: in the Crimea region of Ukraine and the so-called DNR and LNR regions this item needs a licence \(denial\); this answer holds only elsewhere in UA/
    );
    sameVerdict(d, "H100", "UA", "enforced", "2024-06-01");
  });
  test("dated: Crimea alone from 2015-01-29, DNR and LNR from 2022-02-24, nothing before", () => {
    const before = det("H100", "UA", "enforced", "2014-06-01");
    expect(cites(before)).not.toContain("746.6");
    expect(before.notes ?? []).toEqual([]);
    const crimea = det("H100", "UA", "enforced", "2020-06-01");
    expect(stepCiting(crimea, "15 CFR 746.6")?.cite).toContain("80 FR 4776");
    expect(texts(crimea)).toContain("the Crimea region of Ukraine");
    expect(texts(crimea)).not.toContain("DNR");
    expect(stepCiting(det("H100", "UA", "enforced", "2022-02-24"), "15 CFR 746.6")?.text).toContain(
      "DNR"
    );
  });
  test("in every regime, the Diffusion allowance included", () => {
    const d = det("H100", "UA", "diffusion-2025", "2025-06-01", { quantity: 10 });
    expect(d).toMatchObject({ status: "EXCEPTION", exception: "LPP" });
    expect((d.notes ?? []).some((n) => n.includes("15 CFR 746.6"))).toBe(true);
  });
});

describe("15 CFR 746.5: the Russian and Belarusian industry sector sanctions", () => {
  test("a CCL item to Russia: 746.5 is named and adds nothing to the 746.8 licence", () => {
    const d = det("A100", "RU", "enforced", "2023-06-01");
    expect(d).toMatchObject({ status: "LICENSE", reviewPolicy: "presumption of denial" });
    const s = stepCiting(d, "15 CFR 746.5");
    expect(s?.text).toMatch(
      /^15 CFR 746\.5 also requires a licence for items its supplements list by HTS code/
    );
    expect(s?.text).toMatch(
      /for this item it adds nothing: a CCL item needs a licence under 15 CFR 746\.8 anyway/
    );
    sameVerdict(d, "A100", "RU", "enforced", "2023-06-01");
  });
  test("an EAR99 item to Russia: the sector sanctions are why the answer is open", () => {
    const d = det(eccnItem("EAR99"), "RU", "enforced", "2023-06-01");
    expect(d.status).toBe("INDETERMINATE");
    const s = stepCiting(d, "15 CFR 746.5");
    expect(s?.text).toMatch(/EAR99 ones included/);
    expect(s?.text).not.toContain("adds nothing");
  });
  test("from 2024-06-12 the sector sanctions are in 746.8 (89 FR 51644)", () => {
    const d = det("A100", "BY", "enforced", "2025-06-01");
    const s = stepCiting(d, "89 FR 51644");
    expect(s?.text).toMatch(/^15 CFR 746\.8 also requires .*former 746\.5/);
    expect(
      det("A100", "RU", "enforced", "2024-06-11").steps.some((x) => x.cite.includes("89 FR 51644"))
    ).toBe(false);
  });
  test("Belarus: not under the sector sanctions before they reached it", () => {
    expect(cites(det("A100", "BY", "enforced", "2022-06-01"))).not.toContain("746.5");
    expect(cites(det("A100", "BY", "enforced", "2023-01-10"))).toContain("87 FR 57068");
  });
});

describe("15 CFR 740.28: License Exception ACM is not evaluated", () => {
  test("over the LPP allowance the licence says ACM was not evaluated and when it could apply", () => {
    const d = det("H100", "IN", "diffusion-2025", "2025-06-01", { quantity: 1700 });
    expect(d.status).toBe("LICENSE");
    const s = stepCiting(d, "15 CFR 740.28");
    expect(s?.text).toMatch(
      /^License Exception ACM \(15 CFR 740\.28\) not evaluated: it may cover the items' development, production or storage/
    );
    sameVerdict(d, "H100", "IN", "diffusion-2025", "2025-06-01", 1700);
  });
  test("within the allowance (LPP) ACM is not mentioned", () => {
    const d = det("H100", "IN", "diffusion-2025", "2025-06-01", { quantity: 1699 });
    expect(d.exception).toBe("LPP");
    expect(cites(d)).not.toContain("740.28");
  });
});
