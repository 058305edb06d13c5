// determine(shipment, regime, asOf): dispatches to the regime file and assembles the Determination.
// decide(): the same evaluation for callers that need only the verdict (REQUIRES_LICENSE,
// LICENSE_EXCEPTION, REVIEW_POLICY, LEDGER): no Determination is assembled and no step is built
// (see step.ts).
// decisionKey(): what a verdict depends on, read from the same per-regime limit functions
// (limitSides) that the regimes decide with, so a key and its verdict cannot drift apart.
import { groupsOf } from "./data/country-groups";
import { EFFECTIVE } from "./data/milestones";
import { H100_TPP, mustValueAt } from "./data/parameters";
import { eraOf } from "./era";
import { tidy, weakestOf } from "./format";
import {
  WITHIN_ALLOCATION,
  WITHIN_ALLOWANCE,
  limitReads,
  type Context,
  type Evaluation,
  type LimitInput,
} from "./regimes/outcome";
import { part746Notes } from "./regimes/embargoes-part-746";
import { notCheckedStep } from "./regimes/parties-and-end-uses";
import { REGIMES, REGIME_IDS } from "./regimes/registry";
import { isIsoDate, isRegimeId } from "./resolve";
import { FULL_TEXTS, textPath, withLineTexts, withoutTexts } from "./step";
import { before, recording, type Eras } from "./validity";
import type { Determination, IsoDate, RegimeId, Shipment, Status, Step } from "./types";

// Built-ins through module bindings: read once per decision, and a global lookup costs far more
// than a closure variable in some hosts (a page's global object behind a proxy).
const { isFinite: finiteNumber, isInteger: wholeNumber } = Number;

function nonNegative(name: string, value: number | undefined): number {
  const v = value ?? 0;
  if (typeof v !== "number" || !finiteNumber(v) || v < 0)
    throw new RangeError(`${name} must be a number >= 0, got ${String(value)}`);
  return v;
}

/** The H100 TPP yardstick on a date (its timeline holds from the earliest date modelled). */
export function h100TppOn(asOf: IsoDate): number {
  return mustValueAt(H100_TPP, asOf, "H100_TPP").value;
}

let lastDate: unknown = null;

/** The context a regime decides on; malformed numbers, dates or regimes throw a RangeError naming the argument. */
function contextOf(shipment: Shipment, regime: RegimeId, asOf: IsoDate): Context {
  if (!isRegimeId(regime))
    throw new RangeError(`regime must be one of ${REGIME_IDS.join(", ")}, got '${String(regime)}'`);
  if (asOf !== lastDate) {
    if (!isIsoDate(asOf))
      throw new RangeError(`as_of must be an ISO date YYYY-MM-DD, got '${String(asOf)}'`);
    lastDate = asOf; // a table's rows repeat their dates: each is parsed once in a row
  }
  const q = shipment.quantity;
  if (typeof q !== "number" || !wholeNumber(q) || q < 0)
    throw new RangeError(`quantity must be a whole number >= 0, got ${String(q)}`);
  const item = shipment.item;
  const chip = item.kind === "chip" ? item.chip : null;
  const tppPerUnit = chip?.tpp ?? null;
  const shipFrom = shipment.shipFrom?.treatedAs ?? "US";
  return {
    regime,
    asOf,
    item,
    chip,
    destination: shipment.destination,
    dest: shipment.destination.treatedAs,
    hq: (shipment.endUserHq ?? shipment.destination).treatedAs,
    shipFrom,
    exportFrom: shipFrom === "US" ? "US" : "abroad",
    tppPerUnit,
    priorTpp: nonNegative("prior_tpp", shipment.priorTpp),
    countryAllocationUsed: nonNegative("country_allocation_used", shipment.countryAllocationUsed),
    g2g: shipment.g2g === true,
    totalTpp: tppPerUnit === null ? null : tidy(q * tppPerUnit),
  };
}

/**
 * The determination for one shipment under `regime` on `asOf`. Inputs are already resolved (see
 * resolve.ts); malformed numbers or dates throw a RangeError naming the argument.
 */
export function determine(shipment: Shipment, regime: RegimeId, asOf: IsoDate): Determination {
  const ctx = contextOf(shipment, regime, asOf);
  const ev = REGIMES[regime].evaluate(ctx);
  const warnings = shipFromWarnings(ctx, ev);
  const steps = Object.freeze(ev.steps.concat(warnings.steps, closingStep(asOf)));
  const notes = (ev.notes ?? []).concat(warnings.notes, part746Notes(ctx.dest, asOf));
  const totalTpp = ctx.totalTpp;
  const drawn = totalTpp ?? 0;
  const d: Determination = {
    status: ev.status,
    licenseRequired: ev.status === "INDETERMINATE" ? null : ev.status === "LICENSE",
    exception: ev.exception,
    reviewPolicy: ev.reviewPolicy,
    eccn: ev.classification.eccn,
    steps,
    confidence: weakestOf(steps.map((s) => s.confidence)),
    regime,
    asOf,
    reason: ev.reason,
    destination: ctx.dest,
    tier: ev.tier,
    groups: groupsOf(ctx.dest, asOf),
    totalTpp,
    h100Equivalents: totalTpp === null ? null : totalTpp / h100TppOn(asOf),
    allowanceTpp: ev.draws & WITHIN_ALLOWANCE ? drawn : 0,
    allocationTpp: ev.draws & WITHIN_ALLOCATION ? drawn : 0,
    shipFrom: shipment.shipFrom?.treatedAs ?? "US",
    notes,
  };
  if (ev.classification.basis) d.eccnBasis = ev.classification.basis;
  if (shipment.destination.code !== ctx.dest) d.destinationEntered = shipment.destination.code;
  if (ev.reviewNote) d.reviewNote = ev.reviewNote;
  return d;
}

