// The shared shape of every determination function: REQUIRES_LICENSE, LICENSE_EXCEPTION,
// REVIEW_POLICY and EXPLAIN take the same arguments and differ only in what they read. LEDGER
// reads the same verdicts with running totals.
//
// A row costs a few array reads: the arguments are resolved a column at a time (broadcast.ts), each
// distinct value carries small integer ids (item, destination, HQ, regime, era), and the decision
// key is packed from them into one number. Verdicts are decided without building any text
// (rules decide()) and kept in the functions' one bounded cache, with the explanations EXPLAIN
// builds (memoised by the decision key, the date and the quantities the text quotes).
import { decide, determine, eraOf, explain, limitSides } from "../rules";
import type { Country, IsoDate, Item, LimitInput, RegimeId, Shipment, Verdict } from "../rules";
import { effectiveAsOf, effectiveRegime } from "../settings/settings";
import { Cell, Param, Types, optional, required, requiredWhenGiven, shipFromParam } from "./args";
import { BLANK, Column, Matrix, Refused, broadcast, guard, spill } from "./broadcast";
import { ExcelError, excelError } from "./errors";
import { Lru } from "./lru";

export const SHIPMENT_PARAMS: Param<unknown>[] = [
  required("chip", Types.item),
  required("destination", Types.country),
  requiredWhenGiven("quantity", Types.units, () => 1),
  optional("end_user_hq", Types.country, () => null as unknown as Country),
  optional("regime", Types.regime, effectiveRegime),
  optional("as_of", Types.date, () => effectiveAsOf()),
  optional("prior_tpp", Types.tpp, () => 0),
  shipFromParam(),
] as Param<unknown>[];

export type ShipmentArgs = [
  Item,
  Country,
  number,
  Country | null,
  RegimeId,
  IsoDate,
  number,
  Country | null,
];

/** A verdict as the cells show it; INDETERMINATE carries its #N/A (made once per verdict). */
export interface Decided {
  verdict: Verdict;
  /** #N/A with the reason when INDETERMINATE: never a silent "no". */
  open: ExcelError | null;
}

// The one cache: up to 2 x 150,000 entries (verdicts by packed key, explanations by text key);
// a verdict is a few small fields, an explanation a line of text.
const cache = new Lru<Decided | string>(150_000);

// ---------------------------------------------------------------------------------------------
// Small integer ids for what the decision key holds. Interned for the session: the catalog's chips
// and ECCNs and the world's country codes are finite, so these maps stay small.

const itemIds = new Map<string, number>();
const countryIds = new Map<string, number>();
const REGIME_IDS: Record<RegimeId, number> = {
  enforced: 0,
  "baseline-2023": 1,
  "diffusion-2025": 2,
  "proposal-500": 3,
};
// Field widths of the packed key (49 bits, under 2^53): beyond them the key falls back to text.
const ITEM_SPAN = 1024;
const COUNTRY_SPAN = 512;
const ERA_SPAN = 256;

function intern(map: Map<string, number>, key: string): number {
  let id = map.get(key);
  if (id === undefined) {
    id = map.size;
    map.set(key, id);
  }
  return id;
}

const itemKey = (item: Item) => (item.kind === "chip" ? item.chip.id : "eccn:" + item.eccn);

/** A decision key in two small integers (the cache's two key parts); `hi` is -1 when an id outgrew its field. */
export interface Key {
  hi: number;
  lo: number;
}

/**
 * The decision key: every input the determination reads (item, destination as entered, HQ and
 * ship-from as treated, regime, era) and the quantities by limit side, packed into `key`: the item
 * and destination in `hi` (19 bits), the rest in `lo` (30 bits).
 */
function packKey(
  key: Key,
  item: number,
  dest: number,
  hq: number,
  regime: number,
  era: number,
  shipFrom: number,
  sides: number
): void {
  if (
    item >= ITEM_SPAN ||
    dest >= COUNTRY_SPAN ||
    hq >= COUNTRY_SPAN ||
    shipFrom >= COUNTRY_SPAN ||
    era >= ERA_SPAN
  ) {
    key.hi = -1;
    return;
  }
  key.hi = item * COUNTRY_SPAN + dest;
  key.lo = (((hq * 4 + regime) * ERA_SPAN + era) * COUNTRY_SPAN + shipFrom) * 4 + sides;
}

