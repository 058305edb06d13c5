// A determination in words, the same on the pane and on the sheets the pane writes: the verdict is
// never carried by colour alone.
import type { Determination } from "../rules";

export type VerdictKind = "license" | "exception" | "nlr" | "indeterminate";

export interface Verdict {
  kind: VerdictKind;
  /** A glyph shown next to the words (decorative: the words carry the meaning). */
  icon: string;
  /** Short verdict: "License required", "License exception LPP", ... */
  label: string;
  /** What qualifies it: the review policy, the exception's condition, the open question. */
  detail: string;
}

export function verdictOf(d: Determination): Verdict {
  switch (d.status) {
    case "LICENSE":
      return {
        kind: "license",
        icon: "!",
        label: "License required",
        detail: d.reviewPolicy
          ? `Review policy: ${d.reviewPolicy}${d.reviewNote ? `, ${d.reviewNote}` : ""}`
          : "",
      };
    case "EXCEPTION":
      return {
        kind: "exception",
        icon: "✓",
        label: `License exception ${d.exception ?? ""}`.trim(),
        detail: "No license if the exception's conditions are met.",
      };
    case "NLR":
      return { kind: "nlr", icon: "✓", label: "No license required", detail: "" };
    default:
      return { kind: "indeterminate", icon: "?", label: "Indeterminate", detail: d.reason };
  }
}

/** One line for a cell: "License required (presumption of denial)", "Exception LPP (no license)". */
export function verdictText(d: Determination): string {
  switch (d.status) {
    case "LICENSE":
      return d.reviewPolicy ? `License required (${d.reviewPolicy})` : "License required";
    case "EXCEPTION":
      return `Exception ${d.exception ?? ""} (no license)`.replace("  ", " ");
    case "NLR":
      return "No license required";
    default:
      return `Indeterminate: ${d.reason}`;
  }
}

/** What two regimes must share to "agree": the status and the exception. */
export function verdictKey(d: Determination): string {
  return `${d.status}|${d.exception ?? ""}`;
}

/** 2000 -> "2,000"; 1.2345 -> "1.23"; null -> "unknown". */
export function formatNumber(n: number | null | undefined, digits = 2): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "unknown";
  return n.toLocaleString("en-US", { maximumFractionDigits: digits });
}

/** "the UAE is in A:5" -> "The UAE is in A:5." (a determination's reason as a sentence). */
export function sentence(text: string): string {
  const t = text.trim();
  if (!t) return t;
  return t[0].toUpperCase() + t.slice(1) + (/[.!?)]$/.test(t) ? "" : ".");
}

/**
 * The caveat a fixed regime needs on a date it was not in force: its rules are applied to that
 * date as if they had been. null for the "enforced" regime (it follows the law date by date) and
 * for dates the regime covers.
 */
export function regimeCaveat(
  regime: { id: string; name: string; effectiveFrom: string | null; effectiveTo: string | null },
  asOf: string
): string | null {
  if (regime.id === "enforced") return null;
  if (regime.effectiveFrom === null)
    return `Never in force: a scenario, applied to ${asOf} as if it were law.`;
  if (asOf < regime.effectiveFrom)
    return `Not yet in force on ${asOf} (from ${regime.effectiveFrom}): its rules are applied as if they were.`;
  if (regime.effectiveTo !== null && asOf > regime.effectiveTo)
    return `No longer in force on ${asOf} (until ${regime.effectiveTo}): its rules are applied as if they were.`;
  return null;
}
