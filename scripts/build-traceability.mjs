// docs/traceability.md, generated: from each paragraph of the regulation the rules cite to the steps
// that implement it and the tests that reach it. Nothing in it is written by hand:
//   - the steps are the step() calls of src/rules (file and function, read with the TypeScript parser);
//   - what each step cites, and which tests reach it, are recorded while jest runs with
//     EXPORTCTL_TRACE=<dir> (test/setup/trace-steps.ts): every call of step() during a test, with its
//     citation and calling line. A citation only appears once a test has made the rules cite it.
// Citations are split into paragraphs by scripts/lib/citations.mjs.
//
//   node scripts/build-traceability.mjs                 run jest (every project) with tracing, write the table
//                                                       (and the help pages that link into it)
//   node scripts/build-traceability.mjs --from <dir>    write the table from traces already recorded
//   node scripts/build-traceability.mjs --check <dir>   fail if the table is stale, a cited paragraph has no
//                                                       test reaching it, or a step is not in the table
//   node scripts/build-traceability.mjs --static-check  without traces: every step of src/rules and every
//                                                       required paragraph is in the committed table, with a test
// Every mode prints "N paragraphs cited, N traced to tests".
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { anchorOf, compareParagraphs, paragraphsOf } from "./lib/citations.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TABLE = path.join(root, "docs", "traceability.md");
const JSON_OUT = path.join(root, "docs", "traceability.json");

/** The paragraphs issue 17 names: each must be in the table with a step and a test. */
export const REQUIRED = [
  "ECCN 3A090.a",
  "ECCN 3A090.b",
  "ECCN 3A090.c",
  "ECCN 3A090 Technical Note",
  "ECCN 4A090",
  "ECCN 4E091",
  "15 CFR 742.6(a)(6)",
  "15 CFR 742.6(b)(10)",
  "15 CFR 740.8",
  "15 CFR 740.25",
  "15 CFR 740.27",
  "15 CFR 740.28",
  "15 CFR 740.29",
  "15 CFR 744.23",
  "15 CFR part 746",
  "15 CFR 746.1",
  "15 CFR 746.2",
  "15 CFR 746.3",
  "15 CFR 746.4",
  "15 CFR 746.5",
  "15 CFR 746.6",
  "15 CFR 746.7",
  "15 CFR 746.8",
  "15 CFR 746.9",
  "87 FR 62186",
  "88 FR 73458",
  "89 FR 23876",
  "89 FR 40369",
  "89 FR 96790",
  "90 FR 4544",
  "90 FR 42315",
  "91 FR 1684",
  "91 FR 43034",
];

// ---- the steps: every step() call in src/rules -------------------------------------------------

/** @typedef {{ file: string, fn: string, from: number, to: number, literals: string[] }} Site */

function filesUnder(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]
    )
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".generated.ts"))
    .sort();
}

/** The name a reader looks for: the enclosing named function, method or constant. */
function enclosingName(node) {
  for (let n = node.parent; n; n = n.parent) {
    if ((ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n)) && n.name)
      return n.name.getText();
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name)) {
      // An arrow or constant at module level, or a local function value: name it by its variable.
      const init = n.initializer;
      const top = n.parent?.parent?.parent && ts.isSourceFile(n.parent.parent.parent);
      if (top || (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))))
        return n.name.text;
    }
  }
  return "(module)";
}

/** String pieces of an expression: literals and the literal parts of templates. */
function literalsOf(node) {
  const out = [];
  const visit = (n) => {
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) out.push(n.text);
    else if (ts.isTemplateExpression(n)) {
      out.push(n.head.text, ...n.templateSpans.map((s) => s.literal.text));
      n.templateSpans.forEach((s) => visit(s.expression));
    } else ts.forEachChild(n, visit);
  };
  visit(node);
  return out;
}

