// Section 232 semiconductor duty (Proclamation 11002, 91 FR 2443): the covered HTS headings, the
// end-use exemptions and the dated open points around the duty. Read by SECTION_232_DUTY and
// RULE_CHANGES only (both load on first use); the rate and bands are in section-232.ts.
// Sources: reference/updates-2026-11.md §4.
import type { Milestone } from "./milestones";
import type { Timeline } from "./parameters";
import { ruleParts } from "../index";

const { PROCLAMATION } = ruleParts;

/** HTS subheadings whose articles (accelerator cards, modules, servers) bear the duty when they contain an in-band logic IC. */
export const S232_CHIP_HEADINGS: Timeline<readonly string[]> = [
  {
    from: "2026-01-15",
    value: ["8471.50", "8471.80", "8473.30"],
    cite: `${PROCLAMATION}, Annex (US Note 39 to ch. 99)`,
    confidence: "secondary",
  },
];

/** An end-use exemption: its id (what SECTION_232_DUTY's end_use takes), its heading and what it covers. */
export interface S232Exemption {
  id: string;
  heading: string;
  what: string;
}

export const S232_CHIP_EXEMPTIONS: Timeline<readonly S232Exemption[]> = [
  {
    from: "2026-01-15",
    value: [
      { id: "us-datacenter", heading: "9903.79.02", what: "US data centres" },
      { id: "us-repair", heading: "9903.79.03", what: "repairs or replacements in the US" },
      { id: "us-rnd", heading: "9903.79.04", what: "US research and development" },
      { id: "us-startup", heading: "9903.79.05", what: "US startups" },
      { id: "consumer", heading: "9903.79.06", what: "non-datacenter consumer uses" },
      { id: "industrial", heading: "9903.79.07", what: "non-datacenter civil industrial uses" },
      { id: "us-public-sector", heading: "9903.79.08", what: "the US public sector" },
      {
        id: "approved",
        heading: "9903.79.09",
        what: "other uses Commerce finds support the US supply chain",
      },
    ],
    cite: `${PROCLAMATION}, Annex; HTS 9903.79.02-.09 (claim-gated, CBP CSMS #67400472)`,
    confidence: "secondary",
  },
];

/** Dated facts around the duty that it does not compute but an answer must mention. */
export const S232_OPEN_POINTS = {
  taiwanDeal: {
    date: "2026-01-15",
    what: "US-Taiwan deal: Taiwanese firms building US fabs may import up to 2.5x planned US capacity free of s.232 duty during construction (1.5x after); text unpublished, unclear whether it reaches the Phase 1 25% duty",
    cite: "Commerce fact sheet via Husch Blackwell and Thompson Hine",
    confidence: "secondary",
  },
  ieepaRuling: {
    date: "2026-02-20",
    what: "Supreme Court, Learning Resources v. Trump: IEEPA tariffs invalid; the s.232 duty is unaffected",
    cite: "Learning Resources v. Trump (US 2026), via Akerman and EACCNY",
    confidence: "secondary",
  },
  s122Start: {
    date: "2026-02-24",
    what: "Section 122 temporary import surcharge of 10% (150 days) begins; it does not stack with the s.232 semiconductor duty",
    cite: "EACCNY; KlearNow rule pack v1.7.0 (2026-08-31)",
    confidence: "secondary",
  },
  s122End: {
    date: "2026-07-23",
    what: "Section 122 temporary import surcharge ends (last day of its 150 days)",
    cite: "EACCNY; KlearNow rule pack v1.7.0 (2026-08-31)",
    confidence: "secondary",
  },
  phase2: {
    date: "2026-09-01",
    what: "Phase 2 of the semiconductor duty reported confirmed by Commerce in September 2026 (day unknown) but not proclaimed (no Phase 2 proclamation found through 2026-11-30)",
    cite: "code index 69709189281 (unverified note); KlearNow rule pack of 2026-08-31 has none",
    confidence: "unconfirmed",
  },
} as const satisfies Record<string, Milestone>;
