// `npm run bench`: the performance budgets of DESIGN §6, measured in one run on the built bundle
// loaded as Excel's shared runtime loads it (dist/taskpane.html in jsdom). Not a test: it prints
// each figure with its target and PASS/MISS, and exits 0 either way.
//
// "cold" = a fresh add-in page for every repetition (empty memos and caches, as after opening a
// workbook), timed on its first call; "warm" = the same call again on that page. Each figure is the
// median of --reps repetitions (default 5; the CLI's whole-process runs and the 1,000,000-row call:
// at most 3), each on its own seeded table (the 1,000,000-row call: one table, a fresh page each).
// Sections: (a) broadcast with the bare lookup loop it is measured against, (a2) EXPLAIN, (b) one
// call per cell, (b2) a whole-column call, (c) LEDGER, (d) load, (e) bundle sizes, (f) the CLI,
// (g) 1,000,000-row calls with their peak memory (run in a child process started with
// --expose-gc, so the peak is theirs), (h) screening;
// add a figure with report(label, value, target, pass). Every time is printed beside the bare loop
// of this run (section (a), 100,000 rows): the machine is shared, so only ratios travel.
//
//   node scripts/bench.mjs [--only=broadcast,explain,percell,wholecolumn,ledger,load,size,cli,million,screen] [--dist=DIR] [--reps=N]
//
// --dist points at another build (e.g. a development build for readable --cpu-prof profiles):
//   npx webpack --mode development --output-path /tmp/exportctl-dev
//   node --cpu-prof --cpu-prof-dir=/tmp/prof scripts/bench.mjs --dist=/tmp/exportctl-dev --only=broadcast
//   node scripts/lib/cpuprofile-top.mjs /tmp/prof/*.cpuprofile
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import v8 from "node:v8";
import zlib from "node:zlib";
import { ROOT, loadAddin, setDist, DIST as DEFAULT_DIST } from "./lib/addin-loader.mjs";
import {
  CHIPS,
  COUNTRIES,
  isoOfSerial,
  shipmentCsv,
  shipmentTable,
} from "./lib/shipment-table.mjs";

const argv = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(a);
    return m ? [m[1], m[2] ?? "true"] : [a, "true"];
  })
);
const only = argv.only ? new Set(argv.only.split(",")) : null;
const want = (section) => !only || only.has(section);
const REPS = Number(argv.reps ?? 5);
const ROWS = 100_000;
const dist = argv.dist ? path.resolve(argv.dist) : DEFAULT_DIST;
setDist(dist);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;
const results = [];
/** The bare loop's median over section (a)'s 100,000 rows, once measured: printed beside every time. */
let bareMs = null;
const bareNote = () => (bareMs === null ? "" : `[bare loop 100k: ${bareMs.toFixed(1)} ms]`);
function report(label, value, target, pass, extra = "") {
  results.push({ label, pass });
  if (/ ms$| s$| µs$/.test(value) && bareMs !== null) extra = `${extra} ${bareNote()}`.trim();
  const verdict = pass === null ? "INFO" : pass ? "PASS" : "MISS";
  console.log(
    `  ${verdict.padEnd(4)}  ${label.padEnd(44)} ${value.padStart(14)}   target: ${target}${extra ? `   ${extra}` : ""}`
  );
}
function time(fn) {
  const t0 = performance.now();
  const out = fn();
  return [performance.now() - t0, out];
}

async function timeAsync(fn) {
  const t0 = performance.now();
  const out = await fn();
  return [performance.now() - t0, out];
}
function lcg(seed) {
  let x = seed;
  return () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}
// Names are words of 2-3 syllables from about 500 (onset x vowel x coda), a vocabulary as varied as
// the CSL's mix of Chinese, Russian, Persian, Arabic and English names.
const SYLLABLES = [];
for (const onset of ["", "b", "ch", "d", "f", "g", "h", "k", "kh", "l", "m", "n", "p", "r", "s", "sh", "t", "v", "y", "z", "zh"])
  for (const vowel of ["a", "e", "i", "o", "u", "ia", "ua", "ai"])
    for (const coda of ["", "n", "ng", "r"]) SYLLABLES.push(onset + vowel + coda);