const usable = (v: unknown) => v !== BLANK && !(v instanceof Refused);

/** An attribute of each distinct value of a column (-1 for values no row ever decides on). */
function attribute<T>(col: Column, f: (v: T) => number): Int32Array {
  const out = new Int32Array(col.values.length);
  for (let i = 0; i < out.length; i++) {
    const v = col.values[i];
    out[i] = usable(v) ? f(v as T) : -1;
  }
  return out;
}

/** Where each shipment argument sits among a function's parameters. */
export interface Layout {
  item: number;
  dest: number;
  quantity: number;
  hq: number;
  regime: number;
  date: number;
  shipFrom: number;
}

/** REQUIRES_LICENSE, LICENSE_EXCEPTION, REVIEW_POLICY, EXPLAIN: prior_tpp is argument 6. */
const SHIPMENT_LAYOUT: Layout = {
  item: 0,
  dest: 1,
  quantity: 2,
  hq: 3,
  regime: 4,
  date: 5,
  shipFrom: 7,
};
const PRIOR = 6;

/** Per-call ids of each distinct value of the shipment columns, and the call's columns. */
export class ShipmentIds {
  readonly item: Int32Array;
  readonly tpp: (number | null)[];
  readonly dest: Int32Array;
  readonly destTreated: Int32Array;
  readonly hq: Int32Array;
  readonly regime: Int32Array;
  readonly era: Int32Array;
  readonly shipFrom: Int32Array;

  constructor(
    readonly cols: readonly Column[],
    readonly at: Layout
  ) {
    const item = cols[at.item];
    const dest = cols[at.dest];
    this.item = attribute<Item>(item, (v) => intern(itemIds, itemKey(v)));
    this.tpp = item.values.map((v) =>
      usable(v) && (v as Item).kind === "chip"
        ? (v as { chip: { tpp: number | null } }).chip.tpp
        : null
    );
    this.dest = attribute<Country>(dest, (v) => intern(countryIds, v.code));
    this.destTreated = attribute<Country>(dest, (v) => intern(countryIds, v.treatedAs));
    // A blank HQ (null) is the destination: -2 here, the destination's id per row.
    this.hq = attribute<Country | null>(cols[at.hq], (v) =>
      v ? intern(countryIds, v.treatedAs) : -2
    );
    this.regime = attribute<RegimeId>(cols[at.regime], (v) => REGIME_IDS[v]);
    this.era = attribute<IsoDate>(cols[at.date], (v) => eraOf(v));
    this.shipFrom = attribute<Country | null>(cols[at.shipFrom], (v) =>
      intern(countryIds, v ? v.treatedAs : "US")
    );
  }

  value<T>(param: keyof Layout, v: Int32Array): T {
    const i = this.at[param];
    return this.cols[i].values[v[i]] as T;
  }
}

const limitInput: LimitInput = {
  totalTpp: null,
  priorTpp: 0,
  countryAllocationUsed: 0,
  g2g: false,
};

/** TPP products of fractional per-unit TPP without binary noise (as the rules compute them). */
export const tidy = (n: number): number => Math.round(n * 1e6) / 1e6;

/**
 * The verdict of the row whose value ids are `v`, from the cache or decided now. `prior` is the
 * consignee's allowance use this year and `used` the country allocation drawn (LEDGER's running
 * totals). `key` receives the packed key (hi -1 when an id outgrew its field).
 */
