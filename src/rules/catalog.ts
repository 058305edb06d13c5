// The chip catalog (generated from data/chips.csv) and id lookup.
import { CHIP_DATA } from "./data/chips.generated";
import type { Chip } from "./types";

export const CHIPS: Chip[] = CHIP_DATA as Chip[];

let byId: Map<string, Chip> | null = null;

/** The catalog chip with this exact id (e.g. "nvidia-h100-sxm"), or undefined. */
export function chipById(id: string): Chip | undefined {
  byId ??= new Map(CHIPS.map((c) => [c.id, c]));
  return byId.get(id);
}