function word(rnd) {
  let w = "";
  for (let k = 2 + Math.floor(rnd() * 2); k > 0; k--) w += SYLLABLES[Math.floor(rnd() * SYLLABLES.length)];
  return w[0].toUpperCase() + w.slice(1);
}
/** A CSL-layout CSV of n fictional entries (names of 2-4 generated words, some alternate names). */
function generatedCsl(n, seed) {
  const rnd = lcg(seed);
  const cols = "_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,ids";
  const sources = ["Entity List (EL) - Bureau of Industry and Security", "Specially Designated Nationals (SDN) - Treasury Department", "Denied Persons List (DPL) - Bureau of Industry and Security", "Unverified List (UVL) - Bureau of Industry and Security"];
  const countries = ["CN", "RU", "IR", "AE", "HK", "TR", "SG", "PK", "BY", "KP"];
  const lines = [cols];
  const names = [];
  for (let i = 0; i < n; i++) {
    const words = [];
    for (let k = 2 + Math.floor(rnd() * 3); k > 0; k--) words.push(word(rnd));
    const name = `${words.join(" ")} ${["Co., Ltd.", "LLC", "Technology Co., Ltd.", "Trading Limited", "GmbH", ""][i % 6]}`.trim();
    names.push(name);
    const alt = rnd() < 0.4 ? `${words[0]} ${word(rnd)}; ${words.slice().reverse().join(" ")}` : "";
    const country = countries[Math.floor(rnd() * countries.length)];
    const row = [`gen-${i}`, sources[i % 4], "", "Entity", "", `"${name}"`, "", `"${i} Generated Road, City, , , ${country}"`, `${85 + (i % 6)} FR ${10000 + i}`, "2024-01-01", "", "", i % 4 === 0 ? "For all items subject to the EAR." : "", "", "", "", "", "", "", "", "", "", `"${alt}"`, "", "", "", "", "", ""];
    lines.push(row.join(","));
  }
  return { text: lines.join("\n") + "\n", names };
}

// ---------------------------------------------------------------------------------------------
console.log(
  `EXPORTCTL bench: node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), ${ROWS.toLocaleString("en-US")} rows, median of ${REPS}`
);

if (!fs.existsSync(path.join(dist, "functions.json"))) {
  if (argv.dist) throw new Error(`${dist} has no functions.json`);
  console.log("dist/ is missing: running npm run build ...");
  const b = spawnSync("npm", ["run", "-s", "build"], { cwd: ROOT, stdio: "inherit" });
  if (b.status !== 0) {
    console.error("npm run build failed; cannot bench");
    process.exit(1);
  }
}
console.log(
  `bundle: ${path.relative(ROOT, dist) || dist} (functions.js written ${fs.statSync(path.join(dist, "functions.js")).mtime.toISOString()})`
);

const FUNCTION_COUNT = JSON.parse(fs.readFileSync(path.join(dist, "functions.json"), "utf8"))
  .functions.length;

/**
 * The floor: a loop over the same rows that does only lookups, on inputs resolved by the product
 * itself, never by rules of its own. Per row: the chip text's TPP (the product's TPP), the
 * allowance in force for the row's regime and date (the product's LPP_REMAINING with nothing
 * prior), the side of that allowance the row's TPP falls on, and the verdict for the row's texts,
 * regime, date and side from a table of the product's answers (one REQUIRES_LICENSE call per
 * distinct key, made on a separate fresh add-in so the timed product runs gain nothing from it).
 * The loop's output is then compared with the product's on every row: agreement shows it did the
 * same lookups; a difference would mean the product reads something the key leaves out.
 */
async function bareLoopFor(t) {
  const helper = await loadAddin();
  try {
    const c = t.columns;
    const n = c.chip.length;
    // Each column's distinct values get small ids, so a row's key is one number.
    const idsOf = (col) => {
      const ids = new Map();
      for (const [v] of col) if (!ids.has(v)) ids.set(v, ids.size);
      return ids;
    };
    const [chipIds, destIds, hqIds, regimeIds, dateIds] = [
      c.chip,
      c.destination,
      c.hq,
      c.regime,
      c.date,
    ].map(idsOf);
    const [nDest, nHq, nRegime, nDate] = [destIds, hqIds, regimeIds, dateIds].map((m) => m.size);
    const tpp = new Float64Array(chipIds.size);
    for (const [chip, id] of chipIds) {
      const v = helper.call("TPP", chip)[0][0];
      tpp[id] = typeof v === "number" ? v : NaN;
    }
    const allowance = new Float64Array(nRegime * nDate);
    const regimes = [...regimeIds.keys()];
    const dates = [...dateIds.keys()];
    const remaining = helper.fn("LPP_REMAINING")(
      regimes.flatMap(() => dates.map(() => [0])),
      regimes.flatMap((r) => dates.map(() => [r])),
      regimes.flatMap(() => dates.map((d) => [d]))
    );
    remaining.forEach(([v], i) => (allowance[i] = typeof v === "number" ? v : NaN));
    const keyOf = (i) => {
      const chip = chipIds.get(c.chip[i][0]);
      const regime = regimeIds.get(c.regime[i][0]);
      const date = dateIds.get(c.date[i][0]);
      const limit = allowance[regime * nDate + date];
      const x = tpp[chip];
      const side =
        x !== x || limit !== limit ? 0 : c.quantity[i][0] * x + c.prior[i][0] <= limit ? 1 : 2;
      return (
        ((((chip * nDest + destIds.get(c.destination[i][0])) * nHq + hqIds.get(c.hq[i][0])) *
          nRegime +
          regime) *
          nDate +
          date) *
          3 +
        side
      );
    };
    // One representative row per distinct key; the product answers them in one broadcast call.
    const firstRow = new Map();
    for (let i = 0; i < n; i++) {
      const k = keyOf(i);
      if (!firstRow.has(k)) firstRow.set(k, i);
    }
    const reps = [...firstRow.values()];
    const pick = (col) => reps.map((i) => col[i]);
    const answers = helper.fn("REQUIRES_LICENSE")(
      pick(c.chip),
      pick(c.destination),
      pick(c.quantity),
      pick(c.hq),
      pick(c.regime),
      pick(c.date),
      pick(c.prior)
    );
    const verdict = new Map();
    [...firstRow.keys()].forEach((k, j) => verdict.set(k, answers[j][0]));
    const loop = () => {
      const out = new Array(n);
      for (let i = 0; i < n; i++) out[i] = [verdict.get(keyOf(i))];
      return out;
    };
    return { loop, keys: verdict.size };
  } finally {
    helper.close();
  }
}

