// Decision classes: what the rules can tell apart of a chip or a country. Two chips (or two
// countries) of one class get the same verdict on every shipment (status, licence, exception, review
// policy, what it draws from); only the texts, an INDETERMINATE reason among them, may name them. So
// a verdict decided for one member holds for the class, and a log of 20 chips to 40 destinations
// needs the decisions of about a dozen chip classes and a dozen destination classes.
//
// - A country is read only through the data keyed or listed by its code (country groups, Diffusion
//   tiers, embargoes, the countries a milestone names, part 746's special controls: DECISION_DATA)
//   and through the few codes logic compares with (CODES_IN_LOGIC): its class is every place its
//   code occurs in that data, with the value found there.
// - A chip is read through the catalog fields CHIP_FACTS names (its names and ids are only quoted):
//   its class is those fields, each number replaced by where it falls among the thresholds it is
//   compared with; the quantities reach a decision by the sides of its limits only.
// Chips come from the catalog only, so test/rules/decision-classes.test.ts can decide every chip and
// every country against its class's first member in every regime and era; it also scans the rules
// for codes compared in logic and for chip fields read beyond CHIP_FACTS.
import { DECISION_DATA } from "./data/decision-data";
import {
  CN_CASE_BY_CASE_DRAM_GBS,
  CN_CASE_BY_CASE_TPP,
  INTERCONNECT_GBS,
  PD_A2,
  PD_B1,
  PD_B2,
  TPP_A1,
  TPP_A2,
  TPP_B1,
  type Timeline,
} from "./data/parameters";
import type { Chip, Item } from "./types";

/** The country codes the regimes compare with in code, not through data: each is a class of its own. */
export const CODES_IN_LOGIC: readonly string[] = ["CN", "MO", "MY", "US"];

/**
 * The chip fields the regimes and classify.ts decide on (a test scans them for any other read but
 * the names, the confidence and a disputed TPP, which only steps quote): a number by the
 * thresholds it is compared with (every value they ever had), the others as they are.
 */
export const CHIP_FACTS: Readonly<Partial<Record<keyof Chip, readonly Timeline<number>[]>>> = {
  tpp: [TPP_A1, TPP_A2, TPP_B1, CN_CASE_BY_CASE_TPP],
  performanceDensity: [PD_A2, PD_B1, PD_B2],
  memoryBandwidthGbs: [CN_CASE_BY_CASE_DRAM_GBS],
  interconnectGbs: [INTERCONNECT_GBS],
  datacenter: [],
  usDesigned: [],
  flags: [],
};

// Each code's class: the places it occurs in the data (each a path from the root, "/..."), or the
// code itself for those logic compares with. Built on first use: nothing is walked at module load.
const CODE = /^[A-Z]{2}$/;
let where: Map<string, string> | null = null;

function classesByCode(): Map<string, string> {
  if (where) return where;
  const found = new Map<string, string>(CODES_IN_LOGIC.map((c) => [c, c]));
  const add = (code: string, at: string) => found.set(code, (found.get(code) ?? "") + at + "\n");
  (function walk(v: unknown, path: string, depth: number): void {
    if (depth > 9 || v === null || typeof v !== "object") return;
    const list = Array.isArray(v);
    for (const [k, x] of Object.entries(v)) {
      if (list && typeof x === "string" && CODE.test(x)) add(x, path);
      if (!list && CODE.test(k)) add(k, `${path}=${JSON.stringify(x)}`);
      walk(x, `${path}/${k}`, depth + 1);
    }
  })(DECISION_DATA, "", 0);
  return (where = found);
}

/** A country's class (by its code as the EAR treats it: HK -> CN). */
export function countryClass(code: string): string {
  return classesByCode().get(code) ?? "";
}

/** Where `x` falls against each threshold of `lines`: below, on or above. */
function band(x: unknown, lines: readonly Timeline<number>[]): unknown {
  return typeof x === "number" ? lines.map((line) => line.map((t) => Math.sign(x - t.value))) : x;
}

/** An item's class: an ECCN is its own; a chip, the facts the rules read of it (CHIP_FACTS). */
export function itemClass(item: Item): string {
  if (item.kind === "eccn") return "eccn:" + item.eccn;
  const chip: Chip = item.chip;
  return JSON.stringify(
    Object.entries(CHIP_FACTS).map(([k, lines]) => band(chip[k as keyof Chip], lines!))
  );
}
