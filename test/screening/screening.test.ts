// Screening against the Consolidated Screening List: the fixture (fictional parties, in the CSL's
// published CSV and JSON layouts), the matcher's rules, refusals of broken files, table verdicts.
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import {
  ScreeningList,
  ScreeningListError,
  applyScreening,
  indexOf,
  nameKeys,
  readScreeningList,
  screenParty,
  screeningOutcome,
} from "../../src/screening";

const FIXTURES = path.join(__dirname, "fixtures");
const csvBytes = fs.readFileSync(path.join(FIXTURES, "csl-fixture.csv"));
const jsonBytes = fs.readFileSync(path.join(FIXTURES, "csl-fixture.json"));

async function load(
  bytes: Uint8Array,
  statedDate: string | null = "2026-11-20"
): Promise<ScreeningList> {
  return readScreeningList(bytes, { fileName: "csl.csv", statedDate, fileModified: "2026-11-25" });
}

let list: ScreeningList;
beforeAll(async () => {
  list = await load(csvBytes);
});

const screen = (name: string, country: string[] | null = null, min?: number) =>
  indexOf(list).screen(name, country, min);

describe("reading the CSL file", () => {
  test("CSV: every row, its list, countries, FR citation and licence requirement", () => {
    const rows = csvBytes.toString("utf8").trim().split("\n").length - 1;
    expect(list.entries).toHaveLength(rows);
    const z = list.entries.find((e) => e.id === "fx-el-1")!;
    expect(z.kind).toBe("EL");
    expect(z.countries).toEqual(["CN", "HK"]);
    expect(z.altNames).toEqual([
      "Zephyrion QC",
      "Shenzhen Zephyrion Quantum Computing Research Center",
    ]);
    expect(z.federalRegisterNotice).toBe("89 FR 99901");
    expect(z.licenseRequirement).toMatch(/^For all items subject to the EAR/);
    expect(list.entries.map((e) => e.kind).sort()).toEqual([
      "DPL",
      "DPL",
      "EL",
      "EL",
      "EL",
      "EL",
      "MEU",
      "OTHER",
      "SDN",
      "UVL",
    ]);
  });

  test("the hash is the SHA-256 of the file's bytes; the date is the stated one, else the file's", async () => {
    expect(list.sha256).toBe(createHash("sha256").update(csvBytes).digest("hex"));
    expect(list.dateSource).toBe("stated");
    const unstated = await load(csvBytes, null);
    expect(unstated.date).toBe("2026-11-25");
    expect(unstated.dateSource).toBe("file-modified");
  });

  test("JSON layout: results, address objects, alt_names arrays, the date from sources_used", async () => {
    const json = await load(jsonBytes, null);
    expect(json.format).toBe("json");
    expect(json.date).toBe("2026-11-20");
    expect(json.dateSource).toBe("file");
    const doc = JSON.parse(jsonBytes.toString("utf8"));
    expect(json.entries).toHaveLength(doc.results.length);
    const z = json.entries.find((e) => e.id === "fx-el-1")!;
    expect(z.countries).toEqual(["CN", "HK"]);
    expect(z.altNames).toContain("Zephyrion QC");
    expect(indexOf(json).screen("Orvex Shipping", null)?.entry.kind).toBe("SDN");
  });

  test("added columns and another column order are read", async () => {
    const text = csvBytes.toString("utf8");
    const [header, ...rows] = text.trim().split("\n");
    const moved = [`extra_col,${header}`, ...rows.map((r) => `"x, y",${r}`)].join("\n");
    const reread = await load(Buffer.from(moved));
    expect(reread.entries.map((e) => e.name)).toEqual(list.entries.map((e) => e.name));
  });

  test.each([
    [
      "a required column missing",
      (t: string) => t.replace("alt_names", "alias_names"),
      /alt_names/,
    ],
    [
      "a quoted field never closed (cut short)",
      (t: string) => t.slice(0, t.indexOf("Helix") + 12),
      /cut short/,
    ],
    [
      "a last row cut short",
      (t: string) => t.slice(0, t.lastIndexOf("Karachi")),
      /cut short|line \d+ has/,
    ],
    ["an empty file", () => "", /empty/],
    ["a row without a name", (t: string) => t.replace("Brightwater Trading LLC", ""), /no name/],
    ["another CSV", () => "Chip,Destination\nH100,CN\n", /missing/],
  ])("refused with the reason: %s", async (_label, mutate, reason) => {
    const bad = Buffer.from(mutate(csvBytes.toString("utf8")));
    await expect(load(bad)).rejects.toThrow(ScreeningListError);
    await expect(load(bad)).rejects.toThrow(reason);
  });

  test("refused JSON: cut short, fewer results than its total, entry without name", async () => {
    const text = jsonBytes.toString("utf8");
    await expect(load(Buffer.from(text.slice(0, text.length / 2)))).rejects.toThrow(
      /cut short|malformed/
    );
    const doc = JSON.parse(text);
    await expect(
      load(Buffer.from(JSON.stringify({ ...doc, results: doc.results.slice(1) })))
    ).rejects.toThrow(/says 5 entries and holds 4/);
    delete doc.results[0].name;
    await expect(load(Buffer.from(JSON.stringify(doc)))).rejects.toThrow(/"name"/);
  });
});

