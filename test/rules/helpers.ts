// Shared helpers for the rules tests: resolve-or-throw, shipments, the parts of a random shipment
// for property tests, and synthetic chips built from a real catalog chip (never invented catalog rows).
import fc from "fast-check";
import { resolveChip, resolveCountry, determine, type Chip, type Country, type Determination, type Item, type RegimeId, type Shipment } from "../../src/rules";

export function chip(text: string): Chip {
  const r = resolveChip(text);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

export function country(text: string): Country {
  const r = resolveCountry(text);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

export const item = (c: Chip): Item => ({ kind: "chip", chip: c });

export const REGIMES: readonly RegimeId[] = ["enforced", "baseline-2023", "diffusion-2025", "proposal-500"];

/** Property tests' first arguments: a catalog chip, a destination and an HQ (or none) of `codes`, a regime. */
export function shipmentParts(chips: readonly Chip[], codes: readonly string[]) {
  return [
    fc.constantFrom(...chips),
    fc.constantFrom(...codes),
    fc.constantFrom(null, ...codes),
    fc.constantFrom(...REGIMES),
  ] as const;
}
export const eccnItem = (eccn: string): Item => ({ kind: "eccn", eccn });

/** A copy of a real catalog chip with some facts changed, for boundary tests. */
export function synthetic(baseId: string, changes: Partial<Chip>): Chip {
  const base = chip(baseId);
  return { ...base, id: `${base.id}~synthetic`, name: `${base.name} (synthetic)`, aliases: [], flags: [...base.flags], ...changes };
}

export interface ShipOptions {
  quantity?: number;
  hq?: string | null;
  prior?: number;
  used?: number;
  g2g?: boolean;
  /** The ship-from country (default US). */
  shipFrom?: string;
}

export function shipment(what: Chip | Item, dest: string, o: ShipOptions = {}): Shipment {
  const it: Item = "kind" in what ? what : item(what);
  return {
    item: it,
    quantity: o.quantity ?? 1,
    destination: country(dest),
    endUserHq: o.hq ? country(o.hq) : null,
    priorTpp: o.prior ?? 0,
    countryAllocationUsed: o.used ?? 0,
    g2g: o.g2g ?? false,
    shipFrom: o.shipFrom ? country(o.shipFrom) : null,
  };
}

export function det(what: Chip | Item | string, dest: string, regime: RegimeId, asOf: string, o: ShipOptions = {}): Determination {
  const w = typeof what === "string" ? chip(what) : what;
  return determine(shipment(w, dest, o), regime, asOf);
}
