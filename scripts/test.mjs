// `npm test`: everything that proves the add-in, in the order that fails fastest: build, manifest
// validation, lint, jest (rules with coverage, functions in-process and over the built bundle, task
// pane, engine, CLI), node:test suites (browser, scripts), and the shared golden runner.
//
// The closing summary counts distinct checks: a golden case (test/golden/*.json) counts once however
// many layers run it (rules, functions, bundle, shared runner); the layers are reported as
// "golden via functions: 58/58" lines. Every skipped test and every step that did not run is named,
// and counted as skipped. The last line is "Total: N passed, N failed, N skipped", followed, when
// anything was skipped or not run, by what and why.
//
//   node scripts/test.mjs [step...] [-- jest-path...]   only those steps (build validate lint jest
//   traceability node-tests golden); paths after -- narrow jest to those files (without coverage, whose
//   threshold is for the whole suite)
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, "test-output");
fs.mkdirSync(out, { recursive: true });
const STEPS = ["build", "validate", "lint", "jest", "traceability", "node-tests", "golden"];
const dashes = process.argv.indexOf("--");
const only = process.argv.slice(2, dashes < 0 ? undefined : dashes);
const jestPaths = dashes < 0 ? [] : process.argv.slice(dashes + 1);
const unknown = only.filter((s) => !STEPS.includes(s));
if (unknown.length) {
  console.error(`unknown step ${unknown.join(", ")}; steps: ${STEPS.join(" ")}`);
  process.exit(2);
}
const shared = path.resolve(root, "..", "shared");
const sharedNote = `${path.relative(root, shared)} absent`;

/** @typedef {{ label: string, status: "ok" | "FAILED" | "SKIPPED" | "not selected", passed: number, failed: number, skipped: number, notes: string[], seconds?: number }} Step */
/** @type {Step[]} */
const steps = [];
/** Golden case key ("cases.json:h100-ae") -> layer -> "passed" | "failed" | "skipped". */
const golden = new Map();
const GOLDEN_TITLE = /^golden (\S+?):(\S+) via (.+)$/;
const layers = ["rules", "functions", "bundle", "shared runner"];

function goldenResult(key, layer, status) {
  if (!golden.has(key)) golden.set(key, new Map());
  const seen = golden.get(key).get(layer);
  // One title per layer and case; a repeat (a second run of the same layer) keeps the worse.
  if (seen !== "failed") golden.get(key).set(layer, status);
}

function step(label, fn) {
  if (only.length && !only.includes(label)) {
    steps.push({ label, status: "not selected", passed: 0, failed: 0, skipped: 0, notes: [] });
    return;
  }
  const s = { label, status: "ok", passed: 0, failed: 0, skipped: 0, notes: [] };
  steps.push(s);
  const started = Date.now();
  fn(s);
  s.seconds = (Date.now() - started) / 1000;
  const counts =
    s.passed + s.failed + s.skipped
      ? ` (${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped)`
      : "";
  console.log(`=== ${label}: ${s.status} in ${s.seconds.toFixed(1)} s${counts}`);
}

/** Runs a command; a non-zero exit fails the step (and counts one failure if nothing else did). */
function exec(s, command, args, { capture = false } = {}) {
  console.log(`\n=== ${s.label}: ${path.basename(command)} ${args.join(" ")}`);
  const r = spawnSync(command, args, {
    cwd: root,
    stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit",
    encoding: "utf8",
    env: { ...process.env, FORCE_COLOR: "0" },
    maxBuffer: 256 * 1024 * 1024,
  });
  if (capture) process.stdout.write((r.stdout || "") + (r.stderr || ""));
  return r;
}

function failIfExit(s, r, counted) {
  if (r.status === 0) return;
  s.status = "FAILED";
  if (!counted) s.failed += 1;
  s.notes.push(`exit ${r.status ?? r.signal}`);
}

const npx = (bin) => path.join(root, "node_modules", ".bin", bin);
const traceDir = path.join(out, "trace");
let traced = false;

step("build", (s) => failIfExit(s, exec(s, "npm", ["run", "-s", "build"])));

step("validate", (s) => {
  const r = exec(s, "npm", ["run", "-s", "validate"], { capture: true });
  const text = (r.stdout || "") + (r.stderr || "");
  s.passed = (text.match(/^OK /gm) || []).length;
  s.failed = (text.match(/^FAIL /gm) || []).length;
  if (/XSD validation skipped/.test(text)) {
    s.skipped += 1;
    s.notes.push(
      `XSD validation SKIPPED, ${path.relative(root, path.join(shared, "schemas"))} absent`
    );
  }
  failIfExit(s, r, s.failed > 0);
});

step("lint", (s) => failIfExit(s, exec(s, "npm", ["run", "-s", "lint"])));

