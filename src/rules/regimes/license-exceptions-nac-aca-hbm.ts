// License Exceptions for the items the destination licence lets through with conditions:
// NAC and ACA (15 CFR 740.8, as split by FR doc 2024-07004, 89 FR 23876) for 3A090.b-type and
// non-datacenter 3A090.a items, with NAC's notice to BIS (740.8(a)); and 3A090.c high-bandwidth memory
// (15 CFR 742.6(a)(6)(i)(B), 89 FR 96790), licensed to Macau and D:5 only, where License Exception HBM
// (15 CFR 740.25) may apply.
import { EFFECTIVE, names } from "../data/milestones";
import { HBM_EXCEPTION_DENSITY_MAX, NAC_NOTICE_DAYS, mustValueAt } from "../data/parameters";
import { fmt } from "../format";
import { step } from "../step";
import type { Step } from "../types";
import type { BaselineHooks } from "./destination-licence";
import { SCOPE_CITE, type DestFacts } from "./destination-scope";
import type { HqFacts } from "./headquarters-rule";
import {
  later,
  license,
  noLicense,
  viaException,
  type Context,
  type Control,
  type Outcome,
} from "./outcome";
import { before } from "../validity";

/** 3A090.c: a licence to Macau or D:5 only, where License Exception HBM may apply. */
export function hbmItem(ctx: Context, f: DestFacts, steps: Step[]): Outcome {
  const dest = ctx.destination.name;
  if (f.d5OrMacau) {
    const hbm = mustValueAt(
      HBM_EXCEPTION_DENSITY_MAX,
      later(ctx.asOf, EFFECTIVE.hbm2024.date),
      "HBM_EXCEPTION_DENSITY_MAX"
    );
    steps.push(
      step(
        () =>
          `3A090.c to Macau or D:5 (${ctx.dest}): licence required; License Exception HBM (15 CFR 740.25) may apply if its conditions are met`,
        `15 CFR 742.6(a)(6)(i)(B); 89 FR 96790; ${hbm.cite}`,
        EFFECTIVE.hbm2024.confidence
      )
    );
    const compliance = EFFECTIVE.hbmCompliance;
    return license(
      `3A090.c to ${dest} (Macau or D:5) needs a licence (15 CFR 742.6(a)(6)(i)(B)); License Exception HBM (740.25) may apply, only to HBM with memory bandwidth density below ${fmt(hbm.value)} GB/s/mm²`,
      null,
      steps,
      {
        reviewNote: "not stated in our sources",
        notes: before(ctx.asOf, compliance.date)
          ? [
              `compliance with the HBM amendments was required from ${compliance.date} (${compliance.cite})`,
            ]
          : undefined,
      }
    );
  }
  steps.push(
    step(
      () => `3A090.c is controlled only to Macau and D:5; ${ctx.dest} is neither`,
      "15 CFR 742.6(a)(6)(i)(B)",
      EFFECTIVE.hbm2024.confidence
    )
  );
  return noLicense(
    `3A090.c needs a licence only to Macau and D:5, not ${dest} (15 CFR 742.6(a)(6)(i)(B))`,
    steps
  );
}

/** The NAC notice period on the as-of date (from the Oct 2023 text on; earlier dates read it). */
export function nacNoticeDays(ctx: Context) {
  return mustValueAt(NAC_NOTICE_DAYS, later(ctx.asOf, EFFECTIVE.acs2023.date), "NAC_NOTICE_DAYS");
}

/** 3A090.b-type and non-datacenter 3A090.a items: NAC with notice, ACA, or no licence (740.8). */
export function nacItem(
  ctx: Context,
  control: Control,
  f: DestFacts,
  hq: HqFacts,
  steps: Step[],
  hooks: BaselineHooks
): Outcome {
  const days = nacNoticeDays(ctx);
  const kind = control === "b" ? "3A090.b-type item" : "non-datacenter 3A090.a item";
  if ((f.inScope && f.d5OrMacau) || hq.concern) {
    steps.push(
      step(
        () =>
          `${kind} to Macau/D:5 or a Macau/D:5-headquartered end user: License Exception NAC with ${fmt(days.value)}-day notice to BIS`,
        `15 CFR 740.8(a); ${days.cite}`,
        days.confidence
      )
    );
    return viaException(
      "NAC",
      `License Exception NAC: notify BIS ${fmt(days.value)} days before shipment (15 CFR 740.8); BIS may require a licence`,
      steps,
      { notes: [nacObligation(days.value)] }
    );
  }
  if (
    hooks.uaeNamedForB &&
    control === "b" &&
    names(EFFECTIVE.uaeRule2026, ctx.dest) &&
    f.a5.member
  ) {
    const u = EFFECTIVE.uaeRule2026;
    steps.push(
      step(
        "3A090.b scope names the United Arab Emirates explicitly: licence required",
        `${SCOPE_CITE}(B) (eCFR-2026-07-23); ${u.cite}`,
        "confirmed"
      ),
      step(
        "License Exception ACA taken as unavailable for the UAE (ACA covered D:1/D:4 destinations; 740.8 as amended by the UAE rule not read)",
        `15 CFR 740.8; ${u.cite}`,
        "unconfirmed"
      )
    );
    return license(
      `the 3A090.b licence scope names the UAE explicitly (${SCOPE_CITE}(B), eCFR-2026-07-23)`,
      null,
      steps,
      { reviewNote: "not stated in our sources" }
    );
  }
  if (f.inScope) {
    const split = EFFECTIVE.acaSplit;
    if (before(ctx.asOf, split.date) && !hooks.acaAlways) {
      steps.push(
        step(
          () =>
            `${kind} to D:1/D:4 (not D:5/Macau) before ${split.date}: License Exception NAC without notification (split into ACA on ${split.date})`,
          `15 CFR 740.8 (88 FR 73458); ${split.cite}`,
          split.confidence
        )
      );
      return viaException(
        "NAC",
        `License Exception NAC for D:1/D:4 destinations (no notification; became ACA on ${split.date})`,
        steps
      );
    }
    steps.push(
      step(
        () =>
          `${kind} to D:1/D:4 (not D:5/Macau): License Exception ACA, no notification${before(ctx.asOf, split.date) ? ` (the text as amended by ${split.cite}; enforced as NAC before ${split.date})` : ""}`,
        `15 CFR 740.8; ${split.cite}`,
        split.confidence
      )
    );
    return viaException(
      "ACA",
      "License Exception ACA: D:1/D:4 destination outside D:5/Macau, no notification (15 CFR 740.8)",
      steps
    );
  }
  steps.push(
    step(
      () =>
        `${kind} to ${ctx.dest}, outside D:1/D:4/D:5/Macau (or in A:5/A:6), end user not Macau/D:5-headquartered: no licence`,
      `${SCOPE_CITE}(B)`,
      "confirmed"
    )
  );
  return noLicense(
    `${ctx.dest} is outside the 3A090.b/NAC scope and the end user is not Macau/D:5-headquartered`,
    steps
  );
}

/** What License Exception NAC obliges: a FALSE under NAC is not "nothing to do". */
export function nacObligation(days: number): string {
  return `License Exception NAC obliges you to notify BIS and wait ${fmt(days)} days before exporting; BIS may require a licence instead (15 CFR 740.8(a))`;
}
