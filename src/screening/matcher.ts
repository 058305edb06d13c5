// Matching a party's name against the screening list. Score 0-100: the Levenshtein similarity
// (fastest-levenshtein) of the two names' keys, 100 x (1 - edits / longer key length), rounded,
// the better of the words-in-alphabetical-order keys and the as-written keys; 100 when the keys
// are equal (an exact match after folding case, accents, punctuation, legal-form words and word
// order). A name matches at min_score (default 90: one typing error in a name of 10 letters or
// more) or above. Alternate names count as the entry's own. A shared common word ("Technology")
// alone never reaches 90, because the whole name is compared, not a subset of its words.
//
// A whole-name comparison misses a listed name inside a longer one ("Brightwater Trading LLC
// (Dubai branch)"), a listed name written shorter or in another order ("Jonathan Fictitious",
// "Fictitious, J. Q.", "Novaterra Aerospace Research Inst.") and one word changed or inflected
// ("Qadir Precision Supply", "Orvex Maritime Group"). A second pass aligns words, in any order: a
// word matches a listed word when equal, within one edit (5 letters or more), sharing its first 5
// letters, an abbreviation of it (3 letters or more, its letters in order from the first:
// "Inst.", "Trdg"), or its initial. A listed name of 2 words or more is a partial match when at
// least half its words (and 2) are found, among them its anchor (its rarest word outside
// GENERIC_WORDS, found as written) and all its own (non-generic) words or two of them; a name of
// generic words only must be found whole. A partial match is never exact, so at best POSSIBLE
// MATCH (review), scored as the similarity of the aligned words. "Precision Supplies" finds no
// "Qadir Precision Supplies": only "Qadir" anchors it.
//
// Speed: exact keys are a hash lookup; close keys are found with a 4-gram index and the q-gram
// bound (a key within d edits shares all but 4d of the query's distinct 4-grams, so it holds one
// of any 4d+1 of them: only the postings of the query's 4d+1 rarest 4-grams are read), then
// verified with the edit distance. Results are memoised by normalised name, country and threshold.
import { distance } from "fastest-levenshtein";
import { GENERIC_WORDS, nameKeys } from "./normalise";
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
  /**
   * A word-aligned partial match (never exact): how many of the listed name's words were found in
   * the party's name (all of them: the listed name within a longer one).
   */
  partial?: { words: number; of: number };
}

/** Which word order a key is in: SORTED, ORDERED (as written), or BOTH when they coincide. */
const SORTED = 1;
const ORDERED = 2;

interface KeyRecord {
  key: string;
  entry: number;
  name: string;
  form: number;
}

/** Severity, for choosing among equal scores: the list that restricts most wins. */
const SEVERITY: Record<ListKind, number> = { DPL: 6, SDN: 5, MEU: 4, EL: 3, OTHER: 2, UVL: 1 };

/** Length of the grams indexed: 4-grams are rare enough in real names to keep candidate lists short. */
const Q = 4;

