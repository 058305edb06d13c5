// Loads the built add-in the way Excel's shared runtime does (the same recipe as
// test/support/excel-runtime.ts, for scripts that run outside jest): dist/taskpane.html in jsdom,
// stand-in Office and CustomFunctions objects installed before any script runs, every script of
// the page run, and the functions the bundle registers through CustomFunctions.associate
// collected. Resolves as soon as every function of dist/functions.json is registered, and reports
// how long that took, so the bench can time a cold load.
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { JSDOM, ResourceLoader, VirtualConsole } from "jsdom";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const DIST = path.join(ROOT, "dist");
let dist = DIST;
/** Points the loader at another build (e.g. a development build for readable profiles). */
export function setDist(dir) {
  dist = path.resolve(dir);
}

class DistLoader extends ResourceLoader {
  constructor(requests) {
    super();
    this.requests = requests;
  }
  fetch(url) {
    this.requests.push(url);
    if (url.startsWith("file:")) {
      const p = decodeURIComponent(new URL(url).pathname);
      if (p.startsWith(dist) && fs.existsSync(p)) return Promise.resolve(fs.readFileSync(p));
    }
    // office.js from Microsoft's CDN and anything remote: nothing (there is no Excel here).
    return Promise.resolve(Buffer.from(""));
  }
}

function installStandIns(window, settings, registry) {
  class CFError extends Error {
    constructor(code, message) {
      super(message ?? "");
      this.code = code;
      this.message = message ?? "";
    }
  }
  window.CustomFunctions = {
    associate(id, fn) {
      if (typeof id === "object")
        for (const [k, f] of Object.entries(id)) registry.set(k.toUpperCase(), f);
      else registry.set(String(id).toUpperCase(), fn);
    },
    Error: CFError,
    ErrorCode: {
      invalidValue: "#VALUE!",
      notAvailable: "#N/A",
      divisionByZero: "#DIV/0!",
      invalidNumber: "#NUM!",
    },
  };
  const store = {
    get: (k) => (settings.has(k) ? settings.get(k) : null),
    set: (k, v) => settings.set(k, v),
    remove: (k) => settings.delete(k),
    saveAsync: (a, b) => {
      const cb = typeof a === "function" ? a : b;
      cb?.({ status: "succeeded" });
    },
    addHandlerAsync: () => undefined,
  };
  const ready = { host: "Excel", platform: "PC" };
  window.Office = {
    // The page's own timer, so closing the page cancels a callback that has not run yet.
    onReady: (cb) => {
      if (cb) window.setTimeout(() => cb(ready), 0);
      return Promise.resolve(ready);
    },
    HostType: { Excel: "Excel" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    EventType: { SettingsChanged: "settingsChanged" },
    context: { document: { settings: store }, requirements: { isSetSupported: () => true } },
  };
}

/**
 * Opens dist/taskpane.html. `loadMs` is the time from creating the page until every function of
 * functions.json was registered (polled on every macrotask turn).
 */
export async function loadAddin({ settings: initial = {}, timeoutMs = 20000 } = {}) {
  const metaFile = path.join(dist, "functions.json");
  if (!fs.existsSync(metaFile))
    throw new Error("dist/functions.json is missing: run npm run build first");
  const meta = JSON.parse(fs.readFileSync(metaFile, "utf8"));
  const wanted = meta.functions.map((f) => f.id.toUpperCase());
  const registry = new Map();
  const settings = new Map(Object.entries(initial));
  const requests = [];
  const pageErrors = [];
  const html = fs.readFileSync(path.join(dist, "taskpane.html"), "utf8");
  const virtualConsole = new VirtualConsole();
  virtualConsole.on("jsdomError", (e) => pageErrors.push(String(e?.stack ?? e?.message ?? e)));
  const started = performance.now();
  const dom = new JSDOM(html, {
    url: "file://" + path.join(dist, "taskpane.html"),
    runScripts: "dangerously",
    resources: new DistLoader(requests),
    pretendToBeVisual: true,
    virtualConsole,
    beforeParse(window) {
      installStandIns(window, settings, registry);
    },
  });
  const deadline = started + timeoutMs;
  while (!wanted.every((id) => registry.has(id))) {
    if (performance.now() > deadline) {
      dom.window.close();
      const missing = wanted.filter((id) => !registry.has(id));
      throw new Error(
        `functions not registered after ${timeoutMs} ms: ${missing.join(", ")}\n${pageErrors.join("\n")}`
      );
    }
    await new Promise((r) => setImmediate(r));
  }
  const loadMs = performance.now() - started;
  // Let the page finish starting (load event, Office.onReady) before anything is timed.
  await new Promise((resolve) => {
    if (dom.window.document.readyState === "complete") resolve();
    else dom.window.addEventListener("load", () => resolve());
  });
  await new Promise((r) => dom.window.setTimeout(r, 10));
  const byId = new Map(meta.functions.map((f) => [f.id.toUpperCase(), f]));
  return {
    meta,
    registry,
    settings,
    requests,
    pageErrors,
    loadMs,
    window: dom.window,
    /** The registered function, called directly with Excel-shaped arguments (2-D arrays, null). */
    fn(id) {
      const f = registry.get(id.toUpperCase());
      if (!f) throw new Error(`${id} is not registered`);
      return f;
    },
    /** Scalars shaped as Excel does for matrix parameters ([[x]]), omitted ones null. */
    call(id, ...args) {
      const m = byId.get(id.toUpperCase());
      const shaped = (m?.parameters ?? []).map((p, i) => {
        const a = args[i];
        if (a === undefined || a === null) return null;
        return p.dimensionality === "matrix" && !Array.isArray(a) ? [[a]] : a;
      });
      return this.fn(id)(...shaped);
    },
    close() {
      dom.window.close();
    },
  };
}
