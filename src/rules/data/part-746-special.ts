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
export const SYRIA_CCL: Source & { section: string; d5: string } = {
  section: "15 CFR 746.9",
  d5: "15 CFR 742.6(b)(10)",
  cite: "15 CFR 746.9; 15 CFR 742.6(b)(10)",
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
    "a licence, in addition to the other requirements of the EAR, for items on the Commerce Control List controlled for NS, MT, NP, CW, CB, RS (as 3A090/4A090 items are), CC, EI, SI, SL or UN reasons and for any item for a military end use or end user; License Exceptions stay available as to other Country Group D destinations, but a transfer within Iraq of an item exported under one needs a licence",
};

const CRIMEA = "the Crimea region of Ukraine";
const COVERED = `${CRIMEA} and the so-called Donetsk (DNR) and Luhansk (LNR) People's Republic regions`;
const UKRAINE_746_6 = (regions: string): SpecialControl => ({
  section: "15 CFR 746.6",
  requires: `a licence for every item subject to the EAR other than food and medicine designated EAR99 to or within ${regions}; review: policy of denial`,
  regions,
});

const ALREADY = "an item on the Commerce Control List already needs a licence under 15 CFR 746.8";
const SECTOR_746_5: SpecialControl = {
  section: "15 CFR 746.5",
  requires:
    "a licence for the items its supplements list by HTS code, EAR99 items among them (Russian and Belarusian industry sector sanctions)",
  addsNothing: ALREADY,
};
const SECTOR_IN_746_8: SpecialControl = {
  section: "15 CFR 746.8",
  requires:
    "a licence for the items the supplements to part 746 list by HTS code, EAR99 items among them (the industry sector sanctions formerly in 15 CFR 746.5)",
  addsNothing: ALREADY,
};

const SECTOR_CONSOLIDATED = {
  from: "2024-06-12",
  value: SECTOR_IN_746_8,
  cite: "15 CFR 746.5; 15 CFR 746.8; 89 FR 51644 (FR doc 2024-13148), effective 2024-06-12: Russia and Belarus sanctions consolidated into one section",
  confidence: "secondary",
} as const;

/** The special controls of part 746 in force for a destination (as treated: HK -> CN), by date. */
export const SPECIAL_CONTROLS: Readonly<Record<string, Timeline<SpecialControl>>> = {
  IQ: [
    {
      from: "2004-07-30",
      value: IRAQ,
      cite: "15 CFR 746.3 (69 FR 46070, FR doc 04-17532, effective 2004-07-30); BIS country guidance: Iraq",
      confidence: "secondary",
    },
  ],
  UA: [
    {
      from: "2015-01-29",
      value: UKRAINE_746_6(CRIMEA),
      cite: "15 CFR 746.6(a)(1) (80 FR 4776, FR doc 2015-01638, effective 2015-01-29)",
      confidence: "confirmed",
    },
    {
      from: "2022-02-24",
      value: UKRAINE_746_6(COVERED),
      cite: "15 CFR 746.6(a)(1)-(2) (87 FR 12226, FR doc 2022-04300, effective 2022-02-24)",
      confidence: "confirmed",
    },
  ],
  RU: [
    {
      from: "2022-02-24",
      value: SECTOR_746_5,
      cite: "15 CFR 746.5 (Russian industry sector sanctions, in force before the 2022 Russia rule, 87 FR 12226)",
      confidence: "confirmed",
    },
    SECTOR_CONSOLIDATED,
  ],
  BY: [
    {
      from: "2022-09-16",
      value: SECTOR_746_5,
      cite: "15 CFR 746.5 (Belarus added to the industry sector sanctions by 87 FR 57068, FR doc 2022-19910, published 2022-09-16; effective date not read)",
      confidence: "secondary",
    },
    SECTOR_CONSOLIDATED,
  ],
};
