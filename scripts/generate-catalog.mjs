#!/usr/bin/env node
// Generates src/rules/data/chips.generated.ts from src/rules/data/chips.csv, stamped with the rules-data
// version and a SHA-256 content hash over every rules data file (so the pane can show provenance and a
// test can tell when the generated file is stale).
//
//   node scripts/generate-catalog.mjs           write the generated file
//   node scripts/generate-catalog.mjs --check   exit 1 if the generated file is missing or stale
//
// Plain Node, no dependencies.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The research cut-off of reference/regulations.md and chips.md: bump it whenever the data changes. */
export const DATA_VERSION = "2026.11.30";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const OUT_PATH = join(ROOT, "src/rules/data/chips.generated.ts");

/** RFC 4180 CSV: quoted fields, doubled quotes, commas and line breaks inside quotes, CRLF or LF. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  let i = 0;
  if (text.charCodeAt(0) === 0xfeff) i = 1; // BOM
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (quoted) throw new Error("CSV: unterminated quoted field");
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ""));
}

const REQUIRED = [
  "id", "vendor", "name", "aliases", "release_year", "form_factor", "dense_tops_fp8", "dense_tflops_fp16_bf16",
  "dense_tops_int8", "dense_tflops_tf32", "dense_tflops_fp64", "max_tpp", "die_area_mm2", "performance_density",
  "memory_gb", "memory_bandwidth_gbs", "tdp_w", "datacenter", "us_designed", "source_urls", "notes",
  "interconnect_gbs", "flags", "tpp_disputed",
];

function num(value, column, id) {
  const v = value.trim();
  if (v === "" || v.toLowerCase() === "null") return null;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`chips.csv ${id}: ${column} is not a number: '${value}'`);
  return n;
}

function yesNo(value, column, id) {
  const v = value.trim().toLowerCase();
  if (v === "yes") return true;
  if (v === "no") return false;
  throw new Error(`chips.csv ${id}: ${column} must be yes or no, got '${value}'`);
}

function list(value, separator) {
  return value
    .split(separator)
    .map((s) => s.trim())
    .filter((s) => s !== "" && s.toLowerCase() !== "null");
}

/** CSV rows -> Chip objects (the shape of Chip in src/rules/types.ts). */
export function rowsToChips(rows) {
  const [header, ...body] = rows;
  const col = new Map(header.map((h, i) => [h.trim(), i]));
  for (const name of REQUIRED) if (!col.has(name)) throw new Error(`chips.csv: missing column '${name}'`);
  const seen = new Set();
  return body.map((r) => {
    if (r.length !== header.length) throw new Error(`chips.csv: row '${r[0]}' has ${r.length} fields, expected ${header.length}`);
    const get = (name) => r[col.get(name)];
    const id = get("id").trim();
    if (seen.has(id)) throw new Error(`chips.csv: duplicate id '${id}'`);
    seen.add(id);
    const tagged = get("notes").trim();
    const confidence = /\[confidence=(high|medium|low)\]/.exec(tagged)?.[1];
    if (!confidence) throw new Error(`chips.csv ${id}: notes lack [confidence=high|medium|low]`);
    // The research tags the rules recompute or the figures already carry (confidence, computed ECCN,
    // H100-equivalents, TPP basis, dense FP4) stay in the CSV for review and are left out of the
    // bundled notes (the functions bundle has a size budget).
    const notes = tagged
      .replace(/\s*\[(confidence|computed_eccn|h100_equiv|tpp_basis)=[^\]]*\]/g, "")
      .replace(/\s*\[dense FP4 [^\]]*\]/g, "")
      .trim();
    const n = (name) => num(get(name), name, id);
    return {
      id,
      vendor: get("vendor").trim(),
      name: get("name").trim(),
      aliases: list(get("aliases"), ";"),
      releaseYear: n("release_year"),
      formFactor: get("form_factor").trim(),
      denseTopsFp8: n("dense_tops_fp8"),
      denseTflopsFp16: n("dense_tflops_fp16_bf16"),
      denseTopsInt8: n("dense_tops_int8"),
      denseTflopsTf32: n("dense_tflops_tf32"),
      denseTflopsFp64: n("dense_tflops_fp64"),
      tpp: n("max_tpp"),
      tppDisputed: n("tpp_disputed"),
      dieAreaMm2: n("die_area_mm2"),
      performanceDensity: n("performance_density"),
      memoryGb: n("memory_gb"),
      memoryBandwidthGbs: n("memory_bandwidth_gbs"),
      interconnectGbs: n("interconnect_gbs"),
      tdpW: n("tdp_w"),
      datacenter: yesNo(get("datacenter"), "datacenter", id),
      usDesigned: yesNo(get("us_designed"), "us_designed", id),
      flags: list(get("flags"), /[;\s]+/),
      sourceUrls: list(get("source_urls"), /\s+/),
      confidence,
      notes,
    };
  });
}

