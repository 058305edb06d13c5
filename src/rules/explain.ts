// explain(d): one readable line for a cell or the pane: verdict, ECCN and why, destination group or
// tier, the decisive reason (exception or licence scope, with its citation), review policy,
// confidence, the unconfirmed facts it rests on, and what is not checked.
import { notCheckedShort } from "./regimes/parties-and-end-uses";
import { SCENARIO_NOTE } from "./regimes/proposal-500";
import type { Determination } from "./types";

function verdict(d: Determination): string {
  switch (d.status) {
    case "LICENSE":
      return "LICENSE REQUIRED";
    case "EXCEPTION":
      return `NO LICENSE REQUIRED under License Exception ${d.exception}`;
    case "NLR":
      return "NO LICENSE REQUIRED (NLR)";
    default:
      return "INDETERMINATE";
  }
}

function where(d: Determination): string {
  const dest = d.destinationEntered
    ? `${d.destinationEntered} (treated as ${d.destination})`
    : d.destination;
  if (d.tier !== null)
    return `${dest}, ${d.regime === "proposal-500" ? `treated as Tier ${d.tier}` : `Diffusion Tier ${d.tier}`}`;
  return `${dest}, ${d.groups.length ? `groups ${d.groups.join(", ")}` : "no D:1/D:4/D:5/A:5/A:6 group"}`;
}

/**
 * `assumptions`: what the caller filled in for the user, said before the closing "not checked"
 * ("End-user HQ not given: taken to be the destination").
 */
export function explain(d: Determination, assumptions: readonly string[] = []): string {
  const eccn = d.eccn
    ? `${d.eccn}${d.eccnBasis ? ` (${d.eccnBasis})` : ""}`
    : "classification open";
  let line = `${verdict(d)}: ${eccn} to ${where(d)}; ${d.reason}`;
  if (d.reviewPolicy)
    line += `; review: ${d.reviewPolicy}${d.reviewNote ? ` ${d.reviewNote}` : ""}`;
  else if (d.status === "LICENSE" && d.reviewNote) line += `; review policy: ${d.reviewNote}`;
  line += ".";
  if (d.shipFrom && d.shipFrom !== "US")
    line += ` Shipped from ${d.shipFrom} (not an export from the US).`;
  for (const note of d.notes ?? []) line += ` Note: ${note}.`;
  if (d.regime === "proposal-500") line += ` ${SCENARIO_NOTE}.`;
  line += ` Regime: ${d.regime}, as of ${d.asOf}. Confidence: ${d.confidence}.`;
  // One entry per source: the first unconfirmed step that rests on it.
  const byCite = new Map<string, string>();
  for (const s of d.steps)
    if (s.confidence === "unconfirmed" && !byCite.has(s.cite)) byCite.set(s.cite, s.text);
  if (byCite.size)
    line += ` Rests on unconfirmed facts: ${[...byCite].map(([cite, text]) => `${text} (${cite})`).join("; ")}.`;
  for (const a of assumptions) line += ` ${a}.`;
  return `${line} ${notCheckedShort(d.asOf)}`;
}
