// Classification of an item under ECCN 3A090/4A090 on a date: TPP, performance density and the
// datacenter note (88 FR 73458, from 2023-11-17), the Oct 2022 TPP + interconnect test before that,
// and nothing before 2022-10-07. Also accepts an ECCN the user already knows.
import {
  EFFECTIVE,
  HBM_DENSITY,
  INTERCONNECT_GBS,
  PD_A2,
  PD_B1,
  PD_B2,
  TPP_A1,
  TPP_A2,
  TPP_B1,
  mustValueAt,
} from "./data/parameters";
import { chipConfidence, fmt, weakestOf } from "./format";
import { eraOf } from "./era";
import { memo } from "./memo";
import { step, textsOff } from "./step";
import type { Chip, Classification, Confidence, IsoDate, Item, Step } from "./types";

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

/** Does the text look like an ECCN (so resolveItem reports an ECCN error rather than a chip one)? */
/** "88 FR 73458 (FR doc 2023-23055)" -> "88 FR 73458", for one-line explanations. */
export const shortCite = (cite: string): string => cite.replace(/\s*\(.*\)$/, "");

export function looksLikeEccn(text: string): boolean {
  return /^\s*([0-9][A-E][0-9]{3}\b|EAR\s*99\b|not\s*3A090\b)/i.test(text);
}

