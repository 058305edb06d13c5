// Pieces every regime shares: the context a regime decides on, outcome builders, the part 746 embargo
// check that comes first, the closing "not checked" step, trying each possible classification when
// the item's is open, and the Oct 2023 baseline core (15 CFR 742.6(a)(6), 740.8) that `enforced` reuses.
import {
  EFFECTIVE,
  HBM_EXCEPTION_DENSITY_MAX,
  NAC_NOTICE_DAYS,
  UAE_CARVE_OUTS,
  mustValueAt,
} from "../data/parameters";
import { embargoOn, inGroup, type GroupFact, type GroupId } from "../data/country-groups";
import { fmt, weakestOf } from "../format";
import { step, textsOff } from "../step";
import type {
  Chip,
  Classification,
  Country,
  ExceptionCode,
  IsoDate,
  Item,
  RegimeId,
  ReviewPolicy,
  Status,
  Step,
} from "../types";

export type Control = "a" | "b" | "c" | "none";

/** Everything a regime decides on, resolved once by determine(). */
export interface Context {
  regime: RegimeId;
  asOf: IsoDate;
  item: Item;
  chip: Chip | null;
  /** Destination as entered (HK stays HK). */
  destination: Country;
  /** Destination as the EAR treats it (HK -> CN). */
  dest: string;
  /** End user's headquarters / ultimate parent as treated (defaults to the destination). */
  hq: string;
  priorTpp: number;
  countryAllocationUsed: number;
  g2g: boolean;
  /** The country the item leaves from, as treated (HK -> CN); "US" by default. */
  shipFrom: string;
  /** An export from the US, or a reexport / export from abroad (any other ship-from country). */
  exportFrom: "US" | "abroad";
  tppPerUnit: number | null;
  /** quantity x TPP per unit (null when the TPP is unknown). */
  totalTpp: number | null;
}

/** What a regime's quantity limits read: the shipment's TPP and the running totals before it. */
export type LimitInput = Pick<Context, "totalTpp" | "priorTpp" | "countryAllocationUsed" | "g2g">;

/** Bits of a regime's limitSides(): within the consignee allowance, within the country allocation. */
export const WITHIN_ALLOWANCE = 1;
export const WITHIN_ALLOCATION = 2;

export interface Outcome {
  status: Status;
  exception: ExceptionCode | null;
  reviewPolicy: ReviewPolicy | null;
  reason: string;
  reviewNote?: string;
  /** What the answer obliges or warns of (NAC notice, LPP reporting, ...). */
  notes?: string[];
  steps: readonly Step[];
  tier: 1 | 2 | 3 | null;
  /** What the shipment's TPP is drawn from: WITHIN_ALLOWANCE / WITHIN_ALLOCATION bits (0: nothing). */
  draws: number;
}

export interface Evaluation extends Outcome {
  classification: Classification;
}

type Extra = Partial<Pick<Outcome, "reviewNote" | "tier" | "draws" | "notes">>;

export { step };

const base = (steps: readonly Step[], extra: Extra) => ({
  tier: null,
  draws: 0,
  ...extra,
  steps,
});

export function license(
  reason: string,
  reviewPolicy: ReviewPolicy | null,
  steps: readonly Step[],
  extra: Extra = {}
): Outcome {
  return { status: "LICENSE", exception: null, reviewPolicy, reason, ...base(steps, extra) };
}

export function viaException(
  code: ExceptionCode,
  reason: string,
  steps: readonly Step[],
  extra: Extra = {}
): Outcome {
  return {
    status: "EXCEPTION",
    exception: code,
    reviewPolicy: null,
    reason,
    ...base(steps, extra),
  };
}

export function noLicense(reason: string, steps: readonly Step[], extra: Extra = {}): Outcome {
  return { status: "NLR", exception: null, reviewPolicy: null, reason, ...base(steps, extra) };
}

export function indeterminate(reason: string, steps: readonly Step[], extra: Extra = {}): Outcome {
  return {
    status: "INDETERMINATE",
    exception: null,
    reviewPolicy: null,
    reason,
    ...base(steps, extra),
  };
}

