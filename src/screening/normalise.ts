// Party names to comparison keys. Two spellings of one party should give one key: case, accents,
// punctuation, legal-form words ("Co., Ltd.", "GmbH", "LLC") and token order do not distinguish
// parties. What the folding cannot read is refused, never dropped: a Cyrillic "а" inside a Latin
// name ("Huаwei") would otherwise slip past the list as a different name.

/** Legal-form words (after folding), dropped from both the party's name and the listed names. */
export const LEGAL_FORM_WORDS: ReadonlySet<string> = new Set([
  "the",
  "co",
  "company",
  "corp",
  "corporation",
  "inc",
  "incorporated",
  "ltd",
  "limited",
  "llc",
  "llp",
  "lp",
  "plc",
  "gmbh",
  "mbh",
  "ag",
  "kg",
  "sa",
  "sas",
  "sarl",
  "srl",
  "spa",
  "bv",
  "nv",
  "oy",
  "oyj",
  "ab",
  "as",
  "asa",
  "aps",
  "kk",
  "jsc",
  "ojsc",
  "cjsc",
  "pjsc",
  "ooo",
  "zao",
  "oao",
  "pao",
  "pte",
  "pty",
  "bhd",
  "fze",
  "fzco",
  "fzc",
  "fzllc",
  "ltda",
  "sl",
  "sro",
  "kft",
  "zrt",
  "doo",
]);

/** Letters NFKD does not decompose into a Latin base letter. */
const LATIN_EXTRA: Record<string, string> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  đ: "d",
  ð: "d",
  ł: "l",
  þ: "th",
  ı: "i",
  ħ: "h",
};

/** A name holding a letter that is not Latin after folding (Cyrillic, Greek, CJK, ...). */
export class NonLatinNameError extends Error {
  constructor(readonly character: string) {
    super(
      `holds the non-Latin letter '${character}' (U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}); ` +
        "the screening list is in Latin script: type the name in Latin letters"
    );
  }
}

/** Lowercase, accents and ligatures folded, "&" read as "and". */
export function foldName(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[ßæœøđðłþıħ]/g, (c) => LATIN_EXTRA[c])
    .replace(/&/g, " and ");
}

/**
 * The words of a name: folded, dots and apostrophes removed inside words ("S.A." -> "sa",
 * "O'Neil" -> "oneil"), other punctuation splitting words, legal-form words dropped unless
 * nothing else is left. `strict` refuses non-Latin letters (the user's input); listed names keep
 * them (they can then only match themselves).
 */
export function nameTokens(text: string, strict: boolean): string[] {
  const folded = foldName(text)
    .replace(/['’`´.]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  if (strict) {
    const bad = /[^a-z0-9 ]/u.exec(folded);
    if (bad) throw new NonLatinNameError(bad[0]);
  }
  if (!folded) return [];
  const words = folded.split(" ");
  const kept = words.filter((w) => !LEGAL_FORM_WORDS.has(w));
  return kept.length ? kept : words;
}

export interface NameKeys {
  /** Words in alphabetical order, space-separated: the key for token order. */
  sorted: string;
  /** Words as written. */
  ordered: string;
}

/** The comparison keys of a name; empty keys when nothing readable is left. */
export function nameKeys(text: string, strict = true): NameKeys {
  const words = nameTokens(text, strict);
  return { ordered: words.join(" "), sorted: [...words].sort().join(" ") };
}
