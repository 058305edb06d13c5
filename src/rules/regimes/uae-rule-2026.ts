// The UAE rule (91 FR 43034, effective 2026-07-10): the UAE moved from D:4 to A:5, but the same rule
// kept a licence for 3A090.a items, except for the end users it names (Supp. No. 8 to part 740).
// Regimes that apply the move (enforced, baseline-2023) apply the licence with it.
import { EFFECTIVE, names } from "../data/milestones";
import { UAE_CARVE_OUTS, mustValueAt } from "../data/parameters";
import { weakestOf } from "../format";
import { step } from "../step";
import type { Classification, Step } from "../types";
import { destFacts, groupStep } from "./destination-scope";
import { hqFacts } from "./headquarters-rule";
import { indeterminate, license, type Context, type Control, type Outcome } from "./outcome";

export function uaeCheck(
  ctx: Context,
  cls: Classification,
  control: Control,
  steps: Step[]
): Outcome | null {
  if (!names(EFFECTIVE.uaeRule2026, ctx.dest) || control !== "a") return null;
  const f = destFacts(ctx.dest, ctx.asOf);
  if (!f.a5.member) return null;
  const hq = hqFacts(ctx);
  if (hq.concern) return null; // the headquarters rule decides, with its own review policy
  const u = EFFECTIVE.uaeRule2026;
  steps.push(groupStep(ctx.dest, f, ctx.asOf), hq.step);
  if (cls.nonDatacenter) {
    steps.push(
      step(
        `Non-datacenter 3A090.a item to the UAE from ${u.date}: the sources found do not say how the UAE rule treats it (License Exception ACA applied before, when the UAE was in D:4)`,
        u.cite,
        "unconfirmed"
      )
    );
    return indeterminate(
      `a non-datacenter 3A090.a item to the UAE from ${u.date}: the sources found on the UAE rule (${u.cite}) are silent on it; License Exception ACA applied before`,
      steps
    );
  }
  const carve = mustValueAt(UAE_CARVE_OUTS, ctx.asOf, "UAE_CARVE_OUTS");
  const who = carve.value.join("; ");
  steps.push(
    step(
      `3A090.a item to the UAE (A:5 from ${u.date}): the UAE rule keeps the licence requirement; none is needed for ${who}`,
      `${u.cite}; ${carve.cite}`,
      weakestOf([u.confidence, carve.confidence])
    )
  );
  return license(
    `the UAE rule (${u.cite}) keeps a licence for 3A090.a items to the UAE; no licence is needed if the end user is ${carve.value.join(", or ")}`,
    null,
    steps,
    { reviewNote: "not stated in the sources found" }
  );
}
