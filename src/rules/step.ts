// Steps of a determination, and the paths that build fewer texts. A step's text is given as a
// function where it takes formatting (numbers, dates), so the very same regime code can run:
// - in full (determine(): the task pane, the audit record): every text built;
// - on the verdict path (decide(): REQUIRES_LICENSE, LICENSE_EXCEPTION, REVIEW_POLICY, LEDGER):
//   step() returns one shared blank step and never calls the text function;
// - for the one-line explanation (EXPLAIN, the batch Explanation column): the line quotes the text
//   of unconfirmed steps only (explain.ts), so only those texts are built; the others keep their
//   citation and confidence with a blank text.
import type { Confidence, Step } from "./types";

/** textPath() of determine(): every text built. */
export const FULL_TEXTS = 0;
const VERDICT = 1;
const LINE = 2;
let mode = FULL_TEXTS;

const SILENT: Step = Object.freeze({ text: "", cite: "", confidence: "confirmed" as const });

function inMode<T, A>(m: number, evaluate: (arg: A) => T, arg?: A): T {
  const saved = mode;
  mode = m;
  try {
    return evaluate(arg as A);
  } finally {
    mode = saved;
  }
}

/** Runs `evaluate` on the verdict path: steps are not built (see above). Synchronous and re-entrant. */
export function withoutTexts<T, A = void>(evaluate: (arg: A) => T, arg?: A): T {
  return inMode(VERDICT, evaluate, arg);
}

/** Runs `evaluate` for the one-line explanation: only unconfirmed steps get their text (see above). */
export function withLineTexts<T, A = void>(evaluate: (arg: A) => T, arg?: A): T {
  return inMode(LINE, evaluate, arg);
}

/** True while on the verdict path: steps are blank, and code that only adds steps may skip itself. */
export function textsOff(): boolean {
  return mode === VERDICT;
}

/** Which texts steps carry now: memos of objects holding steps keep one entry per path (0, 1, 2). */
export function textPath(): number {
  return mode;
}

/**
 * The reason of an outcome that is not INDETERMINATE: only determine() and EXPLAIN show it, so the
 * verdict path leaves it blank rather than format the running totals it quotes.
 */
export function settled(text: () => string): string {
  return mode === VERDICT ? "" : text();
}

/** A step of the path a determination took, with its legal source. */
export function step(text: string | (() => string), cite: string, confidence: Confidence): Step {
  if (mode === VERDICT) return SILENT;
  if (mode === LINE && confidence !== "unconfirmed") return { text: "", cite, confidence };
  return { text: typeof text === "string" ? text : text(), cite, confidence };
}