// A table's rows repeat their dates: the closing "not checked" step of a date is built once.
const closing = new Map<IsoDate, Step>();

function closingStep(asOf: IsoDate): Step {
  if (textPath() !== FULL_TEXTS) return notCheckedStep(asOf);
  let s = closing.get(asOf);
  if (s === undefined) {
    if (closing.size >= 4096) closing.clear();
    closing.set(asOf, (s = notCheckedStep(asOf)));
  }
  return s;
}

/**
 * Warnings that follow from where the item leaves, not from US rules: Malaysia's own permit for
 * US-origin AI chips (MITI Directive 1/2025), shown on reexports from Malaysia. (Texts only: they
 * change no verdict.)
 */
const NO_WARNINGS: { steps: readonly Step[]; notes: readonly string[] } = Object.freeze({
  steps: Object.freeze([]),
  notes: Object.freeze([]),
});

function shipFromWarnings(
  ctx: Context,
  ev: Evaluation
): { steps: readonly Step[]; notes: readonly string[] } {
  const my = EFFECTIVE.malaysiaPermit2025;
  const aiChip =
    ev.classification.control === "a" ||
    ev.classification.control === "b" ||
    ev.classification.control === "indeterminate";
  const usOrigin = ctx.chip ? ctx.chip.usDesigned : true;
  if (ctx.shipFrom !== "MY" || before(ctx.asOf, my.date) || !aiChip || !usOrigin)
    return NO_WARNINGS;
  const text = `Malaysia's own rule (not a US one): ${my.what}`;
  return {
    steps: [{ text, cite: my.cite, confidence: my.confidence }],
    notes: [`${text} (${my.cite})`],
  };
}

/**
 * The determination as the one-line explanation reads it (explain.ts): every field, and the texts of
 * its unconfirmed steps only; the other steps keep their citation and confidence with a blank text
 * (see step.ts). explain() of it is explain() of determine(); use determine() for the steps.
 */
export function determineForLine(
  shipment: Shipment,
  regime: RegimeId,
  asOf: IsoDate
): Determination {
  return withLineTexts(() => determine(shipment, regime, asOf));
}

/** What REQUIRES_LICENSE, LICENSE_EXCEPTION, REVIEW_POLICY and LEDGER read of a determination. */
export interface Verdict {
  readonly status: Status;
  readonly licenseRequired: boolean | null;
  readonly exception: Determination["exception"];
  readonly reviewPolicy: Determination["reviewPolicy"];
  /** The one-line reason (what is open, when INDETERMINATE). */
  readonly reason: string;
  /** WITHIN_ALLOWANCE / WITHIN_ALLOCATION bits: the shipment's TPP counts against those. */
  readonly draws: number;
  /**
   * The verdict read its quantity limits (limitSides()): it holds only on the sides it was decided
   * on; without, on every side of them.
   */
  readonly readsLimits: boolean;
  /**
   * The run of eras (era.ts) this verdict holds for: a shipment with the same decision key, other
   * than its era, dated in any era from `eras.first` to `eras.last` gets the same verdict (EXACT:
   * only this date). Recorded from the comparisons of the date the decision made (validity.ts).
   */
  readonly eras: Eras;
}

/**
 * The verdict for one shipment, without the explanation: the same evaluation as determine(), with
 * no Determination assembled and no step text built. Throws as determine() does.
 */
export function decide(shipment: Shipment, regime: RegimeId, asOf: IsoDate): Verdict {
  const ctx = contextOf(shipment, regime, asOf);
  const reads = limitReads.count;
  const [ev, eras] = recording(asOf, () => withoutTexts(REGIMES[regime].evaluate, ctx));
  return {
    status: ev.status,
    licenseRequired: ev.status === "INDETERMINATE" ? null : ev.status === "LICENSE",
    exception: ev.exception,
    reviewPolicy: ev.reviewPolicy,
    reason: ev.reason,
    draws: ev.draws,
    readsLimits: limitReads.count !== reads,
    eras,
  };
}

/**
 * Which side of `regime`'s quantity limits the shipment falls on: the regime's own limitSides(), the
 * function its decisions read. `x.totalTpp` is quantity x TPP per unit (null when unknown).
 */
export function limitSides(regime: RegimeId, x: LimitInput, asOf: IsoDate): number {
  return REGIMES[regime].limitSides(x, asOf);
}

/**
 * A key for what a determination decides: two shipments with the same key get the same verdict
 * (status, licenceRequired, exception, reviewPolicy, reason when INDETERMINATE, what it draws
 * from). It holds every input the regimes read: the item, the destination as entered, the HQ, the
 * regime, the date by its era (see era.ts), where it ships from, G2G, and the quantities only by
 * limitSides(). (Texts, totals and H100-equivalents differ within a key: use determine() for those.)
 */
export function decisionKey(shipment: Shipment, regime: RegimeId, asOf: IsoDate): string {
  const item = shipment.item.kind === "chip" ? shipment.item.chip.id : "eccn:" + shipment.item.eccn;
  const hq = (shipment.endUserHq ?? shipment.destination).treatedAs;
  const tpp = shipment.item.kind === "chip" ? shipment.item.chip.tpp : null;
  const sides = limitSides(
    regime,
    {
      totalTpp: tpp === null ? null : tidy(shipment.quantity * tpp),
      priorTpp: shipment.priorTpp ?? 0,
      countryAllocationUsed: shipment.countryAllocationUsed ?? 0,
      g2g: shipment.g2g === true,
    },
    asOf
  );
  return `${item}|${shipment.destination.code}|${hq}|${regime}|${eraOf(asOf)}|${shipment.shipFrom?.treatedAs ?? "US"}|${shipment.g2g ? 1 : 0}|${sides}`;
}
