// The sources behind the rules data, for the task pane's provenance: drawn from the citations the
// data carries (every module of data/registry.ts), so a source the data starts citing is listed
// without touching this file (a test checks that every FR document src/rules cites is listed). What each says and where to read it comes from data/documents.ts; an FR document cited but
// not described there is still listed, by its citation (a test fails until it is described).
// Loaded with the pane only (rules/pane-api.ts), never in the functions bundle; it reads the data
// through registry.ts (ruleParts), not by path, so the rules stay one unit in that bundle.
import { FR_DOCUMENTS, OTHER_SOURCES } from "./data/documents";
import { DATED_DATA } from "./data/registry";
import type { Confidence } from "./types";

/** One source of the pane's provenance list. */
export interface SourceEntry {
  cite: string;
  url?: string;
  what: string;
  confidence: Confidence;
}

interface Cited {
  cite: string;
  confidence: Confidence;
  what?: string;
}

const FR = /\b(\d{2}) FR (\d{3,6})\b/g;
const RANK: Record<Confidence, number> = { unconfirmed: 0, secondary: 1, confirmed: 2 };

/** Every `cite` of the data (with its confidence, and the milestone's `what` when it has one). */
function citesIn(value: unknown, out: Cited[], depth: number): void {
  if (depth > 8 || value === null || typeof value !== "object") return;
  const v = value as Record<string, unknown>;
  if (typeof v.cite === "string" && typeof v.confidence === "string")
    out.push({
      cite: v.cite,
      confidence: v.confidence as Confidence,
      what: typeof v.what === "string" ? v.what : undefined,
    });
  for (const child of Array.isArray(value) ? value : Object.values(v))
    citesIn(child, out, depth + 1);
}

/** The citations of the rules data, each once. */
export function dataCitations(): readonly Cited[] {
  const out: Cited[] = [];
  citesIn(DATED_DATA, out, 0);
  return out;
}

/** The FR documents a citation names, as "90 FR 4544". */
export function frDocumentsIn(cite: string): string[] {
  return [...cite.matchAll(FR)].map((m) => `${m[1]} FR ${m[2]}`);
}

const volumePage = (key: string) => key.split(" FR ").map(Number);

/**
 * The sources the rules data cites (reference/regulations.md §0, §1.1): the CFR text first, then
 * the Federal Register documents in order of volume and page, then guidance, filings and analyses.
 */
export function sources(): SourceEntry[] {
  const cites = dataCitations();
  const fr = new Map<string, Cited>();
  const others = new Set<number>();
  for (const c of cites) {
    for (const key of frDocumentsIn(c.cite)) {
      const seen = fr.get(key);
      // Undescribed: the strongest citing entry speaks for it, with a milestone's sentence if any.
      if (!seen || RANK[c.confidence] > RANK[seen.confidence] || (!seen.what && c.what))
        fr.set(key, { ...c, what: c.what ?? seen?.what });
    }
    OTHER_SOURCES.forEach((s, i) => s.match.test(c.cite) && others.add(i));
  }
  const listed: SourceEntry[] = [];
  const other = (i: number): SourceEntry => {
    const { name, url, what, confidence } = OTHER_SOURCES[i];
    return url ? { cite: name, url, what, confidence } : { cite: name, what, confidence };
  };
  if (others.has(0)) listed.push(other(0));
  const keys = [...fr.keys()].sort((a, b) => {
    const [x, y] = [volumePage(a), volumePage(b)];
    return x[0] - y[0] || x[1] - y[1];
  });
  for (const key of keys) {
    const d = FR_DOCUMENTS[key];
    if (!d) {
      const c = fr.get(key) as Cited;
      listed.push({ cite: key, what: c.what ?? `cited as: ${c.cite}`, confidence: c.confidence });
      continue;
    }
    const url = d.url ?? (d.doc ? `https://www.federalregister.gov/d/${d.doc}` : undefined);
    const cite = d.doc ? `${key} (FR doc ${d.doc})` : key;
    listed.push(
      url
        ? { cite, url, what: d.what, confidence: d.confidence }
        : { cite, what: d.what, confidence: d.confidence }
    );
  }
  for (const i of [...others].filter((i) => i > 0).sort((a, b) => a - b)) listed.push(other(i));
  return listed;
}
