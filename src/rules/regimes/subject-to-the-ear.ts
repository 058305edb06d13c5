// Whether the EAR reach the shipment at all: a shipment to the United States is not an export
// (15 CFR 734.13); a chip not designed in the US and shipped from abroad is subject to the EAR only
// through the foreign direct product rules (734.9) or de minimis (734.4), which are not evaluated; and
// Huawei Ascend chips under the BIS guidance of 2025-05-13 on General Prohibition 10 (736.2(b)(10)).
import { EFFECTIVE } from "../data/milestones";
import { step } from "../step";
import type { Step } from "../types";
import { indeterminate, license, noLicense, type Context, type Outcome } from "./outcome";
import { onOrAfter } from "../validity";

export const GP10_FLAG = "GP10_ASCEND";

export function originCheck(ctx: Context, steps: Step[]): Outcome | null {
  const chip = ctx.chip;
  if (!chip || ctx.dest === "US") return null;
  const g = EFFECTIVE.gp10Ascend;
  if (chip.flags.includes(GP10_FLAG) && onOrAfter(ctx.asOf, g.date)) {
    steps.push(
      step(
        `${chip.name}: ${g.what}; treated as licence required whatever the origin, destination or ship-from country`,
        g.cite,
        g.confidence
      )
    );
    return license(
      `BIS guidance of ${g.date}: using ${chip.name} anywhere risks violating General Prohibition 10 (15 CFR 736.2(b)(10)), so no shipment of it is free of licence risk`,
      null,
      steps,
      {
        reviewNote:
          "not stated: the guidance warns against any use; no licence policy is published",
      }
    );
  }
  if (!chip.usDesigned && ctx.exportFrom === "abroad") {
    steps.push(
      step(
        `${chip.name} is not designed in the US and leaves from ${ctx.shipFrom}: subject to the EAR only through the foreign direct product rules (15 CFR 734.9) or de minimis (734.4), which EXPORTCTL does not evaluate`,
        "15 CFR 734.3(a), 734.4, 734.9",
        "confirmed"
      )
    );
    return indeterminate(
      `${chip.name} is not designed in the US and ships from ${ctx.shipFrom}: it is subject to the EAR only through the foreign direct product rules or de minimis, not evaluated`,
      steps
    );
  }
  if (!chip.usDesigned) {
    steps.push(
      step(
        `${chip.name} is not designed in the US, but shipped from the US it is subject to the EAR and classified like any other item`,
        "15 CFR 734.3(a)(1)",
        "confirmed"
      )
    );
  }
  return null;
}

/** Shipments to the United States are not exports. */
export function domesticCheck(ctx: Context, steps: Step[]): Outcome | null {
  if (ctx.dest !== "US") return null;
  steps.push(
    step(
      "The destination is the United States: not an export, so no export licence applies",
      "15 CFR 734.13 (definition of export)",
      "confirmed"
    )
  );
  return noLicense("the destination is the United States (not an export)", steps);
}