const NOT_CHECKED_BASE =
  "Not checked: the parties (Entity List and other screening lists) and end-use controls (15 CFR 744) — screen them yourself";
const NOT_CHECKED_SHORT_BASE =
  "Not checked: parties (Entity List, other screening lists) and end uses (15 CFR 744).";

/** The Affiliates (50% ownership) rule as it stands on `asOf`, for the closing "not checked" step. */
function affiliatesOn(asOf: IsoDate): { text: string; cite: string } | null {
  const rule = EFFECTIVE.affiliatesRule;
  const stay = EFFECTIVE.affiliatesSuspended;
  const snap = EFFECTIVE.affiliatesSnapback;
  if (asOf < rule.date) return null;
  if (asOf < stay.date)
    return {
      text: `the Affiliates rule (${rule.cite}, from ${rule.date}): entities owned 50% or more by Entity List, MEU or SDN parties are restricted too`,
      cite: rule.cite,
    };
  if (asOf < snap.date)
    return {
      text: `the Affiliates rule (${rule.cite}) is suspended from ${stay.date} to the day before ${snap.date} (${stay.cite})`,
      cite: `${rule.cite}; ${stay.cite}`,
    };
  return {
    text: `the Affiliates rule (${rule.cite}), suspended until the day before ${snap.date} (${stay.cite}): its status after that is unconfirmed, so ownership of 50% or more by Entity List, MEU or SDN parties may create a licence requirement`,
    cite: `${rule.cite}; ${stay.cite}; ${snap.cite}`,
  };
}

/** Ends every determination: what this module does not check, dated (the Affiliates rule from 2025-09-29). */
export function notCheckedStep(asOf: IsoDate): Step {
  const a = affiliatesOn(asOf);
  return a
    ? step(
        `${NOT_CHECKED_BASE}, nor ${a.text}`,
        `15 CFR 744; Supp. No. 4 to part 744; ${a.cite}`,
        "confirmed"
      )
    : NOT_CHECKED;
}

/** Short form for one-line explanations, dated like notCheckedStep. */
export function notCheckedShort(asOf: IsoDate): string {
  const a = affiliatesOn(asOf);
  return a ? `${NOT_CHECKED_SHORT_BASE.slice(0, -1)}; nor ${a.text}.` : NOT_CHECKED_SHORT_BASE;
}

/** The closing step before the Affiliates rule (kept for callers that show the undated form). */
export const NOT_CHECKED: Step = step(
  NOT_CHECKED_BASE,
  "15 CFR 744; Supp. No. 4 to part 744",
  "confirmed"
);
export const NOT_CHECKED_SHORT = NOT_CHECKED_SHORT_BASE;

export const later = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);

// ---------------------------------------------------------------------------------------------
// 15 CFR part 746: comprehensive embargoes and sanctions cover the whole Commerce Control List, so
// these destinations need a licence whatever the item's 3A090 status. Checked first in every regime.

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
  if (ctx.dest === "SY" && ctx.asOf >= syria.date) return syriaFrom2025(ctx, steps, ear99, cls);
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

// ---------------------------------------------------------------------------------------------
// Where the item comes from: Huawei Ascend under the 2025 GP10 guidance, and chips not designed in the
// US shipped from abroad (subject to the EAR only through the FDP rules or de minimis, not evaluated).

export const GP10_FLAG = "GP10_ASCEND";

