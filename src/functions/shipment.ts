// The shared shape of every determination function: REQUIRES_LICENSE, LICENSE_EXCEPTION,
// REVIEW_POLICY and EXPLAIN take the same arguments and differ only in what they read from the
// Determination. Determinations are memoised by their inputs: a shipment table repeats the same
// combinations, and a determination is immutable once made.
import { decisionKey, determine } from "../rules";
import type { Country, Determination, IsoDate, Item, RegimeId, Shipment } from "../rules";
import { effectiveAsOf, effectiveRegime } from "../settings/settings";
import { Param, Types, optional, required, shipFromParam } from "./args";

export const SHIPMENT_PARAMS: Param<unknown>[] = [
  required("chip", Types.item),
  required("destination", Types.country),
  optional("quantity", Types.quantity, () => 1),
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

// Bounds on the memos: a verdict is a few small fields, so a large table's worth (about 30 MB at the
// bound) stays warm across recalculations instead of being cleared halfway through one.
const MAX_ENTRIES = 50000;
const MAX_VERDICTS = 250000;
const memo = new Map<string, Determination>();

function itemKey(item: Item): string {
  return item.kind === "chip" ? item.chip.id : "eccn:" + item.eccn;
}

export interface ShipmentContext {
  countryAllocationUsed?: number;
}

export function determineShipment(
  item: Item,
  destination: Country,
  quantity: number,
  endUserHq: Country | null,
  regime: RegimeId,
  asOf: IsoDate,
  priorTpp: number,
  shipFrom: Country | null = null,
  context: ShipmentContext = {}
): Determination {
  const used = context.countryAllocationUsed ?? 0;
  const key = `${itemKey(item)}|${destination.code}|${endUserHq ? endUserHq.code : ""}|${quantity}|${regime}|${asOf}|${priorTpp}|${used}|${shipFrom ? shipFrom.code : "US"}`;
  let d = memo.get(key);
  if (d === undefined) {
    d = determine(
      {
        item,
        destination,
        quantity,
        endUserHq: endUserHq ?? destination,
        priorTpp,
        countryAllocationUsed: used,
        shipFrom,
      },
      regime,
      asOf
    );
    if (memo.size >= MAX_ENTRIES) memo.clear();
    memo.set(key, d);
  }
  return d;
}

/** What REQUIRES_LICENSE, LICENSE_EXCEPTION and REVIEW_POLICY read from a determination. */
export type Verdict = Pick<
  Determination,
  "status" | "licenseRequired" | "exception" | "reviewPolicy" | "reason"
>;

const verdicts = new Map<string, Verdict>();

/**
 * The verdict only, memoised on the rules' decision key (the date by era, quantities by which side
 * of the limits they fall): a shipment table repeats a few hundred keys, so most rows cost a lookup.
 */
export function shipmentVerdict(
  item: Item,
  destination: Country,
  quantity: number,
  endUserHq: Country | null,
  regime: RegimeId,
  asOf: IsoDate,
  priorTpp: number,
  shipFrom: Country | null = null
): Verdict {
  const shipment: Shipment = {
    item,
    destination,
    quantity,
    endUserHq: endUserHq ?? destination,
    priorTpp,
    countryAllocationUsed: 0,
    shipFrom,
  };
  const key = decisionKey(shipment, regime, asOf);
  let v = verdicts.get(key);
  if (v === undefined) {
    const d = determine(shipment, regime, asOf);
    v = {
      status: d.status,
      licenseRequired: d.licenseRequired,
      exception: d.exception,
      reviewPolicy: d.reviewPolicy,
      reason: d.reason,
    };
    if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
    verdicts.set(key, v);
  }
  return v;
}
