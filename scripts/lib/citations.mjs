// Splits a step's citation ("15 CFR 742.6(a)(6)(iii)(A) (744.23(a)(3) in 2023); 90 FR 4544") into the
// paragraphs and documents it names, each under one canonical spelling: "15 CFR 742.6(a)(6)(iii)(A)",
// "15 CFR 744.23(a)(3)", "90 FR 4544", "Supp. No. 1 to part 774", "ECCN 3A090.a.1", "ECCN 3A090
// Technical Note". Sources that are neither (press releases, guidance, datasheets) come back as
// "other". Used by build-traceability.mjs (whose table build-help.mjs links from EXPLAIN's page).

/** @typedef {{ id: string, kind: "cfr" | "fr" | "supp" | "eccn" | "other" }} Paragraph */

const SUPP =
  /Supp\.\s*No\.\s*(\d+)\s+to\s+(?:15\s+CFR\s+)?(?:part\s+)?(7\d\d)(?:,?\s*para\.?\s*((?:\([a-z0-9]+\))+))?/gi;
const FR = /\b(\d{2})\s+FR\s+(\d{3,6})\b/g;
const FR_DOC = /\bFR\s+doc\s+(\d{4}-\d{5})\b/g;
const CFR_PART = /\b15\s+CFR\s+(?:part\s+)?(7\d\d)\b(?!\.\d)/gi;
const SECTION = /(?<![\d.])(7[3-7]\d)\.(\d+)((?:\([a-zA-Z0-9]+\))*)/g;
const ECCN = /\b(\d[A-E]\d{3})((?:\.[a-z0-9]+)*)\b/g;
const NOTE = /\b(Technical Note|License Exceptions note|Note\s+\d+)\b/g;

/** The paragraphs a citation names, in order of appearance, without repeats. @returns {Paragraph[]} */
export function paragraphsOf(cite) {
  /** @type {Map<string, Paragraph>} */
  const found = new Map();
  const add = (id, kind) => found.has(id) || found.set(id, { id, kind });
  let rest = ` ${cite} `;
  const take = (re, fn) => {
    rest = rest.replace(re, (...m) => {
      fn(m);
      return " ";
    });
  };
  take(SUPP, (m) =>
    add(`Supp. No. ${m[1]} to part ${m[2]}${m[3] ? `, para ${m[3]}` : ""}`, "supp")
  );
  const frDocs = [];
  take(FR, (m) => add(`${m[1]} FR ${m[2]}`, "fr"));
  take(FR_DOC, (m) => frDocs.push(m[1]));
  // An FR document number names a document already cited by volume and page, unless alone.
  if (![...found.values()].some((p) => p.kind === "fr"))
    for (const d of frDocs) add(`FR doc ${d}`, "fr");
  take(SECTION, (m) => add(`15 CFR ${m[1]}.${m[2]}${m[3]}`, "cfr"));
  take(CFR_PART, (m) => add(`15 CFR part ${m[1]}`, "cfr"));
  let base = null;
  const eccnRest = rest;
  for (const m of eccnRest.matchAll(ECCN)) {
    base = m[1];
    add(`ECCN ${m[1]}${m[2]}`, "eccn");
  }
  if (base)
    for (const m of eccnRest.matchAll(NOTE))
      add(`ECCN ${base} ${m[1].replace(/\s+/g, " ")}`, "eccn");
  const other = rest
    .replace(ECCN, " ")
    .replace(NOTE, " ")
    .split(/[;]/)
    .map((s) => s.replace(/\(\s*\)|\s+/g, " ").replace(/^[\s,.:()]+|[\s,.:()]+$/g, ""))
    .filter(
      (s) =>
        /[A-Za-z]{3}/.test(s) &&
        !/^(eCFR-|DATES|effective|as amended|in \d{4}|chips\.csv|catalog:)/i.test(s)
    );
  for (const s of other)
    if (/^(BIS|GAO|NVIDIA|MITI|DDTC|Proclamation|Reuters)\b/.test(s))
      add(s.replace(/\s*\(.*$/, ""), "other");
  return [...found.values()];
}

/** A stable HTML id for a paragraph's row: "15 CFR 742.6(a)(6)" -> "p-15-cfr-742-6-a-6". */
export function anchorOf(id) {
  return `p-${id
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")}`;
}

const KIND_ORDER = { eccn: 0, cfr: 1, supp: 2, fr: 3, other: 4 };

/** Sort key: ECCNs, then CFR paragraphs by part and section number, supplements, FR documents by volume and page. */
export function compareParagraphs(a, b) {
  if (a.kind !== b.kind) return KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
  if (a.kind === "eccn" || a.kind === "other") return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  const nums = (s) => (s.match(/\d+/g) || []).map(Number);
  const [x, y] = [nums(a.id), nums(b.id)];
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