export function originCheck(ctx: Context, steps: Step[]): Outcome | null {
  const chip = ctx.chip;
  if (!chip || ctx.dest === "US") return null;
  const g = EFFECTIVE.gp10Ascend;
  if (chip.flags.includes(GP10_FLAG) && ctx.asOf >= g.date) {
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

// ---------------------------------------------------------------------------------------------
// When the classification is open, try every bucket it could be in: if all give the same answer,
// the answer stands; otherwise the determination is INDETERMINATE and says what is open.

export function overClassifications(
  cls: Classification,
  steps: Step[],
  decide: (control: Control) => Outcome
): Outcome {
  if (cls.control !== "indeterminate") {
    const out = decide(cls.control);
    // On the verdict path there are no steps to join (see step.ts).
    return textsOff() ? out : { ...out, steps: [...steps, ...out.steps] };
  }
  const possible = cls.possible ?? ["a", "b", "none"];
  const outcomes = possible.map((c) => decide(c));
  const [first] = outcomes;
  const label = (c: Control) => (c === "none" ? "not 3A090" : `3A090.${c}`);
  const names = possible.map(label).join(", ");
  const cite = cls.steps[cls.steps.length - 1]?.cite ?? "Supp. No. 1 to 15 CFR 774";
  const detail = first.steps.map((s) =>
    step(() => `(taking ${label(possible[0])}) ${s.text}`, s.cite, s.confidence)
  );
  const identical = outcomes.every(
    (o) =>
      o.status === first.status &&
      o.exception === first.exception &&
      o.reviewPolicy === first.reviewPolicy
  );
  if (identical && first.status !== "INDETERMINATE") {
    const note = step(
      () =>
        `Classification open (${cls.reason}), but every possible classification (${names}) gives the same answer`,
      cite,
      cls.confidence
    );
    return { ...first, steps: [...steps, note, ...detail] };
  }
  // A licence under every classification: the licence question is settled; only the review policy is open.
  if (outcomes.every((o) => o.status === "LICENSE")) {
    const policies = possible
      .map((c, i) => `${label(c)}: ${outcomes[i].reviewPolicy ?? "not stated"}`)
      .join("; ");
    const note = step(
      () =>
        `Classification open (${cls.reason}), but every possible classification (${names}) needs a licence; the review policy depends on it (${policies})`,
      cite,
      cls.confidence
    );
    return {
      ...first,
      reason: `a licence is needed under every possible classification (${names}), though ${cls.reason}`,
      reviewPolicy: null,
      reviewNote: `open: depends on the classification (${policies})`,
      steps: [...steps, note, ...detail],
    };
  }
  const answers = possible.map((c, i) => `${label(c)}: ${describe(outcomes[i])}`).join("; ");
  steps.push(step(() => `Classification open and decisive (${answers})`, cite, "unconfirmed"));
  return indeterminate(`${cls.reason}; the answer depends on it (${answers})`, steps);
}

function describe(o: Outcome): string {
  if (o.status === "LICENSE") return "licence";
  if (o.status === "EXCEPTION") return `License Exception ${o.exception}`;
  if (o.status === "NLR") return "no licence";
  return "open";
}

// ---------------------------------------------------------------------------------------------
// Destination and headquarters facts (Supp. No. 1 to part 740; Macau is named beside D:5 everywhere).

export interface DestFacts {
  d1: GroupFact;
  d4: GroupFact;
  d5: GroupFact;
  a5: GroupFact;
  a6: GroupFact;
  macau: boolean;
  /** D:1 ∪ D:4 ∪ D:5 ∪ Macau, less A:5/A:6: the 2023 licence scope (15 CFR 742.6(a)(6)(iii)). */
  inScope: boolean;
  /** Macau or D:5. */
  d5OrMacau: boolean;
}

export function destFacts(code: string, asOf: IsoDate): DestFacts {
  const g = (id: GroupId) => inGroup(id, code, asOf);
  const [d1, d4, d5, a5, a6] = [g("D:1"), g("D:4"), g("D:5"), g("A:5"), g("A:6")];
  const macau = code === "MO";
  const d5OrMacau = macau || d5.member;
  const inScope = (d1.member || d4.member || d5OrMacau) && !a5.member && !a6.member;
  return { d1, d4, d5, a5, a6, macau, inScope, d5OrMacau };
}

/** A step stating the destination's groups on the date, with the weakest confidence of those facts. */
export function groupStep(code: string, f: DestFacts, asOf: IsoDate): Step {
  if (textsOff()) return step("", "", "confirmed");
  const facts = [f.d1, f.d4, f.d5, f.a5, f.a6];
  const text = () => {
    const names = (["D:1", "D:4", "D:5", "A:5", "A:6"] as const).filter((_, i) => facts[i].member);
    const listed = names.length ? names.join(", ") : "none of D:1, D:4, D:5, A:5, A:6";
    const scope = f.inScope
      ? "within the D:1/D:4/D:5/Macau licence scope (not A:5/A:6)"
      : names.some((n) => n.startsWith("D")) || f.macau
        ? "outside the licence scope (A:5/A:6 carve-out)"
        : "outside the D:1/D:4/D:5/Macau licence scope";
    return `${code} on ${asOf}: groups ${listed}${f.macau ? " (Macau)" : ""}; ${scope}`;
  };
  const cites = [...new Set(facts.map((x) => x.cite))].join("; ");
  return step(text, cites, weakestOf(facts.map((x) => x.confidence)));
}

export interface HqFacts {
  concern: boolean;
  step: Step;
}

/** Headquarters rule: end user headquartered in, or with an ultimate parent in, Macau or D:5. */
export function hqFacts(ctx: Context): HqFacts {
  const d5 = inGroup("D:5", ctx.hq, ctx.asOf);
  const concern = ctx.hq === "MO" || d5.member;
  const text = () =>
    concern
      ? `End user headquartered in (or ultimate parent in) ${ctx.hq}: Macau or D:5 on ${ctx.asOf}`
      : `End user headquartered in ${ctx.hq}: not Macau or D:5 on ${ctx.asOf}`;
  return {
    concern,
    step: step(
      text,
      `${d5.cite}; 15 CFR 742.6(a)(6)(iii)(A) (744.23(a)(3) in 2023)`,
      d5.confidence
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// The UAE rule (91 FR 43034, effective 2026-07-10): the UAE moved from D:4 to A:5, but the same rule
// kept a licence for 3A090.a items, except for the end users it names. Regimes that apply the move
// (enforced, baseline-2023) apply the licence with it.

export function uaeCheck(
  ctx: Context,
  cls: Classification,
  control: Control,
  steps: Step[]
): Outcome | null {
  if (ctx.dest !== "AE" || control !== "a") return null;
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

// ---------------------------------------------------------------------------------------------
// The Oct 2023 baseline (88 FR 73458 as amended by FR doc 2024-07004 and 89 FR 96790): reused by
// `baseline-2023` and, with its hooks, by `enforced` from 2023-11-17.

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

export function baselineCore(
  ctx: Context,
  cls: Classification,
  control: Control,
  hooks: BaselineHooks = {}
): Outcome {
  const steps: Step[] = [];
  const f = destFacts(ctx.dest, ctx.asOf);
  const dest = ctx.destination.name;

  if (control === "none") {
    steps.push(
      step(
        "Not 3A090/4A090/.z: no advanced-computing licence requirement (an AT-only or EAR99 item)",
        "15 CFR 742.6(a)(6); Supp. No. 1 to part 774",
        "confirmed"
      )
    );
    return noLicense(
      "the item is not 3A090/4A090/.z, so no advanced-computing licence applies",
      steps
    );
  }
  steps.push(groupStep(ctx.dest, f, ctx.asOf));

  // 742.6(a)(6)(i)(B): 3A090.c (HBM) needs a licence to Macau or D:5; License Exception HBM (740.25) may apply.
  if (control === "c") {
    if (f.d5OrMacau) {
      steps.push(
        step(
          () =>
            `3A090.c to Macau or D:5 (${ctx.dest}): licence required; License Exception HBM (15 CFR 740.25) may apply if its conditions are met`,
          "15 CFR 742.6(a)(6)(i)(B); 89 FR 96790",
          EFFECTIVE.hbm2024.confidence
        )
      );
      const hbm = mustValueAt(
        HBM_EXCEPTION_DENSITY_MAX,
        later(ctx.asOf, EFFECTIVE.hbm2024.date),
        "HBM_EXCEPTION_DENSITY_MAX"
      );
      const compliance = EFFECTIVE.hbmCompliance;
      return license(
        `3A090.c to ${dest} (Macau or D:5) needs a licence (15 CFR 742.6(a)(6)(i)(B)); License Exception HBM (740.25) may apply, only to HBM with memory bandwidth density below ${fmt(hbm.value)} GB/s/mm²`,
        null,
        steps,
        {
          reviewNote: "not stated in our sources",
          notes:
            ctx.asOf < compliance.date
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

  const hq = hqFacts(ctx);
  steps.push(hq.step);
  const nacItem = control === "b" || cls.nonDatacenter;

  if (!nacItem) {
    // 742.6(a)(6)(iii): 3A090.a, 4A090.a and .z.a items to D:1/D:4/D:5/Macau less A:5/A:6.
    if (f.inScope && f.d5OrMacau) {
      steps.push(
        step(
          () =>
            `3A090.a-type item to Macau or D:5 (${ctx.dest}): licence required; review: presumption of denial`,
          `15 CFR 742.6(a)(6)(iii); ${POLICY}`,
          "secondary"
        )
      );
      const choice = hooks.d5Policy?.(steps) ?? { policy: "presumption of denial" as ReviewPolicy };
      return license(
        `${ctx.dest} is in Macau/D:5, within the licence scope of 15 CFR 742.6(a)(6)(iii)`,
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
          `15 CFR 742.6(a)(6)(iii); ${POLICY}`,
          "secondary"
        )
      );
      return license(
        `${ctx.dest} is in D:1/D:4 and not in A:5/A:6, within the licence scope of 15 CFR 742.6(a)(6)(iii)`,
        policy,
        steps
      );
    }
    if (hq.concern) {
      steps.push(
        step(
          () =>
            `End user headquartered in Macau/D:5: licence required for 3A090.a-type items to any destination; review: case-by-case`,
          `15 CFR 742.6(a)(6)(iii)(A) (744.23(a)(3) in 2023); ${POLICY}`,
          "secondary"
        )
      );
      const choice = hooks.hqElsewherePolicy?.(steps) ?? { policy: "case-by-case" as ReviewPolicy };
      return license(
        `the end user is headquartered in ${ctx.hq} (Macau/D:5): licence required wherever located (15 CFR 742.6(a)(6)(iii)(A))`,
        choice.policy,
        steps,
        { reviewNote: choice.note }
      );
    }
    steps.push(
      step(
        () =>
          `${ctx.dest} is outside the licence scope and the end user is not Macau/D:5-headquartered: no licence (NLR)`,
        "15 CFR 742.6(a)(6)(iii)",
        "confirmed"
      )
    );
    return noLicense(
      `${ctx.dest} is outside the D:1/D:4/D:5/Macau scope (or carved out by A:5/A:6) and the end user is not Macau/D:5-headquartered`,
      steps
    );
  }

  // 740.8: 3A090.b items and non-datacenter items with TPP >= 4800 go under NAC (notified) or ACA.
  const days = mustValueAt(
    NAC_NOTICE_DAYS,
    later(ctx.asOf, EFFECTIVE.acs2023.date),
    "NAC_NOTICE_DAYS"
  );
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
  if (hooks.uaeNamedForB && control === "b" && ctx.dest === "AE" && f.a5.member) {
    const u = EFFECTIVE.uaeRule2026;
    steps.push(
      step(
        "3A090.b scope names the United Arab Emirates explicitly: licence required",
        `15 CFR 742.6(a)(6)(iii)(B) (eCFR-2026-07-23); ${u.cite}`,
        "confirmed"
      ),
      step(
        "License Exception ACA taken as unavailable for the UAE (ACA covered D:1/D:4 destinations; 740.8 as amended by the UAE rule not read)",
        `15 CFR 740.8; ${u.cite}`,
        "unconfirmed"
      )
    );
    return license(
      "the 3A090.b licence scope names the UAE explicitly (15 CFR 742.6(a)(6)(iii)(B), eCFR-2026-07-23)",
      null,
      steps,
      { reviewNote: "not stated in our sources" }
    );
  }
  if (f.inScope) {
    const split = EFFECTIVE.acaSplit;
    if (ctx.asOf < split.date && !hooks.acaAlways) {
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
          `${kind} to D:1/D:4 (not D:5/Macau): License Exception ACA, no notification${ctx.asOf < split.date ? ` (the text as amended by ${split.cite}; enforced as NAC before ${split.date})` : ""}`,
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
      "15 CFR 742.6(a)(6)(iii)(B)",
      "confirmed"
    )
  );
  return noLicense(
    `${ctx.dest} is outside the 3A090.b/NAC scope and the end user is not Macau/D:5-headquartered`,
    steps
  );
}

// ---------------------------------------------------------------------------------------------
// Diffusion-style handling of NAC/ACA and HBM items, shared by diffusion-2025 and proposal-500
// (90 FR 4544: .b scope unchanged; ACA widened to Tier 2; NAC for Tier 3 and Macau/D:5-HQ).

export function diffusionNacItems(
  ctx: Context,
  cls: Classification,
  control: "b" | "c" | "a",
  tier: 1 | 2 | 3,
  aiaHq: boolean
): Outcome {
  if (control === "c") return { ...baselineCore(ctx, cls, "c"), tier };
  const steps: Step[] = [];
  const f = destFacts(ctx.dest, ctx.asOf);
  steps.push(groupStep(ctx.dest, f, ctx.asOf));
  const hq = hqFacts(ctx);
  steps.push(hq.step);
  const days = mustValueAt(
    NAC_NOTICE_DAYS,
    later(ctx.asOf, EFFECTIVE.acs2023.date),
    "NAC_NOTICE_DAYS"
  );
  const kind = control === "b" ? "3A090.b-type item" : "non-datacenter 3A090.a item";
  const widened = "90 FR 4544 (ACA widened to Tier 2; revised 740.8 text UNCONFIRMED)";
  if (tier === 3 || hq.concern) {
    steps.push(
      step(
        () =>
          `${kind} to Tier 3 or a Macau/D:5-headquartered end user: License Exception NAC with ${fmt(days.value)}-day notice`,
        `15 CFR 740.8(a); ${days.cite}`,
        days.confidence
      )
    );
    return viaException(
      "NAC",
      `License Exception NAC: notify BIS ${fmt(days.value)} days before shipment (15 CFR 740.8)`,
      steps,
      { tier, notes: [nacObligation(days.value)] }
    );
  }
  if (control === "a") {
    // The .a licence is worldwide under Diffusion; non-datacenter .a items use AIA (Tier 1 HQ) or the widened ACA.
    if (tier === 1 && aiaHq) {
      steps.push(
        step(
          () => `${kind} to Tier 1 with a Tier 1 or US headquarters: License Exception AIA`,
          "15 CFR 740.27 (90 FR 4544)",
          "secondary"
        )
      );
      return viaException(
        "AIA",
        "License Exception AIA: Tier 1 destination and headquarters (15 CFR 740.27)",
        steps,
        { tier }
      );
    }
    steps.push(
      step(
        () =>
          `${kind} outside Tier 3: License Exception ACA (widened by the Diffusion rule), no notification`,
        widened,
        "unconfirmed"
      )
    );
    return viaException(
      "ACA",
      "License Exception ACA, as widened by the Diffusion rule (15 CFR 740.8)",
      steps,
      { tier }
    );
  }
  if (f.inScope) {
    steps.push(
      step(
        () => `${kind} to D:1/D:4 (not D:5/Macau): License Exception ACA, no notification`,
        `15 CFR 740.8; ${EFFECTIVE.acaSplit.cite}`,
        EFFECTIVE.acaSplit.confidence
      )
    );
    return viaException(
      "ACA",
      "License Exception ACA: D:1/D:4 destination outside D:5/Macau, no notification (15 CFR 740.8)",
      steps,
      { tier }
    );
  }
  steps.push(
    step(
      () =>
        `${kind} to ${ctx.dest}: outside the 3A090.b licence scope (D:1/D:4/D:5/Macau less A:5/A:6)`,
      "15 CFR 742.6(a)(6)(iii)(B)",
      "confirmed"
    )
  );
  return noLicense(
    `${ctx.dest} is outside the 3A090.b licence scope and the end user is not Macau/D:5-headquartered`,
    steps,
    { tier }
  );
}

/** What License Exception NAC obliges: a FALSE under NAC is not "nothing to do". */
export function nacObligation(days: number): string {
  return `License Exception NAC obliges you to notify BIS and wait ${fmt(days)} days before exporting; BIS may require a licence instead (15 CFR 740.8(a))`;
}
