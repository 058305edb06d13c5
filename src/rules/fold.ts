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

/**
 * The comparison key of a text: lower-case a-z and 0-9 only, or the first character that is a
 * letter or digit outside the Latin alphabet after folding (the caller refuses the text).
 */
export function fold(text: string): Folded {
  const lowered = text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  let key = "";
  for (const ch of lowered) {
    if ((ch >= "a" && ch <= "z") || (ch >= "0" && ch <= "9")) key += ch;
    else if (ch === "&") key += "and";
    else if (LATIN_EXTRA[ch] !== undefined) key += LATIN_EXTRA[ch];
    else if (/[\p{L}\p{N}]/u.test(ch)) return { ok: false, letter: original(text) ?? ch };
  }
  return { ok: true, key };
}

/** The refused character as the user typed it (upper case kept), for the message. */
function original(text: string): string | undefined {
  for (const ch of text) {
    const one = ch.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
    if ([...one].some((c) => /[\p{L}\p{N}]/u.test(c) && !/[a-z0-9]/.test(c) && !LATIN_EXTRA[c]))
      return ch;
  }
  return undefined;
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
