// The one list of regimes: each id with the file that reads the rules under it. The id type is in
// types.ts; this record must name every id (the compiler checks it), and everything that lists
// regimes (isRegimeId, RULE_CHANGES, determine) reads REGIME_IDS or REGIMES from here.
import type { IsoDate, RegimeId } from "../types";
import * as baseline2023 from "./baseline-2023";
import * as diffusion2025 from "./diffusion-2025";
import * as enforced from "./enforced";
import type { Context, Evaluation, LimitInput } from "./outcome";
import * as proposal500 from "./proposal-500";

export interface Regime {
  evaluate(ctx: Context): Evaluation;
  /** It has quantity limits: without, limitSides() is always 0 and no text quotes a quantity. */
  quantityLimits: boolean;
  /** WITHIN_ALLOWANCE / WITHIN_ALLOCATION bits: the only way quantities enter its decisions. */
  limitSides(x: LimitInput, asOf: IsoDate): number;
}

export const REGIMES: Readonly<Record<RegimeId, Regime>> = {
  enforced,
  "baseline-2023": baseline2023,
  "diffusion-2025": diffusion2025,
  "proposal-500": proposal500,
};

/** The regime ids in the order the pane and the help list them. */
export const REGIME_IDS = Object.keys(REGIMES) as readonly RegimeId[];
