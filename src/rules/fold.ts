// How typed names are compared: case, accents, spacing and punctuation fold away ("Türkiye" ->
// "turkiye", "U.S.A." -> "usa", "Acme Inc." = "ACME  INC"); a letter or digit of another script
// (a Cyrillic "С" in "СHN", a Greek "Α") is not dropped or mapped but makes the text unreadable,
// because dropping it can leave another valid name ("СHN" would read as "HN", Honduras).

/** Latin letters that Unicode decomposition leaves as they are. */
const LATIN_EXTRA: Readonly<Record<string, string>> = {
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

export type Folded = { ok: true; key: string } | { ok: false; letter: string };

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** The a-z0-9 part of one character after folding, or null when it is a letter of another script. */
function foldChar(ch: string): string | null {
  const d = ch.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  let out = "";
  for (const c of d) {
    if ((c >= "a" && c <= "z") || (c >= "0" && c <= "9")) out += c;
    else if (c === "&") out += "and";
    else if (LATIN_EXTRA[c] !== undefined) out += LATIN_EXTRA[c];
    else if (LETTER_OR_DIGIT.test(c)) return null;
  }
  // A letter that folds to nothing Latin (Greek ypogegrammeni -> a bare mark) is refused too.
  if (out === "" && LETTER_OR_DIGIT.test(ch)) return null;
  return out;
}

/**
 * The comparison key of a text: lower-case a-z and 0-9 only, or the first character (as typed)
 * that is a letter or digit outside the Latin alphabet (the caller refuses the text).
 */
export function fold(text: string): Folded {
  let key = "";
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 128) {
      if ((ch >= "a" && ch <= "z") || (ch >= "0" && ch <= "9")) key += ch;
      else if (ch >= "A" && ch <= "Z") key += ch.toLowerCase();
      else if (ch === "&") key += "and";
      continue;
    }
    const part = foldChar(ch);
    if (part === null) return { ok: false, letter: ch };
    key += part;
  }
  return { ok: true, key };
}

/** "С (U+0421)": how a refused character is named in messages. */
export function describeChar(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  return `${ch} (U+${cp.toString(16).toUpperCase().padStart(4, "0")})`;
}

/** At most `max` characters of a user's text, for quoting it in a message. */
export function quote(text: string, max = 60): string {
  const chars = [...text.slice(0, max * 2)];
  const cut = chars.length > max || text.length > max * 2;
  return cut ? chars.slice(0, max).join("") + "…" : chars.join("");
}
