// EAR country groups (Supp. No. 1 to 15 CFR part 740) as dated membership, the Diffusion tier lists,
// and the comprehensive embargoes of 15 CFR part 746. Sources and open questions:
// reference/regulations.md §2, §3.1, §6.4, §8 item 4.
import type { Confidence, Dated, IsoDate, Source } from "../types";
import { before, onOrAfter } from "../validity";
import { ALWAYS, valueAt, type Timeline } from "./parameters";

export type GroupId = "D:1" | "D:4" | "D:5" | "A:5" | "A:6";
export const GROUP_IDS: readonly GroupId[] = ["A:5", "A:6", "D:1", "D:4", "D:5"];

/** The July 2026 table (eCFR issue 2026-07-23) is our base list; earlier changes are dated below. */
const ECFR: Source = {
  cite: "Supp. No. 1 to 15 CFR 740 (eCFR-2026-07-23)",
  confidence: "confirmed",
};
const ECFR_DATE: IsoDate = "2026-07-23";

const member = (from: IsoDate, value: boolean, source: Source): Dated<boolean> => ({
  from,
  value,
  ...source,
});

/** Members since before any date we model, unchanged through the eCFR table. */
const always = (codes: string): Record<string, Timeline<boolean>> =>
  Object.fromEntries(codes.split(" ").map((code) => [code, [member(ALWAYS, true, ECFR)]]));

// One principle for D:5 exits: D:5 follows State's ITAR 126.1 list (the note to D:5 says that list
// prevails), so a country leaves D:5 on the ITAR date where that date is confirmed, else on the EAR
// conforming date; the window between the two is marked in the entry's citation.

// Cambodia: D:5 since the ITAR proscription of 2021-12-09; out of ITAR 126.1 on 2025-11-07, EAR text
// conformed on 2026-02-03 (it stays in D:1).
const KH_D5: Timeline<boolean> = [
  member(ALWAYS, true, {
    cite: "Supp. No. 1 to 15 CFR 740 (D:5 incl. KH in Jan 2025: SEMI, getcoai)",
    confidence: "secondary",
  }),
  member("2025-11-07", false, {
    cite: "Out of D:5 with its removal from ITAR 126.1 (DDTC rule effective 2025-11-07; DLA Piper, Crowell); the EAR text still listed KH in D:5 until its conforming change of 2026-02-03",
    confidence: "secondary",
  }),
  member("2026-02-03", false, {
    cite: "BIS 'EAR: Conforming Change for Cambodia' (RIN 0694-AK41), effective 2026-02-03",
    confidence: "secondary",
  }),
  member(ECFR_DATE, false, ECFR),
];

// Nicaragua: moved into D:1 and D:5 by 89 FR 18780, effective 2024-03-15 (FR doc 2024-05696).
const NI_SINCE_2024: Timeline<boolean> = [
  member(ALWAYS, false, {
    cite: "Not in D:1/D:5 before 89 FR 18780 (CSET-2023 list)",
    confidence: "secondary",
  }),
  member("2024-03-15", true, {
    cite: "89 FR 18780, effective 2024-03-15",
    confidence: "secondary",
  }),
  member(ECFR_DATE, true, ECFR),
];

// Cyprus: in D:5 (and A:6) per CSET-2023; out of D:5 by BIS's conforming change 89 FR 40369, effective
// 2024-05-30. State's ITAR Cyprus rule (88 FR 63016, 2023-10-01) may have ended it earlier: not confirmed,
// so the EAR date is used.
const CY_D5: Timeline<boolean> = [
  member(ALWAYS, true, {
    cite: "Supp. No. 1 to 15 CFR 740 (CY in D:5: CSET-2023 fn. 10)",
    confidence: "secondary",
  }),
  member("2024-05-30", false, {
    cite: "89 FR 40369, effective 2024-05-30: Cyprus no longer in D:5 (an earlier ITAR-based exit, 88 FR 63016, not confirmed)",
    confidence: "confirmed",
  }),
  member(ECFR_DATE, false, ECFR),
];