describe("matching", () => {
  test("exact name: score 100, exact", () => {
    const m = screen("Zephyrion Quantum Computing Co., Ltd.")!;
    expect(m.entry.id).toBe("fx-el-1");
    expect(m).toMatchObject({ score: 100, exact: true });
  });

  test("alternate name", () => {
    expect(screen("Orvex Marine Services")).toMatchObject({
      exact: true,
      matchedName: "Orvex Marine Services",
    });
    expect(screen("Orvex Marine Services")!.entry.id).toBe("fx-sdn-1");
  });

  test("reordered words", () => {
    expect(screen("Fictitious, Jonathan Quincy")).toMatchObject({ exact: true });
    expect(screen("Fictitious, Jonathan Quincy")!.entry.id).toBe("fx-dpl-2");
  });

  test("accents either way", () => {
    expect(screen("KOVALENKO MIKROELECTRONIKA")!.entry.id).toBe("fx-el-2");
    expect(screen("Brîghtwâter Trading")!.entry.id).toBe("fx-dpl-1");
    expect(screen("Brîghtwâter Trading")!.exact).toBe(true);
  });

  test("legal-form words and punctuation do not distinguish", () => {
    for (const name of [
      "Helix Dynamics Technology Company Limited",
      "HELIX DYNAMICS TECHNOLOGY LTD",
      "Helix-Dynamics Technology, Inc.",
    ])
      expect(screen(name)).toMatchObject({
        exact: true,
        entry: expect.objectContaining({ id: "fx-el-3" }),
      });
  });

  test("one typing error matches, as a close (not exact) match", () => {
    for (const name of [
      "Zephyrion Quantum Computng",
      "Novaterra Aerospace Reserch Institute",
      "Brightwater Tradinq",
    ]) {
      const m = screen(name);
      expect(m).not.toBeNull();
      expect(m!.exact).toBe(false);
      expect(m!.score).toBeGreaterThanOrEqual(90);
    }
  });

  test("a typing error in a word's first letter (which changes the word order) still matches", () => {
    expect(screen("Zephyrion Quantum Domputing")?.entry.id).toBe("fx-el-1");
  });

  test("an unrelated name sharing a common word does not match", () => {
    expect(screen("Acme Dynamics Technology")).toBeNull();
    expect(screen("Technology")).toBeNull();
    expect(screen("Quantum Computing Solutions")).toBeNull();
    expect(screen("Acme Trading")).toBeNull();
    expect(screen("Research Institute of Aerospace")).toBeNull();
  });

  test("a listed name within a longer name is a possible match, never exact", () => {
    for (const [name, id] of [
      ["Brightwater Trading LLC (Dubai branch)", "fx-dpl-1"],
      ["ACME Logistics obo Brightwater Trading LLC", "fx-dpl-1"],
      ["Zephyrion Quantum Computing Co., Ltd. Shenzhen Branch", "fx-el-1"],
      ["Shenzhen Zephyrion Quantum Computing", "fx-el-1"],
      ["Brightwater Tradinq, Miami office", "fx-dpl-1"],
    ]) {
      const m = screen(name);
      expect({ name, id: m?.entry.id, exact: m?.exact, partial: Boolean(m?.partial) }).toEqual({
        name,
        id,
        exact: false,
        partial: true,
      });
    }
  });

  test("a listed name written shorter, in another order, or with a word changed is a possible match", () => {
    for (const [name, id] of [
      ["Jonathan Fictitious", "fx-dpl-2"],
      ["J. Q. Fictitious", "fx-dpl-2"],
      ["Fictitious, Jonathan", "fx-dpl-2"],
      ["Fictitious Jonathan Q.", "fx-dpl-2"],
      ["Novaterra Aerospace Research Inst.", "fx-meu-1"],
      ["Novaterra Aerospace Research Center", "fx-meu-1"],
      ["Novaterra Aerospace Corp", "fx-meu-1"],
      ["Helix Dynamics Tech", "fx-el-3"],
      ["Helix Technology", "fx-el-3"],
      ["Orvex Maritime", "fx-sdn-1"],
      ["Orvex Maritime Group", "fx-sdn-1"],
      ["Qadir Precision Supply", "fx-isn-1"],
      ["Zephyrion Quantum Computers", "fx-el-1"],
      ["Brightwater Trdg", "fx-dpl-1"],
    ]) {
      const m = screen(name);
      expect({ name, id: m?.entry.id, exact: m?.exact }).toEqual({ name, id, exact: false });
    }
    // A single word, initials alone, or a listed name's generic words without its own word anchor nothing.
    for (const name of [
      "Fictitious",
      "J. Q.",
      "Precision Supplies Inc",
      "Maritime Holdings Ltd",
      "Dynamics Technology",
      "Aerospace Research Institute",
      "Shenzhen Technology",
    ])
      expect([name, screen(name)]).toEqual([name, null]);
  });

  test("a listed name of generic words only is found whole within a longer name", async () => {
    const header = fs.readFileSync(path.join(FIXTURES, "csl-fixture.csv"), "utf8").split("\n")[0];
    const cells = new Array(header.split(",").length).fill("");
    cells[0] = "gen-smic";
    cells[1] = "Entity List (EL) - Bureau of Industry and Security";
    cells[5] = "Semiconductor Manufacturing International Corporation";
    cells[12] = "For all items subject to the EAR.";
    const withSmic = await load(Buffer.from(`${fs.readFileSync(path.join(FIXTURES, "csl-fixture.csv"), "utf8").trim()}\n${cells.join(",")}\n`));
    const idx = indexOf(withSmic);
    expect(idx.screen("Semiconductor Manufacturing International Corp Beijing", null)?.entry.id).toBe("gen-smic");
    expect(idx.screen("Semiconductor Manufacturing Intl", null)?.entry.id).toBe("gen-smic");
    expect(idx.screen("Semiconductor International", null)).toBeNull();
  });

  test("a partial match on a list that restricts is INDETERMINATE (review), not LICENSE", () => {
    const m = screen("Brightwater Trading LLC (Dubai branch)");
    const outcome = screeningOutcome(m, list);
    expect(outcome.status).toBe("INDETERMINATE");
    expect(outcome.text).toMatch(/^POSSIBLE MATCH: "Brightwater Trading LLC".*the listed name's words within the name.*possible match: review/);
  });

  test("the country narrows; entries listing the country (Hong Kong counts as China) stay", () => {
    expect(screen("Polaris Microsystems", ["SG"])).toBeNull();
    expect(screen("Polaris Microsystems", ["CN"])?.entry.id).toBe("fx-el-4");
    expect(screen("Zephyrion QC", ["HK"])?.entry.id).toBe("fx-el-1");
  });

  test("min_score: lower finds looser matches, 100 only exact ones", () => {
    expect(screen("Polaris Mikrosistem", null)).toBeNull();
    expect(screen("Polaris Mikrosistem", null, 80)?.entry.id).toBe("fx-el-4");
    expect(screen("Brightwater Tradinq", null, 100)).toBeNull();
  });

  test("the score is the Levenshtein similarity of the keys, checked against a plain computation", () => {
    const q = nameKeys("Novaterra Aerospace Reserch Institute").sorted;
    const k = nameKeys("Novaterra Aerospace Research Institute").sorted;
    // one insertion in a key of k.length characters
    expect(screen("Novaterra Aerospace Reserch Institute")!.score).toBe(
      Math.round(100 * (1 - 1 / Math.max(q.length, k.length)))
    );
  });

  test("a name with a non-Latin letter is refused, not screened as another name", () => {
    expect(() => screen("Zephyrion Quаntum Computing")).toThrow(/non-Latin letter 'а' \(U\+0430\)/);
  });

  test("the index finds what a full scan finds (random names, random thresholds)", () => {
    const index = indexOf(list);
    const names = list.entries.flatMap((e) => [e.name, ...e.altNames]);
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 300; i++) {
      const base = names[Math.floor(rand() * names.length)];
      const chars = [...base];
      for (let e = Math.floor(rand() * 4); e > 0; e--)
        chars[Math.floor(rand() * chars.length)] = "xyzq"[Math.floor(rand() * 4)];
      const query = chars.join("");
      const min = 70 + Math.floor(rand() * 30);
      expect([query, wholeNameScore(index.screen(query, null, min), query, min)]).toEqual([
        query,
        bruteForce(query, min),
      ]);
    }
  });
});

