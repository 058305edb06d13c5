// Matching a party's name against the screening list. Score 0-100: the Levenshtein similarity
// (fastest-levenshtein) of the two names' keys, 100 x (1 - edits / longer key length), rounded,
// the better of the words-in-alphabetical-order keys and the as-written keys; 100 when the keys
// are equal (an exact match after folding case, accents, punctuation, legal-form words and word
// order). A name matches at min_score (default 90: one typing error in a name of 10 letters or
// more) or above. Alternate names count as the entry's own. A shared common word ("Technology")
// alone never reaches 90, because the whole name is compared, not a subset of its words.
//
// Speed: exact keys are a hash lookup; close keys are found with a trigram index and the q-gram
// bound (a key within d edits shares all but 3d of the query's distinct trigrams, so it holds one
// of any 3d+1 of them: only the postings of the query's 3d+1 rarest trigrams are read), then
// verified with the edit distance. Results are memoised by normalised name, country and threshold.
import { distance } from "fastest-levenshtein";
import { nameKeys } from "./normalise";
import { DEFAULT_MIN_SCORE } from "./types";
import type { ListKind, ScreeningEntry, ScreeningList } from "./types";

export { DEFAULT_MIN_SCORE };

export interface ScreeningMatch {
  entry: ScreeningEntry;
  /** The listed name or alternate name that matched. */
  matchedName: string;
  /** 0-100. */
  score: number;
  /** The normalised keys are equal. */
  exact: boolean;
}

interface KeyRecord {
  key: string;
  entry: number;
  name: string;
}

/** Severity, for choosing among equal scores: the list that restricts most wins. */
const SEVERITY: Record<ListKind, number> = { DPL: 6, SDN: 5, MEU: 4, EL: 3, OTHER: 2, UVL: 1 };

function trigrams(key: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i + 3 <= key.length; i++) out.add(key.slice(i, i + 3));
  return [...out];
}

/** Entry countries as the EAR reads them: Hong Kong counts as China (and Macau as itself). */
function countryKeys(codes: readonly string[]): string[] {
  return codes.flatMap((c) => (c === "HK" ? ["HK", "CN"] : [c]));
}

export class ScreeningIndex {
  private records: KeyRecord[] = [];
  private exact = new Map<string, number[]>();
  private grams = new Map<string, number[]>();
  private countries: (Set<string> | null)[];
  private memo = new Map<string, ScreeningMatch | null>();
  private stamp: Uint32Array;
  private round = 0;

  constructor(readonly list: ScreeningList) {
    const entries = list.entries;
    this.countries = entries.map((e) => (e.countries.length ? new Set(countryKeys(e.countries)) : null));
    entries.forEach((e, i) => {
      const seen = new Set<string>();
      for (const name of [e.name, ...e.altNames]) {
        const keys = nameKeys(name, false);
        for (const key of [keys.sorted, keys.ordered]) {
          if (!key || seen.has(key)) continue;
          seen.add(key);
          const id = this.records.length;
          this.records.push({ key, entry: i, name });
          push(this.exact, key, id);
          for (const g of trigrams(key)) push(this.grams, g, id);
        }
      }
    });
    this.stamp = new Uint32Array(this.records.length);
  }

  /** Key records indexed (names, alternate names and their word orders). */
  get size(): number {
    return this.records.length;
  }

  /**
   * The best match for a party, or null. `country`: ISO alpha-2 codes the party is in (entries
   * listing no country stay candidates). Throws NonLatinNameError for a name it cannot read.
   */
  screen(name: string, country: readonly string[] | null, minScore = DEFAULT_MIN_SCORE): ScreeningMatch | null {
    const keys = nameKeys(name, true);
    if (!keys.sorted) return null;
    const memoKey = `${keys.sorted}|${keys.ordered}|${country ? country.join(",") : ""}|${minScore}`;
    const hit = this.memo.get(memoKey);
    if (hit !== undefined) return hit;
    const result = this.search(keys.sorted, keys.ordered, country, minScore);
    if (this.memo.size >= 100_000) this.memo.clear();
    this.memo.set(memoKey, result);
    return result;
  }

  private allowed(entry: number, country: readonly string[] | null): boolean {
    if (!country) return true;
    const set = this.countries[entry];
    return set === null || country.some((c) => set.has(c));
  }

  private better(a: ScreeningMatch | null, b: ScreeningMatch): boolean {
    if (!a) return true;
    if (b.score !== a.score) return b.score > a.score;
    return SEVERITY[b.entry.kind] > SEVERITY[a.entry.kind];
  }

  private search(
    sorted: string,
    ordered: string,
    country: readonly string[] | null,
    minScore: number
  ): ScreeningMatch | null {
    const entries = this.list.entries;
    let best: ScreeningMatch | null = null;
    for (const key of new Set([sorted, ordered])) {
      for (const id of this.exact.get(key) ?? []) {
        const r = this.records[id];
        if (!this.allowed(r.entry, country)) continue;
        const m = { entry: entries[r.entry], matchedName: r.name, score: 100, exact: true };
        if (this.better(best, m)) best = m;
      }
    }
    if (best || minScore > 100) return best;
    for (const key of new Set([sorted, ordered])) {
      for (const id of this.candidates(key, minScore)) {
        const r = this.records[id];
        if (!this.allowed(r.entry, country)) continue;
        const longer = Math.max(key.length, r.key.length);
        const edits = distance(key, r.key);
        const score = Math.round(100 * (1 - edits / longer));
        if (score < minScore) continue;
        const m = { entry: entries[r.entry], matchedName: r.name, score, exact: false };
        if (this.better(best, m)) best = m;
      }
    }
    return best;
  }

  /** Records that may score >= minScore against `key` (a superset; the edit distance decides). */
  private candidates(key: string, minScore: number): number[] {
    // score >= minScore - 0.5 (rounding) with edits d and longer length L <= |key| + d gives
    // d <= f |key| / (1 - f), f = (100.5 - minScore) / 100.
    const f = (100.5 - minScore) / 100;
    const all = () => this.records.map((_, i) => i);
    if (f >= 1) return all();
    const maxEdits = Math.floor((f * key.length) / (1 - f));
    const grams = trigrams(key);
    const need = 3 * maxEdits + 1;
    if (need > grams.length) {
      return all().filter((i) => Math.abs(this.records[i].key.length - key.length) <= maxEdits);
    }
    grams.sort((a, b) => (this.grams.get(a)?.length ?? 0) - (this.grams.get(b)?.length ?? 0));
    const round = ++this.round;
    const out: number[] = [];
    for (let g = 0; g < need; g++) {
      for (const id of this.grams.get(grams[g]) ?? []) {
        if (this.stamp[id] === round) continue;
        this.stamp[id] = round;
        if (Math.abs(this.records[id].key.length - key.length) <= maxEdits) out.push(id);
      }
    }
    return out;
  }
}

function push(map: Map<string, number[]>, key: string, id: number): void {
  const list = map.get(key);
  if (list) {
    if (list[list.length - 1] !== id) list.push(id);
  } else map.set(key, [id]);
}

const indexes = new WeakMap<ScreeningList, ScreeningIndex>();

/** The list's index, built on first use and kept with the list. */
export function indexOf(list: ScreeningList): ScreeningIndex {
  let index = indexes.get(list);
  if (!index) {
    index = new ScreeningIndex(list);
    indexes.set(list, index);
  }
  return index;
}
