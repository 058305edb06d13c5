#!/usr/bin/env node
// npm start: build in development mode and serve https://localhost:3000 (webpack serve), then
//  - Windows / macOS: sideload manifest.xml into desktop Excel (office-addin-debugging);
//  - Linux (no desktop Excel): print how to upload manifest.xml to Excel on the web.
// Keeps serving until Ctrl+C. A CA certificate that cannot be trusted system-wide (root without
// sudo, CI) is a warning, not a crash: the server still runs on the generated certificates.
import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(path.join(root, "package.json"));
const port = Number(process.env.npm_package_config_dev_server_port || 3000);
const baseUrl = `https://localhost:${port}`;
const manifestPath = path.join(root, "manifest.xml");
const certDir = path.join(os.homedir(), ".office-addin-dev-certs");
const certFiles = {
  ca: path.join(certDir, "ca.crt"),
  cert: path.join(certDir, "localhost.crt"),
  key: path.join(certDir, "localhost.key"),
};
const desktopExcel = process.platform === "win32" || process.platform === "darwin";

const log = (msg = "") => console.log(`[start] ${msg}`);

function binOf(pkg, name = pkg) {
  const json = require(`${pkg}/package.json`);
  const bin = typeof json.bin === "string" ? json.bin : json.bin[name];
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), bin);
}

/** Makes sure ~/.office-addin-dev-certs holds a CA and a localhost certificate. Never throws. */
async function ensureCertificates() {
  let devCerts;
  try {
    devCerts = require("office-addin-dev-certs");
  } catch (error) {
    log(
      `office-addin-dev-certs is not installed (${error.message}); the dev server will use a self-signed fallback.`
    );
    return { trusted: false };
  }
  const haveFiles = () => Object.values(certFiles).every((f) => fs.existsSync(f));
  // Trusting the CA runs sudo on Linux; as root without sudo, or in CI, that cannot work, so only
  // generate the files there instead of failing on the install step.
  const canTrust = desktopExcel || (!process.env.CI && commandExists("sudo"));
  if (canTrust) {
    try {
      await devCerts.ensureCertificatesAreInstalled();
      return { trusted: true };
    } catch (error) {
      log(`Could not trust the development CA system-wide: ${firstLine(error)}`);
    }
  }
  if (!haveFiles()) {
    try {
      await devCerts.generateCertificates();
      log(`Generated development certificates in ${certDir}`);
    } catch (error) {
      log(`Could not generate development certificates: ${firstLine(error)}`);
    }
  }
  return { trusted: false };
}

function commandExists(cmd) {
  const r = spawnSync(
    process.platform === "win32" ? "where" : "sh",
    process.platform === "win32" ? [cmd] : ["-c", `command -v ${cmd}`],
    { stdio: "ignore" }
  );
  return r.status === 0;
}

function firstLine(error) {
  return (
    String((error && error.message) || error)
      .split("\n")
      .find((l) => l.trim()) ?? "unknown error"
  );
}

/** Resolves once the dev server answers over https (any status), or rejects after `timeoutMs`. */
function waitForServer(child, timeoutMs = 10 * 60 * 1000) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    let done = false;
    child.once("exit", () => {
      if (!done) reject(new Error("the dev server exited before it was ready"));
    });
    const attempt = () => {
      if (done) return;
      const req = https.get(
        `${baseUrl}/taskpane.html`,
        { rejectUnauthorized: false, timeout: 120000 },
        (res) => {
          res.resume();
          done = true;
          resolve(res.statusCode);
        }
      );
      req.on("error", retry);
      req.on("timeout", () => req.destroy(new Error("timeout")));
    };
    const retry = () => {
      if (done) return;
      if (Date.now() > deadline) {
        done = true;
        reject(new Error(`no answer from ${baseUrl} after ${Math.round(timeoutMs / 1000)} s`));
      } else setTimeout(attempt, 1000);
    };
    attempt();
  });
}

