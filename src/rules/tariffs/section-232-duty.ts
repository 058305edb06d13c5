// SECTION_232_DUTY: the Section 232 duty on semiconductor articles (Proclamation 11002, 91 FR 2443).
// On the entry date, an article under a covered HTS heading that is or contains a logic IC inside
// one of the Annex bands bears the additional duty unless an end-use exemption (9903.79.02-.09) is
// claimed. Data: data/section-232.ts (rate, bands) and data/section-232-terms.ts (headings,
// exemptions, open points); the band test is shared with EXPLAIN (section-232.ts). Loaded with
// the function.
import { ruleParts } from "../index";
import {
  S232_CHIP_EXEMPTIONS,
  S232_CHIP_HEADINGS,
  S232_OPEN_POINTS,
} from "../data/section-232-terms";
import type { Confidence, IsoDate, Item, Step } from "../index";

const {
  S232_CHIP_BANDS,
  S232_CHIP_RATE,
  bandText,
  chipConfidence,
  fmt,
  latest,
  step,
  valueAt,
  weakestOf,
  within,
} = ruleParts;

export interface Section232Result {
  /** The additional duty as a fraction (0.25 or 0); null when the chip's unknown TPP or DRAM bandwidth decides it. */
  rate: number | null;
  /** One sentence: why this rate, or what is unknown. */
  reason: string;
  steps: Step[];
  confidence: Confidence;
}

function done(rate: number | null, reason: string, steps: Step[]): Section232Result {
  return { rate, reason, steps, confidence: weakestOf(steps.map((s) => s.confidence)) };
}

/** The duty on an article under a covered heading, no exemption claimed, entered on `entryDate`. */
export function section232Band(item: Item, entryDate: IsoDate): Section232Result {
  const steps: Step[] = [];
  const rate = valueAt(S232_CHIP_RATE, entryDate);
  const bands = valueAt(S232_CHIP_BANDS, entryDate);
  if (!rate || !bands || rate.value === 0) {
    const first = S232_CHIP_RATE[0];
    steps.push(
      step(
        `Entered ${entryDate}: no Section 232 semiconductor duty before ${first.from}`,
        first.cite,
        first.confidence
      )
    );
    return done(0, `no Section 232 semiconductor duty before ${first.from}`, steps);
  }

  const chip = item.kind === "chip" ? item.chip : null;
  const tpp = chip?.tpp ?? null;
  const bw = chip?.memoryBandwidthGbs ?? null;
  const tests = bands.value.map((b) => ({
    band: b,
    tpp: within(tpp, b.tppAbove, b.tppBelow),
    bw: within(bw, b.dramAbove, b.dramBelow),
  }));
  const what = chip
    ? `${chip.name} (TPP ${tpp === null ? "unknown" : fmt(tpp)}, DRAM bandwidth ${bw === null ? "unknown" : `${fmt(bw)} GB/s`})`
    : `an item known only by its ECCN ${item.kind === "eccn" ? item.eccn : ""}`;
  const conf = chip
    ? weakestOf([bands.confidence, chipConfidence(chip.confidence)])
    : bands.confidence;
  const hit = tests.find((t) => t.tpp === "in" && t.bw === "in");
  if (hit) {
    steps.push(step(`${what} is in the band ${bandText(hit.band)}`, bands.cite, conf));
    steps.push(
      step(
        `Additional duty ${fmt(rate.value * 100)}% ad valorem under 9903.79.01, on top of other duties; no drawback`,
        rate.cite,
        rate.confidence
      )
    );
    return done(
      rate.value,
      `${what} is in a Proclamation 11002 band (${bandText(hit.band)})`,
      steps
    );
  }
  const open = tests.filter((t) => t.tpp !== "out" && t.bw !== "out");
  if (open.length === 0) {
    steps.push(
      step(
        `${what} is outside both bands (${bands.value.map(bandText).join("; ")})`,
        bands.cite,
        conf
      )
    );
    return done(0, `${what} is outside the Proclamation 11002 bands`, steps);
  }
  const unknown = [
    ...(open.some((t) => t.tpp === "unknown") ? ["TPP"] : []),
    ...(open.some((t) => t.bw === "unknown") ? ["DRAM bandwidth"] : []),
  ].join(" and ");
  steps.push(
    step(
      `${what}: its ${unknown} decides whether it is in the band ${open.map((t) => bandText(t.band)).join(" or ")}`,
      bands.cite,
      "unconfirmed"
    )
  );
  return done(
    null,
    `the ${unknown} of ${chip ? chip.name : "an item known only by its ECCN"} is unknown and decides the Section 232 duty (band ${open.map((t) => bandText(t.band)).join(" or ")}, Proclamation 11002)`,
    steps
  );
}

export interface Section232Input {
  /** The logic IC the article is or contains: a catalog chip, or an ECCN (whose figures are unknown). */
  item: Item;
  /** An exemption id (see section232EndUses), or null when no exemption is claimed. */
  endUse: string | null;
  entryDate: IsoDate;
  /** HTS number as digits ("847150", "8542310000"), or null for the default: a covered heading. */
  hts: string | null;
}

