// The shared shape of every determination function: REQUIRES_LICENSE, LICENSE_EXCEPTION,
// REVIEW_POLICY and EXPLAIN take the same arguments and differ only in what they read. LEDGER
// reads the same verdicts with running totals.
//
// A row costs a few array reads: the arguments are resolved a column at a time (broadcast.ts), each
// distinct value carries small integer ids (item, destination, HQ, regime, era), and the decision
// key is packed from them into two numbers. Verdicts are decided without building any text
// (rules decide()) and kept in the functions' one bounded cache by the key of the values' decision
// classes (chips and countries the rules cannot tell apart share their verdicts), with the lines
// EXPLAIN builds (by the key of the values themselves, the HQ assumption and the quantities the
// text quotes, one per run of eras, each row's date written in: see Line). The key leaves the era
// out: each verdict says the run of eras it holds for (Verdict.eras), so one decision serves every
// row of the key dated within its run, and a log spread over five years needs a decision per run,
// not per era.
import { countryClass, decide, eraOf, explainHeld, itemClass, limitsOf, tidy } from "../rules";
import type {
  Country,
  Eras,
  IsoDate,
  Item,
  LimitInput,
  RegimeId,
  Shipment,
  Verdict,
} from "../rules";
import { effectiveAsOf, effectiveRegime } from "../settings/settings";
import { Cell, Param, Types, optional, required, requiredWhenGiven, shipFromParam } from "./args";
import { workbookFormat } from "../settings/workbook-format";
import { BLANK, Column, Matrix, Refused, broadcast, cellError, guard, spill } from "./broadcast";
import { ExcelError, excelError } from "./errors";
import { Lru } from "./lru";

// Built-ins read on every call through module bindings: a global lookup costs far more than a
// closure variable in some hosts (a page's global object behind a proxy), and a filled-down column
// makes one call per cell.
const isArray = Array.isArray;

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
  /** The run of eras the verdict holds for (verdict.eras). */
  first: number;
  last: number;
}

/** The verdicts of one decision key: one per run of eras decided so far. */
type Runs = Decided[];

// The one cache: up to 2 x 150,000 entries (verdicts by packed key, EXPLAIN's lines by the key
// with what the text adds to it); a verdict is a few small fields, a line a text and its parts.
const cache = new Lru<Runs | Line[]>(150_000);

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
// Each regime's limitSides() by its id, null for one without quantity limits: read for every row.
const LIMITS: ReturnType<typeof limitsOf>[] = [];
for (const [regime, id] of Object.entries(REGIME_IDS)) LIMITS[id] = limitsOf(regime as RegimeId);
// Field widths of the packed key (41 bits, under 2^53): beyond them the row is decided uncached.
const ITEM_SPAN = 1024;
const COUNTRY_SPAN = 512;

// The decision class of each id (rules decision-classes.ts): verdicts are kept by class, so one
// decision serves every chip, destination, HQ or ship-from country the rules cannot tell apart.
// (A chip's class and a country's never coincide: "[...]" or "eccn:..." against codes and paths.)
const classIds = new Map<string, number>();
const itemClasses: number[] = [];
const countryClasses: number[] = [];

/**
 * The id of `key`; a new one's class noted in `classes`: the id of `classOf(of)`, what the rules
 * read of it (no closure made per call: a filled-down column asks for its ids once per cell).
 */
function intern<T>(
  map: Map<string, number>,
  key: string,
  classes?: number[],
  classOf?: (of: T) => string,
  of?: T
): number {
  let id = map.get(key);
  if (id === undefined) {
    map.set(key, (id = map.size));
    if (classes) classes[id] = intern(classIds, classOf!(of as T));
  }
  return id;
}

const itemKey = (item: Item) => (item.kind === "chip" ? item.chip.id : "eccn:" + item.eccn);

/**
 * A decision key in two small integers (the cache's two key parts): `hi`/`lo` by the ids of the
 * row's values, `chi`/`clo` by their decision classes; `hi` is -1 when an id outgrew its field.
 */
export interface Key {
  hi: number;
  lo: number;
  chi: number;
  clo: number;
}
export const newKey = (): Key => ({ hi: 0, lo: 0, chi: 0, clo: 0 });

/**
 * The decision key: every input the determination reads but the date (item, destination as
 * entered, HQ and ship-from as treated, regime) and the quantities by limit side, packed into
 * `key`: the item and destination in `hi` (19 bits), the rest in `lo` (22 bits); the same of their
 * classes in `chi` and `clo`. The date enters through the run of eras of each verdict (see decideRow).
 */
