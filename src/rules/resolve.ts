// Text -> chip / item / country / date / regime, with "did you mean" suggestions. Lookup tables are
// built on first use and every answer is memoised per input text, so a 100,000-row broadcast over a
// few distinct values costs a Map hit per row.
import { distance } from "fastest-levenshtein";
import { CHIPS } from "./catalog";
import { looksLikeEccn, parseEccn } from "./classify";
import { countryByCode, countryIndex, normalizeKey } from "./data/countries";
import { describeChar, fold, quote } from "./fold";
import { memo } from "./memo";
import { REGIME_IDS } from "./regimes/registry";
import type { Chip, Country, IsoDate, Item, RegimeId, Resolved } from "./types";

export function isRegimeId(s: unknown): s is RegimeId {
  return typeof s === "string" && (REGIME_IDS as readonly string[]).includes(s);
}

const fail = <T>(message: string, suggestions: string[] = []): Resolved<T> => ({
  ok: false,
  message,
  suggestions,
});

interface Label {
  key: string;
  label: string;
  target: string;
}

/** Longer texts are not names: no "did you mean" search over them (it costs time per character). */
const MAX_SUGGEST_KEY = 100;
/** Longer texts are refused outright: no name in the catalog or ISO 3166 comes near. */
const MAX_NAME = 255;

/** Candidates within a small edit distance of `key`, best first, one per target, at most three. */
function closest(key: string, labels: readonly Label[]): Label[] {
  if (key.length > MAX_SUGGEST_KEY) return [];
  const limit = Math.max(2, Math.floor(key.length * 0.4));
  let best = Infinity;
  const byTarget = new Map<string, { label: Label; d: number }>();
  for (const l of labels) {
    const d = distance(key, l.key);
    if (d > limit) continue;
    const prev = byTarget.get(l.target);
    if (!prev || d < prev.d || (d === prev.d && l.label.length < prev.label.label.length))
      byTarget.set(l.target, { label: l, d });
    if (d < best) best = d;
  }
  return [...byTarget.values()]
    .filter((x) => x.d === best)
    .sort((a, b) => (a.label.label < b.label.label ? -1 : a.label.label > b.label.label ? 1 : 0))
    .slice(0, 3)
    .map((x) => x.label);
}

/**
 * The comparison key of a user's text, or the refusal to read it: a letter of another script
 * (never stripped: the rest may spell another name) or a text far longer than any name.
 */
function keyOf<T>(raw: string, what: string): { key: string } | Resolved<T> {
  if (raw.length > MAX_NAME)
    return {
      ok: false,
      refused: true,
      suggestions: [],
      message: `${what} '${quote(raw.trim())}' is ${raw.length} characters long: not a ${what.toLowerCase()} name.`,
    };
  const folded = fold(raw);
  if (folded.ok) return { key: folded.key };
  return {
    ok: false,
    refused: true,
    suggestions: [],
    message: `${what} '${quote(raw.trim())}' contains ${describeChar(folded.letter)}, a character outside the Latin alphabet: retype it in Latin letters (a look-alike letter is never read as another).`,
  };
}