/** Rows where two outputs differ (errors compare by code and message). */
function differences(a, b) {
  const same = (x, y) =>
    x === y ||
    (x &&
      y &&
      typeof x === "object" &&
      typeof y === "object" &&
      x.code === y.code &&
      x.message === y.message);
  const diff = [];
  for (let i = 0; i < a.length; i++) if (!same(a[i][0], b[i][0])) diff.push(i);
  return diff;
}

function broadcastCall(fn, t) {
  const c = t.columns;
  return fn(c.chip, c.destination, c.quantity, c.hq, c.regime, c.date, c.prior);
}

function tally(out) {
  let yes = 0;
  let no = 0;
  let err = 0;
  for (const [v] of out) {
    if (v === true) yes++;
    else if (v === false) no++;
    else err++;
  }
  return { yes, no, err };
}

/** A fresh add-in page: empty memos and caches, as Excel's runtime after opening the workbook. */
async function fresh() {
  const a = await loadAddin();
  if (a.pageErrors.length)
    console.log(`page errors while loading:\n  ${a.pageErrors.slice(0, 3).join("\n  ")}`);
  return a;
}

// (a) ------------------------------------------------------------------------------------------
if (want("broadcast")) {
  console.log(
    `\n(a) one broadcast REQUIRES_LICENSE call over ${ROWS.toLocaleString("en-US")} rows (${CHIPS.length} chips x ${COUNTRIES.length} destinations x quantities x HQs x dates 2022-2026 x 4 regimes, 7 column ranges)`
  );
  console.log(
    "        cold: a fresh add-in page per repetition (empty caches), its first call on a new table"
  );
  console.log(
    "        warm: the same table again on that page (its memos hold every row's decision)"
  );
  const cold = [];
  const warm = [];
  const bare = [];
  let shape = null;
  let keys = 0;
  const mismatches = [];
  for (let rep = 0; rep < REPS; rep++) {
    const t = shipmentTable(ROWS, 1000 + rep);
    const { loop, keys: k } = await bareLoopFor(t);
    keys = k;
    loop(); // the bare loop's own JIT warm-up: it is the floor, so it gets its best case
    const page = await fresh();
    const requiresLicense = page.fn("REQUIRES_LICENSE");
    const [tCold, out] = time(() => broadcastCall(requiresLicense, t));
    const [tWarm, again] = time(() => broadcastCall(requiresLicense, t));
    page.close();
    const [tBare, outBare] = time(loop);
    mismatches.push(differences(out, outBare).length, differences(out, again).length);
    cold.push(tCold);
    warm.push(tWarm);
    bare.push(tBare);
    shape = { rows: out.length, cols: out[0].length, ...tally(out) };
  }
  const c = median(cold);
  const w = median(warm);
  const b = median(bare);
  bareMs = b;
  console.log(
    `        result: ${shape.rows} x ${shape.cols}; TRUE ${shape.yes}, FALSE ${shape.no}, error cells ${shape.err}; ${keys.toLocaleString("en-US")} distinct verdict keys in the last table`
  );
  const disagree = mismatches.reduce((x, y) => x + y, 0);
  console.log(
    `        bare loop vs product, warm vs cold: ${disagree === 0 ? `identical on all ${(REPS * ROWS).toLocaleString("en-US")} rows of each` : `${disagree} rows differ: the ratios below compare unlike work`}`
  );
  report(
    "cold broadcast call, 100k rows",
    ms(c),
    "< 300 ms",
    c < 300,
    `(runs: ${cold.map((x) => x.toFixed(0)).join(", ")})`
  );
  report(
    "warm: same table recalculated",
    ms(w),
    "< 300 ms",
    w < 300,
    `(runs: ${warm.map((x) => x.toFixed(0)).join(", ")})`
  );
  report(
    "bare lookup loop, same rows",
    ms(b),
    "-",
    null,
    `(runs: ${bare.map((x) => x.toFixed(0)).join(", ")})`
  );
  report(
    "ratio cold / bare loop",
    `${(c / b).toFixed(1)} x`,
    "<= 8 x",
    c / b <= 8 && disagree === 0
  );
  report(
    "ratio warm / bare loop",
    `${(w / b).toFixed(1)} x`,
    "<= 3 x",
    w / b <= 3 && disagree === 0
  );
  // A narrower log, as one company keeps it (cold, a fresh page per repetition), against its own bare loop.
  const typical = [];
  const typicalBare = [];
  for (let rep = 0; rep < REPS; rep++) {
    const t = shipmentTable(ROWS, 1500 + rep, { typical: true });
    const { loop } = await bareLoopFor(t);
    loop();
    const page = await fresh();
    typical.push(time(() => broadcastCall(page.fn("REQUIRES_LICENSE"), t))[0]);
    page.close();
    typicalBare.push(time(loop)[0]);
  }
  const ty = median(typical);
  const tb = median(typicalBare);
  report(
    "cold, typical log (10 chips, 15 dest., 1 regime)",
    ms(ty),
    "-",
    null,
    `(runs: ${typical.map((x) => x.toFixed(0)).join(", ")})`
  );
  report(
    "ratio typical log / its own bare loop",
    `${(ty / tb).toFixed(1)} x`,
    "<= 4 x",
    ty / tb <= 4,
    `(its bare loop: ${ms(tb)})`
  );
}

