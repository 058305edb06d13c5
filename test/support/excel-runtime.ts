// Loads the built add-in the way Excel's shared runtime does: dist/taskpane.html in a DOM with
// stand-in Office and CustomFunctions objects installed before any script runs. Functions are
// called as Excel calls them: arguments shaped by functions.json (a scalar becomes [[x]] for a
// matrix parameter, omitted ones null), results read back as values or {error, message}.
import * as fs from "fs";
import * as path from "path";
import { JSDOM, ResourceLoader, VirtualConsole } from "jsdom";
import { seen } from "./cases";

export const DIST = path.join(__dirname, "..", "..", "dist");

export interface FunctionMeta {
  id: string;
  name: string;
  description: string;
  helpUrl?: string;
  parameters: { name: string; description: string; type?: string; dimensionality?: string; optional?: boolean }[];
  result: { type?: string; dimensionality?: string };
  options?: Record<string, boolean>;
}

export interface LoadedAddin {
  meta: { functions: FunctionMeta[] };
  registry: Map<string, (...args: unknown[]) => unknown>;
  settings: Map<string, unknown>;
  window: JSDOM["window"];
  requests: string[];
  call(id: string, ...args: unknown[]): Promise<unknown>;
  close(): void;
}

class DistLoader extends ResourceLoader {
  constructor(private readonly requests: string[]) {
    super();
  }
  fetch(url: string) {
    this.requests.push(url);
    if (url.startsWith("file:")) {
      const p = decodeURIComponent(new URL(url).pathname);
      if (p.startsWith(DIST) && fs.existsSync(p)) return Promise.resolve(fs.readFileSync(p)) as never;
    }
    return Promise.resolve(Buffer.from("")) as never;
  }
}

export interface LoadOptions {
  /** The page's clock reads this local date (noon), e.g. "2024-06-01"; default: the real clock. */
  today?: string;
}

export async function loadAddin(initial: Record<string, unknown> = {}, options: LoadOptions = {}): Promise<LoadedAddin> {
  const metaFile = path.join(DIST, "functions.json");
  if (!fs.existsSync(metaFile)) throw new Error("dist/functions.json is missing: run npm run build first");
  const meta = JSON.parse(fs.readFileSync(metaFile, "utf8"));
  const registry = new Map<string, (...args: unknown[]) => unknown>();
  const settings = new Map<string, unknown>(Object.entries(initial));
  const requests: string[] = [];
  const html = fs.readFileSync(path.join(DIST, "taskpane.html"), "utf8");
  const dom = new JSDOM(html, {
    url: "file://" + path.join(DIST, "taskpane.html"),
    runScripts: "dangerously",
    resources: new DistLoader(requests),
    pretendToBeVisual: true,
    virtualConsole: new VirtualConsole(),
    beforeParse(window) {
      installStandIns(window as unknown as Record<string, unknown>, settings, registry);
      if (options.today) installClock(window as unknown as { Date: DateConstructor }, options.today);
    },
  });
  await new Promise<void>((resolve) => {
    if (dom.window.document.readyState === "complete") resolve();
    else dom.window.addEventListener("load", () => resolve());
  });
  await new Promise((r) => setTimeout(r, 100));
  const functions = new Map<string, FunctionMeta>(meta.functions.map((f: FunctionMeta) => [f.id, f]));
  return {
    meta,
    registry,
    settings,
    window: dom.window,
    requests,
    async call(id, ...args) {
      const fn = registry.get(id);
      const m = functions.get(id);
      if (!fn || !m) return { error: "#NAME?", message: `${id} not registered` };
      const shaped = m.parameters.map((p, i) => {
        const a = args[i];
        if (a === undefined || a === null) return null;
        return p.dimensionality === "matrix" && !Array.isArray(a) ? [[a]] : a;
      });
      return seen(await fn(...shaped));
    },
    close() {
      dom.window.close();
    },
  };
}

/** A page clock stopped at noon local time on `today`: new Date() and Date.now() read it. */
function installClock(window: { Date: DateConstructor }, today: string) {
  const Real = window.Date;
  const [y, m, d] = today.split("-").map(Number);
  const fixed = new Real(y, m - 1, d, 12).getTime();
  class Stopped extends Real {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(fixed);
      else super(...(args as [number]));
    }
    static now() {
      return fixed;
    }
  }
  window.Date = Stopped as unknown as DateConstructor;
}

function installStandIns(window: Record<string, unknown>, settings: Map<string, unknown>, registry: Map<string, (...args: unknown[]) => unknown>) {
  class CFError extends Error {
    constructor(
      public code: string,
      message?: string
    ) {
      super(message ?? "");
      this.message = message ?? "";
    }
  }
  window.CustomFunctions = {
    associate(id: string | Record<string, (...args: unknown[]) => unknown>, fn?: (...args: unknown[]) => unknown) {
      if (typeof id === "object") for (const [k, f] of Object.entries(id)) registry.set(k.toUpperCase(), f);
      else registry.set(id.toUpperCase(), fn!);
    },
    Error: CFError,
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!" },
  };
  const store = {
    get: (k: string) => (settings.has(k) ? settings.get(k) : null),
    set: (k: string, v: unknown) => settings.set(k, v),
    remove: (k: string) => settings.delete(k),
    saveAsync: (a?: unknown, b?: unknown) => {
      const cb = (typeof a === "function" ? a : b) as ((r: { status: string }) => void) | undefined;
      cb?.({ status: "succeeded" });
    },
    addHandlerAsync: () => undefined,
  };
  const ready = { host: "Excel", platform: "PC" };
  window.Office = {
    onReady: (cb?: (info: typeof ready) => void) => {
      if (cb) setTimeout(() => cb(ready), 0);
      return Promise.resolve(ready);
    },
    HostType: { Excel: "Excel" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    EventType: { SettingsChanged: "settingsChanged" },
    context: { document: { settings: store }, requirements: { isSetSupported: () => true } },
  };
}
