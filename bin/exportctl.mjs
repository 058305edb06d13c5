#!/usr/bin/env node
// exportctl: the EXPORTCTL functions on a shipments file, without Excel (`exportctl --help`).
//
// The command's code is TypeScript in src/cli (on top of src/functions, src/settings, src/rules).
// This launcher runs a node bundle of it, node_modules/.cache/exportctl-cli/exportctl.cjs, and
// builds that bundle itself with webpack (`webpack --env cli`, about 5-10 s) when it is missing or
// older than any file it is built from (src/cli, src/shipments, src/functions, src/rules, src/settings,
// webpack.config.js, package.json). So the first run after `npm ci` or after a source change
// builds once; every other run starts at once. The cache lives outside dist/ (which each
// `npm run build` cleans) and inside node_modules/ (ignored by git, reset by `npm ci`).
// Set EXPORTCTL_REBUILD=1 to force a rebuild.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cacheDir = path.join(root, "node_modules", ".cache", "exportctl-cli");
const bundle = path.join(cacheDir, "exportctl.cjs");
const require = createRequire(import.meta.url);

/** Newest modification time (ms) among the sources the bundle is built from. */
function newestSource() {
  let newest = 0;
  const visit = (p) => {
    let st;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(p)) visit(path.join(p, name));
    } else if (st.mtimeMs > newest) newest = st.mtimeMs;
  };
  for (const dir of ["cli", "shipments", "functions", "rules", "settings", "screening"])
    visit(path.join(root, "src", dir));
  visit(path.join(root, "webpack.config.js"));
  visit(path.join(root, "package.json"));
  return newest;
}

function isFresh() {
  if (process.env.EXPORTCTL_REBUILD === "1") return false;
  try {
    return fs.statSync(bundle).mtimeMs >= newestSource();
  } catch {
    return false;
  }
}

async function build() {
  let webpack;
  try {
    webpack = require("webpack");
  } catch {
    if (fs.existsSync(bundle)) {
      process.stderr.write(
        "exportctl: webpack is not installed, running the existing (older) build.\n"
      );
      return;
    }
    throw new Error(
      "the command line is not built and webpack is not installed: run `npm ci` (with dev dependencies) first."
    );
  }
  const started = Date.now();
  process.stderr.write(
    "exportctl: building the command line from src/ (once after install or a source change)...\n"
  );
  // Each process builds into its own folder and renames the result into place, so two first runs
  // at the same time cannot leave a half-written bundle.
  const tmp = path.join(cacheDir, `build-${process.pid}-${Date.now()}`);
  const configure = require(path.join(root, "webpack.config.js"));
  const config = await configure({ cli: true, cliOut: tmp }, { mode: "production" });
  config.context = root;
  await new Promise((resolve, reject) => {
    webpack(config, (error, stats) => {
      if (error) return reject(error);
      if (stats.hasErrors())
        return reject(new Error(stats.toString({ all: false, errors: true, colors: false })));
      resolve();
    });
  });
  fs.renameSync(path.join(tmp, "exportctl.cjs"), bundle);
  fs.rmSync(tmp, { recursive: true, force: true });
  process.stderr.write(`exportctl: built in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
}

try {
  if (!isFresh()) await build();
  const { main } = require(bundle);
  process.exitCode = await main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
  });
} catch (error) {
  process.stderr.write(`exportctl: ${error && error.message ? error.message : error}\n`);
  process.exitCode = 3;
}