step("jest", (s) => {
  const json = path.join(out, "jest.json");
  fs.rmSync(json, { force: true });
  const coverage = jestPaths.length ? ["--coverage=false", ...jestPaths] : ["--coverage"];
  if (jestPaths.length) s.notes.push(`narrowed to ${jestPaths.join(" ")}`);
  // The whole suite records the citations its tests reach, for the traceability step.
  fs.rmSync(traceDir, { recursive: true, force: true });
  if (!jestPaths.length) {
    process.env.EXPORTCTL_TRACE = traceDir;
    traced = true;
  }
  const r = exec(s, npx("jest"), ["--ci", ...coverage, "--json", `--outputFile=${json}`]);
  delete process.env.EXPORTCTL_TRACE;
  if (fs.existsSync(json)) {
    const report = JSON.parse(fs.readFileSync(json, "utf8"));
    for (const suite of report.testResults) {
      const file = path.relative(root, suite.name);
      if (suite.assertionResults.length === 0 && suite.status === "failed") {
        s.failed += 1;
        s.notes.push(
          `${file} did not run: ${(suite.message || "").split("\n").find((l) => l.trim()) || "suite failed"}`
        );
      }
      for (const a of suite.assertionResults) {
        const status =
          a.status === "passed" ? "passed" : a.status === "failed" ? "failed" : "skipped";
        const g = a.title.match(GOLDEN_TITLE);
        if (g) {
          goldenResult(`${g[1]}:${g[2]}`, g[3], status);
          continue;
        }
        s[status] += 1;
        if (status === "skipped") s.notes.push(`skipped: ${file}: ${a.fullName}`);
      }
    }
  }
  failIfExit(
    s,
    r,
    s.failed > 0 || [...golden.values()].some((m) => [...m.values()].includes("failed"))
  );
});

// docs/traceability.md against the citations the jest run reached: stale table, a cited paragraph no
// test reaches, a step missing from the table, a required paragraph absent. Without a whole jest run
// (not selected, or narrowed), only the committed table is checked against the code.
step("traceability", (s) => {
  const full = traced && fs.existsSync(traceDir) && fs.readdirSync(traceDir).length > 0;
  const args = full ? ["--check", traceDir] : ["--static-check"];
  if (!full) s.notes.push("no whole jest run: the committed table checked against the code only");
  const r = exec(s, process.execPath, [path.join("scripts", "build-traceability.mjs"), ...args], {
    capture: true,
  });
  const text = (r.stdout || "") + (r.stderr || "");
  const line = text.match(/^(\d+) paragraphs cited, (\d+) traced to tests$/m);
  if (line) s.notes.unshift(line[0]);
  const problems = text
    .split("\n")
    .filter((l) => /^(cited but|step not|required|no test|docs\/traceability)/.test(l));
  s.failed = problems.length;
  s.passed = r.status === 0 ? 1 : 0;
  s.notes.push(...problems);
  failIfExit(s, r, problems.length > 0);
});

