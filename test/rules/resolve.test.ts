import { isRegimeId, parseDate, resolveChip, resolveCountry, resolveItem } from "../../src/rules";
import { countryByCode, normalizeKey } from "../../src/rules/data/countries";
import { resolveMemoSizes } from "../../src/rules/resolve";

const chipId = (text: string) => {
  const r = resolveChip(text);
  return r.ok ? r.value.id : r.message;
};
const code = (text: string) => {
  const r = resolveCountry(text);
  return r.ok ? `${r.value.code}>${r.value.treatedAs}` : r.message;
};

describe("resolveChip", () => {
  test.each([
    ["H100", "nvidia-h100-sxm"],
    ["h100", "nvidia-h100-sxm"],
    ["nvidia h100", "nvidia-h100-sxm"],
    ["NVIDIA-H100", "nvidia-h100-sxm"],
    ["H100 SXM5 80GB", "nvidia-h100-sxm"],
    ["h100-sxm5-80gb", "nvidia-h100-sxm"],
    ["nvidia-h100-sxm", "nvidia-h100-sxm"],
    ["RTX 4090 D", "nvidia-rtx-4090d"],
    ["rtx4090d", "nvidia-rtx-4090d"],
    ["NVIDIA GeForce RTX 4090", "nvidia-rtx-4090"],
    ["AMD MI300X", "amd-mi300x"],
    ["aws trainium2", "aws-trainium2"],
    ["AWS (Annapurna Labs) Trainium2", "aws-trainium2"],
    ["  B200  ", "nvidia-b200"],
    ["Ascend 910C", "huawei-ascend-910c"],
  ])("%s -> %s", (text, id) => expect(chipId(text)).toBe(id));

  test("unknown chip: the exact message and suggestion", () => {
    expect(resolveChip("H1OO")).toEqual({ ok: false, message: "Unknown chip 'H1OO'. Did you mean H100?", suggestions: ["H100"] });
  });
  test("unknown chip with a vendor prefix still suggests", () => {
    const r = resolveChip("nvidia H1O0");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.suggestions).toContain("H100");
  });
  test("several equally close suggestions are listed with 'or'", () => {
    const r = resolveChip("H300");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.suggestions.length).toBeGreaterThan(1);
      expect(r.message).toMatch(/Did you mean .+ or .+\?$/);
    }
  });
  test("nothing close / empty", () => {
    expect(resolveChip("Quantum Toaster 9000")).toMatchObject({ ok: false, message: "Unknown chip 'Quantum Toaster 9000'. No close match in the catalog." });
    expect(resolveChip("")).toMatchObject({ ok: false });
    expect(resolveChip("   ").ok).toBe(false);
  });
  test("repeated inputs are served from the memo (same object)", () => {
    expect(resolveChip("H200")).toBe(resolveChip("H200"));
  });
});

