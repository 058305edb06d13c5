#!/usr/bin/env node
// npm run validate: offline manifest validation (XSD + store checks). See scripts/lib/manifest-checks.mjs.
//
//   node scripts/validate-manifest.mjs                      ./manifest.xml (dev), and dist/manifest.xml
//                                                           with --prod when a build left one there
//   node scripts/validate-manifest.mjs FILE [--prod]        one manifest; dist/manifest.xml implies --prod
//   options: --schemas DIR (default ../shared/schemas/office, or $EXPORTCTL_SCHEMAS), --no-xsd
//
// Exits 1 when any manifest has a problem, printing each one. The online validator
// (`npx office-addin-manifest validate manifest.xml`) is still the final word before a store
// submission; it needs network access.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { checkManifest } from "./lib/manifest-checks.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function usage(message) {
  if (message) console.error(message);
  console.error(
    "usage: node scripts/validate-manifest.mjs [manifest.xml] [--prod] [--schemas DIR] [--no-xsd]"
  );
  process.exit(2);
}

const args = process.argv.slice(2);
let prodFlag = false;
let xsd = true;
let schemasDir =
  process.env.EXPORTCTL_SCHEMAS || path.resolve(root, "..", "shared", "schemas", "office");
const files = [];
for (let k = 0; k < args.length; k++) {
  const a = args[k];
  if (a === "--prod" || a === "-p") prodFlag = true;
  else if (a === "--no-xsd") xsd = false;
  else if (a === "--schemas")
    schemasDir = path.resolve(args[++k] ?? usage("--schemas needs a folder"));
  else if (a === "--help" || a === "-h") usage();
  else if (a.startsWith("-")) usage(`unknown option ${a}`);
  else files.push(path.resolve(a));
}

const distManifest = path.join(root, "dist", "manifest.xml");
const isDist = (f) => path.resolve(f) === distManifest || path.basename(path.dirname(f)) === "dist";

/** @type {{ file: string, prod: boolean }[]} */
const targets = files.length
  ? files.map((file) => ({ file, prod: prodFlag || isDist(file) }))
  : [
      { file: path.join(root, "manifest.xml"), prod: prodFlag },
      ...(fs.existsSync(distManifest) ? [{ file: distManifest, prod: true }] : []),
    ];

if (xsd && !fs.existsSync(schemasDir)) {
  console.log(`XSD validation skipped: no schemas at ${schemasDir} (store checks still run).`);
}

let failed = 0;
for (const { file, prod } of targets) {
  const label = `${path.relative(process.cwd(), file) || file} (${prod ? "production" : "development"})`;
  const { problems, xsd: xsdState } = await checkManifest(file, {
    prod,
    schemasDir: fs.existsSync(schemasDir) ? schemasDir : null,
    xsd,
  });
  const xsdNote = {
    valid: "XSD valid",
    invalid: "XSD INVALID",
    skipped: "XSD skipped (no schemas)",
    off: "XSD not run",
  }[xsdState];
  if (!problems.length) {
    console.log(`OK   ${label}: ${xsdNote}; store checks passed${prod ? "; no localhost" : ""}.`);
    continue;
  }
  failed++;
  console.log(
    `FAIL ${label}: ${problems.length} problem${problems.length === 1 ? "" : "s"} (${xsdNote})`
  );
  for (const p of problems) console.log(`  - ${p}`);
  if (prod && file === distManifest && problems.some((p) => p.includes("localhost"))) {
    console.log(
      "  (dist/ looks like a development build: `npm run build` makes the production one.)"
    );
  }
}
process.exit(failed ? 1 : 0);
