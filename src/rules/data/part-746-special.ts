// Part 746 beyond the comprehensive embargoes of country-groups.ts (EMBARGOES): its scope (746.1)
// and the special controls that add to the Commerce Country Chart for one destination, as timelines
// by destination (as treated), each entry with its citation and confidence. Sources: the Federal
// Register documents named in each entry; BIS country guidance (Iraq); reference/updates-2026-11.md.
import type { Source } from "../types";
import type { Timeline } from "./parameters";

/** 15 CFR 746.1: part 746 holds controls that the Country Chart (part 738) does not show. */
export const PART_746_SCOPE: Source = {
  cite: "15 CFR part 746; 15 CFR 746.1",
  confidence: "confirmed",
};

/** Syria's CCL items after 90 FR 42315: licence under 746.9, denial for 3A090/4A090 items via D:5. */
export const SYRIA_CCL: Source & { section: string } = {
  section: "15 CFR 746.9",
  cite: "15 CFR 742.6(b)(10)",
  confidence: "confirmed",
};

/** What a special control of part 746 adds for a destination, in words the explanation reads. */
export interface SpecialControl {
  section: string;
  /** What it requires, as a clause after the section. */
  requires: string;
  /**
   * Set when the control covers only part of the destination's territory: the regions, which a
   * country code cannot tell apart (the answer then holds only outside them).
   */
  regions?: string;
  /** Set when the control adds a licence requirement only beside one the item already has. */
  addsNothing?: string;
}

const IRAQ: SpecialControl = {
  section: "15 CFR 746.3",
  requires:
    "a licence for CCL items controlled for RS (as 3A090/4A090 are), NS, MT, NP, CB and other listed reasons, and for any item for a military end use or user; License Exceptions still apply, but a transfer within Iraq of an item exported under one needs a licence",
};

const CRIMEA = "the Crimea region of Ukraine";
const UKRAINE_746_6 = (regions: string): SpecialControl => ({
  section: "15 CFR 746.6",
  requires: `a licence for every item subject to the EAR but EAR99 food and medicine to ${regions}, policy of denial`,
  regions,
});

const ALREADY = "a CCL item needs a licence under 15 CFR 746.8 anyway";
const SECTOR_746_5: SpecialControl = {
  section: "15 CFR 746.5",
  requires: "a licence for items its supplements list by HTS code, EAR99 ones included",
  addsNothing: ALREADY,
};

const SECTOR_CONSOLIDATED = {
  from: "2024-06-12",
  value: {
    section: "15 CFR 746.8",
    requires:
      "a licence for items the part 746 supplements list by HTS code, EAR99 ones included (the sector sanctions of former 746.5)",
    addsNothing: ALREADY,
  },
  cite: "15 CFR 746.8 (89 FR 51644: 746.5 consolidated into it)",
  confidence: "secondary",
} as const;

/** The special controls of part 746 in force for a destination (as treated: HK -> CN), by date. */
export const SPECIAL_CONTROLS: Readonly<Record<string, Timeline<SpecialControl>>> = {
  IQ: [
    {
      from: "2004-07-30",
      value: IRAQ,
      cite: "15 CFR 746.3 (69 FR 46070); BIS Iraq guidance",
      confidence: "secondary",
    },
  ],
  UA: [
    {
      from: "2015-01-29",
      value: UKRAINE_746_6(CRIMEA),
      cite: "15 CFR 746.6(a)(1) (80 FR 4776)",
      confidence: "confirmed",
    },
    {
      from: "2022-02-24",
      value: UKRAINE_746_6(`${CRIMEA} and the so-called DNR and LNR regions`),
      cite: "15 CFR 746.6(a)(2) (87 FR 12226)",
      confidence: "confirmed",
    },
  ],
  RU: [
    {
      from: "2022-02-24",
      value: SECTOR_746_5,
      cite: "15 CFR 746.5",
      confidence: "confirmed",
    },
    SECTOR_CONSOLIDATED,
  ],
  BY: [
    {
      from: "2022-09-16",
      value: SECTOR_746_5,
      cite: "15 CFR 746.5 (87 FR 57068)",
      confidence: "secondary",
    },
    SECTOR_CONSOLIDATED,
  ],
};