test("the index finds what a full scan finds on a larger list of look-alike names", async () => {
  let seed = 99;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const syl = ["ka", "ri", "zen", "tor", "vel", "mi", "sha", "lun", "hua", "jin"];
  const word = () =>
    syl[Math.floor(rand() * 10)] + syl[Math.floor(rand() * 10)] + syl[Math.floor(rand() * 10)];
  const header = fs.readFileSync(path.join(FIXTURES, "csl-fixture.csv"), "utf8").split("\n")[0];
  const width = header.split(",").length;
  const rows = [header];
  for (let i = 0; i < 1500; i++) {
    const cells = new Array(width).fill("");
    cells[1] = "Entity List (EL) - Bureau of Industry and Security";
    cells[5] = `${word()} ${word()} ${["Trading", "Technology", ""][i % 3]}`.trim();
    cells[7] = "1 Road, City, , , CN";
    cells[12] = "For all items subject to the EAR.";
    rows.push(cells.join(","));
  }
  const big = await load(Buffer.from(rows.join("\n")));
  const saved = list;
  list = big;
  try {
    const names = big.entries.map((e) => e.name);
    for (let i = 0; i < 150; i++) {
      const chars = [...names[Math.floor(rand() * names.length)]];
      for (let e = Math.floor(rand() * 4); e > 0; e--)
        chars[Math.floor(rand() * chars.length)] = "aeiou"[Math.floor(rand() * 5)];
      const query = chars.join("");
      const min = 75 + Math.floor(rand() * 25);
      const m = indexOf(big).screen(query, null, min);
      expect([query, min, wholeNameScore(m, query, min)]).toEqual([
        query,
        min,
        bruteForce(query, min),
      ]);
    }
  } finally {
    list = saved;
  }
});

