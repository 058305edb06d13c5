// Browser plumbing for the end-to-end tests: a headless Chromium (the system one when installed,
// else the one inside the @sparticuz/chromium package), a static server for dist/, and routing that
// keeps the page offline: office.js from the CDN becomes an empty script (the test installs its
// own Office stand-in) and every other non-local request is aborted and recorded.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { chromium } from "playwright-core";

export const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

export async function launchBrowser() {
  const quiet = ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
  if (fs.existsSync("/usr/bin/chromium")) {
    return launchRetrying({ executablePath: "/usr/bin/chromium", headless: true, args: ["--no-sandbox", "--disable-gpu", ...quiet] });
  }
  const { default: sparticuz } = await import("@sparticuz/chromium");
  return launchRetrying({ executablePath: await sparticuz.executablePath(), headless: true, args: [...sparticuz.args, ...quiet] });
}

// The packaged headless shell (single-process) now and then dies while starting on a busy machine
// (SIGSEGV before the first page): a start is tried three times; a page that crashes later still fails.
async function launchRetrying(options) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await chromium.launch(options);
    } catch (error) {
      if (attempt >= 3) throw error;
      console.error(`chromium did not start (attempt ${attempt}): ${String(error.message).split("\n")[0]}`);
    }
  }
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".xml": "application/xml",
};

/** Serves `dir` on 127.0.0.1 at a free port. */
export async function serve(dir) {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://localhost");
    const file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/**
 * Routes a browser context: the office.js CDN URL -> an empty script, requests to `base` pass,
 * anything else is aborted and pushed to `blocked`.
 */
export async function routeOffline(context, base, blocked = []) {
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url === OFFICE_JS) return route.fulfill({ status: 200, contentType: "text/javascript", body: "" });
    if (url.startsWith(base) || url.startsWith("data:")) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  return blocked;
}

/**
 * Installed with page.addInitScript before any page script runs: a stand-in Office (onReady with
 * the given host; document settings backed by window.__settings) and CustomFunctions (associate
 * records id -> function in window.__registry). host null: Office.onReady reports no host, as
 * office.js does outside Office. officeTheme: what Office.context.officeTheme returns (window.__theme
 * replaces it later, as when the user changes the Office theme).
 */
export function officeStandIn({ host, settings, officeTheme }) {
  const store = { ...(settings || {}) };
  window.__settings = store;
  window.__saves = 0;
  window.__registry = {};
  class CFError extends Error {
    constructor(code, message) {
      super(message || "");
      this.code = code;
      this.message = message || "";
    }
  }
  window.CustomFunctions = {
    associate(id, fn) {
      if (typeof id === "object") for (const [k, f] of Object.entries(id)) window.__registry[k.toUpperCase()] = f;
      else window.__registry[String(id).toUpperCase()] = fn;
    },
    Error: CFError,
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!", nullReference: "#NULL!" },
  };
  const ready = { host, platform: host ? "OfficeOnline" : null };
  const documentSettings = {
    get: (k) => (k in store ? store[k] : null),
    set: (k, v) => {
      store[k] = v;
    },
    remove: (k) => {
      delete store[k];
    },
    saveAsync: (a, b) => {
      window.__saves++;
      const cb = typeof a === "function" ? a : b;
      if (cb) setTimeout(() => cb({ status: "succeeded" }), 0);
    },
  };
  window.__theme = officeTheme || undefined;
  window.Office = {
    onReady(cb) {
      const p = new Promise((resolve) => setTimeout(() => resolve(ready), 0));
      if (cb) p.then(cb);
      return p;
    },
    HostType: { Excel: "Excel" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    context: host
      ? {
          document: { settings: documentSettings },
          requirements: { isSetSupported: () => true },
          get officeTheme() {
            return window.__theme;
          },
        }
      : {},
  };
}

/** Calls a registered custom function the way Excel does (scalars as 1x1 matrices, omitted -> null). */
export async function callFunction(page, meta, id, ...args) {
  const fn = meta.functions.find((f) => f.id === id);
  if (!fn) throw new Error(`${id} is not in functions.json`);
  const shaped = fn.parameters.map((p, i) => {
    const a = args[i];
    if (a === undefined || a === null) return null;
    return p.dimensionality === "matrix" && !Array.isArray(a) ? [[a]] : a;
  });
  return page.evaluate(
    async ({ id, shaped }) => {
      const f = window.__registry[id];
      if (!f) return { error: "#NAME?", message: `${id} not registered` };
      const unwrap = (v) => (v && typeof v === "object" && "code" in v ? { error: v.code, message: v.message } : v);
      let r = await f(...shaped);
      if (Array.isArray(r) && r.length === 1 && Array.isArray(r[0]) && r[0].length === 1) r = r[0][0];
      return Array.isArray(r) ? r.map((row) => row.map(unwrap)) : unwrap(r);
    },
    { id, shaped }
  );
}