step("node-tests", (s) => {
  const suites = ["test/e2e", "test/scripts", "test/cli"].filter((d) =>
    fs.existsSync(path.join(root, d))
  );
  const files = suites.flatMap((d) =>
    fs
      .readdirSync(path.join(root, d))
      .filter((f) => /\.test\.mjs$/.test(f))
      .map((f) => path.join(d, f))
  );
  if (!files.length) {
    s.status = "SKIPPED";
    s.notes.push("no node:test files");
    return;
  }
  const tap = path.join(out, "node-tests.tap");
  fs.rmSync(tap, { force: true });
  const r = exec(s, process.execPath, [
    "--test",
    "--test-concurrency=1",
    "--test-reporter=spec",
    "--test-reporter-destination=stdout",
    "--test-reporter=tap",
    `--test-reporter-destination=${tap}`,
    ...files,
  ]);
  if (fs.existsSync(tap)) {
    const text = fs.readFileSync(tap, "utf8");
    const num = (k) => Number((text.match(new RegExp(`^# ${k} (\\d+)`, "m")) || [0, 0])[1]);
    s.passed = num("pass");
    s.failed = num("fail") + num("cancelled");
    s.skipped = num("skipped") + num("todo");
    for (const m of text.matchAll(/^\s*ok \d+ - (.*?) # SKIP ?(.*)$/gm))
      s.notes.push(`skipped: ${m[1]}${m[2] ? ` (${m[2]})` : ""}`);
  }
  failIfExit(s, r, s.failed > 0);
});

step("golden", (s) => {
  const runner = path.join(shared, "tools", "golden.mjs");
  const casesFile = path.join(shared, "golden", "cases.json");
  if (!fs.existsSync(runner) || !fs.existsSync(casesFile)) {
    s.status = "SKIPPED";
    s.skipped = 1;
    s.notes.push(`golden: SKIPPED, ${sharedNote}`);
    return;
  }
  const r = exec(s, process.execPath, [runner, casesFile, "dist"], { capture: true });
  fs.writeFileSync(path.join(out, "golden.txt"), (r.stdout || "") + (r.stderr || ""));
  const failedIds = new Set([...(r.stdout || "").matchAll(/^FAIL (\S+?):/gm)].map((m) => m[1]));
  const last = (r.stdout || "").trim().split("\n").pop() || "";
  if (!/^\d+ passed, \d+ failed$/.test(last)) {
    s.failed += 1;
    s.notes.push(`the shared runner did not finish: ${last.slice(0, 200)}`);
  } else {
    for (const c of JSON.parse(fs.readFileSync(casesFile, "utf8")).cases) {
      goldenResult(
        `cases.json:${c.id}`,
        "shared runner",
        failedIds.has(c.id) ? "failed" : "passed"
      );
    }
  }
  failIfExit(s, r, true);
  if (r.status !== 0 && !failedIds.size && !s.failed) s.failed += 1;
});

// ---- the closing summary ------------------------------------------------------------------------
const verdicts = { passed: 0, failed: 0, skipped: 0 };
const byFile = new Map();
for (const [key, results] of golden) {
  const states = [...results.values()];
  const v = states.includes("failed") ? "failed" : states.includes("passed") ? "passed" : "skipped";
  verdicts[v] += 1;
  const file = key.slice(0, key.indexOf(":"));
  byFile.set(file, (byFile.get(file) ?? 0) + 1);
}

console.log("\n==== Summary: distinct checks; each golden case counted once across its layers");
for (const s of steps) {
  const counts =
    s.status === "not selected"
      ? ""
      : `${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped`;
  console.log(`  ${s.label.padEnd(12)} ${s.status.padEnd(13)} ${counts}`);
  for (const n of s.notes.slice(0, 20)) console.log(`      ${n}`);
  if (s.notes.length > 20) console.log(`      ... and ${s.notes.length - 20} more`);
}
const goldenRan = golden.size > 0;
if (goldenRan) {
  const files = [...byFile].map(([f, n]) => `${f} ${n}`).join(", ");
  console.log(
    `  golden cases: ${golden.size} distinct (${files}): ${verdicts.passed} passed, ${verdicts.failed} failed, ${verdicts.skipped} skipped`
  );
  for (const layer of [
    ...layers,
    ...new Set([...golden.values()].flatMap((m) => [...m.keys()])),
  ].filter((l, i, a) => a.indexOf(l) === i)) {
    const at = [...golden].filter(([, m]) => m.has(layer));
    const sharedStep = steps.find((s) => s.label === "golden");
    if (!at.length) {
      if (layer === "shared runner" && sharedStep?.status === "SKIPPED")
        console.log(`    golden via shared runner: SKIPPED, ${sharedNote}`);
      else if (layer === "shared runner" && sharedStep?.status === "not selected")
        console.log("    golden via shared runner: not selected");
      continue;
    }
    const ok = at.filter(([, m]) => m.get(layer) === "passed").length;
    const bad = at.filter(([, m]) => m.get(layer) === "failed").map(([k]) => k);
    console.log(
      `    golden via ${layer}: ${ok}/${at.length}${bad.length ? `; failing: ${bad.slice(0, 10).join(", ")}${bad.length > 10 ? ", ..." : ""}` : ""}`
    );
  }
}

const total = { passed: verdicts.passed, failed: verdicts.failed, skipped: verdicts.skipped };
for (const s of steps) for (const k of ["passed", "failed", "skipped"]) total[k] += s[k];
const failedSteps = steps.filter((s) => s.status === "FAILED").map((s) => s.label);
const notRun = [];
for (const s of steps) {
  if (s.status === "not selected") notRun.push(`${s.label}: not selected`);
  else if (s.status === "SKIPPED") notRun.push(s.notes[0] ?? `${s.label}: SKIPPED`);
  else if (s.skipped)
    notRun.push(
      `${s.label}: ${s.skipped} skipped${
        s.notes.some((n) => /SKIPPED|absent/.test(n))
          ? ` (${s.notes
              .filter((n) => /SKIPPED|absent/.test(n))
              .map((n) => n.replace(/^skipped: /, ""))
              .join("; ")})`
          : ""
      }`
    );
}
if (
  jestPaths.length &&
  only.includes("jest") !== false &&
  steps.some((s) => s.label === "jest" && s.status !== "not selected")
)
  notRun.push(`jest: only ${jestPaths.join(" ")}`);
if (verdicts.skipped) notRun.push(`golden cases: ${verdicts.skipped} skipped at every layer`);
console.log(
  failedSteps.length
    ? `\nFailed steps: ${failedSteps.join(", ")}`
    : `\nNo step failed${notRun.length ? "; not everything ran (see below)" : ""}.`
);
console.log(
  `Total: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped${notRun.length ? `; not run: ${notRun.join("; ")}` : ""}`
);
process.exit(failedSteps.length || total.failed ? 1 : 0);
