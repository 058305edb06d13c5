// The destination's country groups on the as-of date (Supp. No. 1 to 15 CFR part 740) and the 2023
// licence scope they make: D:1, D:4, D:5 and Macau, less A:5 and A:6 (15 CFR 742.6(a)(6)(iii)).
// Macau is named beside D:5 everywhere.
import { MACAU, inGroup, type GroupFact, type GroupId } from "../data/country-groups";
import { weakestOf } from "../format";
import { step, textsOff } from "../step";
import type { IsoDate, Step } from "../types";

/** The 2023 licence scope for 3A090.a/.b-type items. */
export const SCOPE_CITE = "15 CFR 742.6(a)(6)(iii)";

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
  const macau = code === MACAU;
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
