// Party names to comparison keys. Two spellings of one party should give one key: case, accents,
// punctuation, legal-form words ("Co., Ltd.", "GmbH", "LLC") and token order do not distinguish
// parties. What the folding cannot read is refused, never dropped: a Cyrillic "а" inside a Latin
// name ("Huаwei") would otherwise slip past the list as a different name.
import { fold } from "../rules/fold";

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

/**
 * Words common to many party names (trade, place and sector words). They never anchor a partial
 * (word-aligned) match on their own: "Precision Supplies" must not find "Qadir Precision Supplies".
 */
export const GENERIC_WORDS: ReadonlySet<string> = new Set(
  (
    "and of for de la le des du der und al el " +
    "technology technologies tech trading trade traders international intl group holding holdings " +
    "industries industrial industry electronics electronic electric electrical systems system " +
    "solutions services service research institute university center centre aerospace aviation " +
    "maritime marine shipping logistics supply supplies precision dynamics computing computer " +
    "computers quantum micro microelectronics semiconductor semiconductors import export " +
    "engineering enterprise enterprises development investment investments global science " +
    "sciences scientific machinery equipment materials energy resources network networks " +
    "communications communication digital software devices components instruments laboratory " +
    "laboratories lab labs manufacturing production design defense defence military national " +
    "state academy bureau office branch factory plant works general new first united " +
    "china chinese shenzhen beijing shanghai guangzhou hong kong russia russian moscow iran " +
    "tehran dubai asia pacific europe america"
  ).split(" ")
);

/** A name holding a letter that is not Latin after folding (Cyrillic, Greek, CJK, ...). */
export class NonLatinNameError extends Error {
  constructor(readonly character: string) {
    super(
      `holds the non-Latin letter '${character}' (U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}); ` +
        "the screening list is in Latin script: type the name in Latin letters"
    );
  }
}

/** What separates the words of a name: anything but letters, digits, their marks, dots and apostrophes. */
const WORD_BREAK = /[^\p{L}\p{N}\p{M}'’`´.]+/u;

/**
 * A word of a listed name the input folding refuses (another script): lower-cased with its
 * accents removed, kept as it is so that it can only match itself.
 */
function foreignWord(word: string): string {
  return word
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’`´.]/g, "");
}

/**
 * The words of a name, each folded as every typed name is (src/rules/fold: case, accents,
 * ligatures, dots and apostrophes inside words: "S.A." -> "sa", "O'Neil" -> "oneil"); other
 * punctuation and "&" (read as the word "and") split words; legal-form words dropped unless
 * nothing else is left. `strict` refuses non-Latin letters (the user's input); listed names keep
 * them (they can then only match themselves).
 */
export function nameTokens(text: string, strict: boolean): string[] {
  const words: string[] = [];
  for (const raw of text.replace(/&/g, " and ").split(WORD_BREAK)) {
    if (!raw) continue;
    const folded = fold(raw);
    if (folded.ok) {
      if (folded.key) words.push(folded.key);
    } else if (strict) throw new NonLatinNameError(folded.letter);
    else words.push(foreignWord(raw));
  }
  if (!words.length) return [];
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