function packKey(
  key: Key,
  item: number,
  dest: number,
  hq: number,
  regime: number,
  shipFrom: number,
  sides: number
): void {
  if (item >= ITEM_SPAN || dest >= COUNTRY_SPAN || hq >= COUNTRY_SPAN || shipFrom >= COUNTRY_SPAN) {
    key.hi = -1;
    return;
  }
  const c = countryClasses;
  key.hi = item * COUNTRY_SPAN + dest;
  key.lo = ((hq * 4 + regime) * COUNTRY_SPAN + shipFrom) * 4 + sides;
  key.chi = itemClasses[item] * COUNTRY_SPAN + c[dest];
  key.clo = ((c[hq] * 4 + regime) * COUNTRY_SPAN + c[shipFrom]) * 4 + sides;
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

// What the key holds of each argument's value, one function per argument for both paths (a column
// of distinct values, or the one value of a 1x1 call). A blank HQ (null) is the destination: -2
// here, the destination's treated id per row.
const itemId = (v: Item) => intern(itemIds, itemKey(v), itemClasses, itemClass, v);
const tppOf = (v: Item) => (v.kind === "chip" ? v.chip.tpp : null);
// A destination's class is its treated code's (HK as CN): only the texts quote the code entered.
const countryId = (code: string, treated: string) =>
  intern(countryIds, code, countryClasses, countryClass, treated);
const destId = (v: Country) => countryId(v.code, v.treatedAs);
const treatedId = (v: Country) => countryId(v.treatedAs, v.treatedAs);
const hqId = (v: Country | null) => (v ? countryId(v.treatedAs, v.treatedAs) : -2);
const regimeId = (v: RegimeId) => REGIME_IDS[v];
const shipFromId = (v: Country | null) => {
  const code = v ? v.treatedAs : "US";
  return countryId(code, code);
};

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
export const SHIPMENT_LAYOUT: Layout = {
  item: 0,
  dest: 1,
  quantity: 2,
  hq: 3,
  regime: 4,
  date: 5,
  shipFrom: 7,
};
export const PRIOR = 6;

/**
 * One row as its decision reads it: each value with its key id (`hqId` already the destination's
 * when the HQ is blank). One object is refilled row after row: nothing is allocated per row.
 */
export interface Row {
  item: Item;
  tpp: number | null;
  itemId: number;
  dest: Country;
  destId: number;
  hq: Country | null;
  hqId: number;
  regime: RegimeId;
  regimeId: number;
  asOf: IsoDate;
  era: number;
  quantity: number;
  prior: number;
  shipFrom: Country | null;
  shipFromId: number;
}

export const newRow = (): Row =>
  ({
    item: null,
    tpp: null,
    itemId: 0,
    dest: null,
    destId: 0,
    hq: null,
    hqId: 0,
    regime: "enforced",
    regimeId: 0,
    asOf: "",
    era: 0,
    quantity: 0,
    prior: 0,
    shipFrom: null,
    shipFromId: 0,
  }) as unknown as Row;

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
    this.item = attribute(item, itemId);
    this.tpp = item.values.map((v) => (usable(v) ? tppOf(v as Item) : null));
    this.dest = attribute(dest, destId);
    this.destTreated = attribute(dest, treatedId);
    this.hq = attribute(cols[at.hq], hqId);
    this.regime = attribute(cols[at.regime], regimeId);
    this.era = attribute<IsoDate>(cols[at.date], eraOf);
    this.shipFrom = attribute(cols[at.shipFrom], shipFromId);
  }

  /** Fills `row` with the values and ids of the cell whose value ids are `v` (from `v[at]` on). */
  fill(row: Row, v: Int32Array, prior: number, at = 0): Row {
    const L = this.at;
    const c = this.cols;
    const i = v[at + L.item];
    const d = v[at + L.dest];
    const h = v[at + L.hq];
    const r = v[at + L.regime];
    const t = v[at + L.date];
    const f = v[at + L.shipFrom];
    row.item = c[L.item].values[i] as Item;
    row.tpp = this.tpp[i];
    row.itemId = this.item[i];
    row.dest = c[L.dest].values[d] as Country;
    row.destId = this.dest[d];
    row.hq = c[L.hq].values[h] as Country | null;
    row.hqId = this.hq[h] === -2 ? this.destTreated[d] : this.hq[h];
    row.regime = c[L.regime].values[r] as RegimeId;
    row.regimeId = this.regime[r];
    row.asOf = c[L.date].values[t] as IsoDate;
    row.era = this.era[t];
    row.quantity = c[L.quantity].values[v[at + L.quantity]] as number;
    row.prior = prior;
    row.shipFrom = c[L.shipFrom].values[f] as Country | null;
    row.shipFromId = this.shipFrom[f];
    return row;
  }
}

