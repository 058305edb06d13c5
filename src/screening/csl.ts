/* global globalThis, SubtleCrypto, TextDecoder */
// The Consolidated Screening List file as ITA publishes it (trade.gov "Consolidated Screening
// List": consolidated.csv and consolidated.json), read without guessing:
//  - CSV: a header row naming the columns _id, source, entity_number, type, programs, name, title,
//    addresses, federal_register_notice, start_date, end_date, standard_order,
//    license_requirement, license_policy, call_sign, vessel_type, gross_tonnage,
//    gross_registered_tonnage, vessel_flag, vessel_owner, remarks, source_list_url, alt_names,
//    citizenships, dates_of_birth, nationalities, places_of_birth, source_information_url, ids.
//    Addresses are flattened ("street, city, state, postal code, CC; next address"), alternate
//    names are separated by "; ". Header names are matched case-insensitively with spaces or
//    underscores, columns may come in any order, and added columns are ignored.
//  - JSON: {"results": [...], "sources_used": [{"source_last_updated": ...}], "total": N} or a bare
//    array of the same entries; addresses are objects with a country code, alt_names an array.
// Required: source and name on every entry, and in CSV the columns alt_names, addresses,
// federal_register_notice and license_requirement, whose absence would silently weaken matching
// or verdicts. A file that breaks off (an unclosed quote, a short last row, JSON cut short, fewer
// results than its "total") is refused with the reason.
import { parseCsv } from "../shipments/csv";
import { ListKind, ScreeningEntry, ScreeningList, ScreeningListError } from "./types";

export const REQUIRED_CSV_COLUMNS = [
  "source",
  "name",
  "alt_names",
  "addresses",
  "federal_register_notice",
  "license_requirement",
] as const;

/** Which list a CSL "source" names. */
export function listKind(source: string): ListKind {
  const s = source.toLowerCase();
  if (/\(el\)|entity list/.test(s)) return "EL";
  if (/\(dpl\)|denied persons/.test(s)) return "DPL";
  if (/\(sdn\)|specially designated nationals/.test(s)) return "SDN";
  if (/\(meu\)|military end[- ]user/.test(s)) return "MEU";
  if (/\(uvl\)|unverified list/.test(s)) return "UVL";
  return "OTHER";
}