// UAE: D:4 through at least 2025; moved from D:4 to A:5 by 91 FR 43034 (FR doc 2026-14132), effective
// 2026-07-10 (published 2026-07-14; date from the FR document metadata; the move is in the eCFR of 2026-07-23).
const UAE_SOURCE_2025: Source = {
  cite: "Supp. No. 1 to 15 CFR 740 (AE in D:4 through at least 2025)",
  confidence: "secondary",
};
const UAE_RULE: Source = {
  cite: "91 FR 43034, effective 2026-07-10: AE removed from D:4, added to A:5",
  confidence: "secondary",
};
const AE_D4: Timeline<boolean> = [
  member(ALWAYS, true, UAE_SOURCE_2025),
  member("2026-07-10", false, UAE_RULE),
  member(ECFR_DATE, false, ECFR),
];
const AE_A5: Timeline<boolean> = [
  member(ALWAYS, false, UAE_SOURCE_2025),
  member("2026-07-10", true, UAE_RULE),
  member(ECFR_DATE, true, ECFR),
];

export const COUNTRY_GROUPS: Readonly<
  Record<GroupId, Readonly<Record<string, Timeline<boolean>>>>
> = {
  "D:1": {
    ...always("AM AZ BY MM KH CN GE IQ KZ KP KG LA LY MO MD MN RU TJ TM UZ VE VN YE"),
    NI: NI_SINCE_2024,
  },
  "D:4": {
    ...always("BH BY CN EG IR IQ IL JO KP KW LB LY MO OM PK QA RU SA SY VE YE"),
    AE: AE_D4,
  },
  "D:5": {
    ...always("AF BY MM CF CN CD CU ER HT IR IQ KP LB LY RU SO SS SD SY VE ZW"),
    KH: KH_D5,
    NI: NI_SINCE_2024,
    CY: CY_D5,
  },
  "A:5": {
    ...always(
      "AR AU AT BE BG CA HR CZ DK EE FI FR DE GR HU IS IN IE IT JP KR LV LT LU NL NZ NO PL PT RO SK SI ES SE CH TR GB"
    ),
    AE: AE_A5,
  },
  "A:6": always("AL CY IL MT MX SG ZA TW"),
};

export interface GroupFact extends Source {
  member: boolean;
}

/** Is `code` (as treated: HK -> CN) in `group` on `asOf`, and how sure are we. */
const NOT_LISTED: GroupFact = Object.freeze({ member: false, ...ECFR });

export function inGroup(group: GroupId, code: string, asOf: IsoDate): GroupFact {
  const timeline = COUNTRY_GROUPS[group][code];
  if (!timeline) return NOT_LISTED;
  const entry = valueAt(timeline, asOf) as Dated<boolean>; // every timeline starts at ALWAYS
  return { member: entry.value, cite: entry.cite, confidence: entry.confidence };
}

/** The groups `code` belongs to on `asOf`, sorted ("A:5" < "D:1" < "D:4" < "D:5"). */
export function groupsOf(code: string, asOf: IsoDate): GroupId[] {
  return GROUP_IDS.filter((g) => inGroup(g, code, asOf).member);
}

// ---------------------------------------------------------------------------------------------
// Diffusion tiers: the rule's own lists, fixed as of January 2025 (90 FR 4544; §3.1)

export const DIFFUSION_TIER1: Readonly<Record<string, Source>> = {
  US: { cite: "90 FR 4544: the United States is Tier 1", confidence: "secondary" },
  ...Object.fromEntries(
    "AU BE CA DK FI FR DE IE IT JP NL NZ NO KR SE TW GB".split(" ").map((c) => [
      c,
      {
        cite: "Supp. No. 5 to 15 CFR 740, para (a) (90 FR 4544; list per SEMI)",
        confidence: "secondary" as Confidence,
      },
    ])
  ),
  ES: {
    cite: "Supp. No. 5 to 15 CFR 740, para (a): Spain per secondary sources only (UNCONFIRMED)",
    confidence: "unconfirmed",
  },
};

export interface TierFact extends Source {
  tier: 1 | 2 | 3;
}

/**
 * Diffusion tier of a destination (as treated: HK -> CN) on `asOf`. Tier 1 is the rule's fixed list
 * (Supp. No. 5 to part 740, para (a)); Tier 3 is "Macau or a destination specified in Country Group
 * D:5", a reference to the group, so it follows D:5 on the date (Cambodia is Tier 2 from 2025-11-07).
 */