// (a2) -----------------------------------------------------------------------------------------
if (want("explain")) {
  console.log(
    `\n(a2) one broadcast EXPLAIN call over ${ROWS.toLocaleString("en-US")} rows (the adversarial table of (a)); cold = fresh page`
  );
  const cold = [];
  const warm = [];
  let distinct = 0;
  for (let rep = 0; rep < Math.min(REPS, 3); rep++) {
    const t = shipmentTable(ROWS, 1000 + rep);
    const page = await fresh();
    const explain = page.fn("EXPLAIN");
    const [tc, out] = time(() => broadcastCall(explain, t));
    warm.push(time(() => broadcastCall(explain, t))[0]);
    page.close();
    cold.push(tc);
    distinct = new Set(out.map((r) => r[0])).size;
  }
  console.log(`        ${distinct.toLocaleString("en-US")} distinct texts in the last table`);
  report(
    "cold EXPLAIN, 100k rows (texts built)",
    ms(median(cold)),
    "<= 1500 ms",
    median(cold) <= 1500,
    `(runs: ${cold.map((x) => x.toFixed(0)).join(", ")})`
  );
  report(
    "warm: the same EXPLAIN again",
    ms(median(warm)),
    "-",
    null,
    `(runs: ${warm.map((x) => x.toFixed(0)).join(", ")})`
  );
}

// (b2) -----------------------------------------------------------------------------------------
if (want("wholecolumn")) {
  const ROWS_MAX = 1_048_576;
  const FILLED = 1000;
  console.log(
    `\n(b2) REQUIRES_LICENSE over whole columns (A:A): ${ROWS_MAX.toLocaleString("en-US")} rows, ${FILLED} filled, the rest 0 as Excel desktop sends empty cells; cold = fresh page`
  );
  const t = shipmentTable(FILLED, 907);
  const col = (pick) => {
    const out = new Array(ROWS_MAX);
    for (let i = 0; i < ROWS_MAX; i++) out[i] = [i < FILLED ? pick(t.rows[i]) : 0];
    return out;
  };
  const args = [
    col((r) => r.chip),
    col((r) => r.destination),
    col((r) => r.quantity),
    col((r) => r.hq || 0),
    col((r) => r.regime),
    col((r) => r.date),
    col((r) => r.prior || 0),
  ];
  const runs = [];
  let out;
  for (let rep = 0; rep < Math.min(REPS, 3); rep++) {
    const page = await fresh();
    const [t1, o] = time(() => page.fn("REQUIRES_LICENSE")(...args));
    page.close();
    runs.push(t1);
    out = o;
  }
  const blanks = out.slice(FILLED).every((r) => r[0] === "");
  report(
    "cold whole-column call (1,048,576 rows)",
    ms(median(runs)),
    "< 1000 ms",
    median(runs) < 1000 && blanks,
    `(runs: ${runs.map((x) => x.toFixed(0)).join(", ")}${blanks ? "" : "; MISS: a trailing row was not blank"})`
  );
}

