// A step of a determination, with its text built only when something reads it (EXPLAIN, the task
// pane, the batch Explanation column). The verdict path (decide()) never reads a step's text, so a
// fresh decision costs the comparisons and no string building (fmt, templates).
import type { Confidence, Step } from "./types";

/** A step; `text` may be a function that makes it on first read (then kept). */
export function step(text: string | (() => string), cite: string, confidence: Confidence): Step {
  if (typeof text === "string") return { text, cite, confidence };
  let made: string | undefined;
  return {
    get text(): string {
      if (made === undefined) made = text();
      return made;
    },
    cite,
    confidence,
  };
}