export function verdictOf(
  ids: ShipmentIds,
  v: Int32Array,
  prior: number,
  used: number,
  key: Key = { hi: 0, lo: 0 }
): Decided {
  const L = ids.at;
  const regime = ids.value<RegimeId>("regime", v);
  const asOf = ids.value<IsoDate>("date", v);
  const tpp = ids.tpp[v[L.item]];
  let sides = 0;
  if (tpp !== null && (regime === "diffusion-2025" || regime === "proposal-500")) {
    limitInput.totalTpp = tidy(ids.value<number>("quantity", v) * tpp);
    limitInput.priorTpp = prior;
    limitInput.countryAllocationUsed = used;
    sides = limitSides(regime, limitInput, asOf);
  }
  const hq = ids.hq[v[L.hq]];
  packKey(
    key,
    ids.item[v[L.item]],
    ids.dest[v[L.dest]],
    hq === -2 ? ids.destTreated[v[L.dest]] : hq,
    ids.regime[v[L.regime]],
    ids.era[v[L.date]],
    ids.shipFrom[v[L.shipFrom]],
    sides
  );
  // An id past its field (more chips, ECCNs or countries than a session holds): decided, not cached.
  const cached = key.hi >= 0;
  const hit = cached ? cache.get(key.hi, key.lo) : undefined;
  if (hit !== undefined) return hit as Decided;
  const verdict = decide(shipmentOf(ids, v, prior, used), regime, asOf);
  const decided: Decided = {
    verdict,
    open:
      verdict.status === "INDETERMINATE"
        ? excelError("#N/A", `INDETERMINATE: ${verdict.reason}`)
        : null,
  };
  if (cached) cache.set(key.hi, key.lo, decided);
  return decided;
}

function shipmentOf(ids: ShipmentIds, v: Int32Array, prior: number, used: number): Shipment {
  const destination = ids.value<Country>("dest", v);
  const hq = ids.value<Country | null>("hq", v);
  return {
    item: ids.value<Item>("item", v),
    destination,
    quantity: ids.value<number>("quantity", v),
    endUserHq: hq ?? destination,
    priorTpp: prior,
    countryAllocationUsed: used,
    shipFrom: ids.value<Country | null>("shipFrom", v),
  };
}

/**
 * A verdict function (REQUIRES_LICENSE, LICENSE_EXCEPTION, REVIEW_POLICY): `pick` reads what the cell
 * shows; an INDETERMINATE verdict shows #N/A with its reason.
 */
export function verdictFunction(pick: (v: Verdict) => Cell) {
  return (...inputs: unknown[]): Matrix => {
    const call = guard(() => broadcast(SHIPMENT_PARAMS, inputs));
    if (!("columns" in call)) return [[call]];
    const ids = new ShipmentIds(call.columns, SHIPMENT_LAYOUT);
    const prior = call.columns[PRIOR];
    const key: Key = { hi: 0, lo: 0 };
    return spill(call, (v) => {
      const d = verdictOf(ids, v, prior.values[v[PRIOR]] as number, 0, key);
      return d.open ?? pick(d.verdict);
    });
  };
}

/** Said in EXPLAIN when the end_user_hq argument is omitted or blank (DESIGN §3). */
const HQ_ASSUMED = "End-user HQ not given: taken to be the destination";

/**
 * EXPLAIN: the full determination's one line, memoised by the decision key with the date and the
 * quantities the line quotes (a recalculation rebuilds no text).
 */
export function explainFunction() {
  return (...inputs: unknown[]): Matrix => {
    const call = guard(() => broadcast(SHIPMENT_PARAMS, inputs));
    if (!("columns" in call)) return [[call]];
    const ids = new ShipmentIds(call.columns, SHIPMENT_LAYOUT);
    const priorCol = call.columns[PRIOR];
    const key: Key = { hi: 0, lo: 0 };
    return spill(call, (v) => {
      const prior = priorCol.values[v[PRIOR]] as number;
      verdictOf(ids, v, prior, 0, key);
      const asOf = ids.value<IsoDate>("date", v);
      // The HQ taken to be the destination is said in the text (DESIGN §3): part of the text's key.
      const hqAssumed = ids.value<Country | null>("hq", v) === null;
      const k =
        key.hi >= 0
          ? `${key.lo}|${asOf}|${ids.value<number>("quantity", v)}|${prior}|${hqAssumed ? 1 : 0}`
          : null;
      let text = k === null ? undefined : (cache.get(key.hi, k) as string | undefined);
      if (text === undefined) {
        text = explain(
          determine(shipmentOf(ids, v, prior, 0), ids.value<RegimeId>("regime", v), asOf),
          hqAssumed ? [HQ_ASSUMED] : []
        );
        if (k !== null) cache.set(key.hi, k, text);
      }
      return text;
    });
  };
}
