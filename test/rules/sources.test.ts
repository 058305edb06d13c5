// The pane's sources are drawn from the citations of the rules data, so a source the rules start
// citing cannot be left out; and the pane and workbench read src/rules only through its public API
// (index.ts and pane-api.ts).
import * as fs from "fs";
import * as path from "path";
import { sources } from "../../src/rules/pane-api";
import { dataCitations, frDocumentsIn } from "../../src/rules/sources";
import { FR_DOCUMENTS, OTHER_SOURCES } from "../../src/rules/data/documents";

const ROOT = path.join(__dirname, "..", "..");

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]
    )
    .filter((f) => f.endsWith(".ts"));
}

/** The code of a file without its comments (line comments and block comments). */
const code = (file: string) =>
  fs
    .readFileSync(file, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/^\s*\/\/.*$/gm, "");

test("every Federal Register document cited anywhere in src/rules is listed, once, described, with a link", () => {
  const cited = new Set(
    filesUnder(path.join(ROOT, "src", "rules")).flatMap((f) => frDocumentsIn(code(f)))
  );
  expect(cited.size).toBeGreaterThan(15);
  const listed = sources()
    .map((s) => frDocumentsIn(s.cite)[0])
    .filter(Boolean);
  expect([...cited].filter((d) => !listed.includes(d))).toEqual([]);
  expect(new Set(listed).size).toBe(listed.length);
  // Described in data/documents.ts: an undescribed one would be listed by its bare citation.
  expect([...cited].filter((d) => !FR_DOCUMENTS[d])).toEqual([]);
  for (const s of sources().filter((s) => frDocumentsIn(s.cite).length))
    expect(s.url ?? s.cite).toBeTruthy();
});

test("a source the data does not cite is not listed, and every citation of the data names a listed source", () => {
  const cites = dataCitations();
  // Listed FR documents are cited by the data; listed other sources match a citation of it.
  for (const s of sources()) {
    const fr = frDocumentsIn(s.cite)[0];
    const other = OTHER_SOURCES.find((o) => o.name === s.cite);
    expect(fr ?? other).toBeTruthy();
    expect(cites.some((c) => (fr ? c.cite.includes(fr) : other!.match.test(c.cite)))).toBe(true);
  }
  // Every citation of the data leads to at least one listed source.
  const names = (cite: string) =>
    frDocumentsIn(cite).length + OTHER_SOURCES.filter((o) => o.match.test(cite)).length;
  expect(cites.filter((c) => names(c.cite) === 0).map((c) => c.cite)).toEqual([]);
});

test("the list: the CFR text first, FR documents in order, each with what it is and how sure we are", () => {
  const s = sources();
  expect(s[0].cite).toMatch(/^15 CFR 740, 742, 746, 774/);
  const fr = s
    .map((x) => frDocumentsIn(x.cite)[0])
    .filter(Boolean)
    .map((k) => k.split(" FR ").map(Number));
  expect(fr).toEqual([...fr].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
  for (const x of s) {
    expect(x.what.length).toBeGreaterThan(5);
    expect(["confirmed", "secondary", "unconfirmed"]).toContain(x.confidence);
  }
  expect(s.find((x) => x.cite.startsWith("90 FR 4544"))).toMatchObject({
    url: "https://www.federalregister.gov/d/2025-00636",
    confidence: "secondary",
  });
  // The part 746 special controls bring their rules in with them.
  for (const d of ["69 FR 46070", "80 FR 4776", "87 FR 12226", "89 FR 51644"])
    expect(s.some((x) => x.cite.startsWith(d))).toBe(true);
});

test("the pane and the workbench import src/rules only through index.ts and pane-api.ts", () => {
  const deep: string[] = [];
  for (const dir of ["taskpane", "workbench"])
    for (const f of filesUnder(path.join(ROOT, "src", dir)))
      for (const m of fs
        .readFileSync(f, "utf8")
        .matchAll(/from\s+"((?:\.\.\/)+rules(?:\/[^"]*)?)"/g))
        if (!/\/rules(\/pane-api)?$/.test(m[1])) deep.push(`${path.relative(ROOT, f)}: ${m[1]}`);
  expect(deep).toEqual([]);
});
