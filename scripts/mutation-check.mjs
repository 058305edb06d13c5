// `node scripts/mutation-check.mjs [name...]`: proves the rules tests can fail. Each mutation plants
// one plausible slip in the rules data or logic (the LPP comparison, a D:5 member, an effective date),
// regenerates the stamped catalog (as a developer would after editing rules data, so the data-hash
// test cannot be what notices), runs the tests that cover it, reports which fail, and restores the
// files whatever happens.
// A mutation no test notices ("SURVIVED") means a check is missing: exit 1.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const RULES_TESTS = ["test/rules", "test/functions/golden.test.ts"];
const GENERATED = path.join(root, "src/rules/data/chips.generated.ts");

/** file: relative to the project; find: must occur exactly once; replace: the slip. */
const MUTATIONS = [
  {
    name: "lpp-strict",
    what: "License Exception LPP: cumulative <= 26,900,000 flipped to < (15 CFR 740.29 allows 'up to')",
    file: "src/rules/regimes/diffusion-2025.ts",
    find: "(x.priorTpp + x.totalTpp <= lpp.value ? WITHIN_ALLOWANCE : 0) |",
    replace: "(x.priorTpp + x.totalTpp < lpp.value ? WITHIN_ALLOWANCE : 0) |",
  },
  {
    name: "d5-drop-zw",
    what: "Country Group D:5 without Zimbabwe (Supp. No. 1 to part 740 lists ZW)",
    file: "src/rules/data/country-groups.ts",
    find: '"AF BY MM CF CN CD CU ER HT IR IQ KP LB LY RU SO SS SD SY VE ZW"',
    replace: '"AF BY MM CF CN CD CU ER HT IR IQ KP LB LY RU SO SS SD SY VE"',
  },
  {
    name: "acs-date+1",
    what: "AC/S IFR (88 FR 73458) effective 2023-11-18 instead of 2023-11-17",
    file: "src/rules/data/milestones.ts",
    find: 'date: "2023-11-17",',
    replace: 'date: "2023-11-18",',
  },
  {
    name: "ru-embargo-date+1",
    what: "Russia sanctions (15 CFR 746.8) from 2022-02-25 instead of 2022-02-24",
    file: "src/rules/data/country-groups.ts",
    find: 'from: "2022-02-24",',
    replace: 'from: "2022-02-25",',
  },
];

const wanted = process.argv.slice(2);
const chosen = wanted.length ? MUTATIONS.filter((m) => wanted.includes(m.name)) : MUTATIONS;
const jest = path.join(root, "node_modules", ".bin", "jest");
const results = [];
let restoreNow = null;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    restoreNow?.();
    process.exit(130);
  });
}

for (const m of chosen) {
  const file = path.join(root, m.file);
  const original = fs.readFileSync(file, "utf8");
  const hits = original.split(m.find).length - 1;
  if (hits !== 1) {
    console.log(
      `${m.name}: CANNOT APPLY (${hits} matches of ${JSON.stringify(m.find)} in ${m.file}; update the mutation)`
    );
    results.push({ ...m, outcome: "not applied" });
    continue;
  }
  const report = path.join(os.tmpdir(), `exportctl-mutation-${process.pid}-${m.name}.json`);
  const generated = fs.readFileSync(GENERATED, "utf8");
  const restore = () => {
    fs.writeFileSync(file, original);
    fs.writeFileSync(GENERATED, generated);
  };
  restoreNow = restore;
  try {
    fs.writeFileSync(file, original.replace(m.find, m.replace));
    const gen = spawnSync(process.execPath, [path.join(root, "scripts", "generate-catalog.mjs")], {
      cwd: root,
      encoding: "utf8",
    });
    if (gen.status !== 0) throw new Error(`npm run catalog failed on the mutant: ${gen.stderr}`);
    console.log(`\n--- ${m.name}: ${m.what}\n    ${m.file}: ${m.find}  ->  ${m.replace}`);
    const started = Date.now();
    spawnSync(
      jest,
      [
        ...RULES_TESTS,
        "--ci",
        "--coverage=false",
        "--maxWorkers=1",
        "--json",
        `--outputFile=${report}`,
      ],
      {
        cwd: root,
        stdio: ["ignore", "ignore", "ignore"],
      }
    );
    const r = fs.existsSync(report) ? JSON.parse(fs.readFileSync(report, "utf8")) : null;
    const failing = r
      ? r.testResults.flatMap((s) =>
          s.assertionResults
            .filter((a) => a.status === "failed")
            .map((a) => `${path.relative(root, s.name)}: ${a.fullName}`)
        )
      : [];
    const broken = r
      ? r.testResults
          .filter((s) => s.status === "failed" && s.assertionResults.length === 0)
          .map((s) => path.relative(root, s.name))
      : [];
    const killed = failing.length > 0 || broken.length > 0;
    console.log(
      `    ${killed ? "KILLED" : "SURVIVED"}: ${failing.length} of ${r ? r.numTotalTests : "?"} tests fail (${((Date.now() - started) / 1000).toFixed(0)} s)`
    );
    for (const f of failing.slice(0, 6)) console.log(`      x ${f}`);
    if (failing.length > 6) console.log(`      ... and ${failing.length - 6} more`);
    for (const b of broken) console.log(`      x ${b} (suite failed to run)`);
    results.push({ ...m, outcome: killed ? "killed" : "survived" });
  } finally {
    restore();
    restoreNow = null;
    fs.rmSync(report, { force: true });
  }
  if (
    fs.readFileSync(file, "utf8") !== original ||
    fs.readFileSync(GENERATED, "utf8") !== generated
  )
    throw new Error(`${m.file} not restored`);
}

const survived = results.filter((r) => r.outcome !== "killed");
console.log(
  `\n${results.length - survived.length} of ${results.length} mutations killed${survived.length ? `; not killed: ${survived.map((r) => `${r.name} (${r.outcome})`).join(", ")}` : ""}; sources restored.`
);
process.exit(survived.length ? 1 : 0);