export function scanSites() {
  /** @type {Site[]} */
  const sites = [];
  /** Paragraphs named in citation positions: step() citations, *CITE constants, `cite:` fields of the dated data. */
  const cited = new Map();
  for (const abs of filesUnder(path.join(root, "src", "rules"))) {
    const file = path.relative(root, abs).split(path.sep).join("/");
    const sf = ts.createSourceFile(abs, fs.readFileSync(abs, "utf8"), ts.ScriptTarget.ES2022, true);
    const line = (pos) => sf.getLineAndCharacterOfPosition(pos).line + 1;
    const note = (node) => {
      for (const s of literalsOf(node))
        for (const p of paragraphsOf(s)) if (!cited.has(p.id)) cited.set(p.id, { ...p, file });
    };
    const visit = (n) => {
      if (
        ts.isCallExpression(n) &&
        ts.isIdentifier(n.expression) &&
        n.expression.text === "step" &&
        n.arguments.length === 3
      ) {
        const cite = n.arguments[1];
        const blank =
          (ts.isStringLiteral(cite) || ts.isNoSubstitutionTemplateLiteral(cite)) &&
          cite.text === "";
        // A step that repeats another's text and citation (open-classification.ts) implements nothing itself.
        const relay =
          ts.isPropertyAccessExpression(cite) &&
          cite.name.text === "cite" &&
          ts.isIdentifier(cite.expression) &&
          cite.expression.text === "s";
        if (!blank && !relay) {
          sites.push({
            file,
            fn: enclosingName(n),
            from: line(n.getStart(sf)),
            to: line(n.getEnd()),
            literals: literalsOf(cite),
          });
          note(cite);
        }
      } else if (
        ts.isPropertyAssignment(n) &&
        n.name.getText(sf) === "cite" &&
        file.startsWith("src/rules/data/")
      )
        note(n.initializer);
      else if (
        ts.isVariableDeclaration(n) &&
        ts.isIdentifier(n.name) &&
        /CITE|^OCT2022$|^ECCN_/.test(n.name.text) &&
        n.initializer
      )
        note(n.initializer);
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return { sites, cited };
}

// ---- the traces: what the tests reached ---------------------------------------------------------

/**
 * Test files whose inputs are drawn afresh on every run (fast-check without a fixed seed): what they
 * reach varies, so they are left out of the table, which must come out the same from every run.
 */
export const VARYING = ["test/rules/properties.test.ts"];

function readTraces(dir) {
  if (!fs.existsSync(dir))
    throw new Error(`no traces in ${dir}: run jest with EXPORTCTL_TRACE=${dir}`);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")));
}

/** Paragraph -> { paragraph, steps: Set("file › fn"), tests: Map(testFile -> Set(test names)) }. */
export function buildRows(sites, traces) {
  const rows = new Map();
  const reached = new Set();
  const siteAt = (at) => {
    const [file, ln] = [
      at.slice(0, at.lastIndexOf(":")),
      Number(at.slice(at.lastIndexOf(":") + 1)),
    ];
    return sites.find((s) => s.file === file && s.from <= ln && ln <= s.to);
  };
  for (const t of traces) {
    if (VARYING.includes(t.file)) continue;
    for (const r of t.records) {
      const site = siteAt(r.at);
      if (!site) continue;
      reached.add(site);
      for (const p of paragraphsOf(r.cite)) {
        if (!rows.has(p.id)) rows.set(p.id, { paragraph: p, steps: new Set(), tests: new Map() });
        const row = rows.get(p.id);
        row.steps.add(`${site.file} › ${site.fn}`);
        if (!row.tests.has(t.file)) row.tests.set(t.file, new Set());
        for (const name of r.tests) row.tests.get(t.file).add(name);
      }
    }
  }
  return { rows, reached };
}

const siteName = (s) => `${s.file} › ${s.fn}`;

// ---- the table ------------------------------------------------------------------------------------

const esc = (s) => String(s).replace(/\|/g, "\\|");

export function render(rows, unreachedSites, cited, reachedSites) {
  const sorted = [...rows.values()].sort((a, b) => compareParagraphs(a.paragraph, b.paragraph));
  const regulatory = sorted.filter((r) => r.paragraph.kind !== "other");
  const others = sorted.filter((r) => r.paragraph.kind === "other");
  const untraced = [...cited.values()]
    .filter((p) => p.kind !== "other" && !rows.has(p.id))
    .sort(compareParagraphs);
  const nCited = regulatory.length + untraced.length;
  const lines = [
    "# Traceability: from a paragraph of the regulation to its code and its tests",
    "",
    "<!-- Generated by scripts/build-traceability.mjs from the step() calls of src/rules and the",
    "     citations the jest suite makes them produce. Do not edit: run `node scripts/build-traceability.mjs`. -->",
    "",
    "Every step of a determination carries its citation. This table lists each CFR paragraph, ECCN",
    "paragraph, supplement and Federal Register document the rules cite, the steps that cite it",
    "(file › function in `src/rules`) and the test files whose tests reach those steps, leaving out",
    `${VARYING.map((f) => `\`${f}\``).join(", ")}, whose random inputs reach different steps on each`,
    "run. EXPLAIN's help page links each citation here.",
    "",
    `${nCited} paragraphs cited, ${regulatory.length} traced to tests.`,
    "",
    "| Paragraph | Implemented by | Tests |",
    "| --- | --- | --- |",
  ];
  const row = (r) =>
    `| <a id="${anchorOf(r.paragraph.id)}"></a>${esc(r.paragraph.id)} | ${[...r.steps]
      .sort()
      .map((s) => `\`${esc(s)}\``)
      .join("<br>")} | ${[...r.tests]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([f]) => `\`${f}\``)
      .join("<br>")} |`;
  lines.push(...regulatory.map(row));
  lines.push(
    "",
    "## Other sources the steps cite",
    "",
    "Guidance, press releases and filings: not paragraphs of the regulation, traced the same way.",
    "",
    "| Source | Implemented by | Tests |",
    "| --- | --- | --- |"
  );
  lines.push(...others.map(row));
  lines.push("", "## Cited in the rules, reached by no test", "");
  lines.push(untraced.length ? untraced.map((p) => `- ${p.id} (${p.file})`).join("\n") : "None.");
  const inRows = new Set(sorted.flatMap((r) => [...r.steps]));
  const bare = [...new Set(reachedSites.map(siteName))].filter((n) => !inRows.has(n)).sort();
  lines.push(
    "",
    "## Steps whose citation names no paragraph",
    "",
    "Reached by tests; they cite only sources outside the regulation (a scenario's report, a datasheet).",
    ""
  );
  lines.push(bare.length ? bare.map((n) => `- \`${n}\``).join("\n") : "None.");
  lines.push("", "## Steps no test reaches", "");
  lines.push(
    unreachedSites.length
      ? unreachedSites.map((s) => `- \`${s.file}:${s.from}\` › ${s.fn}`).join("\n")
      : "None."
  );
  lines.push("");
  const json = {
    paragraphs: regulatory.concat(others).map((r) => ({
      id: r.paragraph.id,
      kind: r.paragraph.kind,
      anchor: anchorOf(r.paragraph.id),
      steps: [...r.steps].sort(),
      tests: [...r.tests.keys()].sort(),
    })),
    steps: [...new Set(reachedSites.map(siteName))].sort(),
  };
  return {
    text: lines.join("\n"),
    json: JSON.stringify(json, null, 2) + "\n",
    nCited,
    nTraced: regulatory.length,
    untraced,
    unreachedSites,
  };
}

