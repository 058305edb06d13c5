// 15 CFR part 746 (746.1 to 746.9): comprehensive embargoes and sanctions cover the whole Commerce
// Control List, so these destinations need a licence whatever the item's 3A090 status, with a
// presumption of denial. Russia and Belarus (746.8(a)(1)) cover CCL items only: an EAR99 item needs a
// licence there only if a part 746 supplement lists it. Syria from 2025-09-02 (90 FR 42315): EAR99
// items under License Exception SPP, CCL items by licence (746.9). Checked first in every regime.
// Part 746's other special controls (746.1(b)) are said as steps where they apply: 746.3 for Iraq,
// 746.6 for Crimea and the so-called DNR/LNR regions of Ukraine (a country code cannot tell those
// regions apart, so the answer holds only outside them and a note says so), the industry sector
// sanctions of 746.5 (in 746.8 from 2024-06-12) for Russia and Belarus. They change no verdict here.
import { EFFECTIVE, names } from "../data/milestones";
import { EMBARGOES, embargoOn } from "../data/country-groups";
import { valueAt } from "../data/parameters";
import { PART_746_SCOPE, SPECIAL_CONTROLS, SYRIA_CCL } from "../data/part-746-special";
import { step, textsOff } from "../step";
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
        PART_746_SCOPE.cite,
        PART_746_SCOPE.confidence
      )
    );
    if (!textsOff()) specialControlStep(ctx, steps, false);
    return null;
  }
  const ear99 =
    ctx.item.kind === "eccn" && ctx.item.eccn.replace(/\s+/g, "").toUpperCase() === "EAR99";
  const syria = EFFECTIVE.syriaRelief2025;
  if (names(syria, ctx.dest) && onOrAfter(ctx.asOf, syria.date))
    return syriaFrom2025(ctx, steps, ear99, cls);
  if (ear99 && e.section === EMBARGOES.RU.section) {
    // 746.8(a)(1) covers CCL items; EAR99 items need a licence to Russia/Belarus only if listed in the part 746 supplements.
    steps.push(
      step(
        () =>
          `${ctx.dest} is under ${e.cite}; an EAR99 item needs a licence there only if it is listed in the supplements to part 746`,
        e.cite,
        e.confidence
      )
    );
    if (!textsOff()) specialControlStep(ctx, steps, ear99);
    return indeterminate(
      `whether this EAR99 item is listed in the supplements to part 746 (${e.section}) is not checked`,
      steps
    );
  }
  steps.push(
    step(
      () =>
        `${ctx.dest} is under ${e.cite}: a licence is needed for every item on the Commerce Control List, whatever its 3A090 status (part 746 adds to the Country Chart); review: denial`,
      `${e.cite}; ${PART_746_SCOPE.cite}`,
      e.confidence
    )
  );
  if (!textsOff()) specialControlStep(ctx, steps, ear99);
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
      `Syria from ${r.date}: items on the Commerce Control List still need a licence (${SYRIA_CCL.section}); review: ${
        x090
          ? `presumption of denial for 3A090/4A090 items (Syria stays in D:5, ${SYRIA_CCL.cite})`
          : control === "none"
            ? "case-by-case (approval only for listed civil end uses)"
            : "denial for 3A090/4A090 items, case-by-case otherwise: the classification decides"
      }`,
      `${r.cite}; ${SYRIA_CCL.section}; ${SYRIA_CCL.cite}`,
      r.confidence
    )
  );
  return license(
    `Syria (${SYRIA_CCL.section} as amended by ${r.cite}): licence required for items on the Commerce Control List; only EAR99 items go under License Exception SPP`,
    policy,
    steps,
    policy ? {} : { reviewNote: "denial for 3A090/4A090 items, case-by-case otherwise" }
  );
}

/**
 * The special control of part 746 in force for the destination on the date, as a step: what it
 * requires, and why it changes nothing here (a CCL item to Russia or Belarus needs a licence under
 * 746.8 anyway) or where the answer stops holding (the regions of Ukraine that 746.6 covers).
 */
function specialControlStep(ctx: Context, steps: Step[], ear99: boolean): void {
  const t = SPECIAL_CONTROLS[ctx.dest];
  const sc = t && valueAt(t, ctx.asOf);
  if (!sc) return;
  const c = sc.value;
  let text = `${c.section} also requires ${c.requires}`;
  if (c.regions)
    text += `; ${ctx.dest} alone does not tell: this answer holds only elsewhere in ${ctx.dest}`;
  else if (c.addsNothing && !ear99) text += `; for this item it adds nothing: ${c.addsNothing}`;
  steps.push(step(text, sc.cite, sc.confidence));
}

/**
 * Notes for the special controls of part 746 that the destination alone cannot settle: the regions
 * of Ukraine under 746.6, Iraq's military end-use and in-country transfer licences (746.3).
 */
export function part746Notes(dest: string, asOf: string): string[] {
  const t = SPECIAL_CONTROLS[dest];
  const sc = t && valueAt(t, asOf);
  if (!sc || sc.value.addsNothing) return [];
  const c = sc.value;
  return [
    c.regions
      ? `${c.section}: in ${c.regions} this item needs a licence (denial); this answer holds only elsewhere in ${dest} (${sc.cite})`
      : `${c.section} requires ${c.requires} (${sc.cite})`,
  ];
}
