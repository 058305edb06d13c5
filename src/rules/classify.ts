// Classification of an item under ECCN 3A090/4A090 on a date: TPP, performance density and the
// datacenter note (88 FR 73458, from 2023-11-17), the Oct 2022 TPP + interconnect test before that,
// and nothing before 2022-10-07. An ECCN the user already knows is read by eccn.ts.
import { EFFECTIVE } from "./data/milestones";
import {
  INTERCONNECT_GBS,
  PD_A2,
  PD_B1,
  PD_B2,
  TPP_A1,
  TPP_A2,
  TPP_B1,
  mustValueAt,
} from "./data/parameters";
import { chipConfidence, fmt, weakestOf } from "./format";
import { eraOf } from "./era";
import { memo } from "./memo";
import { step, textPath } from "./step";
import type { Chip, Classification, IsoDate, Item, Step } from "./types";
import {
  classification as result,
  classifyEccn,
  looksLikeEccn,
  parseEccn,
  shortCite,
} from "./eccn";
import { before, recording, within, type Eras } from "./validity";

export { looksLikeEccn, parseEccn, shortCite };
export type { ParsedEccn } from "./eccn";

// One memo per path: steps carry all, none or some of their texts (see step.ts). Each
// classification is kept with the eras it holds for (validity.ts), added to the decision reading it.
type Held = [Classification, Eras];
const chipMemos = [0, 1, 2].map(() => new WeakMap<Chip, Map<number, Held>>());
const eccnMemo = memo<Held>();

/** Classifies `item` under the text in force on `asOf` (memoised per chip object and date: treat as immutable). */
export function classify(item: Item, asOf: IsoDate): Classification {
  const path = textPath();
  let found: Held | undefined;
  if (item.kind === "eccn")
    found = eccnMemo(`${path}|${item.eccn}|${asOf}`, () =>
      recording(asOf, () => classifyEccn(item.eccn, asOf))
    );
  else {
    const chipMemo = chipMemos[path];
    let byDate = chipMemo.get(item.chip);
    if (!byDate) chipMemo.set(item.chip, (byDate = new Map()));
    // A classification compares the date only with the change dates of the rules data: one per era.
    const era = eraOf(asOf);
    found = byDate.get(era);
    if (!found) byDate.set(era, (found = recording(asOf, () => classifyChip(item.chip, asOf))));
  }
  within(asOf, found[1]);
  return found[0];
}