// (b) ------------------------------------------------------------------------------------------
if (want("percell")) {
  console.log(
    `\n(b) REQUIRES_LICENSE called once per cell (${ROWS.toLocaleString("en-US")} calls with 1x1 arguments, as for a filled-down column; cold = fresh page)`
  );
  const prepare = (seed) =>
    shipmentTable(ROWS, seed).rows.map((r) => [
      [[r.chip]],
      [[r.destination]],
      [[r.quantity]],
      r.hq ? [[r.hq]] : null,
      [[r.regime]],
      [[r.date]],
      r.prior ? [[r.prior]] : null,
    ]);
  const runAll = (fn, calls) => {
    let yes = 0;
    for (let i = 0; i < calls.length; i++) if (fn(...calls[i])[0][0] === true) yes++;
    return yes;
  };
  // Cold: a fresh page per repetition, so the broadcast section's memos do not carry over.
  const cold = [];
  const warm = [];
  for (let rep = 0; rep < REPS; rep++) {
    const calls = prepare(2000 + rep);
    const page = await fresh();
    const fn = page.fn("REQUIRES_LICENSE");
    cold.push((time(() => runAll(fn, calls))[0] * 1000) / ROWS);
    warm.push((time(() => runAll(fn, calls))[0] * 1000) / ROWS);
    page.close();
  }
  const p = median(cold);
  report(
    "cold, per row, one call per cell",
    `${p.toFixed(2)} µs`,
    "<= 3 µs",
    p <= 3,
    `(runs: ${cold.map((x) => x.toFixed(2)).join(", ")})`
  );
  const pw = median(warm);
  report(
    "warm: the same calls again",
    `${pw.toFixed(2)} µs`,
    "<= 3 µs",
    pw <= 3,
    `(runs: ${warm.map((x) => x.toFixed(2)).join(", ")})`
  );
}

// (c) ------------------------------------------------------------------------------------------
if (want("ledger")) {
  console.log(
    `\n(c) LEDGER over ${ROWS.toLocaleString("en-US")} rows (diffusion-2025: allowances accumulate per consignee and year, allocations per country)`
  );
  const call = (ledger, t) => {
    const c = t.columns;
    return ledger(c.chip, c.destination, c.quantity, c.hq, c.consignee, c.date, [
      ["diffusion-2025"],
    ]);
  };
  const runs = [];
  let shape = null;
  for (let rep = 0; rep < REPS; rep++) {
    const t = shipmentTable(ROWS, 3000 + rep);
    const page = await fresh();
    const [tl, out] = time(() => call(page.fn("LEDGER"), t));
    page.close();
    runs.push(tl);
    const licence = out.filter((r) => r[1] === true).length;
    shape = `${out.length} x ${out[0].length}; licence rows ${licence}`;
  }
  console.log(`        result: ${shape}`);
  const l = median(runs);
  report(
    "cold LEDGER, 100k rows (fresh page)",
    ms(l),
    "<= 300 ms",
    l <= 300,
    `(runs: ${runs.map((x) => x.toFixed(0)).join(", ")})`
  );
}

// (d) ------------------------------------------------------------------------------------------
if (want("load")) {
  console.log(
    "\n(d) cold load: a fresh jsdom page of dist/taskpane.html until all functions are registered"
  );
  const loads = [];
  for (let rep = 0; rep < Math.max(REPS, 5) + 1; rep++) {
    const a = await loadAddin();
    if (rep > 0) loads.push(a.loadMs); // the first load also warms jsdom itself
    a.close();
  }
  const l = median(loads);
  report(
    `load until ${FUNCTION_COUNT} functions registered`,
    ms(l),
    "< 500 ms (ours; §5: load fast)",
    l < 500,
    `(runs: ${loads.map((x) => x.toFixed(0)).join(", ")})`
  );
}

// (e) ------------------------------------------------------------------------------------------
if (want("size")) {
  console.log("\n(e) production bundle sizes (raw / gzip -9)");
  // The pane's page also loads theme.css (Fluent 2 tokens) and its own stylesheet (hashed name).
  const css = fs.existsSync(dist) ? fs.readdirSync(dist).filter((f) => /^[0-9a-f]{16,}\.css$/.test(f)) : [];
  for (const file of ["functions.js", "runtime.js", "taskpane.js", "theme.css", ...css]) {
    const p = path.join(dist, file);
    if (!fs.existsSync(p)) {
      report(file, "missing", "-", file === "functions.js" ? false : null);
      continue;
    }
    const raw = fs.readFileSync(p);
    const gz = zlib.gzipSync(raw, { level: 9 }).length;
    const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
    const value = `${kb(raw.length)} / ${kb(gz)}`;
    if (file === "functions.js") report(file, value, "< 150 KB minified", raw.length < 150 * 1024);
    else report(file, value, "-", null);
  }
}

