// determine(shipment, regime, asOf): dispatches to the regime file and assembles the Determination.
//
// Speed: a broadcast over 100,000 rows repeats the same chip/destination/date with different
// quantities. Most answers do not depend on the quantities at all (only the Diffusion-style allowance
// and allocation steps read them), so each regime runs on a context that records whether it read a
// quantity; answers that did not are memoised without the quantities in the key.
import { groupsOf } from "./data/country-groups";
import {
  COUNTRY_ALLOCATION_G2G_TPP,
  COUNTRY_ALLOCATION_TPP,
  EFFECTIVE,
  H100_TPP,
  LPP_ALLOWANCE_TPP,
  PROPOSAL_ALLOWANCE_H100,
  latest,
  mustValueAt,
  valueAt,
} from "./data/parameters";
import { eraOf } from "./era";
import { weakestOf } from "./format";
import { memo } from "./memo";
import { notCheckedStep, type Context, type Evaluation } from "./regimes/common";
import * as baseline2023 from "./regimes/baseline-2023";
import * as diffusion2025 from "./regimes/diffusion-2025";
import * as enforced from "./regimes/enforced";
import * as proposal500 from "./regimes/proposal-500";
import { isIsoDate, isRegimeId } from "./resolve";
import type { Confidence, Determination, IsoDate, RegimeId, Shipment, Step } from "./types";

const REGIMES: Record<RegimeId, (ctx: Context) => Evaluation> = {
  enforced: enforced.evaluate,
  "baseline-2023": baseline2023.evaluate,
  "diffusion-2025": diffusion2025.evaluate,
  "proposal-500": proposal500.evaluate,
};

/** TPP products of fractional per-unit TPP (5,284.8 x 3) without binary noise. */
const tidy = (n: number) => Math.round(n * 1e6) / 1e6;

function nonNegative(name: string, value: number | undefined): number {
  const v = value ?? 0;
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0)
    throw new RangeError(`${name} must be a number >= 0, got ${String(value)}`);
  return v;
}

/** The H100 TPP yardstick on a date (the latest value for dates before the first entry). */
export function h100TppOn(asOf: IsoDate): number {
  return (valueAt(H100_TPP, asOf) ?? latest(H100_TPP)).value;
}

/** An evaluation with the parts of the Determination that follow from it alone (shared, frozen). */
interface Prepared {
  ev: Evaluation;
  steps: readonly Step[];
  confidence: Confidence;
  groups: readonly string[];
}

const groupsMemo = memo<readonly string[]>();

/**
 * The determination for one shipment under `regime` on `asOf`. Inputs are already resolved (see
 * resolve.ts); malformed numbers or dates throw a RangeError naming the argument.
 */
export function determine(shipment: Shipment, regime: RegimeId, asOf: IsoDate): Determination {
  if (!isRegimeId(regime))
    throw new RangeError(
      `regime must be one of enforced, baseline-2023, diffusion-2025, proposal-500, got '${String(regime)}'`
    );
  if (!isIsoDate(asOf))
    throw new RangeError(`as_of must be an ISO date YYYY-MM-DD, got '${String(asOf)}'`);
  const q = shipment.quantity;
  if (typeof q !== "number" || !Number.isInteger(q) || q < 0)
    throw new RangeError(`quantity must be a whole number >= 0, got ${String(q)}`);
  const priorTpp = nonNegative("prior_tpp", shipment.priorTpp);
  const allocationUsed = nonNegative("country_allocation_used", shipment.countryAllocationUsed);

  const item = shipment.item;
  const chip = item.kind === "chip" ? item.chip : null;
  const tppPerUnit = chip?.tpp ?? null;
  const totalTpp = tppPerUnit === null ? null : tidy(q * tppPerUnit);
  const hq = shipment.endUserHq ?? shipment.destination;
  const shipFrom = shipment.shipFrom?.treatedAs ?? "US";
  const exportFrom = shipFrom === "US" ? "US" : "abroad";
  const g2g = shipment.g2g === true;

  // Callers that need only the verdict memoise on decisionKey(); the full determination is built here.
  const run = (): Prepared => {
    const ctx: Context = {
      regime,
      asOf,
      item,
      chip,
      destination: shipment.destination,
      dest: shipment.destination.treatedAs,
      hq: hq.treatedAs,
      shipFrom,
      exportFrom,
      tppPerUnit,
      priorTpp,
      countryAllocationUsed: allocationUsed,
      g2g,
      totalTpp,
    };
    const ev = REGIMES[regime](ctx);
    const warnings = shipFromWarnings(ctx, ev);
    const steps = Object.freeze([...ev.steps, ...warnings.steps, notCheckedStep(asOf)]);
    if (warnings.notes.length) ev.notes = [...(ev.notes ?? []), ...warnings.notes];
    return {
      ev,
      steps,
      confidence: weakestOf(steps.map((s) => s.confidence)),
      groups: groupsMemo(`${ctx.dest}|${asOf}`, () => Object.freeze(groupsOf(ctx.dest, asOf))),
    };
  };

  const p: Prepared = run();
  const ev = p.ev;

  const dest = shipment.destination.treatedAs;
  const d: Determination = {
    status: ev.status,
    licenseRequired: ev.status === "INDETERMINATE" ? null : ev.status === "LICENSE",
    exception: ev.exception,
    reviewPolicy: ev.reviewPolicy,
    eccn: ev.classification.eccn,
    steps: p.steps as Step[],
    confidence: p.confidence,
    regime,
    asOf,
    reason: ev.reason,
    destination: dest,
    tier: ev.tier,
    groups: p.groups as string[],
    totalTpp,
    h100Equivalents: totalTpp === null ? null : totalTpp / h100TppOn(asOf),
    allowanceTpp: ev.allowanceTpp,
    allocationTpp: ev.allocationTpp,
    shipFrom: shipment.shipFrom?.code ?? "US",
    notes: ev.notes ?? [],
  };
  if (ev.classification.basis) d.eccnBasis = ev.classification.basis;
  if (shipment.destination.code !== dest) d.destinationEntered = shipment.destination.code;
  if (ev.reviewNote) d.reviewNote = ev.reviewNote;
  return d;
}