export interface Section232Duty extends Section232Result {
  /** Open points that may change a duty above 0 (Taiwan quota, Phase 2). */
  caveats: string[];
}

/** The end-use exemption ids, in heading order (the latest list: ids do not change between entries). */
export function section232EndUses(): readonly string[] {
  return latest(S232_CHIP_EXEMPTIONS).value.map((e) => e.id);
}

/**
 * An end_use text as an exemption id: the id itself in any case ("US-Datacenter") or its heading
 * ("9903.79.02"); "" for none claimed; null when it is neither.
 */
export function parseEndUse(text: string): string | null {
  const t = text.trim().toLowerCase();
  if (t === "") return "";
  for (const e of latest(S232_CHIP_EXEMPTIONS).value) {
    if (t === e.id || t.replace(/\s+/g, "") === e.heading) return e.id;
  }
  return null;
}

/**
 * An HTS number as its digits (4 to 10), dots and spaces allowed: "8471.50.0150" -> "8471500150",
 * "8473.3" -> "84733" (a heading or part of a subheading: the duty reads it as a prefix); null if
 * malformed.
 */
export function parseHts(text: string): string | null {
  const t = text.trim();
  // Digits only, or grouped as written: heading (4), subheading (2, or 1 when cut short: "8473.3"),
  // then 4 digits or 2 and 2 ("8471.50.0150", "8542.31.00.01").
  const grouped = /^\d{4}(?:[.\s]\d{1,2}(?:[.\s](?:\d{4}|\d{2}(?:[.\s]\d{2})?))?)?$/.test(t);
  const plain = /^\d{4,10}$/.test(t);
  if (!grouped && !plain) return null;
  const digits = t.replace(/[.\s]/g, "");
  return digits.length <= 10 && !digits.startsWith("00") ? digits : null;
}

/** The Section 232 semiconductor duty on one article entered on `entryDate`. */
export function section232Duty(input: Section232Input): Section232Duty {
  const steps: Step[] = [];
  const rate = valueAt(S232_CHIP_RATE, input.entryDate);
  if (!rate || rate.value === 0)
    return { ...section232Band(input.item, input.entryDate), caveats: [] };
  const headings = valueAt(S232_CHIP_HEADINGS, input.entryDate);
  const exemptions = valueAt(S232_CHIP_EXEMPTIONS, input.entryDate);
  if (!headings) throw new Error("rules data: Section 232 headings missing");

  const covered = headings.value.map((h) => h.replace(/\./g, ""));
  // A heading shorter than the covered subheadings ("8471") holds covered and uncovered ones:
  // whether the article is covered is open unless the chip or the date settles the duty anyway.
  const broader =
    input.hts !== null &&
    covered.some((h) => h.length > input.hts!.length && h.startsWith(input.hts!));
  if (input.hts !== null && !broader && !covered.some((h) => input.hts!.startsWith(h))) {
    steps.push(
      step(
        `HTS ${input.hts} is not under ${headings.value.join(", ")}: the duty does not apply (a bare IC under 8542.31 is not covered)`,
        headings.cite,
        headings.confidence
      )
    );
    return {
      ...done(0, `HTS ${input.hts} is not a covered heading (${headings.value.join(", ")})`, steps),
      caveats: [],
    };
  }
  steps.push(
    step(
      input.hts === null
        ? `Article taken to be under a covered heading (${headings.value.join(", ")}: accelerator cards, modules, servers)`
        : broader
          ? `HTS ${input.hts} holds covered subheadings (${headings.value.join(", ")}) and others: the article's full number decides`
          : `HTS ${input.hts} is under a covered heading (${headings.value.join(", ")})`,
      headings.cite,
      headings.confidence
    )
  );

  if (input.endUse) {
    const e = exemptions?.value.find((x) => x.id === input.endUse);
    if (e && exemptions) {
      steps.push(
        step(
          `End-use exemption claimed under ${e.heading} (${e.what}): no Section 232 duty, if the claim's conditions are met`,
          exemptions.cite,
          exemptions.confidence
        )
      );
      return { ...done(0, `end-use exemption ${e.heading} (${e.what})`, steps), caveats: [] };
    }
  }
  const band = section232Band(input.item, input.entryDate);
  const all = [...steps, ...band.steps];
  if (broader && band.rate) {
    return {
      ...done(
        null,
        `HTS ${input.hts} holds covered subheadings (${headings.value.join(", ")}) and others, and the chip is in a band: give the article's 6-digit subheading or more`,
        all
      ),
      caveats: [],
    };
  }
  const t = S232_OPEN_POINTS.taiwanDeal;
  const p = S232_OPEN_POINTS.phase2;
  return {
    ...band,
    steps: all,
    confidence: weakestOf(all.map((s) => s.confidence)),
    caveats: band.rate
      ? [
          `Taiwan quota terms unpublished (${t.date}; ${t.cite})`,
          `Phase 2 not proclaimed (${p.cite})`,
        ]
      : [],
  };
}