function grams(key: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i + Q <= key.length; i++) out.add(key.slice(i, i + Q));
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
  /** Anchor word -> records (as-written keys, 2 words or more) it anchors, for the word-aligned pass. */
  private anchors = new Map<string, number[]>();
  private stamp: Uint32Array;
  private counts: Uint16Array;
  private round = 0;

  constructor(readonly list: ScreeningList) {
    const entries = list.entries;
    this.countries = entries.map((e) =>
      e.countries.length ? new Set(countryKeys(e.countries)) : null
    );
    entries.forEach((e, i) => {
      const seen = new Map<string, KeyRecord>();
      for (const name of [e.name, ...e.altNames]) {
        const keys = nameKeys(name, false);
        for (const [key, form] of [
          [keys.sorted, SORTED],
          [keys.ordered, ORDERED],
        ] as const) {
          if (!key) continue;
          const known = seen.get(key);
          if (known) {
            known.form |= form;
            continue;
          }
          const id = this.records.length;
          const record = { key, entry: i, name, form: form as number };
          seen.set(key, record);
          this.records.push(record);
          push(this.exact, key, id);
          for (const g of grams(key)) push(this.grams, g, id);
        }
      }
    });
    // A record's anchors: its rarest words (by the entries holding them) that are not generic.
    const df = new Map<string, number>();
    const lastEntry = new Map<string, number>();
    for (const r of this.records)
      for (const w of r.key.split(" "))
        if (lastEntry.get(w) !== r.entry) {
          lastEntry.set(w, r.entry);
          df.set(w, (df.get(w) ?? 0) + 1);
        }
    this.records.forEach((r, id) => {
      if (!(r.form & ORDERED)) return;
      const words = r.key.split(" ");
      if (words.length < 2) return;
      // A name of generic words only ("Semiconductor Manufacturing International") is anchored by
      // its rarest word, and must then be found whole.
      const mine = words.filter((w) => w.length >= 3 && !GENERIC_WORDS.has(w));
      const own = mine.length ? mine : words.filter((w) => w.length >= 3);
      if (!own.length) return;
      const rarest = Math.min(...own.map((w) => df.get(w) ?? 0));
      for (const w of new Set(own)) if (df.get(w) === rarest) push(this.anchors, w, id);
    });
    this.stamp = new Uint32Array(this.records.length);
    this.counts = new Uint16Array(this.records.length);
  }

  /** Key records indexed (names, alternate names and their word orders). */
  get size(): number {
    return this.records.length;
  }

  /**
   * The best match for a party, or null. `country`: ISO alpha-2 codes the party is in (entries
   * listing no country stay candidates). Throws NonLatinNameError for a name it cannot read.
   */
  screen(
    name: string,
    country: readonly string[] | null,
    minScore = DEFAULT_MIN_SCORE
  ): ScreeningMatch | null {
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
    // Words in alphabetical order against the same, and as written against as written (a typing
    // error in a word's first letter can change the alphabetical order).
    for (const [key, form] of [
      [sorted, SORTED],
      [ordered, ORDERED],
    ] as const) {
      if (form === ORDERED && ordered === sorted) break;
      for (const id of this.candidates(
        key,
        minScore,
        ordered === sorted ? SORTED | ORDERED : form
      )) {
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
    const partial = this.partialMatch(ordered, country, minScore);
    if (partial && this.better(best, partial)) best = partial;
    return best;
  }

  /** The word-aligned pass (see the top of this file); null when no listed name aligns. */
  private partialMatch(
    ordered: string,
    country: readonly string[] | null,
    minScore: number
  ): ScreeningMatch | null {
    const query = ordered.split(" ");
    const entries = this.list.entries;
    let best: ScreeningMatch | null = null;
    for (const anchor of new Set(query)) {
      for (const id of this.anchors.get(anchor) ?? []) {
        const r = this.records[id];
        if (!this.allowed(r.entry, country)) continue;
        const listed = r.key.split(" ");
        const pairs = align(listed, query);
        if (pairs.length < 2 || 2 * pairs.length < listed.length) continue;
        // The listed name's own (non-generic) words: all of them found, or at least two.
        const own = listed.filter((w) => !GENERIC_WORDS.has(w)).length;
        const found = pairs.filter(([i]) => !GENERIC_WORDS.has(listed[i])).length;
        if (own ? found < own && found < 2 : pairs.length < listed.length) continue;
        // Abbreviations and initials stand for their words; only typing errors cost.
        const a = pairs.map(([i]) => listed[i]).join(" ");
        const b = pairs
          .map(([i, j]) =>
            query[j] !== listed[i] && !oneEdit(query[j], listed[i]) ? listed[i] : query[j]
          )
          .join(" ");
        const score = Math.round(100 * (1 - distance(a, b) / Math.max(a.length, b.length)));
        if (score < minScore) continue;
        const m: ScreeningMatch = {
          entry: entries[r.entry],
          matchedName: r.name,
          score,
          exact: false,
          partial: { words: pairs.length, of: listed.length },
        };
        if (this.better(best, m)) best = m;
      }
    }
    return best;
  }

  /**
   * Records in `forms` that may score >= minScore against `key` (a superset; the edit distance
   * decides). With d edits allowed, a record shares all but Q*d of the key's distinct Q-grams, so
   * it holds at least k of any Q*d+k of them: only the postings of the Q*d+k rarest are read, and
   * a record counts once it appears in k of them (k up to 3: common grams alone do not qualify).
   */
  private candidates(key: string, minScore: number, forms: number): number[] {
    // score >= minScore - 0.5 (rounding) with edits d and longer length L <= |key| + d gives
    // d <= f |key| / (1 - f), f = (100.5 - minScore) / 100.
    const f = (100.5 - minScore) / 100;
    const all = () => this.records.map((_, i) => i).filter((i) => this.records[i].form & forms);
    if (f >= 1) return all();
    const maxEdits = Math.floor((f * key.length) / (1 - f));
    const own = grams(key);
    const k = Math.min(3, own.length - Q * maxEdits);
    if (k < 1) {
      return all().filter((i) => Math.abs(this.records[i].key.length - key.length) <= maxEdits);
    }
    own.sort((a, b) => (this.grams.get(a)?.length ?? 0) - (this.grams.get(b)?.length ?? 0));
    const round = ++this.round;
    const out: number[] = [];
    const lists = Q * maxEdits + k;
    for (let g = 0; g < lists; g++) {
      for (const id of this.grams.get(own[g]) ?? []) {
        if (this.stamp[id] !== round) {
          this.stamp[id] = round;
          this.counts[id] = 0;
        }
        if (++this.counts[id] !== k) continue;
        const r = this.records[id];
        if (r.form & forms && Math.abs(r.key.length - key.length) <= maxEdits) out.push(id);
      }
    }
    return out;
  }
}

/** Does word `q` of the party's name stand for word `w` of a listed name? */
function wordMatches(q: string, w: string): boolean {
  if (q === w) return true;
  if (q.length === 1 || w.length === 1)
    return q[0] === w[0] && (q.length === 1) !== (w.length === 1);
  if (oneEdit(q, w)) return true;
  if (q.length >= 5 && w.length >= 5 && q.slice(0, 5) === w.slice(0, 5)) return true;
  const [short, long] = q.length <= w.length ? [q, w] : [w, q];
  return short.length >= 3 && short[0] === long[0] && isSubsequence(short, long);
}

function oneEdit(a: string, b: string): boolean {
  return a.length >= 5 && b.length >= 5 && distance(a, b) <= 1;
}

/** Are the letters of `short` found in `long` in order ("trdg" in "trading", "inst" in "institute")? */
function isSubsequence(short: string, long: string): boolean {
  let j = 0;
  for (let i = 0; i < long.length && j < short.length; i++) if (long[i] === short[j]) j++;
  return j === short.length;
}

/**
 * The listed name's words matched to distinct words of the party's name, in any order (each listed
 * word takes the first free word equal to it, else the first free word that stands for it); pairs
 * of [listed index, party index]. The anchor of a record is among them when it is in the name.
 */
function align(listed: readonly string[], query: readonly string[]): [number, number][] {
  const used = new Uint8Array(query.length);
  const pairs: [number, number][] = [];
  for (let i = 0; i < listed.length; i++) {
    let j = query.findIndex((q, k) => !used[k] && q === listed[i]);
    if (j < 0) j = query.findIndex((q, k) => !used[k] && wordMatches(q, listed[i]));
    if (j < 0) continue;
    used[j] = 1;
    pairs.push([i, j]);
  }
  // Initials alone do not make a name: a whole word must pair too (the anchor does).
  return pairs.some(([i, j]) => listed[i].length > 1 && query[j].length > 1) ? pairs : [];
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