const limitInput: LimitInput = {
  totalTpp: null,
  priorTpp: 0,
  countryAllocationUsed: 0,
  g2g: false,
};

/**
 * The decision key of `row` into `key` (hi -1 when an id outgrew its field): its ids and the side
 * of each quantity limit, given `row.prior` (the consignee's allowance use this year) and `used`
 * (the country allocation drawn), LEDGER's running totals.
 */
function packRow(row: Row, used: number, key: Key): void {
  const limits = LIMITS[row.regimeId];
  let sides = 0;
  if (row.tpp !== null && limits !== null) {
    limitInput.totalTpp = tidy(row.quantity * row.tpp);
    limitInput.priorTpp = row.prior;
    limitInput.countryAllocationUsed = used;
    sides = limits(limitInput, row.asOf);
  }
  packKey(key, row.itemId, row.destId, row.hqId, row.regimeId, row.shipFromId, sides);
}

// Verdicts by the ids of a row's values, kept beside those by class (`clo` < 2^22) under `lo` + 2^22;
// under a regime with quantity limits, those that never read them under `clo` without its sides,
// + 2^23.
const BY_ID = 1 << 22;
const ANY_SIDE = 1 << 23;

/**
 * The verdict of `row`, from the cache or decided now; `key` receives its key (see packRow). Kept
 * by class, but an INDETERMINATE verdict is looked up (or decided) again by the row's own values:
 * its reason may name the chip or country it was decided for.
 */
export function decideRow(row: Row, used: number, key: Key): Decided {
  packRow(row, used, key);
  // An id past its field (more chips, ECCNs or countries than a session holds): decided, not cached.
  if (key.hi < 0) return lookup([], null, row, used);
  const clo = key.clo;
  const anySide =
    LIMITS[row.regimeId] !== null ? runsOf(key.chi, clo - (clo & 3) + ANY_SIDE) : null;
  const d = lookup(runsOf(key.chi, clo), anySide, row, used);
  return d.open === null ? d : lookup(runsOf(key.hi, key.lo + BY_ID), null, row, used);
}

/** The verdicts of a key in the cache (an empty list, kept, when it has none yet). */
function runsOf(hi: number, lo: number): Runs {
  let runs = cache.get(hi, lo) as Runs | undefined;
  if (runs === undefined) cache.set(hi, lo, (runs = []));
  return runs;
}

/** The verdict whose run of eras holds `era`, if `runs` has it. */
function find(runs: Runs, era: number): Decided | undefined {
  for (let i = 0; i < runs.length; i++) {
    const d = runs[i];
    if (d.first <= era && era <= d.last) return d;
  }
  return undefined;
}

/**
 * The verdict for `row` in `anySide` (those that read no quantity limit) or `runs` (its sides'),
 * or decided now and added to the list it belongs in.
 */
function lookup(runs: Runs, anySide: Runs | null, row: Row, used: number): Decided {
  const era = row.era;
  const found = (anySide !== null ? find(anySide, era) : undefined) ?? find(runs, era);
  if (found !== undefined) return found;
  const d = decided(decide(shipmentOf(row, used), row.regime, row.asOf));
  // A verdict for its date only (EXACT: first -1) is not kept.
  if (d.first >= 0) (anySide !== null && !d.verdict.readsLimits ? anySide : runs).push(d);
  return d;
}

function decided(verdict: Verdict): Decided {
  return {
    verdict,
    open:
      verdict.status === "INDETERMINATE"
        ? excelError("#N/A", `INDETERMINATE: ${verdict.reason}`)
        : null,
    first: verdict.eras.first,
    last: verdict.eras.last,
  };
}

function shipmentOf(row: Row, used: number): Shipment {
  return {
    item: row.item,
    destination: row.dest,
    quantity: row.quantity,
    endUserHq: row.hq ?? row.dest,
    priorTpp: row.prior,
    countryAllocationUsed: used,
    shipFrom: row.shipFrom,
  };
}

// ---------------------------------------------------------------------------------------------
// A 1x1 call (a formula filled down a column calls once per cell): no broadcast set-up. Each
// argument's raw value is read once per session (coerced, with its key id) and kept here until
// the workbook's date system or number format changes; anything but a usable value (a blank
// required cell, a refused value, a range, a data type) takes the general path, which says why.