export function diffusionTier(code: string, asOf: IsoDate): TierFact {
  const t1 = DIFFUSION_TIER1[code];
  if (t1) return { tier: 1, ...t1 };
  if (code === "MO")
    return { tier: 3, cite: "90 FR 4544: Tier 3 includes Macau", confidence: "secondary" };
  const d5 = inGroup("D:5", code, asOf);
  if (d5.member)
    return {
      tier: 3,
      cite: `90 FR 4544: Tier 3 = Macau or Country Group D:5 (${d5.cite})`,
      confidence: weakest(d5.confidence, "secondary"),
    };
  return {
    tier: 2,
    cite: `90 FR 4544: Tier 2 = every destination not in Tier 1 or Tier 3 (D:5 on the date: ${d5.cite})`,
    confidence: weakest(d5.confidence, "secondary"),
  };
}

const RANK: Record<Confidence, number> = { confirmed: 2, secondary: 1, unconfirmed: 0 };
const weakest = (a: Confidence, b: Confidence): Confidence => (RANK[a] <= RANK[b] ? a : b);

// ---------------------------------------------------------------------------------------------
/** Macau: named beside D:5 in the licence scope (15 CFR 742.6(a)(6)(iii)) and in 740.8, in no group itself. */
export const MACAU = "MO";

// Comprehensive embargoes and sanctions: 15 CFR part 746 covers the whole CCL there.

export interface Embargo extends Source {
  from: IsoDate;
  /** The day the embargo ends (exclusive), when it has ended. */
  to?: IsoDate;
  section: string;
}

export const EMBARGOES: Readonly<Record<string, Embargo>> = {
  CU: {
    from: ALWAYS,
    section: "15 CFR 746.2",
    cite: "15 CFR 746.2 (Cuba)",
    confidence: "confirmed",
  },
  IR: {
    from: ALWAYS,
    section: "15 CFR 746.7",
    cite: "15 CFR 746.7 (Iran)",
    confidence: "confirmed",
  },
  KP: {
    from: ALWAYS,
    section: "15 CFR 746.4",
    cite: "15 CFR 746.4 (North Korea)",
    confidence: "confirmed",
  },
  SY: {
    from: ALWAYS,
    section: "15 CFR 746.9",
    cite: "15 CFR 746.9 (Syria)",
    confidence: "confirmed",
  },
  RU: {
    from: "2022-02-24",
    section: "15 CFR 746.8",
    cite: "15 CFR 746.8 (Russia sanctions, effective 2022-02-24)",
    confidence: "confirmed",
  },
  BY: {
    from: "2022-03-02",
    section: "15 CFR 746.8",
    cite: "15 CFR 746.8 (Belarus sanctions, effective 2022-03-02)",
    confidence: "confirmed",
  },
};

/** The embargo in force for a destination (as treated) on `asOf`, if any. */
export function embargoOn(code: string, asOf: IsoDate): Embargo | undefined {
  const e = EMBARGOES[code];
  return e && onOrAfter(asOf, e.from) && (e.to === undefined || before(asOf, e.to)) ? e : undefined;
}

// ---------------------------------------------------------------------------------------------
// Macau in the Oct 2022 rule: China from 2022-10-07, Macau from 2023-01-17 (88 FR 2821).

export const OCT2022_SCOPE: Readonly<Record<string, Timeline<boolean>>> = {
  CN: [
    {
      from: "2022-10-07",
      value: true,
      cite: "87 FR 62186 (China, incl. Hong Kong)",
      confidence: "secondary",
    },
  ],
  MO: [
    { from: "2022-10-07", value: false, cite: "87 FR 62186 (China only)", confidence: "secondary" },
    {
      from: "2023-01-17",
      value: true,
      cite: "88 FR 2821 (Macau added, effective 2023-01-17)",
      confidence: "secondary",
    },
  ],
};

/** Is the destination (as treated) within the Oct 2022 rule's licence scope on `asOf`? */
export function inOct2022Scope(code: string, asOf: IsoDate): GroupFact {
  const timeline = OCT2022_SCOPE[code];
  const entry = timeline && valueAt(timeline, asOf);
  if (!entry)
    return {
      member: false,
      cite: "87 FR 62186; 88 FR 2821 (China and Macau only)",
      confidence: "secondary",
    };
  return { member: entry.value, cite: entry.cite, confidence: entry.confidence };
}