describe("resolveItem", () => {
  test("ECCNs the user knows, canonicalised", () => {
    const e = (t: string) => {
      const r = resolveItem(t);
      return r.ok && r.value.kind === "eccn" ? r.value.eccn : r.ok ? "chip" : r.message;
    };
    expect(e("3a090.A")).toBe("3A090.a");
    expect(e("3A090.c")).toBe("3A090.c");
    expect(e("4A090.b")).toBe("4A090.b");
    expect(e("5a992.Z.1")).toBe("5A992.z.1");
    expect(e("3A001.z.4.a")).toBe("3A001.z.4.a");
    expect(e("4A004.z.1")).toBe("4A004.z.1");
    expect(e("5A002.z.5.b")).toBe("5A002.z.5.b");
    expect(e("ear 99")).toBe("EAR99");
    expect(e("3A991.P")).toBe("3A991.p");
    expect(e("4A994.l")).toBe("4A994.l");
    expect(e("5A992.c")).toBe("5A992.c");
    expect(e("H100")).toBe("chip");
    expect(e("3A090")).toBe("3A090"); // the 5 characters export filings carry
    expect(e("not 3A090")).toBe("not 3A090");
  });
  test("unsupported ECCNs get an ECCN message, not a chip one", () => {
    for (const t of ["4A090.c", "5A992.z.3", "3A001.z.5.a", "5A002.z.1", "3A090.d"]) {
      const r = resolveItem(t);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toContain(`Unknown or unsupported ECCN '${t}'`);
    }
  });
  test("unknown chip text falls through to the chip message", () => {
    const r = resolveItem("H1OO");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe("Unknown chip 'H1OO'. Did you mean H100?");
  });
  test("many distinct inputs: the memos stay within 10,000 entries and answers stay right", () => {
    // 25,000 distinct texts (three items, padded differently, each within the name length limit):
    // more than twice the bound.
    const items = ["EAR99", "3A090.a", "H100"];
    let largest = 0;
    const pads: [number, number][] = [];
    for (let lead = 0; lead <= 240; lead++)
      for (let trail = 0; lead + trail <= 240; trail++) pads.push([lead, trail]);
    for (let i = 0; i < 25_000; i++) {
      const text = " ".repeat(pads[i][0]) + items[i % 3] + " ".repeat(pads[i][1]);
      const r = resolveItem(text);
      if (!r.ok) throw new Error(`'${text}' not resolved: ${r.message}`);
      const v = r.value;
      expect(v.kind === "eccn" ? v.eccn : v.chip.id).toBe(["EAR99", "3A090.a", "nvidia-h100-sxm"][i % 3]);
      const sizes = resolveMemoSizes();
      largest = Math.max(largest, sizes.item, sizes.chip);
      if (sizes.item > 10_000 || sizes.chip > 10_000) throw new Error(`memo grew past its bound: ${JSON.stringify(sizes)}`);
    }
    expect(largest).toBeGreaterThan(9_000); // the bound was reached, so the check above meant something
    expect(resolveItem("EAR99")).toEqual({ ok: true, value: { kind: "eccn", eccn: "EAR99" } });
  });
});

describe("resolveCountry", () => {
  test.each([
    ["DE", "DE>DE"],
    ["deu", "DE>DE"],
    ["Germany", "DE>DE"],
    ["UAE", "AE>AE"],
    ["United Arab Emirates", "AE>AE"],
    ["Viet Nam", "VN>VN"],
    ["vietnam", "VN>VN"],
    ["South Korea", "KR>KR"],
    ["Republic of Korea", "KR>KR"],
    ["North Korea", "KP>KP"],
    ["Türkiye", "TR>TR"],
    ["Turkiye", "TR>TR"],
    ["TURKEY", "TR>TR"],
    ["Burma", "MM>MM"],
    ["Macao", "MO>MO"],
    ["Macau", "MO>MO"],
    ["Hong Kong", "HK>CN"],
    ["HKG", "HK>CN"],
    ["hk", "HK>CN"],
    ["Russia", "RU>RU"],
    ["Iran", "IR>IR"],
    ["Syria", "SY>SY"],
    ["Laos", "LA>LA"],
    ["Taiwan", "TW>TW"],
    ["UK", "GB>GB"],
    ["Britain", "GB>GB"],
    ["USA", "US>US"],
    ["U.S.", "US>US"],
    ["US", "US>US"],
    ["Czechia", "CZ>CZ"],
    ["Ivory Coast", "CI>CI"],
    ["Côte d'Ivoire", "CI>CI"],
    ["cote divoire", "CI>CI"],
    ["Saudi Arabia", "SA>SA"],
    ["China", "CN>CN"],
    ["india", "IN>IN"],
  ])("%s -> %s", (text, expected) => expect(code(text)).toBe(expected));

  test("display names", () => {
    const r = resolveCountry("mo");
    expect(r.ok && r.value.name).toBe("Macau");
    const c = resolveCountry("CHN");
    expect(c.ok && c.value.name).toBe("China");
  });
  test("unknown country: 'did you mean' when close, says so when nothing is", () => {
    const near = resolveCountry("Germny");
    expect(near).toMatchObject({ ok: false, message: "Unknown country 'Germny'. Did you mean Germany?", suggestions: ["Germany"] });
    const far = resolveCountry("Atlantis");
    expect(far.ok).toBe(false);
    if (!far.ok) expect(far.message).toBe("Unknown country 'Atlantis'. No close match: use an ISO code (DE, DEU) or an English name.");
    expect(resolveCountry("").ok).toBe(false);
  });
  test("ambiguous names ask which one", () => {
    const r = resolveCountry("Congo");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toMatch(/^Ambiguous country 'Congo'\. Did you mean .*\(CD\) or .*\(CG\)\?$/);
      expect(r.suggestions).toHaveLength(2);
    }
  });
  test("normalisation is case-, diacritic- and punctuation-insensitive", () => {
    expect(normalizeKey("  Côte d'Ivoire ")).toBe("cotedivoire");
    expect(normalizeKey("Bosnia & Herzegovina")).toBe("bosniaandherzegovina");
  });
});