interface Scalar {
  /** The coerced value, or null for a blank cell (an optional argument's default). */
  value: unknown;
  blank: boolean;
  id: number;
}
const scalars: Map<unknown, Scalar | null>[] = SHIPMENT_PARAMS.map(() => new Map());
let scalarsFormat: unknown = null;
const SCALAR_IDS: ((v: never) => number)[] = [
  itemId,
  destId,
  () => 0,
  hqId,
  regimeId,
  eraOf,
  () => 0,
  shipFromId,
];

/** The raw value of a 1x1 argument, undefined when omitted, NOT_SCALAR for anything else. */
const NOT_SCALAR = Symbol();
function scalarOf(x: unknown): unknown {
  if (x === null || x === undefined) return undefined;
  if (isArray(x)) {
    if (x.length !== 1) return NOT_SCALAR;
    x = x[0];
    if (isArray(x)) {
      if (x.length !== 1) return NOT_SCALAR;
      x = x[0];
    }
    if (x === undefined) return NOT_SCALAR;
  }
  const t = typeof x;
  return x === null || t === "string" || t === "number" || t === "boolean" ? x : NOT_SCALAR;
}

function scalar(i: number, raw: unknown): Scalar | null {
  const memo = scalars[i];
  let s = memo.get(raw);
  if (s !== undefined) return s;
  const p = SHIPMENT_PARAMS[i];
  if (p.type.blank(raw)) s = p.role === "optional" ? { value: null, blank: true, id: 0 } : null;
  else {
    try {
      const value = p.type.coerce(raw, p.name);
      s = { value, blank: false, id: SCALAR_IDS[i](value as never) };
    } catch {
      s = null;
    }
  }
  if (memo.size >= 20_000) memo.clear();
  memo.set(raw, s);
  return s;
}

/** Fills `row` from a call of 1x1 arguments; false when the general path must take it. */
function scalarRow(inputs: unknown[], row: Row): boolean {
  const format = workbookFormat();
  if (format !== scalarsFormat) {
    for (const m of scalars) m.clear();
    scalarsFormat = format;
  }
  const values: unknown[] = scalarValues;
  for (let i = 0; i < SHIPMENT_PARAMS.length; i++) {
    const raw = scalarOf(inputs[i]);
    if (raw === NOT_SCALAR) return false;
    const p = SHIPMENT_PARAMS[i];
    let value: unknown;
    let id: number;
    if (raw === undefined) {
      if (p.role === "required") return false;
      value = (p.fallback as () => unknown)();
      id = SCALAR_IDS[i](value as never);
    } else {
      const s = scalar(i, raw);
      if (s === null) return false;
      if (s.blank) {
        value = (p.fallback as () => unknown)();
        id = SCALAR_IDS[i](value as never);
      } else {
        value = s.value;
        id = s.id;
      }
    }
    values[i] = value;
    scalarIds[i] = id;
  }
  const L = SHIPMENT_LAYOUT;
  row.item = values[L.item] as Item;
  row.tpp = tppOf(row.item);
  row.itemId = scalarIds[L.item];
  row.dest = values[L.dest] as Country;
  row.destId = scalarIds[L.dest];
  row.hq = values[L.hq] as Country | null;
  row.hqId = row.hq === null ? treatedId(row.dest) : scalarIds[L.hq];
  row.regime = values[L.regime] as RegimeId;
  row.regimeId = scalarIds[L.regime];
  row.asOf = values[L.date] as IsoDate;
  row.era = scalarIds[L.date];
  row.quantity = values[L.quantity] as number;
  row.prior = values[PRIOR] as number;
  row.shipFrom = values[L.shipFrom] as Country | null;
  row.shipFromId = scalarIds[L.shipFrom];
  return true;
}
const scalarValues: unknown[] = new Array(SHIPMENT_PARAMS.length);
const scalarIds = new Int32Array(SHIPMENT_PARAMS.length);

/** Runs `cell` on the row of a 1x1 call; undefined when the call is not one (or not usable). */
function scalarCall(inputs: unknown[], cell: (row: Row, key: Key) => Cell): Matrix | undefined {
  const row = scalarRowObject;
  try {
    if (!scalarRow(inputs, row)) return undefined;
    const out = cell(row, scalarKey);
    return [[out === 0 ? 0 : out]];
  } catch (error) {
    return [[cellError(error)]];
  }
}
const scalarRowObject = newRow();
const scalarKey = newKey();

/**
 * A verdict function (REQUIRES_LICENSE, LICENSE_EXCEPTION, REVIEW_POLICY): `pick` reads what the cell
 * shows; an INDETERMINATE verdict shows #N/A with its reason.
 */