function result(
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

// One memo per path: on the verdict path classifications carry blank steps (see step.ts).
const chipMemos = [
  new WeakMap<Chip, Map<number, Classification>>(),
  new WeakMap<Chip, Map<number, Classification>>(),
];
const eccnMemo = memo<Classification>();

/** Classifies `item` under the text in force on `asOf` (memoised per chip object and date: treat as immutable). */
export function classify(item: Item, asOf: IsoDate): Classification {
  const quiet = textsOff();
  if (item.kind === "eccn")
    return eccnMemo(`${quiet ? "v" : "d"}|${item.eccn}|${asOf}`, () =>
      classifyEccn(item.eccn, asOf)
    );
  const chipMemo = chipMemos[quiet ? 1 : 0];
  let byDate = chipMemo.get(item.chip);
  if (!byDate) chipMemo.set(item.chip, (byDate = new Map()));
  // A classification compares the date only with the change dates of the rules data: one per era.
  const era = eraOf(asOf);
  let found = byDate.get(era);
  if (!found) {
    found = classifyChip(item.chip, asOf);
    byDate.set(era, found);
  }
  return found;
}

function classifyChip(chip: Chip, asOf: IsoDate): Classification {
  const conf = chipConfidence(chip.confidence);
  const fact = `catalog: ${chip.id}`;
  const nonDc = !chip.datacenter;
  const steps: Step[] = [];

  // Before 2022-10-07 there was no 3A090 (87 FR 62186 created it).
  if (asOf < EFFECTIVE.oct2022.date) {
    steps.push(
      step(
        () =>
          `${chip.name}: no 3A090 before ${EFFECTIVE.oct2022.date} (created by the Oct 2022 rule)`,
        EFFECTIVE.oct2022.cite,
        EFFECTIVE.oct2022.confidence
      )
    );
    return result("not 3A090", "none", nonDc, steps, {
      basis: `3A090 did not exist before ${EFFECTIVE.oct2022.date}`,
    });
  }

  // TPP = 2 x MacTOPS x bit length, dense, max over precisions (Technical Note to 3A090).
  if (chip.tpp === null) {
    steps.push(
      step(() => `${chip.name}: TPP not published (${fact})`, `chips.csv ${chip.id}`, "unconfirmed")
    );
    const reason = `the TPP of ${chip.name} is not published, so its 3A090 classification is open`;
    return result("", "indeterminate", nonDc, steps, { reason, possible: ["a", "b", "none"] });
  }
  const tpp = chip.tpp;
  steps.push(
    step(
      () => `${chip.name}: TPP ${fmt(tpp)} (dense, max over precisions; ${fact})`,
      `chips.csv ${chip.id}; 3A090 Technical Note (TPP)`,
      conf
    )
  );
  if (chip.tppDisputed !== null) {
    steps.push(
      step(
        `${chip.name}: published figures disagree (TPP ${fmt(chip.tppDisputed)} vs ${fmt(tpp)}); the higher is counted, the cautious reading`,
        `chips.csv ${chip.id}`,
        weakestOf([conf, "secondary"])
      )
    );
  }
  const a1 = mustValueAt(TPP_A1, asOf, "TPP_A1");

  // 2022-10-07 .. 2023-11-16: 3A090 = TPP >= 4800 AND bidirectional chip-to-chip rate >= 600 GB/s.
  if (asOf < EFFECTIVE.acs2023.date) {
    if (tpp < a1.value) {
      steps.push(
        step(
          () => `TPP ${fmt(tpp)} < ${fmt(a1.value)}: outside the Oct 2022 3A090`,
          a1.cite,
          a1.confidence
        )
      );
      return result("not 3A090", "none", nonDc, steps, {
        basis: `TPP ${fmt(tpp)} < ${fmt(a1.value)}; ${shortCite(EFFECTIVE.oct2022.cite)}`,
      });
    }
    const ic = mustValueAt(INTERCONNECT_GBS, asOf, "INTERCONNECT_GBS");
    if (chip.interconnectGbs === null) {
      steps.push(
        step(
          () =>
            `TPP ${fmt(tpp)} >= ${fmt(a1.value)}, but ${chip.name}'s chip-to-chip interconnect bandwidth is not in the catalog`,
          ic.cite,
          ic.confidence
        )
      );
      const reason = `the Oct 2022 3A090 also needs interconnect >= ${fmt(ic.value)} GB/s, and ${chip.name}'s interconnect bandwidth is unknown`;
      return result("", "indeterminate", nonDc, steps, { reason, possible: ["a", "none"] });
    }
    const interconnect = chip.interconnectGbs;
    const within = interconnect >= ic.value;
    steps.push(
      step(
        () =>
          `TPP ${fmt(tpp)} >= ${fmt(a1.value)} and interconnect ${fmt(interconnect)} GB/s ${within ? ">=" : "<"} ${fmt(ic.value)} GB/s: ${within ? "3A090.a (Oct 2022 text)" : "outside the Oct 2022 3A090"}`,
        ic.cite,
        weakestOf([ic.confidence, conf])
      )
    );
    const basis = `TPP ${fmt(tpp)} >= ${fmt(a1.value)}, interconnect ${fmt(chip.interconnectGbs)} ${within ? ">=" : "<"} ${fmt(ic.value)} GB/s; ${shortCite(EFFECTIVE.oct2022.cite)}`;
    return within
      ? result("3A090.a", "a", nonDc, steps, { basis })
      : result("not 3A090", "none", nonDc, steps, { basis });
  }

  // From 2023-11-17 (88 FR 73458). Note 2: not designed or marketed for datacenters and TPP < 4800 -> not 3A090.
  const acs = shortCite(EFFECTIVE.acs2023.cite);
  if (nonDc && tpp < a1.value) {
    steps.push(
      step(
        () =>
          `Not designed or marketed for datacenters and TPP ${fmt(tpp)} < ${fmt(a1.value)}: 3A090 does not apply (Note 2)`,
        a1.cite,
        weakestOf([a1.confidence, conf])
      )
    );
    return result("not 3A090", "none", true, steps, {
      basis: `non-datacenter, TPP ${fmt(tpp)} < ${fmt(a1.value)}; ${acs}`,
    });
  }
  // a.1: TPP >= 4800.
  if (tpp >= a1.value) {
    steps.push(
      step(() => `TPP ${fmt(tpp)} >= ${fmt(a1.value)}: 3A090.a (a.1)`, a1.cite, a1.confidence)
    );
    if (nonDc) {
      steps.push(
        step(
          "Not designed or marketed for datacenters: License Exceptions NAC/ACA are available for it",
          "ECCN 3A090 License Exceptions note; 15 CFR 740.8",
          conf
        )
      );
    }
    return result("3A090.a", "a", nonDc, steps, {
      basis: `TPP ${fmt(tpp)} >= ${fmt(a1.value)}; ${acs}`,
    });
  }
  const a2Tpp = mustValueAt(TPP_A2, asOf, "TPP_A2");
  if (tpp < a2Tpp.value) {
    steps.push(
      step(
        () => `TPP ${fmt(tpp)} < ${fmt(a2Tpp.value)}: below 3A090.a.2 and 3A090.b`,
        a2Tpp.cite,
        a2Tpp.confidence
      )
    );
    return result("not 3A090", "none", nonDc, steps, {
      basis: `TPP ${fmt(tpp)} < ${fmt(a2Tpp.value)}; ${acs}`,
    });
  }
  // 1600 <= TPP < 4800: performance density decides (.a.2, .b.1, .b.2).
  if (chip.performanceDensity === null) {
    steps.push(
      step(
        () =>
          `TPP ${fmt(tpp)} is between ${fmt(a2Tpp.value)} and ${fmt(a1.value)}, so performance density decides, and ${chip.name}'s die area is not published`,
        a2Tpp.cite,
        "unconfirmed"
      )
    );
    const reason = `${chip.name}'s performance density is unknown (die area not published) and decides between 3A090.a, 3A090.b and not 3A090 at TPP ${fmt(tpp)}`;
    return result("", "indeterminate", nonDc, steps, { reason, possible: ["a", "b", "none"] });
  }
  const pd = chip.performanceDensity;
  steps.push(
    step(
      () => `${chip.name}: performance density ${fmt(pd)} (TPP / applicable die area; ${fact})`,
      `chips.csv ${chip.id}; 3A090 Technical Note (PD)`,
      conf
    )
  );
  const a2 = mustValueAt(PD_A2, asOf, "PD_A2");
  if (pd >= a2.value) {
    steps.push(
      step(
        () =>
          `TPP ${fmt(tpp)} >= ${fmt(a2Tpp.value)} and PD ${fmt(pd)} >= ${fmt(a2.value)}: 3A090.a (a.2)`,
        a2.cite,
        a2.confidence
      )
    );
    return result("3A090.a", "a", nonDc, steps, {
      basis: `TPP ${fmt(tpp)} >= ${fmt(a2Tpp.value)} and PD ${fmt(pd)} >= ${fmt(a2.value)}; ${acs}`,
    });
  }
  const b1Tpp = mustValueAt(TPP_B1, asOf, "TPP_B1");
  const b1Pd = mustValueAt(PD_B1, asOf, "PD_B1");
  if (tpp >= b1Tpp.value && pd >= b1Pd.value) {
    steps.push(
      step(
        () =>
          `${fmt(b1Tpp.value)} <= TPP ${fmt(tpp)} < ${fmt(a1.value)} and ${fmt(b1Pd.value)} <= PD ${fmt(pd)} < ${fmt(a2.value)}: 3A090.b (b.1)`,
        b1Pd.cite,
        b1Pd.confidence
      )
    );
    return result("3A090.b", "b", nonDc, steps, {
      basis: `TPP ${fmt(tpp)} >= ${fmt(b1Tpp.value)} and PD ${fmt(pd)} >= ${fmt(b1Pd.value)}; ${acs}`,
    });
  }
  const b2Pd = mustValueAt(PD_B2, asOf, "PD_B2");
  if (pd >= b2Pd.value) {
    steps.push(
      step(
        () =>
          `TPP ${fmt(tpp)} >= ${fmt(a2Tpp.value)} and ${fmt(b2Pd.value)} <= PD ${fmt(pd)} < ${fmt(a2.value)}: 3A090.b (b.2)`,
        b2Pd.cite,
        b2Pd.confidence
      )
    );
    return result("3A090.b", "b", nonDc, steps, {
      basis: `TPP ${fmt(tpp)} >= ${fmt(a2Tpp.value)} and PD ${fmt(pd)} >= ${fmt(b2Pd.value)}; ${acs}`,
    });
  }
  steps.push(
    step(
      () => `TPP ${fmt(tpp)} and PD ${fmt(pd)} meet neither 3A090.a nor 3A090.b`,
      b2Pd.cite,
      b2Pd.confidence
    )
  );
  return result("not 3A090", "none", nonDc, steps, {
    basis: `TPP ${fmt(tpp)}, PD ${fmt(pd)} below 3A090.a/.b; ${acs}`,
  });
}

function classifyEccn(text: string, asOf: IsoDate): Classification {
  const parsed = parseEccn(text);
  if (!parsed) throw new Error(`Unknown or unsupported ECCN '${text}'`);
  const { eccn, bucket, family } = parsed;
  const given = step(
    () => `ECCN ${eccn} as given (the user's own classification)`,
    "Supp. No. 1 to 15 CFR 774 (user classification)",
    "confirmed"
  );
  const none = (why: string, cite: string, confidence: Confidence, basis: string) =>
    result("not 3A090", "none", false, [given, step(why, cite, confidence)], { basis });

  if (bucket === "open") return classifyOpenEccn(eccn, asOf, given);
  if (bucket === "none") {
    const s = step(
      () => `${eccn} is outside 3A090/4A090 and the .z paragraphs (AT-only or EAR99)`,
      "Supp. No. 1 to 15 CFR 774",
      "confirmed"
    );
    return result(eccn, "none", false, [given, s], { basis: `${eccn}: outside 3A090/4A090` });
  }
  if (asOf < EFFECTIVE.oct2022.date) {
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
    if (asOf < h.date)
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
    return result(eccn, "c", false, [given, s], { basis: `HBM; ${shortCite(h.cite)}` });
  }
  const acs = EFFECTIVE.acs2023;
  if (asOf < acs.date) {
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
      return result("", "indeterminate", false, [given, s], {
        reason: `${eccn} did not exist before ${acs.date}, and whether the item met the Oct 2022 test (TPP >= 4,800 and interconnect >= 600 GB/s) is unknown`,
        possible: ["a", "none"],
      });
    }
    const s = step(
      () => `${eccn} taken as meeting the Oct 2022 3A090/4A090 test`,
      EFFECTIVE.oct2022.cite,
      EFFECTIVE.oct2022.confidence
    );
    return result(eccn, "a", false, [given, s], {
      basis: `as given; ${shortCite(EFFECTIVE.oct2022.cite)}`,
    });
  }
  const s = step(
    () => `${eccn} follows the 3A090.${bucket} licensing rules`,
    `${acs.cite}; 15 CFR 742.6(a)(6)`,
    acs.confidence
  );
  return result(eccn, bucket, false, [given, s], { basis: `as given; ${shortCite(acs.cite)}` });
}

