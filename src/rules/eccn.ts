// An ECCN the user already knows (Supp. No. 1 to 15 CFR part 774): 3A090.a/.b/.c and 4A090.a/.b, the
// ".z" paragraphs that follow them (88 FR 73458), a bare "3A090"/"4A090" whose subparagraph is open,
// and the AT-only/EAR99 numbers AI hardware commonly carries, each read on the text in force on the
// date: nothing before the Oct 2022 rule (87 FR 62186), one 3A090 paragraph until 2023-11-17, 3A090.c
// from 89 FR 96790.
import { EFFECTIVE } from "./data/milestones";
import { HBM_DENSITY, mustValueAt } from "./data/parameters";
import { fmt, weakestOf } from "./format";
import { RulesFault } from "./fault";
import { step } from "./step";
import type { Classification, Confidence, IsoDate, Step } from "./types";
import { before, onOrAfter } from "./validity";

type Bucket = "a" | "b" | "c" | "none";

export interface ParsedEccn {
  /** Canonical spelling: "3A090.a", "5A992.z.1", "3A001.z.4.a", "EAR99", "3A991.p", "3A090". */
  eccn: string;
  /** "open" for a bare "3A090"/"4A090" (the 5 characters export filings carry): every subparagraph is tried. */
  bucket: Bucket | "open";
  /** 3A090/4A090 paragraphs, ".z" paragraphs, or an ECCN outside both. */
  family: "x090" | "z" | "other";
}

/** The ".z" paragraphs of 15 CFR 774 (reference/regulations.md §1.4): ".a"/".1" follow 3A090.a, ".b"/".2" follow .b. */
const Z_PARAGRAPHS: readonly { re: RegExp; bucket: (m: RegExpExecArray) => "a" | "b" }[] = [
  { re: /^(3A001)\.Z\.([1-4])\.([AB])$/, bucket: (m) => (m[3] === "A" ? "a" : "b") },
  { re: /^(4A003)\.Z\.([12])\.([AB])$/, bucket: (m) => (m[3] === "A" ? "a" : "b") },
  { re: /^(5A002)\.Z\.([1-5])\.([AB])$/, bucket: (m) => (m[3] === "A" ? "a" : "b") },
  { re: /^(5A004)\.Z\.([12])\.([AB])$/, bucket: (m) => (m[3] === "A" ? "a" : "b") },
  { re: /^(4A004|4A005|5A992)\.Z\.([12])$/, bucket: (m) => (m[2] === "1" ? "a" : "b") },
];

/** ECCNs outside 3A090/4A090 that AI hardware commonly carries (AT-only or EAR99). */
const OUTSIDE = new Map<string, string>([
  ["EAR99", "EAR99"],
  ["NOT3A090", "not 3A090"],
  ["3A991.P", "3A991.p"],
  ["4A994.L", "4A994.l"],
  ["5A992.C", "5A992.c"],
]);

/** Parses an ECCN typed by a user; null when it is not one we handle. */
export function parseEccn(text: string): ParsedEccn | null {
  const t = text.replace(/\s+/g, "").toUpperCase();
  const bare = /^([34]A090)$/.exec(t);
  if (bare) return { eccn: bare[1], bucket: "open", family: "x090" };
  const x090 = /^(3A090)\.([ABC])$|^(4A090)\.([AB])$/.exec(t);
  if (x090) {
    const base = x090[1] ?? x090[3];
    const letter = (x090[2] ?? x090[4]).toLowerCase() as "a" | "b" | "c";
    return { eccn: `${base}.${letter}`, bucket: letter, family: "x090" };
  }
  for (const z of Z_PARAGRAPHS) {
    const m = z.re.exec(t);
    if (m)
      return {
        eccn: t.replace(/\.([A-Z])/g, (_, l: string) => "." + l.toLowerCase()),
        bucket: z.bucket(m),
        family: "z",
      };
  }
  const outside = OUTSIDE.get(t);
  return outside ? { eccn: outside, bucket: "none", family: "other" } : null;
}

/** "88 FR 73458 (FR doc 2023-23055)" -> "88 FR 73458", for one-line explanations. */
export const shortCite = (cite: string): string => cite.replace(/\s*\(.*\)$/, "");

/** Does the text look like an ECCN (so resolveItem reports an ECCN error rather than a chip one)? */
export function looksLikeEccn(text: string): boolean {
  return /^\s*([0-9][A-E][0-9]{3}\b|EAR\s*99\b|not\s*3A090\b)/i.test(text);
}

/** A classification whose confidence is the weakest of its steps'. */
export function classification(
  eccn: string,
  control: Classification["control"],
  nonDatacenter: boolean,
  steps: Step[],
  extra: Partial<Classification> = {}
): Classification {
  return {
    eccn,
    control,
    nonDatacenter,
    steps,
    confidence: weakestOf(steps.map((s) => s.confidence)),
    ...extra,
  };
}

