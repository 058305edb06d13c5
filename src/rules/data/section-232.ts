// Section 232 duty on semiconductor articles (Proclamation 11002 of 2026-01-14, 91 FR 2443, FR doc
// 2026-01052): the rate and the TPP / DRAM-bandwidth bands of its Annex, as timelines. An import
// duty, not an export control: it matters to exporters because the Jan 2026 China path (91 FR 1684)
// requires third-party testing in the United States, so EXPLAIN reads these two (the headings,
// exemptions and open points, read only by SECTION_232_DUTY, are in section-232-terms.ts).
// Sources: reference/updates-2026-11.md §4.
import type { Timeline } from "./parameters";

export const PROCLAMATION = "Proclamation 11002 (91 FR 2443, FR doc 2026-01052)";
const ANNEX = `${PROCLAMATION}, Annex and new US Note 39 to HTS ch. 99 (bands via GSM International, Livingston, KELLY tracker)`;

/** Additional ad valorem duty, a fraction, on covered articles entered from 12:01 a.m. EST on the date. */
export const S232_CHIP_RATE: Timeline<number> = [
  {
    from: "2026-01-15",
    value: 0.25,
    cite: `${PROCLAMATION}, cl. 2; HTS heading 9903.79.01 (CBP CSMS #67400472)`,
    confidence: "confirmed",
  },
];

/** A band of the Annex: strict inequalities on TPP and total DRAM bandwidth (GB/s). */
export interface S232Band {
  tppAbove: number;
  tppBelow: number;
  dramAbove: number;
  dramBelow: number;
}

export const S232_CHIP_BANDS: Timeline<readonly S232Band[]> = [
  {
    from: "2026-01-15",
    value: [
      { tppAbove: 14_000, tppBelow: 17_500, dramAbove: 4_500, dramBelow: 5_000 },
      { tppAbove: 20_800, tppBelow: 21_100, dramAbove: 5_800, dramBelow: 6_200 },
    ],
    cite: ANNEX,
    confidence: "secondary",
  },
];