function orList(items: string[]): string {
  return items.length <= 1
    ? items.join("")
    : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

// ---------------------------------------------------------------------------------------------
// Chips: id, name and aliases, case- and punctuation-insensitive, vendor prefix allowed.

interface ChipIndex {
  byKey: Map<string, Chip>;
  vendors: string[];
  labels: Label[];
}

let chipIndex: ChipIndex | null = null;

function chips(): ChipIndex {
  if (chipIndex) return chipIndex;
  const byKey = new Map<string, Chip>();
  const labels: Label[] = [];
  const vendors = new Set<string>();
  for (const chip of CHIPS) {
    for (const text of [chip.id, chip.name, ...chip.aliases]) {
      const key = normalizeKey(text);
      if (!byKey.has(key)) byKey.set(key, chip);
      labels.push({ key, label: text, target: chip.id });
      // A per-GPU entry of a multi-GPU superchip also answers to "<name> per GPU" and "<name> GPU".
      if (gpusPerSuperchip(chip) > 1 && !key.includes("gpu"))
        for (const spelled of [`${text} per GPU`, `${text} GPU`]) {
          const k = normalizeKey(spelled);
          if (!byKey.has(k)) byKey.set(k, chip);
          labels.push({ key: k, label: spelled, target: chip.id });
        }
    }
    vendors.add(normalizeKey(chip.vendor));
    vendors.add(normalizeKey(chip.vendor.split(/[\s(]/)[0]));
  }
  // Longest first so "awsannapurnalabs" is stripped before "aws".
  chipIndex = {
    byKey,
    labels,
    vendors: [...vendors].filter(Boolean).sort((a, b) => b.length - a.length),
  };
  return chipIndex;
}

const chipMemo = memo<Resolved<Chip>>();

/** GPUs per unit of a per-GPU catalog entry that is sold as a multi-GPU superchip ("2 GPU + 1 Grace"). */
function gpusPerSuperchip(chip: Chip): number {
  const m = /superchip\s*\(\s*(\d+)\s*gpu/i.exec(chip.formFactor ?? "");
  return m ? Number(m[1]) : 1;
}

/**
 * A per-GPU entry named without saying "GPU" ("GB200", "Grace Blackwell") could mean one GPU or a
 * superchip of several: asking which keeps a superchip count from being read as GPUs (half the TPP).
 */
function unitQuestion(chip: Chip, raw: string, superchip: boolean): Resolved<Chip> {
  const n = gpusPerSuperchip(chip);
  const base = chip.aliases[0] ?? chip.name;
  const per =
    chip.tpp === null
      ? ""
      : ` (TPP ${chip.tpp.toLocaleString("en-US")} per GPU, ${(chip.tpp * n).toLocaleString("en-US")} per superchip)`;
  const perGpu = `${base} per GPU`;
  return fail(
    superchip
      ? `'${quote(raw.trim())}' is a superchip of ${n} GPUs${per}; the catalog counts GPUs: write '${perGpu}' and ${n} x the number of superchips.`
      : `'${quote(raw.trim())}' could mean one GPU or a superchip of ${n} GPUs${per}: write '${perGpu}' and count GPUs (${n} per superchip).`,
    [perGpu]
  );
}

/** A catalog chip from its id, name or alias ("H100", "nvidia h100", "H100 SXM5 80GB", "RTX 4090 D"). */
export function resolveChip(text: string): Resolved<Chip> {
  const raw = String(text ?? "");
  const k = keyOf<Chip>(raw, "Chip");
  if (!("key" in k)) return k;
  return chipMemo(raw, () => {
    const { byKey, vendors, labels } = chips();
    const key = k.key;
    if (!key) return fail("Chip is empty: give a catalog id, name or alias such as H100.");
    const vendor = vendors.find((v) => key.startsWith(v) && key.length > v.length);
    const bare = vendor ? key.slice(vendor.length) : key;
    const found = byKey.get(key) ?? (vendor ? byKey.get(bare) : undefined);
    if (found) {
      if (gpusPerSuperchip(found) > 1 && !key.includes("gpu"))
        return unitQuestion(found, raw, key.includes("superchip"));
      return { ok: true, value: found };
    }
    // "GB200 Superchip": the per-GPU entry under a superchip name.
    const unit = bare.replace(/superchip/g, "");
    const asSuperchip = unit !== bare ? byKey.get(unit) : undefined;
    if (asSuperchip && gpusPerSuperchip(asSuperchip) > 1)
      return unitQuestion(asSuperchip, raw, true);
    const names = suggestChips(bare, labels);
    return fail(
      names.length
        ? `Unknown chip '${quote(raw.trim())}'. Did you mean ${orList(names)}?`
        : `Unknown chip '${quote(raw.trim())}'. No close match in the catalog.`,
      names
    );
  });
}

/**
 * "Did you mean" for chips: a catalog name the text starts with ("H20 SXM" -> H20) comes before
 * names a letter or two away (H200), which are suggested only when no name is a prefix.
 */
function suggestChips(key: string, labels: readonly Label[]): string[] {
  if (key.length > MAX_SUGGEST_KEY) return [];
  let best: Label | null = null;
  for (const l of labels) {
    if (l.key.length >= 3 && key.length > l.key.length && key.startsWith(l.key)) {
      if (!best || l.key.length > best.key.length) best = l;
    }
  }
  if (best) return [best.label];
  return closest(key, labels).map((l) => l.label);
}

const itemMemo = memo<Resolved<Item>>();

/** A chip, or an ECCN the user already knows ("3A090.a", "5A992.z.1", "EAR99"). */
export function resolveItem(text: string): Resolved<Item> {
  const raw = String(text ?? "");
  if (raw.length > MAX_NAME) {
    const refused = resolveChip(raw);
    if (!refused.ok) return refused;
  }
  return itemMemo(raw, () => {
    const eccn = parseEccn(raw);
    if (eccn) return { ok: true, value: { kind: "eccn", eccn: eccn.eccn } };
    if (looksLikeEccn(raw)) {
      return fail(
        `Unknown or unsupported ECCN '${quote(raw.trim())}'. Supported: 3A090.a/.b/.c, 4A090.a/.b, the .z paragraphs (e.g. 5A992.z.1, 3A001.z.4.a, 4A004.z.2), EAR99, 3A991.p, 4A994.l, 5A992.c.`
      );
    }
    const chip = resolveChip(raw);
    if (!chip.ok) return chip;
    return { ok: true, value: { kind: "chip", chip: chip.value } };
  });
}

/** Entries held by the chip, item and country memos (each bounded at 10,000 inputs). */
export function resolveMemoSizes(): { chip: number; item: number; country: number } {
  return { chip: chipMemo.size, item: itemMemo.size, country: countryMemo.size };
}

// ---------------------------------------------------------------------------------------------
// Countries: ISO alpha-2/alpha-3, English names and our aliases; HK -> CN; Macau its own destination.

const countryMemo = memo<Resolved<Country>>();

/**
 * The other word orders the EAR and ISO 3166 use for one name: "Korea, South" -> "South Korea",
 * "Congo (Republic of the)" -> "Republic of the Congo", "Iran, Islamic Republic of" -> "Islamic
 * Republic of Iran"; then without a leading "the" and without a state-form prefix ("Republic of
 * Moldova" -> "Moldova", "the Federal Republic of Germany" -> "Germany").
 */
function countryReadings(raw: string): string[] {
  const t = raw.trim().replace(/\s+/g, " ");
  const out: string[] = [];
  const comma = /^([^,()]+),\s*([^,()]+)$/.exec(t);
  if (comma) out.push(`${comma[2]} ${comma[1]}`);
  const paren = /^([^()]+?)\s*\(([^()]+)\)$/.exec(t);
  if (paren) out.push(`${paren[2]} ${paren[1]}`);
  const forms = [t, ...out];
  for (const f of forms) {
    const noThe = f.replace(/^the\s+/i, "");
    if (noThe !== f) out.push(noThe);
    const m =
      /^(?:the\s+)?(?:[\p{L}']+\s+){0,3}?(?:republic|kingdom|state|states|principality|sultanate|commonwealth|federation|union|grand duchy|emirate|confederation)\s+of\s+(?:the\s+)?(.+)$/iu.exec(
        f
      );
    if (m) out.push(m[1]);
  }
  return out;
}

export function resolveCountry(text: string): Resolved<Country> {
  const raw = String(text ?? "");
  const k = keyOf<Country>(raw, "Country");
  if (!("key" in k)) return k;
  return countryMemo(raw, () => {
    const key = k.key;
    if (!key) return fail("Country is empty: give an ISO code (DE, DEU) or an English name.");
    const idx = countryIndex();
    let codes = idx.byKey.get(key);
    if (!codes && raw.length <= MAX_SUGGEST_KEY) {
      for (const reading of countryReadings(raw)) {
        codes = idx.byKey.get(normalizeKey(reading));
        if (codes) break;
      }
    }
    if (codes && codes.length === 1) return { ok: true, value: countryByCode(codes[0]) as Country };
    if (codes) {
      const options = codes.map((c) => `${idx.names.get(c)} (${c})`);
      return fail(
        `Ambiguous country '${quote(raw.trim())}'. Did you mean ${orList(options)}?`,
        codes.map((c) => idx.names.get(c) as string)
      );
    }
    // A suggestion starts with the same letter: "Dubai" is not a misspelt "Cuba".
    const near = closest(
      key,
      idx.suggestions
        .filter((s) => s.key[0] === key[0])
        .map((s) => ({ key: s.key, label: s.label, target: s.code }))
    );
    const names = near.map((l) => l.label);
    return fail(
      names.length
        ? `Unknown country '${quote(raw.trim())}'. Did you mean ${orList(names)}?`
        : `Unknown country '${quote(raw.trim())}'. No close match: use an ISO code (DE, DEU) or an English name.`,
      names
    );
  });
}

// ---------------------------------------------------------------------------------------------
// Dates: an Excel serial number (1900 date system) or ISO "YYYY-MM-DD" text.

const MS_PER_DAY = 86_400_000;
/** Excel serial 1 = 1900-01-01; serial 60 is the fictitious 1900-02-29 (Lotus compatibility). */
const EXCEL_EPOCH_BEFORE_60 = Date.UTC(1899, 11, 31);
const EXCEL_EPOCH_AFTER_60 = Date.UTC(1899, 11, 30);
const MAX_SERIAL = 2_958_465; // 9999-12-31

/**
 * The ISO date of `ms` (midnight UTC of a day from year 1 on), by day arithmetic (H. Hinnant's
 * civil_from_days) rather than a Date object: a log's every distinct serial date goes through here.
 */
function iso(ms: number): IsoDate {
  const { floor } = Math;
  const z = floor(ms / MS_PER_DAY) + 719468; // days from 0000-03-01
  const cycle = floor(z / 146097); // 400-year cycles (Hinnant's "era")
  const doe = z - cycle * 146097;
  const yoe = floor((doe - floor(doe / 1460) + floor(doe / 36524) - floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + floor(yoe / 4) - floor(yoe / 100));
  const mp = floor((5 * doy + 2) / 153);
  const d = doy - floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + cycle * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function parseDate(value: string | number): Resolved<IsoDate> {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return fail(`Invalid date ${value}: not a finite number.`);
    const serial = Math.floor(value); // a time of day is ignored
    if (serial < 1 || serial > MAX_SERIAL)
      return fail(
        `Invalid date serial ${value}: Excel dates run from 1 (1900-01-01) to ${MAX_SERIAL} (9999-12-31).`
      );
    if (serial === 60) return fail("Invalid date serial 60: Excel's 1900-02-29 does not exist.");
    const epoch = serial < 60 ? EXCEL_EPOCH_BEFORE_60 : EXCEL_EPOCH_AFTER_60;
    return { ok: true, value: iso(epoch + serial * MS_PER_DAY) };
  }
  const text = String(value ?? "").trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m)
    return fail(`Invalid date '${text}': use ISO YYYY-MM-DD text or an Excel date serial number.`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900) return fail(`Invalid date '${text}': years before 1900 are not supported.`);
  if (mo < 1 || mo > 12) return fail(`Invalid date '${text}': no month ${mo}.`);
  const days = mo === 2 && isLeapYear(y) ? 29 : DAYS_IN_MONTH[mo - 1];
  if (d < 1 || d > days) return fail(`Invalid date '${text}': ${m[1]}-${m[2]} has ${days} days.`);
  return { ok: true, value: text };
}

const isoMemo = memo<boolean>();

/** True for a real ISO calendar date text (what determine() and friends accept as `asOf`). */
export function isIsoDate(s: unknown): s is IsoDate {
  return typeof s === "string" && isoMemo(s, () => parseDate(s).ok);
}