/**
 * Warnings that follow from where the item leaves, not from US rules: Malaysia's own permit for
 * US-origin AI chips (MITI Directive 1/2025), shown on reexports from Malaysia.
 */
function shipFromWarnings(ctx: Context, ev: Evaluation): { steps: Step[]; notes: string[] } {
  const my = EFFECTIVE.malaysiaPermit2025;
  const aiChip =
    ev.classification.control === "a" ||
    ev.classification.control === "b" ||
    ev.classification.control === "indeterminate";
  const usOrigin = ctx.chip ? ctx.chip.usDesigned : true;
  if (ctx.shipFrom !== "MY" || ctx.asOf < my.date || !aiChip || !usOrigin)
    return { steps: [], notes: [] };
  const text = `Malaysia's own rule (not a US one): ${my.what}`;
  return {
    steps: [{ text, cite: my.cite, confidence: my.confidence }],
    notes: [`${text} (${my.cite})`],
  };
}

/**
 * A key for what a determination decides: two shipments with the same key get the same status,
 * licenceRequired, exception, reviewPolicy and (when INDETERMINATE) reason, so a caller that needs
 * only those can memoise on it. The date counts only by its era (see era.ts); the quantity and the
 * prior TPP only by which side of the allowance and allocation limits they fall, in the regimes that
 * have them. (Texts, totals and H100-equivalents differ within a key: use determine() for those.)
 */
export function decisionKey(shipment: Shipment, regime: RegimeId, asOf: IsoDate): string {
  const item = shipment.item.kind === "chip" ? shipment.item.chip.id : "eccn:" + shipment.item.eccn;
  const hq = (shipment.endUserHq ?? shipment.destination).treatedAs;
  let limits = "";
  if (regime === "diffusion-2025" || regime === "proposal-500") {
    const tpp = shipment.item.kind === "chip" ? shipment.item.chip.tpp : null;
    if (tpp !== null) {
      const total = tidy(shipment.quantity * tpp);
      const cumulative = (shipment.priorTpp ?? 0) + total;
      const textDate = asOf > EFFECTIVE.diffusion.date ? asOf : EFFECTIVE.diffusion.date;
      if (regime === "diffusion-2025") {
        const lpp = mustValueAt(LPP_ALLOWANCE_TPP, textDate, "LPP_ALLOWANCE_TPP").value;
        const cap = mustValueAt(
          shipment.g2g ? COUNTRY_ALLOCATION_G2G_TPP : COUNTRY_ALLOCATION_TPP,
          textDate,
          "COUNTRY_ALLOCATION"
        ).value;
        limits = `${cumulative <= lpp ? 1 : 0}${(shipment.countryAllocationUsed ?? 0) + total <= cap ? 1 : 0}`;
      } else {
        const allowance =
          mustValueAt(PROPOSAL_ALLOWANCE_H100, textDate, "PROPOSAL_ALLOWANCE_H100").value *
          mustValueAt(H100_TPP, textDate, "H100_TPP").value;
        limits = cumulative <= allowance ? "1" : "0";
      }
    }
  }
  return `${item}|${shipment.destination.code}|${hq}|${regime}|${eraOf(asOf)}|${shipment.shipFrom?.treatedAs ?? "US"}|${shipment.g2g ? 1 : 0}|${limits}`;
}
