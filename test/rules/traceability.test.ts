// docs/traceability.md (scripts/build-traceability.mjs): the committed table covers every step of
// src/rules and every paragraph issue 17 names, each with a test; and the citations real
// determinations show, split into paragraphs, are rows of it. (The full check against the citations
// the whole suite reaches runs in `npm test`, step "traceability".)
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { RegimeId } from "../../src/rules";
import { det, eccnItem } from "./helpers";

const ROOT = path.join(__dirname, "..", "..");
const table = JSON.parse(fs.readFileSync(path.join(ROOT, "docs", "traceability.json"), "utf8")) as {
  paragraphs: { id: string; anchor: string; steps: string[]; tests: string[] }[];
  steps: string[];
};

/** The paragraphs scripts/lib/citations.mjs reads in each citation (run as the scripts run it). */
function paragraphsOf(cites: string[]): string[][] {
  const r = spawnSync(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `import { paragraphsOf } from ${JSON.stringify(path.join(ROOT, "scripts", "lib", "citations.mjs"))};
       let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () =>
         console.log(JSON.stringify(JSON.parse(s).map((c) => paragraphsOf(c).map((p) => p.id)))));`,
    ],
    { input: JSON.stringify(cites), encoding: "utf8" }
  );
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

test("every step of src/rules and every required paragraph is in the table, each with a test", () => {
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, "scripts", "build-traceability.mjs"), "--static-check"],
    {
      cwd: ROOT,
      encoding: "utf8",
    }
  );
  expect(r.stderr).toBe("");
  expect(r.stdout).toMatch(/^(\d+) paragraphs cited, \1 traced to tests$/m);
  expect(r.status).toBe(0);
});

test("a citation is split into the paragraphs and documents it names", () => {
  expect(
    paragraphsOf([
      "Supp. No. 1 to 15 CFR 740 (eCFR-2026-07-23); 15 CFR 742.6(a)(6)(iii)(A) (744.23(a)(3) in 2023)",
      "15 CFR 734.3(a), 734.4, 734.9",
      "89 FR 23876 (FR doc 2024-07004)",
      "ECCN 3A090, Supp. No. 1 to 15 CFR 774 (88 FR 73458; eCFR-2026-07-23), 3A090.a.1 and Note 2",
    ])
  ).toEqual([
    ["Supp. No. 1 to part 740", "15 CFR 742.6(a)(6)(iii)(A)", "15 CFR 744.23(a)(3)"],
    ["15 CFR 734.3(a)", "15 CFR 734.4", "15 CFR 734.9"],
    ["89 FR 23876"],
    ["Supp. No. 1 to part 774", "88 FR 73458", "ECCN 3A090", "ECCN 3A090.a.1", "ECCN 3A090 Note 2"],
  ]);
});

// Shipments that take the rules down their main paths, in every regime.
const CASES: [
  string,
  string,
  RegimeId,
  string,
  { hq?: string; quantity?: number; shipFrom?: string }?,
][] = [
  ["H100", "CN", "enforced", "2024-06-01"],
  ["H100", "CN", "enforced", "2022-12-01"],
  ["H200", "CN", "enforced", "2026-03-01", { quantity: 100 }],
  ["H100", "AE", "enforced", "2026-09-01"],
  ["H100", "DE", "enforced", "2026-03-01", { hq: "CN" }],
  ["RTX 4090", "CN", "baseline-2023", "2024-06-01"],
  ["H100", "IR", "enforced", "2024-06-01"],
  ["H100", "SY", "enforced", "2025-10-01"],
  ["H100", "AE", "diffusion-2025", "2025-06-01", { quantity: 2000 }],
  ["H100", "DE", "diffusion-2025", "2025-06-01"],
  ["H100", "IN", "proposal-500", "2025-06-01", { quantity: 100 }],
  ["H100", "US", "enforced", "2025-06-01"],
];

const runs = CASES.map(([chip, dest, regime, asOf, o]) => det(chip, dest, regime, asOf, o ?? {}));
let split: string[][][] = [];
beforeAll(() => {
  // One run of the splitter for every citation of every case.
  const cites = runs.map((d) => d.steps.map((s) => s.cite));
  const flat = paragraphsOf(cites.flat());
  split = cites.map((c) => flat.splice(0, c.length));
}, 30000);

test.each(
  CASES.map((c, i): [string, string, string, string, number] => [c[0], c[1], c[2], c[3], i])
)(
  "every citation of %s to %s (%s, %s) has its rows in the table",
  (_chip, _dest, _regime, _asOf, i) => {
    const d = runs[i];
    expect(d.steps.length).toBeGreaterThan(2);
    const ids = new Set(table.paragraphs.map((p) => p.id));
    expect(split[i].flat().filter((id) => !ids.has(id))).toEqual([]);
    // It cites at least one paragraph of the regulation besides the closing step.
    expect(split[i].slice(0, -1).flat().length).toBeGreaterThan(0);
  }
);

test("an ECCN given by the user cites its own paragraph, and the table lists it with the step reading it", () => {
  const d = det(eccnItem("4A090.b"), "CN", "enforced", "2024-06-01");
  expect(d.eccn).toBe("4A090.b");
  expect(d.steps.map((s) => s.cite)).toContain(
    "ECCN 4A090.b, Supp. No. 1 to 15 CFR 774 (user classification)"
  );
  const row = table.paragraphs.find((p) => p.id === "ECCN 4A090.b");
  expect(row?.steps).toContain("src/rules/eccn.ts › classifyEccn");
  expect(row?.tests.length).toBeGreaterThan(0);
});