describe("parseDate", () => {
  const ok = (v: string | number) => {
    const r = parseDate(v);
    return r.ok ? r.value : `ERR: ${r.message}`;
  };
  test("Excel serials (1900 system)", () => {
    expect(ok(45444)).toBe("2024-06-01");
    expect(ok(45444.75)).toBe("2024-06-01");
    expect(ok(1)).toBe("1900-01-01");
    expect(ok(59)).toBe("1900-02-28");
    expect(ok(61)).toBe("1900-03-01");
    expect(ok(2958465)).toBe("9999-12-31");
    expect(ok(44835)).toBe("2022-10-01");
  });
  test("every serial from 1900-01-01 to 9999-12-31 reads as the calendar says (Date's own reading)", () => {
    const mismatches: string[] = [];
    for (let serial = 1; serial <= 2958465; serial++) {
      if (serial === 60) continue;
      const epoch = serial < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
      const want = new Date(epoch + serial * 86_400_000).toISOString().slice(0, 10);
      const got = parseDate(serial);
      if (!got.ok || got.value !== want) mismatches.push(`${serial}: ${got.ok ? got.value : got.message} vs ${want}`);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });
  test("impossible serials are rejected", () => {
    expect(ok(60)).toContain("1900-02-29 does not exist");
    expect(ok(0)).toMatch(/^ERR/);
    expect(ok(-3)).toMatch(/^ERR/);
    expect(ok(2958466)).toMatch(/^ERR/);
    expect(ok(Number.NaN)).toMatch(/^ERR: Invalid date NaN/);
    expect(ok(Number.POSITIVE_INFINITY)).toMatch(/^ERR/);
  });
  test("ISO text", () => {
    expect(ok("2024-06-01")).toBe("2024-06-01");
    expect(ok(" 2024-02-29 ")).toBe("2024-02-29");
    expect(ok("2000-02-29")).toBe("2000-02-29");
  });
  test("impossible ISO dates are rejected", () => {
    expect(ok("2023-02-29")).toBe("ERR: Invalid date '2023-02-29': 2023-02 has 28 days.");
    expect(ok("1900-02-29")).toMatch(/^ERR/);
    expect(ok("2024-04-31")).toMatch(/30 days/);
    expect(ok("2024-13-01")).toMatch(/no month 13/);
    expect(ok("2024-00-10")).toMatch(/no month 0/);
    expect(ok("2024-06-00")).toMatch(/^ERR/);
    expect(ok("1899-12-31")).toMatch(/before 1900/);
    expect(ok("2024-6-1")).toMatch(/use ISO YYYY-MM-DD/);
    expect(ok("01/06/2024")).toMatch(/^ERR/);
    expect(ok("")).toMatch(/^ERR/);
  });
});

test("isRegimeId", () => {
  for (const id of ["enforced", "baseline-2023", "diffusion-2025", "proposal-500"]) expect(isRegimeId(id)).toBe(true);
  for (const bad of ["nope", "Enforced", "", null, 3, undefined]) expect(isRegimeId(bad)).toBe(false);
});

test("countryByCode: ISO codes only", () => {
  expect(countryByCode("hk")).toEqual({ code: "HK", name: "Hong Kong", treatedAs: "CN" });
  expect(countryByCode("XX")).toBeUndefined();
});
