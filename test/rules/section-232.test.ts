// SECTION_232_DUTY (Proclamation 11002, 91 FR 2443): each band edge (strict inequalities), the
// effective date, headings, exemptions, unknown figures, and the China testing note in EXPLAIN.
// Band figures are the proclamation's Annex as quoted in reference/updates-2026-11.md §4.
import { explain, type Chip, type Item } from "../../src/rules";
import { parseHts, section232Duty, section232EndUses } from "../../src/rules/tariffs/section-232-duty";
import { chip, det, eccnItem, item, synthetic } from "./helpers";

const AFTER = "2026-02-01";
const duty = (what: Chip | Item, o: { endUse?: string | null; date?: string; hts?: string | null } = {}) =>
  section232Duty({ item: "kind" in what ? what : item(what), endUse: o.endUse ?? null, entryDate: o.date ?? AFTER, hts: o.hts ?? null });
const figures = (tpp: number | null, bw: number | null) => synthetic("H200 SXM", { tpp, memoryBandwidthGbs: bw });

const BANDS = [
  { tpp: [14000, 17500], bw: [4500, 5000] },
  { tpp: [20800, 21100], bw: [5800, 6200] },
];

describe.each(BANDS.map((b, i) => [i + 1, b] as const))("band %i edges are excluded, just inside is 25%", (_n, b) => {
  const midTpp = (b.tpp[0] + b.tpp[1]) / 2;
  const midBw = (b.bw[0] + b.bw[1]) / 2;
  test.each([
    ["TPP at the lower edge", b.tpp[0], midBw, 0],
    ["TPP just above the lower edge", b.tpp[0] + 0.01, midBw, 0.25],
    ["TPP at the upper edge", b.tpp[1], midBw, 0],
    ["TPP just below the upper edge", b.tpp[1] - 0.01, midBw, 0.25],
    ["bandwidth at the lower edge", midTpp, b.bw[0], 0],
    ["bandwidth just above the lower edge", midTpp, b.bw[0] + 0.01, 0.25],
    ["bandwidth at the upper edge", midTpp, b.bw[1], 0],
    ["bandwidth just below the upper edge", midTpp, b.bw[1] - 0.01, 0.25],
  ])("%s (TPP %d, %d GB/s) -> %d", (_what, tpp, bw, rate) => {
    expect(duty(figures(tpp, bw)).rate).toBe(rate);
  });
});

test("between the bands, and each band's TPP with the other's bandwidth, is outside", () => {
  expect(duty(figures(19000, 4800)).rate).toBe(0);
  expect(duty(figures(15832, 6000)).rate).toBe(0);
  expect(duty(figures(20919, 4800)).rate).toBe(0);
});

test("catalog chips named in the reference: in band H200 SXM and MI325X; out H200 NVL, H100, MI300X, GH200 96GB, B200", () => {
  expect(duty(chip("H200 SXM")).rate).toBe(0.25);
  expect(duty(chip("MI325X")).rate).toBe(0.25);
  for (const name of ["H200 NVL", "H100", "MI300X", "GH200", "B200", "H20"]) expect([name, duty(chip(name)).rate]).toEqual([name, 0]);
});

test("entry date: 0 on 2026-01-14, 25% from 2026-01-15 (12:01 a.m. EST)", () => {
  expect(duty(chip("H200 SXM"), { date: "2026-01-14" }).rate).toBe(0);
  expect(duty(chip("H200 SXM"), { date: "2026-01-15" }).rate).toBe(0.25);
});

test("headings: 8471.50, 8471.80, 8473.30 and their subdivisions are covered; 8542.31 is not", () => {
  for (const h of ["8471.50", "8471.80.1000", "8473.30.5100", "847150"]) expect([h, duty(chip("H200 SXM"), { hts: parseHts(h) }).rate]).toEqual([h, 0.25]);
  for (const h of ["8542.31", "8542.31.0001", "8471.49"]) expect([h, duty(chip("H200 SXM"), { hts: parseHts(h) }).rate]).toEqual([h, 0]);
  expect(parseHts("84.71")).toBeNull();
});

test("each of the eight end-use exemptions gives 0 and cites its 9903.79 heading", () => {
  expect(section232EndUses()).toEqual(["us-datacenter", "us-repair", "us-rnd", "us-startup", "consumer", "industrial", "us-public-sector", "approved"]);
  section232EndUses().forEach((id, i) => {
    const d = duty(chip("H200 SXM"), { endUse: id });
    expect(d.rate).toBe(0);
    expect(d.reason).toContain(`9903.79.0${i + 2}`);
  });
});

test("unknown figures: #N/A only when they decide", () => {
  expect(duty(figures(15000, null)).rate).toBeNull();
  expect(duty(figures(15000, null)).reason).toMatch(/DRAM bandwidth .* unknown/);
  expect(duty(figures(null, 4800)).rate).toBeNull();
  expect(duty(figures(null, 4800)).reason).toMatch(/TPP .* unknown/);
  expect(duty(figures(30000, null)).rate).toBe(0); // above both bands whatever the bandwidth
  expect(duty(figures(null, 3000)).rate).toBe(0); // below both bands whatever the TPP
  expect(duty(eccnItem("3A090.a")).rate).toBeNull();
  expect(duty(eccnItem("3A090.a"), { endUse: "us-rnd" }).rate).toBe(0); // the exemption decides first
  expect(duty(eccnItem("3A090.a"), { date: "2025-12-01" }).rate).toBe(0);
});

describe("EXPLAIN: the China case-by-case path's US testing and the duty", () => {
  test("an in-band chip to China names the Section 232 duty that US testing incurs", () => {
    const d = det("H200 SXM", "CN", "enforced", "2026-03-01");
    expect(d.reviewPolicy).toBe("case-by-case");
    const text = explain(d);
    expect(text).toMatch(/testing imports the chip: a 25% Section 232 duty/);
    expect(text).toContain("Proclamation 11002");
  });
  test("an out-of-band chip on the same path does not", () => {
    const d = det("H100", "CN", "enforced", "2026-03-01");
    expect(d.reviewPolicy).toBe("case-by-case");
    expect(explain(d)).not.toMatch(/Section 232/);
  });
});