function printWebInstructions(status, trusted) {
  const lines = [
    "",
    "Excel is not available on this machine (desktop Excel runs on Windows and macOS only), so nothing is sideloaded.",
    "",
    `Dev server:  ${baseUrl}/taskpane.html  (HTTP ${status})`,
    `Manifest:    ${manifestPath}`,
    "",
    "To try the add-in in Excel on the web:",
    "  1. Open a workbook at https://excel.cloud.microsoft (or office.com) with a Microsoft 365 account.",
    "  2. Home > Add-ins > More Settings (or Advanced...) > Upload My Add-in.",
    `  3. Browse to ${manifestPath} and choose Upload.`,
    `  4. The browser must reach ${baseUrl} and trust its certificate: the dev server runs on this machine,`,
    "     so use a browser here (or forward port " +
      port +
      " to localhost on your machine), and trust the CA",
    `     ${certFiles.ca}`,
    trusted
      ? "     (already trusted system-wide by office-addin-dev-certs)."
      : "     (not trusted system-wide here: import it into the browser's certificate authorities, or open " +
        baseUrl +
        " once and accept it).",
    '  5. Type =EXPORTCTL.REQUIRES_LICENSE("H100","AE",2000) in a cell; the EXPORTCTL button is on the Home tab.',
    "",
    `Workbench (a browser page for the functions and the pane, no Excel needed): ${baseUrl}/workbench.html`,
    `Help pages: ${baseUrl}/help/index.html`,
    `Check from a shell: curl --cacert ${certFiles.ca} ${baseUrl}/taskpane.html`,
    "",
    "Serving until Ctrl+C.",
  ];
  console.log(lines.join("\n"));
}

async function main() {
  if (!fs.existsSync(manifestPath)) {
    console.error(`[start] ${manifestPath} is missing.`);
    process.exit(1);
  }
  const { trusted } = await ensureCertificates();

  log(`Building (development) and serving ${baseUrl} ...`);
  const server = spawn(process.execPath, [binOf("webpack-cli"), "serve", "--mode", "development"], {
    cwd: root,
    stdio: "inherit",
    env: process.env,
  });

  let sideloaded = false;
  let stopping = false;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    if (sideloaded) {
      log("Removing the sideloaded add-in (office-addin-debugging stop) ...");
      spawnSync(
        process.execPath,
        [binOf("office-addin-debugging"), "stop", manifestPath, "desktop"],
        { cwd: root, stdio: "inherit" }
      );
    }
    if (server.exitCode === null) server.kill(signal === "SIGINT" ? "SIGINT" : "SIGTERM");
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  server.on("exit", (code, signal) => {
    stop();
    process.exit(stopping && (signal || code === 0 || code === null) ? 0 : (code ?? 1));
  });

  let status;
  try {
    status = await waitForServer(server);
  } catch (error) {
    log(`The dev server did not come up: ${error.message}`);
    stop();
    return;
  }

  if (desktopExcel) {
    log(
      "Sideloading manifest.xml into desktop Excel (office-addin-debugging start ... desktop) ..."
    );
    const debug = spawn(
      process.execPath,
      [
        binOf("office-addin-debugging"),
        "start",
        manifestPath,
        "desktop",
        "--app",
        "excel",
        "--dev-server-port",
        String(port),
      ],
      { cwd: root, stdio: "inherit" }
    );
    sideloaded = true;
    debug.on("exit", (code) => {
      if (code)
        log(
          `office-addin-debugging exited with ${code}; the dev server keeps running. Upload ${manifestPath} by hand if Excel did not open.`
        );
    });
    log(`Serving ${baseUrl} until Ctrl+C.`);
  } else {
    printWebInstructions(status, trusted);
  }
}

main().catch((error) => {
  console.error(`[start] ${error && error.stack ? error.stack : error}`);
  process.exit(1);
});
