// Country resolution: ISO 3166-1 codes and English names (the data of npm i18n-iso-countries) plus
// our own aliases. Only the package's data files are imported: its code brings a diacritics table
// the functions bundle does not need (names are folded here, see fold.ts).
import codes from "i18n-iso-countries/codes.json";
import en from "i18n-iso-countries/langs/en.json";
import { fold } from "../fold";
import type { Country } from "../types";

/**
 * Places the EAR does not treat as separate countries. Hong Kong as China (85 FR 83765, from
 * 2020-12-23). Puerto Rico and the US territories, dependencies and possessions are the United
 * States (15 CFR 772.1, "United States"): shipping there is not an export, and an item leaving
 * from there is exported from the United States.
 */
export const TREATED_AS: Readonly<Record<string, string>> = {
  HK: "CN",
  PR: "US",
  GU: "US",
  VI: "US",
  AS: "US",
  MP: "US",
  UM: "US",
};

/** Short English names where the ISO name is not what a compliance officer would write. */
const DISPLAY_NAMES: Readonly<Record<string, string>> = {
  BO: "Bolivia",
  CD: "DR Congo",
  CN: "China",
  FM: "Micronesia",
  GB: "United Kingdom",
  IR: "Iran",
  KP: "North Korea",
  KR: "South Korea",
  LA: "Laos",
  MD: "Moldova",
  MO: "Macau",
  PS: "Palestine",
  RU: "Russia",
  SY: "Syria",
  TW: "Taiwan",
  TZ: "Tanzania",
  US: "United States",
  VA: "Vatican City",
  VE: "Venezuela",
  VN: "Vietnam",
};

/** Our aliases on top of the package's names (matched after normalisation, see normalizeKey). */
const ALIASES: Readonly<Record<string, string>> = {
  UAE: "AE",
  "U.A.E.": "AE",
  Emirates: "AE",
  "Viet Nam": "VN",
  "South Korea": "KR",
  "Korea, South": "KR",
  "Republic of Korea": "KR",
  ROK: "KR",
  "North Korea": "KP",
  "Korea, North": "KP",
  DPRK: "KP",
  "Democratic People's Republic of Korea": "KP",
  Türkiye: "TR",
  Turkiye: "TR",
  Turkey: "TR",
  Burma: "MM",
  "Myanmar (Burma)": "MM",
  Macao: "MO",
  Macau: "MO",
  "Macau SAR": "MO",
  "Macao SAR": "MO",
  "Hong Kong": "HK",
  "Hong Kong SAR": "HK",
  Hongkong: "HK",
  Russia: "RU",
  "Russian Federation": "RU",
  Iran: "IR",
  Persia: "IR",
  Syria: "SY",
  Laos: "LA",
  "Lao PDR": "LA",
  Taiwan: "TW",
  "Republic of China": "TW",
  China: "CN",
  PRC: "CN",
  "People's Republic of China": "CN",
  "Mainland China": "CN",
  UK: "GB",
  Britain: "GB",
  "Great Britain": "GB",
  England: "GB",
  USA: "US",
  US: "US",
  America: "US",
  "United States": "US",
  Czechia: "CZ",
  "Czech Republic": "CZ",
  "Ivory Coast": "CI",
  "Cote d'Ivoire": "CI",
  Holland: "NL",
  KSA: "SA",
  Saudi: "SA",
  DRC: "CD",
  "Congo-Kinshasa": "CD",
  "DR Congo": "CD",
  "Congo-Brazzaville": "CG",
  "Kyrgyz Republic": "KG",
  Moldova: "MD",
  Bolivia: "BO",
  Venezuela: "VE",
  Tanzania: "TZ",
  Vatican: "VA",
  "Vatican City": "VA",
  "Holy See": "VA",
  Micronesia: "FM",
  "East Timor": "TL",
  "Cape Verde": "CV",
  Swaziland: "SZ",
  Macedonia: "MK",
  Brunei: "BN",
  Palestine: "PS",
  // The emirates and city names exporters write for the UAE.
  Dubai: "AE",
  "Abu Dhabi": "AE",
};

/**
 * Names that stand for more than one destination: #N/A listing them, never one picked silently
 * (North Korea is under embargo, South Korea is not).
 */
const AMBIGUOUS: Readonly<Record<string, readonly string[]>> = {
  Korea: ["KP", "KR"],
  Congo: ["CD", "CG"],
};

/**
 * Case-, diacritic- and punctuation-insensitive key: "Türkiye" -> "turkiye", "U.S.A." -> "usa".
 * For our own tables; a user's text goes through fold(), which refuses other scripts.
 */
export function normalizeKey(text: string): string {
  const folded = fold(text);
  return folded.ok ? folded.key : "";
}

export interface CountryIndex {
  /** Normalised key -> alpha-2 codes (several when a name is ambiguous, e.g. "Congo"). */
  byKey: Map<string, string[]>;
  /** Alpha-2 -> display name. */
  names: Map<string, string>;
  /** Display names and aliases, for "did you mean". */
  suggestions: { key: string; code: string; label: string }[];
}

let index: CountryIndex | null = null;

/**
 * The package's [alpha-2, alpha-3] pairs: the bundle has them as one string "AFAFG ALALB ..."
 * (webpack.config.js); tests and the batch command's build read the package's rows.
 */
function alpha2And3(): string[][] {
  const table = codes as unknown as string | string[][];
  return typeof table === "string"
    ? table.split(" ").map((p) => [p.slice(0, 2), p.slice(2)])
    : table;
}

/** Built on first use: nothing heavy happens at module load. */
export function countryIndex(): CountryIndex {
  if (index) return index;
  const all: Record<string, string[]> = {};
  for (const [code, names] of Object.entries(en.countries as Record<string, string | string[]>))
    all[code] = typeof names === "string" ? [names] : names;
  const byKey = new Map<string, string[]>();
  const names = new Map<string, string>();
  const suggestions: CountryIndex["suggestions"] = [];
  const add = (key: string, code: string, override: boolean) => {
    if (!key) return;
    const existing = byKey.get(key);
    if (override || !existing) byKey.set(key, [code]);
    else if (!existing.includes(code)) existing.push(code);
  };
  for (const [code, list] of Object.entries(all)) {
    const display = DISPLAY_NAMES[code] ?? list[0];
    names.set(code, display);
    for (const name of list) {
      add(normalizeKey(name), code, false);
      suggestions.push({ key: normalizeKey(name), code, label: name });
    }
    if (DISPLAY_NAMES[code]) suggestions.push({ key: normalizeKey(display), code, label: display });
  }
  // Codes win over names, our aliases win over everything (they settle the package's ambiguities).
  for (const [alpha2, alpha3] of alpha2And3()) add(normalizeKey(alpha3), alpha2, true);
  for (const code of names.keys()) add(normalizeKey(code), code, true);
  for (const [alias, code] of Object.entries(ALIASES)) {
    add(normalizeKey(alias), code, true);
    suggestions.push({ key: normalizeKey(alias), code, label: alias });
  }
  for (const [name, codes] of Object.entries(AMBIGUOUS)) byKey.set(normalizeKey(name), [...codes]);
  for (const codes of byKey.values()) codes.sort();
  index = { byKey, names, suggestions };
  return index;
}

/** The Country record for an ISO alpha-2 code (upper case), or undefined if the code is not ISO 3166-1. */
export function countryByCode(code: string): Country | undefined {
  const upper = code.toUpperCase();
  const name = countryIndex().names.get(upper);
  if (name === undefined) return undefined;
  return { code: upper, name, treatedAs: TREATED_AS[upper] ?? upper };
}