/**
 * A bare "3A090" or "4A090" (what export filings carry): every subparagraph that existed on the date is
 * tried, so the answer stands when they all agree and is INDETERMINATE (asking for .a, .b or .c) when
 * they do not.
 */
function classifyOpenEccn(eccn: string, asOf: IsoDate, given: Step): Classification {
  const o = EFFECTIVE.oct2022;
  if (asOf < o.date)
    return result(
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
  if (asOf < acs.date) {
    const s = step(
      `${eccn} under the Oct 2022 text (a single 3A090/4A090 paragraph): taken as meeting it`,
      o.cite,
      o.confidence
    );
    return result(eccn, "a", false, [given, s], { basis: `as given; ${shortCite(o.cite)}` });
  }
  const withC = eccn === "3A090" && asOf >= EFFECTIVE.hbm2024.date;
  const possible: ("a" | "b" | "c")[] = withC ? ["a", "b", "c"] : ["a", "b"];
  const letters = possible.map((p) => `.${p}`).join(", ");
  const s = step(
    `${eccn} without a subparagraph: the licence rules differ between ${letters}; each is tried`,
    `${acs.cite}; 15 CFR 742.6(a)(6)`,
    acs.confidence
  );
  return result("", "indeterminate", false, [given, s], {
    reason: `${eccn} was given without its subparagraph: give ${possible.map((p) => `${eccn}.${p}`).join(", ")}`,
    possible,
  });
}
