// ECCN 4E091: the weights of AI models trained with more than the Diffusion rule's operations line
// (90 FR 4544; licence worldwide except AIA, 15 CFR 742.6(a)(13)), unless published (15 CFR 734.7) or
// excluded by Note 2 to 4E091 (no more capable than the best published model, or a light derivative
// of one). No model-weights control before the Diffusion rule or under the Oct 2023 rules.
import { EFFECTIVE } from "./data/milestones";
import {
  DERIVATIVE_OPS_FLOOR,
  DERIVATIVE_OPS_SHARE,
  MODEL_WEIGHTS_OPS,
  PROPOSAL_ALLOWANCE_H100,
  mustValueAt,
} from "./data/parameters";
import { fmt, weakestOf } from "./format";
import { later } from "./regimes/outcome";
import { SCENARIO_NOTE } from "./regimes/proposal-500";
import { step } from "./step";
import type { Confidence, IsoDate, RegimeId, Step } from "./types";
import { before } from "./validity";

/** What 4E091 Note 2 needs to know beyond the operations; each may be unknown (null/omitted). */
export interface ModelWeightsFacts {
  /** The model is a fine-tune (derivative) of published weights. */
  derivedFromPublished?: boolean | null;
  /** Operations added to the published weights (fine-tuning), when derived. */
  extraOps?: number | null;
  /** The model is more capable than the most capable model with published weights. */
  exceedsBestPublished?: boolean | null;
}

/**
 * ECCN 4E091 (Diffusion and the proposal only): closed weights of a model trained with >= 1e26
 * operations, less the Note 2 exclusions (no more capable than the best published model; a light
 * fine-tune of published weights). `controlled` is null when the inputs leave it open: derived from
 * published weights with the extra operations unknown. `trainingOps` counts all operations, a
 * derivative's base model included.
 */
export function modelWeightsControlled(
  trainingOps: number,
  published: boolean,
  regime: RegimeId,
  asOf: IsoDate,
  facts: ModelWeightsFacts = {}
): { controlled: boolean | null; steps: Step[]; confidence: Confidence; reason?: string } {
  if (typeof trainingOps !== "number" || !Number.isFinite(trainingOps) || trainingOps < 0) {
    throw new RangeError(`training_ops must be a number >= 0, got ${String(trainingOps)}`);
  }
  const extra = facts.extraOps ?? null;
  if (extra !== null && (typeof extra !== "number" || !Number.isFinite(extra) || extra < 0))
    throw new RangeError(`extra_ops must be a number >= 0, got ${String(extra)}`);
  if (extra !== null && extra > trainingOps)
    throw new RangeError(
      `extra_ops (${fmt(extra)}) cannot exceed training_ops (${fmt(trainingOps)}), which counts all operations`
    );
  const d = EFFECTIVE.diffusion;
  const steps: Step[] = [];
  const done = (controlled: boolean | null, reason?: string) => ({
    controlled,
    steps,
    confidence: weakestOf(steps.map((s) => s.confidence)),
    ...(reason ? { reason } : {}),
  });
  if (regime === "baseline-2023") {
    steps.push(
      step(
        "The Oct 2023 rules have no model-weights control (ECCN 4E091 came with the Diffusion rule)",
        d.cite,
        d.confidence
      )
    );
    return done(false);
  }
  if (regime === "enforced") {
    const n = EFFECTIVE.diffusionNotEnforced;
    steps.push(
      before(asOf, d.date)
        ? step(`ECCN 4E091 did not exist before ${d.date}`, d.cite, d.confidence)
        : step(
            `ECCN 4E091 is in the codified Diffusion text, which BIS has not enforced (announced ${n.date}, before the ${EFFECTIVE.diffusionCompliance.date} compliance date)`,
            `${d.cite}; ${n.cite}`,
            n.confidence
          )
    );
    return done(false);
  }
  if (regime === "proposal-500")
    steps.push(
      step(
        `${SCENARIO_NOTE}; 4E091 assumed kept as in the Diffusion rule`,
        PROPOSAL_ALLOWANCE_H100[0].cite,
        "unconfirmed"
      )
    );
  if (before(asOf, d.date))
    steps.push(
      step(
        `Evaluated as if in force: the Diffusion rule took effect on ${d.date}`,
        d.cite,
        d.confidence
      )
    );
  const textDate = later(asOf, d.date);
  const ops = mustValueAt(MODEL_WEIGHTS_OPS, textDate, "MODEL_WEIGHTS_OPS");
  if (published) {
    steps.push(
      step(
        "Published (open) weights are not controlled (15 CFR 734.7)",
        `${ops.cite}; 15 CFR 734.7`,
        ops.confidence
      )
    );
    return done(false);
  }
  if (trainingOps < ops.value) {
    steps.push(
      step(
        `Unpublished weights trained with ${fmt(trainingOps)} operations < ${fmt(ops.value)}: not 4E091`,
        ops.cite,
        ops.confidence
      )
    );
    return done(false);
  }
  steps.push(
    step(
      `Unpublished weights trained with ${fmt(trainingOps)} operations >= ${fmt(ops.value)}: 4E091 unless a Note 2 exclusion applies`,
      ops.cite,
      ops.confidence
    )
  );
  const note2 = `${ops.cite.replace(/^ECCN 4E091/, "ECCN 4E091 Note 2")}`;
  if (facts.exceedsBestPublished === false) {
    steps.push(
      step(
        "No more capable than the most capable model with published weights: excluded by Note 2",
        note2,
        ops.confidence
      )
    );
    return done(false);
  }
  if (facts.derivedFromPublished === true) {
    const floor = mustValueAt(DERIVATIVE_OPS_FLOOR, textDate, "DERIVATIVE_OPS_FLOOR");
    const share = mustValueAt(DERIVATIVE_OPS_SHARE, textDate, "DERIVATIVE_OPS_SHARE");
    if (extra === null) {
      steps.push(
        step(
          `Derived from published weights, with the extra operations unknown: excluded if they are at most the larger of ${fmt(floor.value)} and ${share.value * 100}% of the published model's operations`,
          floor.cite,
          "unconfirmed"
        )
      );
      return done(
        null,
        `the model derives from published weights and its extra training operations are unknown: 4E091 Note 2 excludes it if they are at most max(${fmt(floor.value)}, ${share.value * 100}% of the published model's)`
      );
    }
    const limit = Math.max(floor.value, share.value * (trainingOps - extra));
    const light = extra <= limit;
    steps.push(
      step(
        `Derived from published weights with ${fmt(extra)} extra operations ${light ? "<=" : ">"} max(${fmt(floor.value)}, ${share.value * 100}% of ${fmt(trainingOps - extra)}) = ${fmt(limit)}: ${light ? "excluded by Note 2" : "not excluded"}`,
        floor.cite,
        floor.confidence
      )
    );
    if (light) return done(false);
  }
  if (facts.exceedsBestPublished !== true) {
    steps.push(
      step(
        "Taken as controlled: Note 2 excludes models no more capable than the most capable published one, which is not known here (give exceeds_best_published)",
        note2,
        "unconfirmed"
      )
    );
  }
  steps.push(
    step("ECCN 4E091: licence worldwide except AIA (15 CFR 742.6(a)(13))", ops.cite, ops.confidence)
  );
  return done(true);
}
