import { classify, CHIPS, type Classification } from "../../src/rules";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { looksLikeEccn, parseEccn } from "../../src/rules/classify";
import { chip, eccnItem, item, synthetic } from "./helpers";

const cls = (text: string, asOf = "2026-11-27") => classify(item(chip(text)), asOf);
const e = (eccn: string, asOf: string): Classification => classify(eccnItem(eccn), asOf);

describe("catalog chips (current text)", () => {
  test.each([
    ["H100", "3A090.a", "a"],
    ["L4", "3A090.a", "a"], // a.2: TPP 1,940, PD 6.59
    ["L40", "3A090.b", "b"], // b.1
    ["MTIA v2", "3A090.a", "a"],
    ["H20", "not 3A090", "none"], // fails b.1 (TPP < 2,400) and b.2 (PD < 3.2)
    ["L20", "not 3A090", "none"],
    ["L2", "not 3A090", "none"], // TPP < 1,600
    ["RTX 4090 D", "not 3A090", "none"], // Note 2
    ["RTX 5090 D", "not 3A090", "none"],
    ["B200", "3A090.a", "a"], // PD unknown but TPP decides
    ["TPU v5e", "", "indeterminate"],
    ["TPU v4", "", "indeterminate"],
    ["Inferentia2", "", "indeterminate"],
    ["B40", "", "indeterminate"], // TPP unknown
  ])("%s -> %s", (name, eccn, control) => {
    const c = cls(name);
    expect([c.eccn, c.control]).toEqual([eccn, control]);
    if (control === "indeterminate") {
      expect(c.reason).toBeTruthy();
      expect(c.possible?.length).toBeGreaterThan(1);
    } else expect(c.basis).toBeTruthy();
  });

  test("non-datacenter chips over 4,800 are 3A090.a but NAC/ACA-eligible", () => {
    const c = cls("RTX 4090");
    expect([c.eccn, c.nonDatacenter]).toEqual(["3A090.a", true]);
    expect(c.steps.some((s) => s.text.includes("NAC/ACA"))).toBe(true);
  });

  test("chip confidence carries: high -> confirmed, medium -> secondary, low -> unconfirmed", () => {
    expect(cls("H100").confidence).toBe("confirmed");
    expect(cls("B100").confidence).toBe("secondary");
    expect(cls("B30A").confidence).toBe("unconfirmed");
  });

  test("every catalog chip classifies on every era without throwing, with cited steps", () => {
    for (const c of CHIPS) {
      for (const asOf of ["2022-01-01", "2023-06-01", "2024-06-01", "2026-11-27"]) {
        const r = classify(item(c), asOf);
        expect(r.steps.length).toBeGreaterThan(0);
        for (const s of r.steps) expect(s.cite).toBeTruthy();
      }
    }
  });

  test("catalog note tags (chips.csv) agree with our classification where the note is definite", () => {
    const csv = readFileSync(join(__dirname, "../../src/rules/data/chips.csv"), "utf8").split("\r\n").slice(1).filter((line) => line !== "");
    const tags = new Map(csv.map((line) => [line.split(",")[0], /\[computed_eccn=([^\]]+)\]/.exec(line)?.[1] ?? ""]));
    expect(tags.size).toBe(CHIPS.length);
    for (const c of CHIPS) {
      const tag = tags.get(c.id) ?? "";
      const ours = classify(item(c), "2026-11-27");
      if (tag.startsWith("3A090.a")) expect(ours.eccn).toBe("3A090.a");
      else if (tag.startsWith("3A090.b")) expect(ours.eccn).toBe("3A090.b");
      else if (tag.startsWith("not 3A090")) expect(ours.eccn).toBe("not 3A090");
      else expect(ours.control).toBe("indeterminate");
    }
  });
});

