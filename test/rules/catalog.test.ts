// The generated catalog must match chips.csv and the data hash: re-run the generator logic.
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  appendFileSync,
  mkdirSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { CHIPS, RULES_DATA_HASH } from "../../src/rules";

const ROOT = resolve(__dirname, "../..");
const SCRIPT = join(ROOT, "scripts/generate-catalog.mjs");

const node = (args: string[], cwd = ROOT) =>
  spawnSync(process.execPath, args, { cwd, encoding: "utf8" });

/** Runs a snippet against the generator's exports (it is an ES module). */
function withGenerator(code: string, script = SCRIPT): string {
  const r = node([
    "--input-type=module",
    "-e",
    `import * as g from ${JSON.stringify("file://" + script)}; ${code}`,
  ]);
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

describe("chips.generated.ts", () => {
  test("is up to date with chips.csv and the rules data (npm run catalog)", () => {
    const r = node([SCRIPT, "--check"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  test("RULES_DATA_HASH is the hash the generator computes now", () => {
    expect(withGenerator("console.log(g.dataHash())")).toBe(RULES_DATA_HASH);
  });

  test("a changed data file makes --check fail", () => {
    const dir = mkdtempSync(join(tmpdir(), "exportctl-catalog-"));
    try {
      for (const sub of ["scripts", "src/rules/data", "src/rules/regimes"]) {
        mkdirSync(join(dir, sub), { recursive: true });
        cpSync(join(ROOT, sub), join(dir, sub), { recursive: true });
      }
      const script = join(dir, "scripts/generate-catalog.mjs");
      expect(node([script, "--check"], dir).status).toBe(0);
      appendFileSync(join(dir, "src/rules/regimes/enforced.ts"), "\n// edited\n");
      const stale = node([script, "--check"], dir);
      expect(stale.status).toBe(1);
      expect(stale.stderr).toContain("is stale");
      expect(node([script], dir).status).toBe(0);
      expect(node([script, "--check"], dir).status).toBe(0);
      rmSync(join(dir, "src/rules/data/chips.generated.ts"));
      expect(node([script, "--check"], dir).status).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the generated chips are the CSV rows", () => {
    const fromCsv = JSON.parse(
      withGenerator(
        `import("node:fs").then(fs => console.log(JSON.stringify(g.rowsToChips(g.parseCsv(fs.readFileSync(${JSON.stringify(join(ROOT, "src/rules/data/chips.csv"))}, "utf8"))))))`
      )
    );
    expect(CHIPS).toEqual(fromCsv);
  });
});

describe("chips.csv", () => {
  // The shared reference is beside the project in dev and CI; a clone without it skips, and says so.
  const shared = resolve(ROOT, "../shared/reference/chips.csv");
  const haveShared = existsSync(shared);
  (haveShared ? test : test.skip)(
    `holds every chip of the shared reference catalog, with us_origin renamed us_designed${haveShared ? "" : " (SKIPPED, ../shared/reference absent)"}`,
    () => {
      const ours = readFileSync(join(ROOT, "src/rules/data/chips.csv"), "utf8").split("\r\n");
      const theirs = readFileSync(shared, "utf8")
        .split("\r\n")
        .filter((l) => l !== "");
      const ids = new Set(ours.map((l) => l.split(",")[0]));
      for (const line of theirs.slice(1)) expect(ids.has(line.split(",")[0])).toBe(true);
      expect(ours[0]).toBe(
        `${theirs[0].replace(",us_origin,", ",us_designed,")},interconnect_gbs,flags,tpp_disputed`
      );
    }
  );

  test("every source URL reads back whole, as chips.csv gives it (the bundle stores them without https://)", () => {
    const csv = readFileSync(join(__dirname, "../../src/rules/data/chips.csv"), "utf8");
    for (const c of CHIPS)
      for (const u of c.sourceUrls) {
        expect(u).toMatch(/^https:\/\/[a-z0-9.-]+\//i);
        expect(csv).toContain(u);
      }
  });

  test("the chips people ship are in the catalog, each with a source and confidence", () => {
    for (const name of [
      "A40",
      "A30",
      "A10",
      "A2",
      "V100",
      "T4",
      "MI210",
      "MI250",
      "RTX 4080",
      "RTX 4080 SUPER",
      "RTX 5080",
      "Ascend 920",
      "BR100",
      "Maia 100",
      "RTX PRO 6000 Workstation",
      "RTX PRO 6000 Max-Q",
    ]) {
      const c = CHIPS.find((x) => x.aliases.includes(name));
      expect(c).toBeDefined();
      expect(c!.sourceUrls.length).toBeGreaterThan(0);
      expect(["high", "medium", "low"]).toContain(c!.confidence);
    }
    const designedAbroad = CHIPS.filter((c) => !c.usDesigned).map((c) => c.vendor);
    expect(new Set(designedAbroad)).toEqual(new Set(["Huawei", "Biren"]));
    expect(CHIPS.find((c) => c.id === "microsoft-maia-100")?.usDesigned).toBe(true);
  });

  test("RTX PRO 6000 Blackwell: only the Server Edition is a datacenter part", () => {
    const dc = (id: string) => CHIPS.find((c) => c.id === id)?.datacenter;
    expect([
      dc("nvidia-rtx-pro-6000-blackwell"),
      dc("nvidia-rtx-pro-6000-blackwell-workstation"),
      dc("nvidia-rtx-pro-6000-blackwell-max-q"),
    ]).toEqual([true, false, false]);
  });

  test("a disputed figure keeps both values and counts the higher (B300: 56,000 vs 54,000)", () => {
    const b300 = CHIPS.find((c) => c.id === "nvidia-b300")!;
    expect([b300.tpp, b300.tppDisputed]).toEqual([56000, 54000]);
    expect(Math.floor(26_900_000 / b300.tpp!)).toBe(480);
  });

  test("PCIe-only cards carry their host-link figure, below the Oct 2022 line", () => {
    for (const id of ["nvidia-rtx-4090", "nvidia-l40s", "nvidia-l40", "nvidia-rtx-6000-ada"])
      expect(CHIPS.find((c) => c.id === id)?.interconnectGbs).toBe(64);
    expect(CHIPS.find((c) => c.id === "nvidia-b200")?.interconnectGbs).toBe(1800);
  });

  test("confidence and nulls are parsed from the row text", () => {
    const low = CHIPS.find((c) => c.id === "amd-mi308x");
    expect(low).toMatchObject({
      confidence: "low",
      tpp: null,
      dieAreaMm2: null,
      memoryGb: 192,
      flags: ["H20_IS_INFORMED"],
    });
    const h100 = CHIPS.find((c) => c.id === "nvidia-h100-sxm");
    expect(h100).toMatchObject({
      datacenter: true,
      usDesigned: true,
      releaseYear: 2022,
      confidence: "high",
    });
    expect(h100?.sourceUrls.length).toBe(2);
    expect(CHIPS.find((c) => c.id === "huawei-ascend-910c")?.usDesigned).toBe(false);
  });
});

describe("the generator's CSV parser", () => {
  const parse = (text: string) =>
    JSON.parse(withGenerator(`console.log(JSON.stringify(g.parseCsv(${JSON.stringify(text)})))`));
  test("quotes, doubled quotes, commas and line breaks inside quotes, CRLF, BOM", () => {
    expect(parse('\uFEFFa,b\r\n"x, y","say ""hi"""\r\n"multi\nline",\n')).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"'],
      ["multi\nline", ""],
    ]);
    expect(parse("a,b\nc,d")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
  });
  test("rejects malformed input and rows", () => {
    expect(() => parse('a,"open')).toThrow("unterminated");
    const header =
      "id,vendor,name,aliases,release_year,form_factor,dense_tops_fp8,dense_tflops_fp16_bf16,dense_tops_int8,dense_tflops_tf32,dense_tflops_fp64,max_tpp,die_area_mm2,performance_density,memory_gb,memory_bandwidth_gbs,tdp_w,datacenter,us_designed,source_urls,notes,interconnect_gbs,flags,tpp_disputed";
    const row = (over: Record<number, string>) => {
      const cells = [
        "x",
        "V",
        "X",
        "",
        "2024",
        "f",
        "1",
        "1",
        "1",
        "1",
        "1",
        "1",
        "1",
        "1",
        "1",
        "1",
        "1",
        "yes",
        "yes",
        "",
        "[confidence=high]",
        "",
        "",
        "",
      ];
      for (const [i, v] of Object.entries(over)) cells[Number(i)] = v;
      return cells.join(",");
    };
    const toChips = (csv: string) =>
      withGenerator(
        `console.log(JSON.stringify(g.rowsToChips(g.parseCsv(${JSON.stringify(csv)}))))`
      );
    expect(JSON.parse(toChips(`${header}\n${row({})}`))[0]).toMatchObject({
      id: "x",
      tpp: 1,
      interconnectGbs: null,
      flags: [],
    });
    expect(() => toChips(`${header}\n${row({ 11: "abc" })}`)).toThrow("max_tpp is not a number");
    expect(() => toChips(`${header}\n${row({ 17: "maybe" })}`)).toThrow(
      "datacenter must be yes or no"
    );
    expect(() => toChips(`${header}\n${row({ 20: "no tag" })}`)).toThrow("lack [confidence");
    expect(() => toChips(`${header}\n${row({})}\n${row({})}`)).toThrow("duplicate id");
    expect(() => toChips(`${header}\n${row({})},extra`)).toThrow("fields, expected");
    expect(() => toChips(`id,vendor\nx,V`)).toThrow("missing column");
  });
});