/** Classifies an ECCN as given; throws only for text that parseEccn() refuses (resolve first). */
export function classifyEccn(text: string, asOf: IsoDate): Classification {
  const parsed = parseEccn(text);
  if (!parsed)
    throw new RulesFault(`Unknown or unsupported ECCN '${text}' (resolve the item first)`);
  const { eccn, bucket, family } = parsed;
  const given = step(
    () => `ECCN ${eccn} as given (the user's own classification)`,
    `${family === "other" ? "" : `ECCN ${eccn}, `}Supp. No. 1 to 15 CFR 774 (user classification)`,
    "confirmed"
  );
  const none = (why: string, cite: string, confidence: Confidence, basis: string) =>
    classification("not 3A090", "none", false, [given, step(why, cite, confidence)], { basis });

  if (bucket === "open") return classifyOpenEccn(eccn, asOf, given);
  if (bucket === "none") {
    const s = step(
      () => `${eccn} is outside 3A090/4A090 and the .z paragraphs (AT-only or EAR99)`,
      "Supp. No. 1 to 15 CFR 774",
      "confirmed"
    );
    return classification(eccn, "none", false, [given, s], {
      basis: `${eccn}: outside 3A090/4A090`,
    });
  }
  if (before(asOf, EFFECTIVE.oct2022.date)) {
    const o = EFFECTIVE.oct2022;
    return none(
      `${eccn} did not exist before ${o.date}; no advanced-computing control applied`,
      o.cite,
      o.confidence,
      `${eccn} did not exist before ${o.date}`
    );
  }
  if (bucket === "c") {
    const h = EFFECTIVE.hbm2024;
    if (before(asOf, h.date))
      return none(
        `3A090.c (HBM) was added on ${h.date}; before that HBM was outside 3A090`,
        h.cite,
        h.confidence,
        `3A090.c did not exist before ${h.date}`
      );
    const density = mustValueAt(HBM_DENSITY, asOf, "HBM_DENSITY");
    const s = step(
      () =>
        `3A090.c: high-bandwidth memory, memory bandwidth density > ${fmt(density.value)} GB/s/mm²`,
      density.cite,
      density.confidence
    );
    return classification(eccn, "c", false, [given, s], { basis: `HBM; ${shortCite(h.cite)}` });
  }
  const acs = EFFECTIVE.acs2023;
  if (before(asOf, acs.date)) {
    // The Oct 2022 text had a single 3A090 test (TPP >= 4800 and interconnect >= 600 GB/s).
    if (bucket === "b") {
      return none(
        `${eccn} was created on ${acs.date}; items meeting it have TPP < 4,800 and were outside the Oct 2022 3A090`,
        acs.cite,
        acs.confidence,
        `${eccn} did not exist before ${acs.date}`
      );
    }
    if (family === "z") {
      const s = step(
        () =>
          `The .z paragraphs were created on ${acs.date}; whether this item met the Oct 2022 3A090/4A090 test is not known from its ECCN`,
        acs.cite,
        acs.confidence
      );
      return classification("", "indeterminate", false, [given, s], {
        reason: `${eccn} did not exist before ${acs.date}, and whether the item met the Oct 2022 test (TPP >= 4,800 and interconnect >= 600 GB/s) is unknown`,
        possible: ["a", "none"],
      });
    }
    const s = step(
      () => `${eccn} taken as meeting the Oct 2022 3A090/4A090 test`,
      EFFECTIVE.oct2022.cite,
      EFFECTIVE.oct2022.confidence
    );
    return classification(eccn, "a", false, [given, s], {
      basis: `as given; ${shortCite(EFFECTIVE.oct2022.cite)}`,
    });
  }
  const s = step(
    () => `${eccn} follows the 3A090.${bucket} licensing rules`,
    `${acs.cite}; 15 CFR 742.6(a)(6)`,
    acs.confidence
  );
  return classification(eccn, bucket, false, [given, s], {
    basis: `as given; ${shortCite(acs.cite)}`,
  });
}

/**
 * A bare "3A090" or "4A090" (what export filings carry): every subparagraph that existed on the date is
 * tried, so the answer stands when they all agree and is INDETERMINATE (asking for .a, .b or .c) when
 * they do not.
 */
function classifyOpenEccn(eccn: string, asOf: IsoDate, given: Step): Classification {
  const o = EFFECTIVE.oct2022;
  if (before(asOf, o.date))
    return classification(
      "not 3A090",
      "none",
      false,
      [
        given,
        step(
          `${eccn} did not exist before ${o.date}; no advanced-computing control applied`,
          o.cite,
          o.confidence
        ),
      ],
      { basis: `${eccn} did not exist before ${o.date}` }
    );
  const acs = EFFECTIVE.acs2023;
  if (before(asOf, acs.date)) {
    const s = step(
      `${eccn} under the Oct 2022 text (a single 3A090/4A090 paragraph): taken as meeting it`,
      o.cite,
      o.confidence
    );
    return classification(eccn, "a", false, [given, s], {
      basis: `as given; ${shortCite(o.cite)}`,
    });
  }
  const withC = eccn === "3A090" && onOrAfter(asOf, EFFECTIVE.hbm2024.date);
  const possible: ("a" | "b" | "c")[] = withC ? ["a", "b", "c"] : ["a", "b"];
  const letters = possible.map((p) => `.${p}`).join(", ");
  const s = step(
    `${eccn} without a subparagraph: the licence rules differ between ${letters}; each is tried`,
    `${acs.cite}; 15 CFR 742.6(a)(6)`,
    acs.confidence
  );
  return classification("", "indeterminate", false, [given, s], {
    reason: `${eccn} was given without its subparagraph: give ${possible.map((p) => `${eccn}.${p}`).join(", ")}`,
    possible,
  });
}