// CLI ------------------------------------------------------------------------------------------
if (want("cli")) {
  console.log(`\n(f) CLI: exportctl check, whole process (DESIGN §5, Files)`);
  const bin = path.join(ROOT, "bin", "exportctl.mjs");
  if (!fs.existsSync(bin)) {
    console.log("  SKIP  bin/exportctl.mjs is not there (yet): nothing to time");
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "exportctl-bench-"));
    // Generated inputs are cached across runs (the 44 MB workbook takes a while to write).
    const cache = path.join(os.tmpdir(), "exportctl-bench-inputs");
    fs.mkdirSync(cache, { recursive: true });
    const timeBin = fs.existsSync("/usr/bin/time") ? "/usr/bin/time" : null;
    /** One run: wall time, peak RSS (from /usr/bin/time -v when present), exit code, last line. */
    const exportctl = (args) => {
      const t0 = performance.now();
      const r = timeBin
        ? spawnSync(timeBin, ["-v", process.execPath, bin, ...args], {
            cwd: dir,
            encoding: "utf8",
            maxBuffer: 1 << 30,
          })
        : spawnSync(process.execPath, [bin, ...args], {
            cwd: dir,
            encoding: "utf8",
            maxBuffer: 1 << 30,
          });
      const wall = performance.now() - t0;
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? "");
      const user = /User time \(seconds\): ([\d.]+)/.exec(r.stderr ?? "");
      const sys = /System time \(seconds\): ([\d.]+)/.exec(r.stderr ?? "");
      const out = (r.stderr ?? "")
        .split("\n")
        .filter((l) => l.startsWith("exportctl") || l.startsWith("  rows"));
      return {
        wall,
        rssMb: rss ? Number(rss[1]) / 1024 : null,
        // CPU time (user + system): what the run cost, whatever else the machine was doing.
        cpu: user && sys ? (Number(user[1]) + Number(sys[1])) * 1000 : null,
        // The machine's 1-minute load average when the run ended: a loaded machine stretches wall time.
        load: os.loadavg()[0],
        status: r.status,
        signal: r.signal,
        tail: out.slice(-2).join(" | ").slice(0, 200),
      };
    };
    const csvOf = (rows) => {
      const file = path.join(cache, `shipments-${rows}.csv`);
      if (!fs.existsSync(file)) fs.writeFileSync(file, shipmentCsv(shipmentTable(rows, 4000).rows));
      return file;
    };
    const s = (x) => `${(x / 1000).toFixed(2)} s`;
    const mb = (x) => (x === null ? "n/a" : `${x.toFixed(0)} MB`);
    // Check workers (src/cli/pool.ts): none below 4 cores unless EXPORTCTL_WORKERS sets them.
    const workers = process.env.EXPORTCTL_WORKERS ?? (os.cpus().length < 4 ? "0" : "auto");
    const cost = (r) =>
      `CPU ${r.cpu === null ? "n/a" : s(r.cpu)}; load average ${r.load.toFixed(2)} on ${os.cpus().length} cores; check workers ${workers}`;

    // Untimed first run: the launcher (re)builds its bundle when src/ is newer than its cache.
    exportctl(["--version"]);

    const c100k = exportctl(["check", csvOf(ROWS), "--no-progress", "--out", "out-100k.csv"]);
    report(
      "exportctl check, 100k-row CSV",
      s(c100k.wall),
      "<= 3 s",
      c100k.wall <= 3000,
      `(exit ${c100k.status}; ${cost(c100k)}; peak RSS ${mb(c100k.rssMb)})`
    );
    console.log(`        last output: ${c100k.tail}`);

    const c1m = exportctl(["check", csvOf(1_000_000), "--no-progress", "--out", "out-1m.csv"]);
    report(
      "exportctl check, 1M-row CSV: time",
      s(c1m.wall),
      "<= 20 s",
      c1m.wall <= 20000,
      `(exit ${c1m.status}; ${cost(c1m)})`
    );
    report(
      "exportctl check, 1M-row CSV: peak RSS",
      mb(c1m.rssMb),
      "<= 600 MB",
      c1m.rssMb === null ? null : c1m.rssMb <= 600
    );
    console.log(`        last output: ${c1m.tail}`);
    for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f), { force: true });

    // A legal full-width sheet: 1,048,575 rows x 16 columns (about 44 MB), checked or refused with
    // a message, never a crash.
    const full = path.join(cache, "full-sheet.xlsx");
    if (!fs.existsSync(full)) {
      const { default: ExcelJS } = await import("exceljs");
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
        filename: full + ".tmp",
        useSharedStrings: false,
      });
      const ws = wb.addWorksheet("Shipments");
      ws.addRow([
        "Chip",
        "Destination",
        "Quantity",
        "HQ",
        "Consignee",
        "Date",
        ...Array.from({ length: 10 }, (_, i) => `Note ${i + 1}`),
      ]).commit();
      const t = shipmentTable(1000, 4000).rows;
      for (let i = 1; i < 1048576; i++) {
        const r = t[i % t.length];
        ws.addRow([
          r.chip,
          r.destination,
          r.quantity,
          r.hq,
          r.consignee,
          isoOfSerial(r.date),
          ...Array.from({ length: 10 }, (_, k) => i * 16 + k),
        ]).commit();
      }
      ws.commit();
      await wb.commit();
      fs.renameSync(full + ".tmp", full);
    }
    const fx = exportctl(["check", full, "--no-progress", "--out", "full.checked.xlsx"]);
    report(
      `exportctl check, full-sheet xlsx (${(fs.statSync(full).size / 1048576).toFixed(0)} MB)`,
      s(fx.wall),
      "checked or refused, never a crash",
      fx.status === 0 ||
        fx.status === 1 ||
        (fx.status === 2 && /refused|save the shipments sheet/.test(fx.tail)),
      `(exit ${fx.status}${fx.signal ? " " + fx.signal : ""}; peak RSS ${mb(fx.rssMb)})`
    );
    console.log(`        last output: ${fx.tail}`);

    // A zip bomb: a 512 MB sheet of one repeated cell, deflated to about 0.5 MB.
    const bombFile = path.join(cache, "bomb.xlsx");
    if (!fs.existsSync(bombFile)) writeBomb(bombFile, 512 << 20);
    const zb = exportctl(["check", bombFile, "--no-progress"]);
    report(
      `exportctl check, zip bomb (${(fs.statSync(bombFile).size / 1048576).toFixed(1)} MB): time`,
      s(zb.wall),
      "refused in < 2 s",
      zb.status === 2 && zb.wall < 2000,
      `(exit ${zb.status})`
    );
    report(
      "exportctl check, zip bomb: peak RSS",
      mb(zb.rssMb),
      "< 300 MB",
      zb.rssMb === null ? null : zb.rssMb < 300
    );
    console.log(`        last output: ${zb.tail}`);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A zip holding one sheet part of `size` bytes of one repeated cell, deflated (a zip bomb's shape). */
function writeBomb(file, size) {
  const unit = Buffer.from('<c r="A1" t="s"><v>0</v></c>');
  const data = Buffer.alloc(size);
  for (let i = 0; i < size; i += unit.length) unit.copy(data, i);
  const compressed = zlib.deflateRawSync(data, { level: 9 });
  const name = Buffer.from("xl/worksheets/sheet1.xml");
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(compressed.length, 18);
  local.writeUInt32LE(size >>> 0, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(compressed.length, 20);
  central.writeUInt32LE(size >>> 0, 24);
  central.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(local.length + name.length + compressed.length, 16);
  fs.writeFileSync(file, Buffer.concat([local, name, compressed, central, name, end]));
}


// (g) ------------------------------------------------------------------------------------------
// 1,000,000-row calls with their memory. Run in a child process started with --expose-gc, so the
// process's peak resident set (maxRSS) and the V8 heap it commits are the calls' own.
if (want("million") && !argv.child) {
  const child = spawnSync(
    process.execPath,
    [
      "--expose-gc",
      "--max-old-space-size=4096",
      path.join(ROOT, "scripts", "bench.mjs"),
      "--only=million",
      "--child=true",
      `--dist=${dist}`,
      `--bare=${bareMs ?? ""}`,
    ],
    { encoding: "utf8", maxBuffer: 1 << 26 }
  );
  const lines = `${child.stdout}`.split("\n").filter((l) => /^ {2}(PASS|MISS|INFO)|^\(g\)|^ {8}/.test(l));
  for (const l of lines) console.log(l);
  for (const l of lines) {
    const m = /^ {2}(PASS|MISS|INFO) {2}(.*?) {2}/.exec(l);
    if (m) results.push({ label: m[2].trim(), pass: m[1] === "INFO" ? null : m[1] === "PASS" });
  }
  if (child.status !== 0) console.log(`  (g) child failed: ${`${child.stderr}`.slice(-400)}`);
}
if (want("million") && argv.child) {
  const M = 1_000_000;
  if (argv.bare) bareMs = Number(argv.bare);
  console.log(
    `\n(g) 1,000,000-row calls on a fresh page (the adversarial table of (a) at 1M rows; REQUIRES_LICENSE: median of ${Math.min(REPS, 3)}); memory: V8 heap committed and peak RSS, growth over the call`
  );
  const t = shipmentTable(M, 5000);
  const memory = (fn) => {
    globalThis.gc?.();
    const heap0 = v8.getHeapStatistics().total_heap_size;
    const used0 = process.memoryUsage().heapUsed;
    const rss0 = process.resourceUsage().maxRSS * 1024;
    const [ms1, out] = time(fn);
    const heap1 = v8.getHeapStatistics().total_heap_size;
    const used1 = process.memoryUsage().heapUsed;
    const rss1 = process.resourceUsage().maxRSS * 1024;
    const mb = (x) => Math.max(0, x / 2 ** 20);
    return {
      ms: ms1,
      out,
      heap: mb(heap1 - heap0),
      used: mb(used1 - used0),
      rss: mb(rss1 - rss0),
    };
  };
  const show = (r) =>
    `(heap committed +${r.heap.toFixed(0)} MB, of it live after the call with its result +${r.used.toFixed(0)} MB; peak RSS +${r.rss.toFixed(0)} MB)`;
  {
    // A median like every other figure: up to 3 repetitions, each on a fresh page; the memory
    // figure is the largest of them.
    const runs = [];
    let again = 0;
    for (let rep = 0; rep < Math.min(REPS, 3); rep++) {
      const page = await fresh();
      runs.push(memory(() => broadcastCall(page.fn("REQUIRES_LICENSE"), t)));
      if (rep === 0) again = time(() => broadcastCall(page.fn("REQUIRES_LICENSE"), t))[0];
      page.close();
    }
    const cold = median(runs.map((r) => r.ms));
    const growth = (r) => Math.max(r.heap, r.used);
    const r = runs.reduce((a, b) => (growth(b) > growth(a) ? b : a));
    report(
      "cold REQUIRES_LICENSE, 1,000,000 rows",
      ms(cold),
      "<= 1000 ms",
      cold <= 1000,
      `(runs: ${runs.map((x) => x.ms.toFixed(0)).join(", ")})`
    );
    report(
      "  its peak heap growth",
      `${growth(r).toFixed(0)} MB`,
      "<= 300 MB",
      growth(r) <= 300,
      show(r)
    );
    report("warm: the same call again", ms(again), "-", null);
  }
  {
    const page = await fresh();
    const c = t.columns;
    const r = memory(() =>
      page.fn("LEDGER")(c.chip, c.destination, c.quantity, c.hq, c.consignee, c.date, [
        ["diffusion-2025"],
      ])
    );
    page.close();
    report("cold LEDGER, 1,000,000 rows", ms(r.ms), "-", null);
    report("  its peak heap growth", `${Math.max(r.heap, r.used).toFixed(0)} MB`, "-", null, show(r));
  }
}

// Screening ------------------------------------------------------------------------------------
if (want("screen")) {
  console.log("\n(h) screening: a generated 30,000-entry list in the CSL layout, 10,000 party names");
  const bin = path.join(ROOT, "bin", "exportctl.mjs");
  // Builds the command-line bundle when src/ is newer (it exports the screening module).
  spawnSync(process.execPath, [bin, "--version"], { cwd: ROOT, encoding: "utf8" });
  const require = createRequire(import.meta.url);
  const { screening } = require(path.join(ROOT, "node_modules", ".cache", "exportctl-cli", "exportctl.cjs"));
  const { text, names } = generatedCsl(30_000, 11);
  const bytes = new TextEncoder().encode(text);
  const [tLoad, list] = await timeAsync(() =>
    screening.readScreeningList(bytes, { fileName: "generated.csv", statedDate: "2026-11-20" })
  );
  report(
    "load 30,000 entries (parse CSV + SHA-256)",
    ms(tLoad),
    "-",
    null,
    `(${(bytes.length / 1e6).toFixed(1)} MB, ${list.entries.length} entries)`
  );
  const [tIndex, index] = time(() => screening.indexOf(list));
  report("build the match index", ms(tIndex), "-", null, `(${index.size} keys)`);
  // 10,000 distinct parties: 10% listed names as written, 10% with one typing error, 80% unlisted.
  const parties = [];
  const rnd = lcg(23);
  for (let i = 0; i < 10_000; i++) {
    const r = rnd();
    if (r < 0.1) parties.push(names[Math.floor(rnd() * names.length)].toUpperCase());
    else if (r < 0.2) {
      const n = names[Math.floor(rnd() * names.length)];
      const at = 1 + Math.floor(rnd() * (n.length - 2));
      parties.push(n.slice(0, at) + "q" + n.slice(at + 1));
    } else parties.push(`${word(rnd)} ${word(rnd)} ${["Trading", "Technology", "Logistics", "Systems"][i % 4]} Co., Ltd.`);
  }
  let matches = 0;
  const cpu0 = process.cpuUsage();
  const [tCold] = time(() => {
    for (const p of parties) if (index.screen(p, null, 90)) matches++;
  });
  const cpu = process.cpuUsage(cpu0);
  report(
    "screen 10,000 names (cold)",
    ms(tCold),
    "< 2 s",
    tCold < 2000,
    `(${matches} matches; CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms, load average ${os.loadavg()[0].toFixed(1)})`
  );
  const [tWarm] = time(() => {
    for (const p of parties) index.screen(p, null, 90);
  });
  report("screen the same 10,000 again (memoised)", ms(tWarm), "-", null);
}

const missed = results.filter((r) => r.pass === false).map((r) => r.label);
console.log(`\n${missed.length ? `MISSED: ${missed.join("; ")}` : "All targets met."}`);
