// What a regime decides on and what it returns: the context resolved once by determine(), and the
// four outcomes (licence, License Exception, no licence, open) every regime builds its answer from.
import type {
  Chip,
  Classification,
  Country,
  ExceptionCode,
  IsoDate,
  Item,
  RegimeId,
  ReviewPolicy,
  Status,
  Step,
} from "../types";

export type Control = "a" | "b" | "c" | "none";

/** Everything a regime decides on, resolved once by determine(). */
export interface Context {
  regime: RegimeId;
  asOf: IsoDate;
  item: Item;
  chip: Chip | null;
  /** Destination as entered (HK stays HK). */
  destination: Country;
  /** Destination as the EAR treats it (HK -> CN). */
  dest: string;
  /** End user's headquarters / ultimate parent as treated (defaults to the destination). */
  hq: string;
  priorTpp: number;
  countryAllocationUsed: number;
  g2g: boolean;
  /** The country the item leaves from, as treated (HK -> CN); "US" by default. */
  shipFrom: string;
  /** An export from the US, or a reexport / export from abroad (any other ship-from country). */
  exportFrom: "US" | "abroad";
  tppPerUnit: number | null;
  /** quantity x TPP per unit (null when the TPP is unknown). */
  totalTpp: number | null;
}

/** What a regime's quantity limits read: the shipment's TPP and the running totals before it. */
export type LimitInput = Pick<Context, "totalTpp" | "priorTpp" | "countryAllocationUsed" | "g2g">;

/** Bits of a regime's limitSides(): within the consignee allowance, within the country allocation. */
export const WITHIN_ALLOWANCE = 1;
export const WITHIN_ALLOCATION = 2;

/**
 * How often a regime's limitSides() has run. The quantities enter a decision through it only, so
 * decide() compares the count before and after: a verdict that never read its limits holds on
 * every side of them (Verdict.readsLimits), and the functions keep it once, not once per side.
 */
export const limitReads = { count: 0 };

export interface Outcome {
  status: Status;
  exception: ExceptionCode | null;
  reviewPolicy: ReviewPolicy | null;
  reason: string;
  reviewNote?: string;
  /** What the answer obliges or warns of (NAC notice, LPP reporting, ...). */
  notes?: string[];
  steps: readonly Step[];
  tier: 1 | 2 | 3 | null;
  /** What the shipment's TPP is drawn from: WITHIN_ALLOWANCE / WITHIN_ALLOCATION bits (0: nothing). */
  draws: number;
}

export interface Evaluation extends Outcome {
  classification: Classification;
}

type Extra = Partial<Pick<Outcome, "reviewNote" | "tier" | "draws" | "notes">>;
const NONE: Extra = {};

// Outcomes are built field by field, always with the same fields in the same order: V8 copies an
// object spread that is followed by more properties ({ ...o, steps }) on a slow path (hundreds of
// nanoseconds each), and a decision builds several outcomes.
function make(
  status: Status,
  exception: ExceptionCode | null,
  reviewPolicy: ReviewPolicy | null,
  reason: string,
  steps: readonly Step[],
  x: Extra
): Outcome {
  return {
    status,
    exception,
    reviewPolicy,
    reason,
    reviewNote: x.reviewNote,
    notes: x.notes,
    steps,
    tier: x.tier ?? null,
    draws: x.draws ?? 0,
  };
}

export function license(
  reason: string,
  reviewPolicy: ReviewPolicy | null,
  steps: readonly Step[],
  extra: Extra = NONE
): Outcome {
  return make("LICENSE", null, reviewPolicy, reason, steps, extra);
}

export function viaException(
  code: ExceptionCode,
  reason: string,
  steps: readonly Step[],
  extra: Extra = NONE
): Outcome {
  return make("EXCEPTION", code, null, reason, steps, extra);
}

export function noLicense(reason: string, steps: readonly Step[], extra: Extra = NONE): Outcome {
  return make("NLR", null, null, reason, steps, extra);
}

export function indeterminate(
  reason: string,
  steps: readonly Step[],
  extra: Extra = NONE
): Outcome {
  return make("INDETERMINATE", null, null, reason, steps, extra);
}

/** `o` with other steps. */
export function withSteps(o: Outcome, steps: readonly Step[]): Outcome {
  return make(o.status, o.exception, o.reviewPolicy, o.reason, steps, o);
}

/** `o` in another Diffusion tier. */
export function withTier(o: Outcome, tier: Outcome["tier"]): Outcome {
  return make(o.status, o.exception, o.reviewPolicy, o.reason, o.steps, {
    reviewNote: o.reviewNote,
    notes: o.notes,
    tier,
    draws: o.draws,
  });
}

/** A regime's answer: `o` with the classification it rests on (and, given, another tier). */
export function evaluation(
  o: Outcome,
  classification: Classification,
  tier: Outcome["tier"] = o.tier
): Evaluation {
  return {
    status: o.status,
    exception: o.exception,
    reviewPolicy: o.reviewPolicy,
    reason: o.reason,
    reviewNote: o.reviewNote,
    notes: o.notes,
    steps: o.steps,
    tier,
    draws: o.draws,
    classification,
  };
}

/** The later of two dates, recorded as a comparison of the as-of date (see validity.ts). */
export { later } from "../validity";