export function verdictFunction(pick: (v: Verdict) => Cell) {
  const cell = (row: Row, key: Key): Cell => {
    const d = decideRow(row, 0, key);
    return d.open ?? pick(d.verdict);
  };
  return (...inputs: unknown[]): Matrix => {
    const one = scalarCall(inputs, cell);
    if (one !== undefined) return one;
    const call = guard(() => broadcast(SHIPMENT_PARAMS, inputs));
    if (!("columns" in call)) return [[call]];
    const ids = new ShipmentIds(call.columns, SHIPMENT_LAYOUT);
    const prior = call.columns[PRIOR];
    const key = newKey();
    const row = newRow();
    return spill(call, (v) => cell(ids.fill(row, v, prior.values[v[PRIOR]] as number), key));
  };
}

/** Said in EXPLAIN when the end_user_hq argument is omitted or blank (DESIGN §3). */
const HQ_ASSUMED = "End-user HQ not given: taken to be the destination";

/**
 * What EXPLAIN's line for `row` depends on beyond its decision key (packed into `key` by decideRow
 * or packRow): the date and the quantities the line quotes, and whether the HQ was taken to be the
 * destination (said in the text, DESIGN §3). Null when the key outgrew its fields (not memoised).
 */
export function explanationKey(row: Row, key: Key): string | null {
  return key.hi >= 0
    ? `${key.lo}|${row.asOf}|${row.quantity}|${row.prior}|${row.hq === null ? 1 : 0}`
    : null;
}

/** EXPLAIN's line for `row` and the run of eras it holds for (rules explainHeld). */
function held(row: Row, used = 0): [string, Eras] {
  return explainHeld(shipmentOf(row, used), row.regime, row.asOf, row.hq === null ? ASSUMED : []);
}
const ASSUMED = [HQ_ASSUMED];

/**
 * EXPLAIN's line for `row`, built now (only the texts the line quotes), with `used` of the
 * destination's country allocation drawn before it (LEDGER's running total; EXPLAIN itself: 0).
 */
export function explanation(row: Row, used = 0): string {
  return held(row, used)[0];
}

/**
 * EXPLAIN's line over a run of eras, for one decision key, HQ assumption and (for the regimes whose
 * lines quote them) quantities: the line of one date, split where that date is written. A line
 * writes its date once, as its "as of" (explain.ts), unless a step quotes it too: written once, no
 * fixed date of the text can be taken for it, and every date of the run fills it in; written more
 * often, the line serves its own date only.
 */
interface Line {
  first: number;
  last: number;
  asOf: IsoDate;
  /** The line of `asOf`, and its parts around that date. */
  text: string;
  parts: string[];
}

/** EXPLAIN's line for `row`: the Lines of its key in the one cache (see Line). */
function explainRow(row: Row, key: Key): string {
  packRow(row, 0, key);
  if (key.hi < 0) return held(row)[0];
  const asOf = row.asOf;
  const era = row.era;
  // Only the lines of regimes with quantity limits quote the quantities (totals against limits).
  const id = -2 * key.lo - (row.hq === null ? 1 : 2);
  const inner = LIMITS[row.regimeId] !== null ? `${id}|${row.quantity}|${row.prior}` : id;
  const lines = (cache.get(key.hi, inner) as Line[] | undefined) ?? [];
  // Concatenated: the parts stay shared until the line is read.
  for (const { first, last, parts, asOf: at, text } of lines)
    if (first <= era && era <= last && (parts.length < 3 || at === asOf))
      return at === asOf || parts.length === 1 ? text : parts[0] + asOf + parts[1];
  const [text, eras] = held(row);
  // A line for its date only (EXACT: first -1) is not kept.
  if (eras.first >= 0) {
    if (!lines.length) cache.set(key.hi, inner, lines);
    lines.push({ first: eras.first, last: eras.last, asOf, text, parts: text.split(asOf) });
  }
  return text;
}

/**
 * EXPLAIN: the full determination's one line, memoised by the decision key with the date and the
 * quantities the line quotes (a recalculation rebuilds no text).
 */
export function explainFunction() {
  return (...inputs: unknown[]): Matrix => {
    const one = scalarCall(inputs, explainRow);
    if (one !== undefined) return one;
    const call = guard(() => broadcast(SHIPMENT_PARAMS, inputs));
    if (!("columns" in call)) return [[call]];
    const ids = new ShipmentIds(call.columns, SHIPMENT_LAYOUT);
    const prior = call.columns[PRIOR];
    const key = newKey();
    const row = newRow();
    return spill(call, (v) => explainRow(ids.fill(row, v, prior.values[v[PRIOR]] as number), key));
  };
}
