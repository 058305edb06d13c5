// `npm test`: everything that proves the add-in, in the order that fails fastest, with one closing
// line that counts every test: build, manifest validation, lint, jest (rules with coverage,
// functions over the built bundle, task pane, engine, CLI), node:test suites (browser, scripts),
// and the shared golden cases when ../shared is present.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, "test-output");
fs.mkdirSync(out, { recursive: true });
const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
const problems = [];

function run(label, command, args, { count } = {}) {
  if (only.length && !only.includes(label)) return;
  console.log(`\n=== ${label}: ${command} ${args.join(" ")}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, FORCE_COLOR: "0" } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const counted = count ? count() : null;
  if (counted) {
    passed += counted.passed;
    failed += counted.failed;
  }
  if (result.status !== 0) {
    problems.push(`${label} (exit ${result.status})`);
    if (!counted || counted.failed === 0) failed += 1;
  }
  console.log(`=== ${label}: ${result.status === 0 ? "ok" : "FAILED"} in ${seconds} s${counted ? ` (${counted.passed} passed, ${counted.failed} failed)` : ""}`);
}

const npx = (bin) => path.join(root, "node_modules", ".bin", bin);

run("build", "npm", ["run", "-s", "build"]);
run("validate", "npm", ["run", "-s", "validate"]);
run("lint", "npm", ["run", "-s", "lint"]);

const jestJson = path.join(out, "jest.json");
fs.rmSync(jestJson, { force: true });
run("jest", npx("jest"), ["--ci", "--coverage", "--json", `--outputFile=${jestJson}`], {
  count: () => {
    if (!fs.existsSync(jestJson)) return null;
    const r = JSON.parse(fs.readFileSync(jestJson, "utf8"));
    return { passed: r.numPassedTests, failed: r.numFailedTests };
  },
});

const tap = path.join(out, "node-tests.tap");
fs.rmSync(tap, { force: true });
const nodeSuites = ["test/e2e", "test/scripts", "test/cli"].filter((d) => fs.existsSync(path.join(root, d)));
const nodeFiles = nodeSuites.flatMap((d) =>
  fs.readdirSync(path.join(root, d)).filter((f) => /\.test\.mjs$/.test(f)).map((f) => path.join(d, f))
);
if (nodeFiles.length) {
  run("node-tests", process.execPath, ["--test", "--test-concurrency=1", "--test-reporter=spec", "--test-reporter-destination=stdout", "--test-reporter=tap", `--test-reporter-destination=${tap}`, ...nodeFiles], {
    count: () => {
      if (!fs.existsSync(tap)) return null;
      const text = fs.readFileSync(tap, "utf8");
      const num = (k) => Number((text.match(new RegExp(`^# ${k} (\\d+)`, "m")) || [0, 0])[1]);
      return { passed: num("pass"), failed: num("fail") };
    },
  });
}

const golden = path.join(root, "..", "shared", "tools", "golden.mjs");
if (fs.existsSync(golden)) {
  const log = path.join(out, "golden.txt");
  if (!only.length || only.includes("golden")) {
    console.log(`\n=== golden: node ${path.relative(root, golden)}`);
    const r = spawnSync(process.execPath, [golden, path.join(root, "..", "shared", "golden", "cases.json"), "dist"], { cwd: root, encoding: "utf8" });
    fs.writeFileSync(log, (r.stdout || "") + (r.stderr || ""));
    const last = (r.stdout || "").trim().split("\n").pop() || "";
    const m = last.match(/(\d+) passed, (\d+) failed/);
    console.log((r.stdout || "").split("\n").filter((l) => l.startsWith("FAIL") || l.startsWith("not registered")).join("\n"));
    console.log(`=== golden (shared runner): ${last}`);
    if (m) {
      passed += Number(m[1]);
      failed += Number(m[2]);
    }
    if (r.status !== 0) {
      problems.push("golden");
      if (!m) failed += 1;
    }
  }
}

console.log(problems.length ? `\nFailed steps: ${problems.join(", ")}` : "\nAll steps passed.");
console.log(`Total: ${passed} passed, ${failed} failed`);
process.exit(problems.length ? 1 : 0);