function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/**
 * SHA-256 over the rules data: every file in src/rules/data and src/rules/regimes except the generated
 * file, in path order, each as "path\0content\0" with line endings normalised (a CRLF checkout hashes
 * the same as an LF one).
 */
export function dataHash(root = ROOT) {
  const files = [...filesUnder(join(root, "src/rules/data")), ...filesUnder(join(root, "src/rules/regimes"))]
    .filter((p) => !p.endsWith("chips.generated.ts"))
    .map((p) => relative(root, p).split("\\").join("/"))
    .sort();
  const hash = createHash("sha256");
  for (const rel of files) {
    const content = readFileSync(join(root, rel), "utf8").replace(/\r\n?/g, "\n");
    hash.update(rel + "\0" + content + "\0");
  }
  return hash.digest("hex");
}

export function render(chips, hash) {
  const keys = Object.keys(chips[0] ?? {});
  const urls = [...new Set(chips.flatMap((c) => c.sourceUrls))];
  const lines = [
    "// GENERATED by scripts/generate-catalog.mjs from src/rules/data/chips.csv: do not edit; run `npm run catalog`.",
    "/* eslint-disable prettier/prettier */",
    'import type { Chip } from "../types";',
    "",
    "/** Research cut-off of the rules data (reference/regulations.md, chips.md). */",
    `export const RULES_DATA_VERSION = ${JSON.stringify(DATA_VERSION)};`,
    "",
    "/** SHA-256 over src/rules/data/* and src/rules/regimes/* (this file excluded). */",
    `export const RULES_DATA_HASH = ${JSON.stringify(hash)};`,
    "",
    "// Rows of values in KEYS order (the field names once, not once per chip: the catalog ships in the",
    "// functions bundle, which has a size budget).",
    "// Source URLs are listed once and referred to by index (many chips share a datasheet or dataset),",
    '// and without their "https://", which the rows put back.',
    `const URLS: readonly string[] = ${JSON.stringify(urls.map((u) => u.replace(/^https:\/\//, "")))};`,
    `const KEYS = ${JSON.stringify(keys)} as const;`,
    "const ROWS: readonly (readonly unknown[])[] = [",
    ...chips.map(
      (c) => `  ${JSON.stringify(keys.map((k) => (k === "sourceUrls" ? c[k].map((u) => urls.indexOf(u)) : c[k])))},`
    ),
    "];",
    "",
    "export const CHIP_DATA: readonly Chip[] = ROWS.map(",
    "  (row) =>",
    "    Object.fromEntries(",
    "      KEYS.map((key, i) => [",
    "        key,",
    '        key === "sourceUrls" ? (row[i] as number[]).map((u) => (URLS[u].includes("://") ? "" : "https://") + URLS[u]) : row[i],',
    "      ])",
    "    ) as unknown as Chip",
    ");",
    "",
  ];
  return lines.join("\n");
}

export function generate(root = ROOT) {
  const chips = rowsToChips(parseCsv(readFileSync(join(root, "src/rules/data/chips.csv"), "utf8")));
  return render(chips, dataHash(root));
}

function main() {
  const content = generate();
  if (process.argv.includes("--check")) {
    const current = existsSync(OUT_PATH) ? readFileSync(OUT_PATH, "utf8").replace(/\r\n?/g, "\n") : "";
    if (current !== content) {
      console.error(`${relative(ROOT, OUT_PATH)} is stale: run \`npm run catalog\`.`);
      process.exit(1);
    }
    console.log(`${relative(ROOT, OUT_PATH)} is up to date.`);
    return;
  }
  writeFileSync(OUT_PATH, content);
  console.log(`wrote ${relative(ROOT, OUT_PATH)} (${DATA_VERSION})`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
