// Steps of a determination, and the verdict path that builds none. A step's text is given as a
// function where it takes formatting (numbers, dates), so that decide() (REQUIRES_LICENSE,
// LICENSE_EXCEPTION, REVIEW_POLICY, LEDGER) can run the very same regime code without building any
// text: while it runs, step() returns one shared blank step and never calls the text function.
// determine() (EXPLAIN, the task pane, the batch Explanation column) builds every text.
import type { Confidence, Step } from "./types";

let verdictOnly = 0;

const SILENT: Step = Object.freeze({ text: "", cite: "", confidence: "confirmed" as const });

/** Runs `evaluate` on the verdict path: steps are not built (see above). Synchronous and re-entrant. */
export function withoutTexts<T, A = void>(evaluate: (arg: A) => T, arg?: A): T {
  verdictOnly++;
  try {
    return evaluate(arg as A);
  } finally {
    verdictOnly--;
  }
}

/** True while on the verdict path: memos of objects holding steps keep the two paths apart. */
export function textsOff(): boolean {
  return verdictOnly > 0;
}

/** A step of the path a determination took, with its legal source. */
export function step(text: string | (() => string), cite: string, confidence: Confidence): Step {
  if (verdictOnly > 0) return SILENT;
  return { text: typeof text === "string" ? text : text(), cite, confidence };
}