describe("dates", () => {
  test("before 2022-10-07 nothing is 3A090", () => {
    expect(cls("H100", "2022-10-06")).toMatchObject({ eccn: "not 3A090", control: "none" });
  });
  test("Oct 2022 text: interconnect decides (A800/H800 outside; A100/H100 inside)", () => {
    expect(cls("A100", "2023-03-01").eccn).toBe("3A090.a");
    expect(cls("A800", "2023-03-01").eccn).toBe("not 3A090");
    expect(cls("H800", "2023-03-01").eccn).toBe("not 3A090");
    expect(cls("H100", "2023-03-01").eccn).toBe("3A090.a");
    expect(cls("L40S", "2023-03-01").eccn).toBe("not 3A090"); // TPP >= 4,800, host link 64 GB/s < 600
    expect(cls("RTX 4090", "2022-11-01").eccn).toBe("not 3A090");
    expect(cls("H100 PCIe", "2023-03-01").eccn).toBe("3A090.a"); // NVLink bridge 600 + PCIe 128
    expect(cls("MI250X", "2023-03-01").eccn).toBe("3A090.a"); // Infinity Fabric 800
    expect(cls("B30A", "2023-03-01").control).toBe("indeterminate"); // TPP >= 4,800, interconnect unknown
    expect(cls("L40", "2023-03-01").eccn).toBe("not 3A090"); // TPP < 4,800
    expect(cls("B40", "2023-03-01").control).toBe("indeterminate"); // TPP unknown
    expect(cls("A800", "2023-11-17").eccn).toBe("3A090.a");
  });
  test("unknown TPP from 2023 on", () => {
    const c = classify(item(synthetic("H100", { tpp: null })), "2024-06-01");
    expect(c.control).toBe("indeterminate");
    expect(c.confidence).toBe("unconfirmed");
  });
});

describe("ECCNs the user knows", () => {
  test("buckets from 2023-11-17", () => {
    expect(e("3A090.a", "2024-06-01")).toMatchObject({ eccn: "3A090.a", control: "a" });
    expect(e("4A090.b", "2024-06-01")).toMatchObject({ eccn: "4A090.b", control: "b" });
    expect(e("5A992.z.1", "2024-06-01").control).toBe("a");
    expect(e("5A992.z.2", "2024-06-01").control).toBe("b");
    expect(e("3A001.z.4.a", "2024-06-01").control).toBe("a");
    expect(e("4A004.z.1", "2024-06-01").control).toBe("a");
    expect(e("4A004.z.2", "2024-06-01")).toMatchObject({ eccn: "4A004.z.2", control: "b" });
    expect(e("5A002.z.3.b", "2024-06-01").control).toBe("b");
    for (const none of ["EAR99", "3A991.p", "4A994.l", "5A992.c"]) expect(e(none, "2024-06-01")).toMatchObject({ eccn: none, control: "none" });
  });
  test("3A090.c from 2024-12-02", () => {
    expect(e("3A090.c", "2024-12-01")).toMatchObject({ eccn: "not 3A090", control: "none" });
    expect(e("3A090.c", "2024-12-02")).toMatchObject({ eccn: "3A090.c", control: "c" });
  });
  test("a bare 3A090 / 4A090 tries every subparagraph; 'not 3A090' is accepted", () => {
    expect(e("3A090", "2025-01-01")).toMatchObject({ eccn: "", control: "indeterminate", possible: ["a", "b", "c"] });
    expect(e("3A090", "2024-12-01").possible).toEqual(["a", "b"]);
    expect(e("4A090", "2025-01-01").possible).toEqual(["a", "b"]);
    expect(e("3A090", "2023-03-01")).toMatchObject({ eccn: "3A090", control: "a" });
    expect(e("3A090", "2022-01-01")).toMatchObject({ eccn: "not 3A090", control: "none" });
    expect(e("not 3A090", "2025-01-01")).toMatchObject({ eccn: "not 3A090", control: "none" });
    expect(e("3A090", "2025-01-01").reason).toContain("3A090.a, 3A090.b, 3A090.c");
  });
  test("before the paragraph existed", () => {
    expect(e("3A090.a", "2022-10-06").control).toBe("none");
    expect(e("3A090.a", "2023-03-01")).toMatchObject({ eccn: "3A090.a", control: "a" });
    expect(e("3A090.b", "2023-03-01")).toMatchObject({ eccn: "not 3A090", control: "none" });
    expect(e("5A992.z.1", "2023-03-01")).toMatchObject({ eccn: "", control: "indeterminate", possible: ["a", "none"] });
    expect(e("EAR99", "2020-01-01").control).toBe("none");
  });
  test("an unparseable ECCN is a programming error at this level", () => {
    expect(() => e("9Z999", "2024-06-01")).toThrow("Unknown or unsupported ECCN");
  });
  test("parseEccn / looksLikeEccn", () => {
    expect(parseEccn(" 3a090 . b ")).toEqual({ eccn: "3A090.b", bucket: "b", family: "x090" });
    expect(parseEccn("4A003.z.2.b")).toEqual({ eccn: "4A003.z.2.b", bucket: "b", family: "z" });
    expect(parseEccn("5A004.z.1.a")?.bucket).toBe("a");
    expect(parseEccn("4A005.z.2")?.bucket).toBe("b");
    expect(parseEccn("H100")).toBeNull();
    expect(looksLikeEccn("3A090.x")).toBe(true);
    expect(looksLikeEccn("ear 99")).toBe(true);
    expect(looksLikeEccn("H100")).toBe(false);
  });
});
