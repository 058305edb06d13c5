// The golden cases format (test/golden/cases.json): one formula per case and its expected value.
// Matching follows the shared golden runner: numbers within tol, text case-insensitive,
// {error, messageIncludes}, {notPrefix}, {not}, and 2-D arrays for spilled results.
import * as fs from "fs";
import * as path from "path";

export interface GoldenCase {
  id: string;
  fn: string;
  args: unknown[];
  expect: unknown;
  tol?: number;
}

/** Every case of test/golden/*.json (cases.json, then the others by name). */
export function loadCases(): GoldenCase[] {
  const dir = path.join(__dirname, "..", "golden");
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort((a, b) => (a === "cases.json" ? -1 : b === "cases.json" ? 1 : a.localeCompare(b)));
  return files.flatMap((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")).cases as GoldenCase[]);
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
  }
  if (typeof expect === "number") return typeof got === "number" && Math.abs(got - expect) <= (tol ?? 1e-9);
  if (typeof expect === "string") return typeof got === "string" && got.trim().toLowerCase() === expect.trim().toLowerCase();
  return got === expect;
}