/**
 * The whole-name score the index found: its match's score, or, when a word-aligned partial match
 * outranked it, the best whole-name score, which must not exceed the partial one.
 */
function wholeNameScore(m: ReturnType<typeof screen>, query: string, min: number): number | null {
  if (!m?.partial) return m?.score ?? null;
  const brute = bruteForce(query, min);
  expect(brute === null || brute <= m.score).toBe(true);
  return brute;
}

/** The best score by comparing with every name: the reference the index must agree with. */
function bruteForce(query: string, min: number): number | null {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { distance } = require("fastest-levenshtein");
  const q = nameKeys(query);
  let best: number | null = null;
  for (const e of list.entries)
    for (const n of [e.name, ...e.altNames]) {
      const k = nameKeys(n, false);
      // Alphabetical order against alphabetical order, as written against as written.
      for (const [a, b] of [
        [q.sorted, k.sorted],
        [q.ordered, k.ordered],
      ]) {
        const s =
          a === b ? 100 : Math.round(100 * (1 - distance(a, b) / Math.max(a.length, b.length)));
        if (s >= min && (best === null || s > best)) best = s;
      }
    }
  return best;
}

describe("verdicts", () => {
  const outcome = (name: string) => screeningOutcome(screen(name), list);

  test("exact matches on the DPL, SDN, MEU and the Entity List make LICENSE, naming list, entry and FR", () => {
    const el = outcome("Zephyrion Quantum Computing");
    expect(el.status).toBe("LICENSE");
    expect(el.text).toContain("Entity List (EL)");
    expect(el.text).toContain('"Zephyrion Quantum Computing Co., Ltd."');
    expect(el.text).toContain("89 FR 99901");
    expect(el.text).toContain("list of 2026-11-20");
    for (const name of ["Brightwater Trading", "Orvex Shipping", "NARI"])
      expect(outcome(name).status).toBe("LICENSE");
  });

  test("a close match is INDETERMINATE: possible match, review", () => {
    const o = outcome("Brightwater Tradinq");
    expect(o.status).toBe("INDETERMINATE");
    expect(o.text).toMatch(/possible match: review/);
  });

  test("an exact match on another CSL list is a review, not a LICENSE", () => {
    expect(outcome("Qadir Precision Supplies").status).toBe("INDETERMINATE");
  });

  test("the Unverified List adds a note", () => {
    const o = outcome("Tianhe Lumina Electronics");
    expect(o.status).toBe("NOTE");
    expect(o.text).toMatch(/Unverified List/);
    expect(o.text).toMatch(/744\.15/);
  });

  test("no match names the list's date and size", () => {
    expect(outcome("Contoso Widgets").text).toBe("no match (list of 2026-11-20, 10 entries)");
  });

  test("table rows: an exact hit turns 'no licence' into a licence; a possible match into INDETERMINATE", () => {
    const undecided = (message: string) => ({ code: "#N/A", message });
    const row = [false, "", "", 1, "NLR: 5A992.z.1 ..."];
    const hit = applyScreening(row, screenParty(list, "Brightwater Trading LLC"), undecided);
    expect(hit[0]).toBe(true);
    expect(hit[4]).toMatch(
      /^Screening: LICENSE: MATCH: .*Denied Persons List.*88 FR 99905.*not a legal conclusion/
    );
    const close = applyScreening(row, screenParty(list, "Brightwater Tradinq"), undecided);
    expect(close[0]).toEqual({ code: "#N/A", message: "INDETERMINATE: possible match: review" });
    const clear = applyScreening(row, screenParty(list, "Contoso Widgets"), undecided);
    expect(clear).toEqual(row);
    const uvlException = applyScreening(
      [false, "LPP", "", 1, "x"],
      screenParty(list, "Tianhe Lumina Electronics"),
      undecided
    );
    expect(uvlException[0]).toMatchObject({
      message: expect.stringMatching(/Unverified List party, License Exception LPP unavailable/),
    });
    const blank = applyScreening(
      ["", "", "", "", ""],
      screenParty(list, "Brightwater Trading"),
      undecided
    );
    expect(blank).toEqual(["", "", "", "", ""]);
  });
});
