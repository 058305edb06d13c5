// Number and confidence helpers shared by the steps and explanations (deterministic: no locale APIs).
import type { Confidence } from "./types";

// Limits and yardsticks are formatted into reasons over and over (a verdict's reason names its
// limit): each number is formatted once, in a bounded memo.
const formatted = new Map<number, string>();

/** 15832 -> "15,832"; 5284.8 -> "5,284.8"; 2e26 -> "2e26". */
export function fmt(n: number): string {
  let text = formatted.get(n);
  if (text === undefined) {
    if (formatted.size >= 4096) formatted.clear();
    formatted.set(n, (text = format(n)));
  }
  return text;
}

function format(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 1e15) return n.toExponential().replace("e+", "e");
  const rounded = Math.round(n * 100) / 100;
  const text = String(Math.abs(rounded));
  const dot = text.indexOf(".");
  const int = dot < 0 ? text : text.slice(0, dot);
  let grouped = "";
  let i = int.length;
  for (; i > 3; i -= 3) grouped = "," + int.slice(i - 3, i) + grouped;
  return (rounded < 0 ? "-" : "") + int.slice(0, i) + grouped + (dot < 0 ? "" : text.slice(dot));
}

const { round } = Math;

/**
 * TPP products and sums to six decimals: 5,284.8 x 3, or a running total of such products, without
 * binary noise (9,246,286.4 + 17,462,524.8 + 191,188.8 is 26,900,000, not 26,900,000.000000004,
 * when compared with a limit).
 */
export const tidy = (n: number): number => round(n * 1e6) / 1e6;

const RANK: Record<Confidence, number> = { confirmed: 2, secondary: 1, unconfirmed: 0 };

/** The weakest of several confidences ("confirmed" for none). */
export function weakestOf(list: Iterable<Confidence>): Confidence {
  let out: Confidence = "confirmed";
  for (const c of list) if (RANK[c] < RANK[out]) out = c;
  return out;
}

/** Catalog confidence of a chip fact -> our confidence scale. */
export function chipConfidence(c: "high" | "medium" | "low"): Confidence {
  return c === "high" ? "confirmed" : c === "medium" ? "secondary" : "unconfirmed";
}
