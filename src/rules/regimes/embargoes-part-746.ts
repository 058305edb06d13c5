// 15 CFR part 746 (746.1 to 746.9): comprehensive embargoes and sanctions cover the whole Commerce
// Control List, so these destinations need a licence whatever the item's 3A090 status, with a
// presumption of denial. Russia and Belarus (746.8(a)(1)) cover CCL items only: an EAR99 item needs a
// licence there only if a part 746 supplement lists it. Syria from 2025-09-02 (90 FR 42315): EAR99
// items under License Exception SPP, CCL items by licence (746.9). Checked first in every regime.
import { EFFECTIVE, names } from "../data/milestones";
import { embargoOn } from "../data/country-groups";
import { step } from "../step";
import type { Classification, ReviewPolicy, Step } from "../types";
import { indeterminate, license, viaException, type Context, type Outcome } from "./outcome";
import { onOrAfter } from "../validity";

export function embargoCheck(ctx: Context, steps: Step[], cls?: Classification): Outcome | null {
  const e = embargoOn(ctx.dest, ctx.asOf);
  if (!e) {
    steps.push(
      step(
        () =>
          `${ctx.dest} is not under a comprehensive embargo or sanctions programme of 15 CFR part 746 on ${ctx.asOf}`,
        "15 CFR part 746",
        "confirmed"
      )
    );
    return null;
  }
  const ear99 =
    ctx.item.kind === "eccn" && ctx.item.eccn.replace(/\s+/g, "").toUpperCase() === "EAR99";
  const syria = EFFECTIVE.syriaRelief2025;
  if (names(syria, ctx.dest) && onOrAfter(ctx.asOf, syria.date))
    return syriaFrom2025(ctx, steps, ear99, cls);
  if (ear99 && e.section === "15 CFR 746.8") {
    // 746.8(a)(1) covers CCL items; EAR99 items need a licence to Russia/Belarus only if listed in the part 746 supplements.
    steps.push(
      step(
        () =>
          `${ctx.dest} is under ${e.cite}; an EAR99 item needs a licence there only if it is listed in the supplements to part 746`,
        e.cite,
        e.confidence
      )
    );
    return indeterminate(
      `whether this EAR99 item is listed in the supplements to part 746 (${e.section}) is not checked`,
      steps
    );
  }
  steps.push(
    step(
      () =>
        `${ctx.dest} is under ${e.cite}: a licence is needed for every item on the Commerce Control List, whatever its 3A090 status; review: denial`,
      e.cite,
      e.confidence
    )
  );
  return license(
    `${ctx.destination.name} is under comprehensive sanctions (${e.section}): licence required whatever the classification`,
    "presumption of denial",
    steps
  );
}

/**
 * Syria from 2025-09-02 (90 FR 42315): EAR99 items under License Exception SPP; CCL items still need a
 * licence, 3A090/4A090 items with a presumption of denial (Syria stays in D:5, 742.6(b)(10)), other
 * CCL items case-by-case (approval for some civil end uses, which this module does not see).
 */
function syriaFrom2025(
  ctx: Context,
  steps: Step[],
  ear99: boolean,
  cls: Classification | undefined
): Outcome {
  const r = EFFECTIVE.syriaRelief2025;
  if (ear99) {
    steps.push(
      step(
        `Syria from ${r.date}: EAR99 items may go under License Exception SPP, within its end-user and end-use limits`,
        r.cite,
        r.confidence
      )
    );
    return viaException(
      "SPP",
      `License Exception SPP for EAR99 items to Syria (${r.cite})`,
      steps,
      {
        notes: [
          `License Exception SPP has end-user and end-use limits (${r.cite}): check them before shipping`,
        ],
      }
    );
  }
  const control = cls?.control;
  const x090 = control === "a" || control === "b" || control === "c";
  const policy: ReviewPolicy | null = x090
    ? "presumption of denial"
    : control === "none"
      ? "case-by-case"
      : null;
  steps.push(
    step(
      `Syria from ${r.date}: items on the Commerce Control List still need a licence (15 CFR 746.9); review: ${
        x090
          ? "presumption of denial for 3A090/4A090 items (Syria stays in D:5, 15 CFR 742.6(b)(10))"
          : control === "none"
            ? "case-by-case (approval only for listed civil end uses)"
            : "denial for 3A090/4A090 items, case-by-case otherwise: the classification decides"
      }`,
      `${r.cite}; 15 CFR 746.9; 15 CFR 742.6(b)(10)`,
      r.confidence
    )
  );
  return license(
    `Syria (15 CFR 746.9 as amended by ${r.cite}): licence required for items on the Commerce Control List; only EAR99 items go under License Exception SPP`,
    policy,
    steps,
    policy ? {} : { reviewNote: "denial for 3A090/4A090 items, case-by-case otherwise" }
  );
}
