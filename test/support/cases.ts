// The golden cases format (every test/golden/*.json): one formula per case and its expected value.
// Matching follows the shared golden runner: numbers within tol, text case-insensitive,
// {error, messageIncludes}, {notPrefix}, {not}, {oneOf}, and 2-D arrays for spilled results.
// Each layer (rules, functions, bundle) names its tests with goldenTitle, so that `npm test` counts
// a case once however many layers run it, and reports each layer as "golden via <layer>: n/m".
import * as fs from "fs";
import * as path from "path";

export interface GoldenCase {
  id: string;
  fn: string;
  args: unknown[];
  expect: unknown;
  tol?: number;
  /** The golden file the case comes from, e.g. "cases.json". */
  file: string;
}

const GOLDEN_DIR = path.join(__dirname, "..", "golden");

/** Every case of every test/golden/*.json, in file order. */
export function loadCases(): GoldenCase[] {
  const files = fs.readdirSync(GOLDEN_DIR).filter((f) => f.endsWith(".json")).sort();
  return files.flatMap((file) =>
    (JSON.parse(fs.readFileSync(path.join(GOLDEN_DIR, file), "utf8")).cases as Omit<GoldenCase, "file">[]).map((c) => ({ ...c, file })),
  );
}

/** The test title scripts/test.mjs recognises: one golden case at one layer. */
export function goldenTitle(c: Pick<GoldenCase, "file" | "id">, layer: "rules" | "functions" | "bundle"): string {
  return `golden ${c.file}:${c.id} via ${layer}`;
}

/** An Excel error value as the tests see it. */
export interface SeenError {
  error: string;
  message: string;
}

export function seen(value: unknown): unknown {
  if (value && typeof value === "object" && !Array.isArray(value) && "code" in value) {
    const e = value as { code: string; message?: string };
    return { error: e.code, message: e.message ?? "" };
  }
  if (Array.isArray(value)) {
    if (value.length === 1 && Array.isArray(value[0]) && value[0].length === 1) return seen(value[0][0]);
    return value.map((row) => (Array.isArray(row) ? row.map(seen) : seen(row)));
  }
  return value;
}

export function matches(expect: unknown, got: unknown, tol?: number): boolean {
  if (Array.isArray(expect)) {
    if (!Array.isArray(got) || got.length !== expect.length) return false;
    return expect.every((row, i) =>
      Array.isArray(row)
        ? Array.isArray(got[i]) && got[i].length === row.length && row.every((e, j) => matches(e, got[i][j], tol))
        : matches(row, got[i], tol)
    );
  }
  if (expect && typeof expect === "object") {
    const e = expect as Record<string, unknown>;
    if ("error" in e) {
      const g = got as SeenError | null;
      if (!g || typeof g !== "object" || !g.error) return false;
      if (!String(e.error).split("|").includes(g.error)) return false;
      if (e.messageIncludes && !String(g.message).toLowerCase().includes(String(e.messageIncludes).toLowerCase())) return false;
      return true;
    }
    if ("notPrefix" in e) return typeof got === "string" && !got.trim().toUpperCase().startsWith(String(e.notPrefix).toUpperCase());
    if ("not" in e) return !matches(e.not, got, tol);
    if ("oneOf" in e) return (e.oneOf as unknown[]).some((x) => matches(x, got, tol));
  }
  if (typeof expect === "number") return typeof got === "number" && Math.abs(got - expect) <= (tol ?? 1e-9);
  if (typeof expect === "string") return typeof got === "string" && got.trim().toLowerCase() === expect.trim().toLowerCase();
  return got === expect;
}
