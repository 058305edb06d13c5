// The Section 232 duty on semiconductor articles (Proclamation 11002, 91 FR 2443), the part the
// determinations need: whether a chip is inside one of the Annex bands on a date (data:
// data/section-232.ts), for the Jan 2026 China path, whose US testing imports the chip
// (testingDutyNote, in EXPLAIN). SECTION_232_DUTY itself (headings, exemptions, the reasons) is
// section-232-duty.ts, loaded with the function.
import { chipConfidence, fmt, weakestOf } from "../format";
import { valueAt } from "../data/parameters";
import { S232_CHIP_BANDS, S232_CHIP_RATE, type S232Band } from "../data/section-232";
import type { IsoDate, Item, Step } from "../types";

export type BandTest = "in" | "out" | "unknown";

/** Is x strictly between the band's limits (the Annex's inequalities are strict)? */
export const within = (x: number | null, above: number, below: number): BandTest =>
  x === null ? "unknown" : x > above && x < below ? "in" : "out";

export const bandText = (b: S232Band) =>
  `TPP > ${fmt(b.tppAbove)} and < ${fmt(b.tppBelow)} with DRAM bandwidth > ${fmt(b.dramAbove)} and < ${fmt(b.dramBelow)} GB/s`;

/**
 * For the Jan 2026 China path (91 FR 1684, Supp. No. 2 to part 748 para (dd)): the required
 * third-party testing in the US imports the chip, so an in-band chip bears the Section 232 duty on
 * that entry. A sentence and its step, or null when no duty arises (or it cannot be told).
 */
export function testingDutyNote(
  item: Item,
  entryDate: IsoDate
): { note: string; step: Step } | null {
  const rate = valueAt(S232_CHIP_RATE, entryDate);
  const bands = valueAt(S232_CHIP_BANDS, entryDate);
  if (!rate || !bands || !rate.value || item.kind !== "chip") return null;
  const { tpp, memoryBandwidthGbs: bw } = item.chip;
  const hit = bands.value.find(
    (b) =>
      within(tpp, b.tppAbove, b.tppBelow) === "in" && within(bw, b.dramAbove, b.dramBelow) === "in"
  );
  if (!hit) return null;
  const note = `the US third-party testing imports the chip: a ${fmt(rate.value * 100)}% Section 232 duty on its entry in a card, module or server (9903.79.01; Proclamation 11002, 91 FR 2443) unless an end-use exemption applies`;
  return {
    note,
    step: {
      text: `Supp. No. 2 to part 748 para (dd): ${note} (TPP ${fmt(tpp!)} and DRAM bandwidth ${fmt(bw!)} GB/s: ${bandText(hit)})`,
      cite: `${rate.cite}; ${bands.cite}`,
      confidence: weakestOf([
        rate.confidence,
        bands.confidence,
        chipConfidence(item.chip.confidence),
      ]),
    },
  };
}