function headerKey(h: string): string {
  return h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

const CODE = /^[A-Z]{2}$/;

/** Country codes at the end of each flattened address ("..., Shenzhen, CN; ..., HK"). */
function countriesOfFlatAddresses(text: string): string[] {
  const out: string[] = [];
  for (const address of text.split(";")) {
    const parts = address.split(",");
    const last = parts[parts.length - 1].trim();
    if (CODE.test(last)) out.push(last);
  }
  return out;
}

function codesOf(text: string): string[] {
  return text
    .split(/[;,]/)
    .map((t) => t.trim())
    .filter((t) => CODE.test(t));
}

function splitAltNames(text: string): string[] {
  return text
    .replace(/;\s*and\s+/g, "; ")
    .split(";")
    .map((t) => t.trim())
    .filter(Boolean);
}

function entry(
  fields: {
    id: string;
    source: string;
    name: string;
    altNames: string[];
    countries: string[];
    fr: string;
    start: string;
    requirement: string;
    policy: string;
    programs: string;
    url: string;
  },
  where: string
): ScreeningEntry {
  if (!fields.source.trim()) throw new ScreeningListError(`${where} has no source list`);
  if (!fields.name.trim()) throw new ScreeningListError(`${where} has no name`);
  return {
    id: fields.id,
    source: fields.source.trim(),
    kind: listKind(fields.source),
    name: fields.name.trim(),
    altNames: fields.altNames,
    countries: [...new Set(fields.countries)],
    federalRegisterNotice: fields.fr.trim(),
    startDate: fields.start.trim(),
    licenseRequirement: fields.requirement.trim(),
    licensePolicy: fields.policy.trim(),
    programs: fields.programs.trim(),
    sourceListUrl: fields.url.trim(),
  };
}

export function parseCslCsv(text: string): ScreeningEntry[] {
  let rows: string[][];
  try {
    rows = parseCsv(text, { delimiter: "," });
  } catch (error) {
    throw new ScreeningListError(
      `the file is cut short or malformed: ${(error as Error).message.replace(/^CSV: /, "")}`
    );
  }
  while (rows.length && rows[rows.length - 1].every((c) => c.trim() === "")) rows.pop();
  if (rows.length === 0) throw new ScreeningListError("the file is empty");
  const header = rows[0].map(headerKey);
  const col = (name: string) => header.indexOf(name);
  const missing = REQUIRED_CSV_COLUMNS.filter((c) => col(c) < 0);
  if (missing.length) {
    throw new ScreeningListError(
      `not the Consolidated Screening List layout: the column(s) ${missing.join(", ")} are missing ` +
        `(found: ${rows[0].slice(0, 12).join(", ").slice(0, 120)})`
    );
  }
  const at = (row: string[], name: string) => {
    const i = col(name);
    return i >= 0 ? (row[i] ?? "") : "";
  };
  const out: ScreeningEntry[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    if (row.length === 1 && row[0].trim() === "") continue;
    if (row.length < header.length) {
      throw new ScreeningListError(
        `the file is cut short or malformed: line ${r + 1} has ${row.length} fields, the header ${header.length}`
      );
    }
    out.push(
      entry(
        {
          id: at(row, "_id") || at(row, "id") || String(r + 1),
          source: at(row, "source"),
          name: at(row, "name"),
          altNames: splitAltNames(at(row, "alt_names")),
          countries: [
            ...countriesOfFlatAddresses(at(row, "addresses")),
            ...codesOf(at(row, "nationalities")),
            ...codesOf(at(row, "citizenships")),
          ],
          fr: at(row, "federal_register_notice"),
          start: at(row, "start_date"),
          requirement: at(row, "license_requirement"),
          policy: at(row, "license_policy"),
          programs: at(row, "programs"),
          url: at(row, "source_list_url"),
        },
        `line ${r + 1}`
      )
    );
  }
  return out;
}

function str(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  if (Array.isArray(v)) return v.map(str).filter(Boolean).join("; ");
  return "";
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === null || v === undefined || v === "" ? [] : [v];
}

export interface CslJson {
  entries: ScreeningEntry[];
  /** The latest source_last_updated of the file, ISO date; null when it gives none. */
  date: string | null;
}

export function parseCslJson(text: string): CslJson {
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new ScreeningListError(
      `the file is cut short or malformed JSON (${(error as Error).message.slice(0, 80)})`
    );
  }
  const results = Array.isArray(doc)
    ? doc
    : doc && typeof doc === "object" && Array.isArray((doc as { results?: unknown }).results)
      ? (doc as { results: unknown[] }).results
      : null;
  if (!results)
    throw new ScreeningListError(
      'not the Consolidated Screening List layout: expected {"results": [...]} or an array of entries'
    );
  const total = (doc as { total?: unknown }).total;
  if (typeof total === "number" && total !== results.length) {
    throw new ScreeningListError(
      `the file is incomplete: it says ${total} entries and holds ${results.length}`
    );
  }
  const entries = results.map((raw, i) => {
    const where = `entry ${i + 1}`;
    if (!raw || typeof raw !== "object") throw new ScreeningListError(`${where} is not an object`);
    const e = raw as Record<string, unknown>;
    for (const key of ["source", "name"])
      if (!(key in e)) throw new ScreeningListError(`${where} has no "${key}" field`);
    const countries: string[] = [];
    for (const a of list(e.addresses)) {
      if (a && typeof a === "object") countries.push(str((a as { country?: unknown }).country));
      else countries.push(...countriesOfFlatAddresses(str(a)));
    }
    for (const c of [...list(e.nationalities), ...list(e.citizenships)])
      countries.push(...codesOf(str(c)));
    return entry(
      {
        id: str(e.id) || str(e._id) || String(i + 1),
        source: str(e.source),
        name: str(e.name),
        altNames: Array.isArray(e.alt_names)
          ? e.alt_names.map(str).filter(Boolean)
          : splitAltNames(str(e.alt_names)),
        countries: countries.filter((c) => CODE.test(c)),
        fr: str(e.federal_register_notice),
        start: str(e.start_date),
        requirement: str(e.license_requirement),
        policy: str(e.license_policy),
        programs: str(e.programs),
        url: str(e.source_list_url),
      },
      where
    );
  });
  let date: string | null = null;
  const sources = (doc as { sources_used?: unknown }).sources_used;
  for (const s of list(sources)) {
    const d = str((s as { source_last_updated?: unknown })?.source_last_updated).slice(0, 10);
    if (/^\d{4}-\d{2}-\d{2}$/.test(d) && (date === null || d > date)) date = d;
  }
  return { entries, date };
}

export interface LoadOptions {
  fileName: string;
  /** The list's date as the user states it (ISO); wins over the file's own. */
  statedDate?: string | null;
  /** The file's last-modified date (ISO), the fallback. */
  fileModified?: string | null;
}

/** SHA-256 of bytes, lowercase hex, with the platform's Web Crypto (browsers and node >= 20). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto?.subtle;
  if (!subtle)
    throw new ScreeningListError("this environment cannot compute SHA-256 (no Web Crypto)");
  const digest = await subtle.digest("SHA-256", bytes as unknown as ArrayBuffer);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * A CSL file's bytes (UTF-8) -> the screening list. JSON when the text starts with "{" or "[",
 * else CSV. Throws ScreeningListError with the reason when the file is refused.
 */
export async function readScreeningList(
  bytes: Uint8Array,
  options: LoadOptions
): Promise<ScreeningList> {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ScreeningListError(
      "the file is not UTF-8 text (the CSL is published as UTF-8 CSV or JSON)"
    );
  }
  const json = /^\uFEFF?\s*[[{]/.test(text);
  const parsed = json ? parseCslJson(text) : { entries: parseCslCsv(text), date: null };
  if (parsed.entries.length === 0) throw new ScreeningListError("the file holds no entries");
  const stated = options.statedDate ?? null;
  if (stated !== null && !/^\d{4}-\d{2}-\d{2}$/.test(stated))
    throw new ScreeningListError(
      `the list's date must be a date like 2026-11-20, got '${stated.slice(0, 60)}'`
    );
  const date = stated ?? parsed.date ?? options.fileModified ?? null;
  if (date === null)
    throw new ScreeningListError(
      "the list's date is unknown: state the date the list was downloaded"
    );
  return {
    entries: parsed.entries,
    date,
    dateSource: stated ? "stated" : parsed.date ? "file" : "file-modified",
    format: json ? "json" : "csv",
    sha256: await sha256Hex(bytes),
    fileName: options.fileName,
  };
}