function generate(dir) {
  const { sites, cited } = scanSites();
  const { rows, reached } = buildRows(sites, readTraces(dir));
  const unreached = sites.filter((s) => !reached.has(s));
  return render(
    rows,
    unreached,
    cited,
    sites.filter((s) => reached.has(s))
  );
}

function problemsOf(out) {
  const problems = [];
  const regulatory = out.untraced.filter((p) => p.kind !== "other");
  for (const p of regulatory) problems.push(`cited but reached by no test: ${p.id} (${p.file})`);
  for (const s of out.unreachedSites)
    problems.push(`step not in the table (no test reaches it): ${s.file}:${s.from} › ${s.fn}`);
  const ids = JSON.parse(out.json).paragraphs.map((p) => p.id);
  for (const r of REQUIRED)
    if (!ids.some((id) => id === r || (id.startsWith(r) && /^[.( ]/.test(id.slice(r.length)))))
      problems.push(`required paragraph missing from the table: ${r}`);
  return problems;
}

function runJest(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  const report = path.join(dir, "..", "trace-jest.json");
  const r = spawnSync(
    path.join(root, "node_modules", ".bin", "jest"),
    ["--coverage=false", "--maxWorkers=1", "--silent", "--json", `--outputFile=${report}`],
    { cwd: root, stdio: "inherit", env: { ...process.env, EXPORTCTL_TRACE: dir } }
  );
  if (r.status === 0) return;
  // The table is written only from a passing suite; the one exception is the test that checks the
  // committed table itself (test/rules/traceability.test.ts), which fails until it is rewritten.
  const failed = fs.existsSync(report)
    ? JSON.parse(fs.readFileSync(report, "utf8"))
        .testResults.filter((t) => t.status !== "passed")
        .map((t) => path.relative(root, t.name).split(path.sep).join("/"))
    : ["(no report)"];
  const others = failed.filter((f) => f !== "test/rules/traceability.test.ts");
  if (others.length || !failed.length)
    throw new Error(
      `jest failed (${others.join(", ")}): the table is written only from a passing suite`
    );
}

function staticCheck() {
  const { sites } = scanSites();
  const table = JSON.parse(fs.readFileSync(JSON_OUT, "utf8"));
  const problems = [];
  const listed = new Set(table.steps);
  for (const s of sites)
    if (!listed.has(siteName(s)))
      problems.push(`step not in the table: ${s.file}:${s.from} › ${s.fn}`);
  for (const p of table.paragraphs) if (!p.tests.length) problems.push(`no test reaches ${p.id}`);
  const ids = table.paragraphs.map((p) => p.id);
  for (const r of REQUIRED)
    if (!ids.some((id) => id === r || (id.startsWith(r) && /^[.( ]/.test(id.slice(r.length)))))
      problems.push(`required paragraph missing from the table: ${r}`);
  const text = fs.readFileSync(TABLE, "utf8");
  const m = /^(\d+) paragraphs cited, (\d+) traced to tests\.$/m.exec(text);
  return {
    problems,
    line: m ? `${m[1]} paragraphs cited, ${m[2]} traced to tests` : "table has no coverage line",
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [mode, arg] = process.argv.slice(2);
  try {
    if (mode === "--static-check") {
      const { problems, line } = staticCheck();
      console.log(line);
      for (const p of problems) console.error(p);
      process.exit(problems.length ? 1 : 0);
    }
    const dir = path.resolve(arg || path.join(root, "test-output", "trace"));
    if (!mode) runJest(dir);
    const out = generate(dir);
    const problems = problemsOf(out);
    console.log(`${out.nCited} paragraphs cited, ${out.nTraced} traced to tests`);
    if (mode === "--check") {
      // Stale when a paragraph or a step differs. Which test files reach a paragraph can vary with
      // the day the suite runs (tests that judge "today") without the rules changing: a note only.
      const skeleton = (json) =>
        JSON.stringify(JSON.parse(json).paragraphs.map((p) => [p.id, p.steps]));
      const committed = fs.existsSync(JSON_OUT) ? fs.readFileSync(JSON_OUT, "utf8") : null;
      if (!fs.existsSync(TABLE) || committed === null || skeleton(committed) !== skeleton(out.json))
        problems.unshift(
          "docs/traceability.md is stale: run `node scripts/build-traceability.mjs`"
        );
      else if (committed !== out.json || fs.readFileSync(TABLE, "utf8") !== out.text)
        console.log(
          "note: the test files reaching some paragraphs differ from this run's; `node scripts/build-traceability.mjs` refreshes them"
        );
    } else {
      fs.mkdirSync(path.dirname(TABLE), { recursive: true });
      fs.writeFileSync(TABLE, out.text);
      fs.writeFileSync(JSON_OUT, out.json);
      console.log(`wrote ${path.relative(root, TABLE)} and ${path.relative(root, JSON_OUT)}`);
      // EXPLAIN's help page and the traceability page link into the table: regenerate them with it.
      spawnSync(process.execPath, [path.join(root, "scripts", "build-help.mjs")], {
        cwd: root,
        stdio: "inherit",
      });
    }
    for (const p of problems) console.error(p);
    process.exit(problems.length ? 1 : 0);
  } catch (e) {
    console.error(e.message);
    process.exit(2);
  }
}
