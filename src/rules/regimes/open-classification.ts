// When the item's ECCN is open (Supp. No. 1 to 15 CFR part 774: 3A090.a, .b or outside it), try every
// classification it could have: if all give the same answer, the answer stands; if all need a
// licence, only the review policy is open; otherwise the determination is INDETERMINATE and says what is open.
import { step, textsOff } from "../step";
import type { Classification, Step } from "../types";
import { indeterminate, license, withSteps, type Control, type Outcome } from "./outcome";

export function overClassifications(
  cls: Classification,
  steps: Step[],
  decide: (control: Control) => Outcome
): Outcome {
  if (cls.control !== "indeterminate") {
    const out = decide(cls.control);
    // On the verdict path there are no steps to join (see step.ts).
    return textsOff() ? out : withSteps(out, [...steps, ...out.steps]);
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
    return withSteps(first, [...steps, note, ...detail]);
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
    return license(
      `a licence is needed under every possible classification (${names}), though ${cls.reason}`,
      null,
      [...steps, note, ...detail],
      {
        reviewNote: `open: depends on the classification (${policies})`,
        notes: first.notes,
        tier: first.tier,
        draws: first.draws,
      }
    );
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
