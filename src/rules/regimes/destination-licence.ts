// The destination licence requirement for advanced-computing items and its review policies,
// 15 CFR 742.6(a)(6) and 742.6(b)(10), as the Oct 2023 rule (88 FR 73458) wrote them and FR doc
// 2024-07004 (89 FR 23876) and 89 FR 96790 amended them: 3A090.a-type items need a licence to D:1, D:4,
// D:5 and Macau less A:5/A:6 (742.6(a)(6)(iii)), and to Macau/D:5-headquartered end users anywhere
// (742.6(a)(6)(iii)(A)). Read by `baseline-2023` and, with its hooks, by `enforced` from 2023-11-17;
// 3A090.b, non-datacenter and 3A090.c items go to License Exceptions NAC, ACA and HBM.
import { step } from "../step";
import type { Classification, ReviewPolicy, Step } from "../types";
import { SCOPE_CITE, destFacts, groupStep } from "./destination-scope";
import { hqFacts } from "./headquarters-rule";
import { hbmItem, nacItem } from "./license-exceptions-nac-aca-hbm";
import { license, noLicense, type Context, type Control, type Outcome } from "./outcome";

export interface PolicyChoice {
  policy: ReviewPolicy | null;
  note?: string;
}

export interface BaselineHooks {
  /** Review policy for .a items to Macau/D:5 destinations (enforced: the Jan 2026 China/Macau change). */
  d5Policy?: (steps: Step[]) => PolicyChoice | null;
  /** Review policy for Macau/D:5-headquartered end users outside D:1/D:4/D:5 (enforced: Jan 2026). */
  hqElsewherePolicy?: (steps: Step[]) => PolicyChoice | null;
  /** 3A090.b scope names the UAE explicitly (UAE rule, July 2026; eCFR-2026-07-23). */
  uaeNamedForB?: boolean;
  /** The text "as amended": ACA for D:1/D:4 destinations on every date (baseline-2023), not NAC before the split. */
  acaAlways?: boolean;
}

const POLICY = "15 CFR 742.6(b)(10) (review policy per CSET-2023; CFR wording not read)";

/** The one wording of "not 3A090": an item outside 3A090/4A090/.z has no advanced-computing licence requirement. */
export function notAdvancedComputing(
  steps: Step[],
  extra: { tier?: 1 | 2 | 3 | null } = {}
): Outcome {
  steps.push(
    step(
      "Not 3A090/4A090/.z: no advanced-computing licence requirement (an AT-only or EAR99 item)",
      "15 CFR 742.6(a)(6); Supp. No. 1 to part 774",
      "confirmed"
    )
  );
  return noLicense(
    "the item is not 3A090/4A090/.z, so no advanced-computing licence applies",
    steps,
    extra
  );
}

/** The Oct 2023 licence requirement (as amended) for an item in `control`, with the regime's hooks. */
export function baselineCore(
  ctx: Context,
  cls: Classification,
  control: Control,
  hooks: BaselineHooks = {}
): Outcome {
  const steps: Step[] = [];
  const f = destFacts(ctx.dest, ctx.asOf);

  if (control === "none") return notAdvancedComputing(steps);
  steps.push(groupStep(ctx.dest, f, ctx.asOf));

  // 742.6(a)(6)(i)(B): 3A090.c (HBM) needs a licence to Macau or D:5; License Exception HBM (740.25) may apply.
  if (control === "c") return hbmItem(ctx, f, steps);

  const hq = hqFacts(ctx);
  steps.push(hq.step);
  // 740.8: 3A090.b items and non-datacenter items with TPP >= 4800 go under NAC (notified) or ACA.
  if (control === "b" || cls.nonDatacenter) return nacItem(ctx, control, f, hq, steps, hooks);

  // 742.6(a)(6)(iii): 3A090.a, 4A090.a and .z.a items to D:1/D:4/D:5/Macau less A:5/A:6.
  if (f.inScope && f.d5OrMacau) {
    steps.push(
      step(
        () =>
          `3A090.a-type item to Macau or D:5 (${ctx.dest}): licence required; review: presumption of denial`,
        `${SCOPE_CITE}; ${POLICY}`,
        "secondary"
      )
    );
    const choice = hooks.d5Policy?.(steps) ?? { policy: "presumption of denial" as ReviewPolicy };
    return license(
      `${f.macau ? `the destination is Macau (${ctx.dest})` : `${ctx.dest} is in country group D:5`}, within the licence scope of ${SCOPE_CITE}`,
      choice.policy,
      steps,
      { reviewNote: choice.note }
    );
  }
  if (f.inScope) {
    const policy: ReviewPolicy = hq.concern ? "presumption of denial" : "presumption of approval";
    steps.push(
      step(
        () =>
          `3A090.a-type item to ${ctx.dest} (D:1/D:4, not D:5/Macau): licence required; review: ${policy}${hq.concern ? " (Macau/D:5-headquartered end user)" : ""}`,
        `${SCOPE_CITE}; ${POLICY}`,
        "secondary"
      )
    );
    return license(
      `${ctx.dest} is in D:1/D:4 and not in A:5/A:6, within the licence scope of ${SCOPE_CITE}`,
      policy,
      steps
    );
  }
  if (hq.concern) {
    steps.push(
      step(
        () =>
          `End user headquartered in Macau/D:5: licence required for 3A090.a-type items to any destination; review: case-by-case`,
        `${SCOPE_CITE}(A) (744.23(a)(3) in 2023); ${POLICY}`,
        "secondary"
      )
    );
    const choice = hooks.hqElsewherePolicy?.(steps) ?? { policy: "case-by-case" as ReviewPolicy };
    return license(
      `the end user is headquartered in ${ctx.hq} (Macau or country group D:5): licence required wherever located (${SCOPE_CITE}(A))`,
      choice.policy,
      steps,
      { reviewNote: choice.note }
    );
  }
  steps.push(
    step(
      () =>
        `${ctx.dest} is outside the licence scope and the end user is not Macau/D:5-headquartered: no licence (NLR)`,
      SCOPE_CITE,
      "confirmed"
    )
  );
  return noLicense(
    `${ctx.dest} is outside the D:1/D:4/D:5/Macau scope (or carved out by A:5/A:6) and the end user is not Macau/D:5-headquartered`,
    steps
  );
}