function classifyChip(chip: Chip, asOf: IsoDate): Classification {
  const conf = chipConfidence(chip.confidence);
  const fact = `catalog: ${chip.id}`;
  const nonDc = !chip.datacenter;
  const steps: Step[] = [];

  // Before 2022-10-07 there was no 3A090 (87 FR 62186 created it).
  if (before(asOf, EFFECTIVE.oct2022.date)) {
    steps.push(
      step(
        () =>
          `${chip.name}: no 3A090 before ${EFFECTIVE.oct2022.date} (created by the Oct 2022 rule)`,
        EFFECTIVE.oct2022.cite,
        EFFECTIVE.oct2022.confidence
      )
    );
    return result("not 3A090", "none", nonDc, steps, {
      basis: `3A090 did not exist before ${EFFECTIVE.oct2022.date}`,
    });
  }

  // TPP = 2 x MacTOPS x bit length, dense, max over precisions (Technical Note to 3A090).
  if (chip.tpp === null) {
    steps.push(
      step(() => `${chip.name}: TPP not published (${fact})`, `chips.csv ${chip.id}`, "unconfirmed")
    );
    const reason = `the TPP of ${chip.name} is not published, so its 3A090 classification is open`;
    return result("", "indeterminate", nonDc, steps, { reason, possible: ["a", "b", "none"] });
  }
  const tpp = chip.tpp;
  steps.push(
    step(
      () => `${chip.name}: TPP ${fmt(tpp)} (dense, max over precisions; ${fact})`,
      `chips.csv ${chip.id}; 3A090 Technical Note (TPP)`,
      conf
    )
  );
  if (chip.tppDisputed !== null) {
    steps.push(
      step(
        `${chip.name}: published figures disagree (TPP ${fmt(chip.tppDisputed)} vs ${fmt(tpp)}); the higher is counted, the cautious reading`,
        `chips.csv ${chip.id}`,
        weakestOf([conf, "secondary"])
      )
    );
  }
  const a1 = mustValueAt(TPP_A1, asOf, "TPP_A1");

  // 2022-10-07 .. 2023-11-16: 3A090 = TPP >= 4800 AND bidirectional chip-to-chip rate >= 600 GB/s.
  if (before(asOf, EFFECTIVE.acs2023.date)) {
    if (tpp < a1.value) {
      steps.push(
        step(
          () => `TPP ${fmt(tpp)} < ${fmt(a1.value)}: outside the Oct 2022 3A090`,
          a1.cite,
          a1.confidence
        )
      );
      return result("not 3A090", "none", nonDc, steps, {
        basis: `TPP ${fmt(tpp)} < ${fmt(a1.value)}; ${shortCite(EFFECTIVE.oct2022.cite)}`,
      });
    }
    const ic = mustValueAt(INTERCONNECT_GBS, asOf, "INTERCONNECT_GBS");
    if (chip.interconnectGbs === null) {
      steps.push(
        step(
          () =>
            `TPP ${fmt(tpp)} >= ${fmt(a1.value)}, but ${chip.name}'s chip-to-chip interconnect bandwidth is not in the catalog`,
          ic.cite,
          ic.confidence
        )
      );
      const reason = `the Oct 2022 3A090 also needs interconnect >= ${fmt(ic.value)} GB/s, and ${chip.name}'s interconnect bandwidth is unknown`;
      return result("", "indeterminate", nonDc, steps, { reason, possible: ["a", "none"] });
    }
    const interconnect = chip.interconnectGbs;
    const within = interconnect >= ic.value;
    steps.push(
      step(
        () =>
          `TPP ${fmt(tpp)} >= ${fmt(a1.value)} and interconnect ${fmt(interconnect)} GB/s ${within ? ">=" : "<"} ${fmt(ic.value)} GB/s: ${within ? "3A090.a (Oct 2022 text)" : "outside the Oct 2022 3A090"}`,
        ic.cite,
        weakestOf([ic.confidence, conf])
      )
    );
    const basis = `TPP ${fmt(tpp)} >= ${fmt(a1.value)}, interconnect ${fmt(chip.interconnectGbs)} ${within ? ">=" : "<"} ${fmt(ic.value)} GB/s; ${shortCite(EFFECTIVE.oct2022.cite)}`;
    return within
      ? result("3A090.a", "a", nonDc, steps, { basis })
      : result("not 3A090", "none", nonDc, steps, { basis });
  }

  // From 2023-11-17 (88 FR 73458). Note 2: not designed or marketed for datacenters and TPP < 4800 -> not 3A090.
  const acs = shortCite(EFFECTIVE.acs2023.cite);
  if (nonDc && tpp < a1.value) {
    steps.push(
      step(
        () =>
          `Not designed or marketed for datacenters and TPP ${fmt(tpp)} < ${fmt(a1.value)}: 3A090 does not apply (Note 2)`,
        a1.cite,
        weakestOf([a1.confidence, conf])
      )
    );
    return result("not 3A090", "none", true, steps, {
      basis: `non-datacenter, TPP ${fmt(tpp)} < ${fmt(a1.value)}; ${acs}`,
    });
  }
  // a.1: TPP >= 4800.
  if (tpp >= a1.value) {
    steps.push(
      step(() => `TPP ${fmt(tpp)} >= ${fmt(a1.value)}: 3A090.a (a.1)`, a1.cite, a1.confidence)
    );
    if (nonDc) {
      steps.push(
        step(
          "Not designed or marketed for datacenters: License Exceptions NAC/ACA are available for it",
          "ECCN 3A090 License Exceptions note; 15 CFR 740.8",
          conf
        )
      );
    }
    return result("3A090.a", "a", nonDc, steps, {
      basis: `TPP ${fmt(tpp)} >= ${fmt(a1.value)}; ${acs}`,
    });
  }
  const a2Tpp = mustValueAt(TPP_A2, asOf, "TPP_A2");
  if (tpp < a2Tpp.value) {
    steps.push(
      step(
        () => `TPP ${fmt(tpp)} < ${fmt(a2Tpp.value)}: below 3A090.a.2 and 3A090.b`,
        a2Tpp.cite,
        a2Tpp.confidence
      )
    );
    return result("not 3A090", "none", nonDc, steps, {
      basis: `TPP ${fmt(tpp)} < ${fmt(a2Tpp.value)}; ${acs}`,
    });
  }
  // 1600 <= TPP < 4800: performance density decides (.a.2, .b.1, .b.2).
  if (chip.performanceDensity === null) {
    steps.push(
      step(
        () =>
          `TPP ${fmt(tpp)} is between ${fmt(a2Tpp.value)} and ${fmt(a1.value)}, so performance density decides, and ${chip.name}'s die area is not published`,
        a2Tpp.cite,
        "unconfirmed"
      )
    );
    const reason = `${chip.name}'s performance density is unknown (die area not published) and decides between 3A090.a, 3A090.b and not 3A090 at TPP ${fmt(tpp)}`;
    return result("", "indeterminate", nonDc, steps, { reason, possible: ["a", "b", "none"] });
  }
  const pd = chip.performanceDensity;
  steps.push(
    step(
      () => `${chip.name}: performance density ${fmt(pd)} (TPP / applicable die area; ${fact})`,
      `chips.csv ${chip.id}; 3A090 Technical Note (PD)`,
      conf
    )
  );
  const a2 = mustValueAt(PD_A2, asOf, "PD_A2");
  if (pd >= a2.value) {
    steps.push(
      step(
        () =>
          `TPP ${fmt(tpp)} >= ${fmt(a2Tpp.value)} and PD ${fmt(pd)} >= ${fmt(a2.value)}: 3A090.a (a.2)`,
        a2.cite,
        a2.confidence
      )
    );
    return result("3A090.a", "a", nonDc, steps, {
      basis: `TPP ${fmt(tpp)} >= ${fmt(a2Tpp.value)} and PD ${fmt(pd)} >= ${fmt(a2.value)}; ${acs}`,
    });
  }
  const b1Tpp = mustValueAt(TPP_B1, asOf, "TPP_B1");
  const b1Pd = mustValueAt(PD_B1, asOf, "PD_B1");
  if (tpp >= b1Tpp.value && pd >= b1Pd.value) {
    steps.push(
      step(
        () =>
          `${fmt(b1Tpp.value)} <= TPP ${fmt(tpp)} < ${fmt(a1.value)} and ${fmt(b1Pd.value)} <= PD ${fmt(pd)} < ${fmt(a2.value)}: 3A090.b (b.1)`,
        b1Pd.cite,
        b1Pd.confidence
      )
    );
    return result("3A090.b", "b", nonDc, steps, {
      basis: `TPP ${fmt(tpp)} >= ${fmt(b1Tpp.value)} and PD ${fmt(pd)} >= ${fmt(b1Pd.value)}; ${acs}`,
    });
  }
  const b2Pd = mustValueAt(PD_B2, asOf, "PD_B2");
  if (pd >= b2Pd.value) {
    steps.push(
      step(
        () =>
          `TPP ${fmt(tpp)} >= ${fmt(a2Tpp.value)} and ${fmt(b2Pd.value)} <= PD ${fmt(pd)} < ${fmt(a2.value)}: 3A090.b (b.2)`,
        b2Pd.cite,
        b2Pd.confidence
      )
    );
    return result("3A090.b", "b", nonDc, steps, {
      basis: `TPP ${fmt(tpp)} >= ${fmt(a2Tpp.value)} and PD ${fmt(pd)} >= ${fmt(b2Pd.value)}; ${acs}`,
    });
  }
  steps.push(
    step(
      () => `TPP ${fmt(tpp)} and PD ${fmt(pd)} meet neither 3A090.a nor 3A090.b`,
      b2Pd.cite,
      b2Pd.confidence
    )
  );
  return result("not 3A090", "none", nonDc, steps, {
    basis: `TPP ${fmt(tpp)}, PD ${fmt(pd)} below 3A090.a/.b; ${acs}`,
  });
}
