// A shipment log as an audit reads it: rows in date order (ties keep input order); each ultimate
// consignee's allowance use accumulates per calendar year (Diffusion LPP, 15 CFR 740.29; the
// proposal's allowance) and each destination's country-allocation use across rows, so the row
// that crosses a limit is the row that needs a licence. Shared by LEDGER, the task pane and the CLI.
import { fold } from "./fold";
import type { Determination, IsoDate, Shipment } from "./types";
import { tidy } from "./format";

/**
 * The key a consignee's allowance accumulates under: case, spaces and punctuation fold, so
 * "Acme Inc." and "ACME  INC" are one consignee. Null for a name with a letter of another script
 * (a look-alike letter would make a second consignee with a fresh allowance).
 */
export function consigneeKey(name: string): string | null {
  const folded = fold(name);
  return folded.ok ? folded.key : null;
}

export interface LedgerEntry {
  /** The shipment without its running totals (those are filled in here). */
  shipment: Shipment;
  asOf: IsoDate;
  /** Blank: the row stands alone (nothing to accumulate against). */
  consignee: string;
}

export interface LedgerRow<D> {
  /** The determination, or what `decide` threw for this row. */
  result: D | null;
  error: unknown;
  /** Consignee allowance TPP this year after this row, and country allocation TPP used after it. */
  allowanceTotal: number;
  allocationTotal: number;
}

type Decided = Pick<Determination, "allowanceTpp" | "allocationTpp">;

/**
 * Runs `decide` over the entries in date order with running totals; results in input order (null
 * entries stay null). `decide` gets the shipment with its totals filled in, and the entry itself
 * (callers carry their own fields on it, such as a per-row regime).
 */
export function runLedger<D extends Decided, E extends LedgerEntry = LedgerEntry>(
  entries: readonly (E | null)[],
  decide: (shipment: Shipment, entry: E) => D
): (LedgerRow<D> | null)[] {
  const out: (LedgerRow<D> | null)[] = entries.map(() => null);
  const order = entries
    .map((entry, index) => ({ entry, index }))
    .filter((x): x is { entry: E; index: number } => x.entry !== null)
    .sort((a, b) =>
      a.entry.asOf < b.entry.asOf ? -1 : a.entry.asOf > b.entry.asOf ? 1 : a.index - b.index
    );
  const allowance = new Map<string, number>();
  const allocation = new Map<string, number>();
  for (const { entry, index } of order) {
    const name = entry.consignee ? consigneeKey(entry.consignee) : "";
    const key = name ? `${name}|${entry.asOf.slice(0, 4)}` : `#${index}`;
    const country = entry.shipment.destination.treatedAs;
    const prior = allowance.get(key) ?? 0;
    const used = allocation.get(country) ?? 0;
    try {
      if (name === null)
        throw new Error(
          `consignee '${entry.consignee.slice(0, 60)}' has a letter outside the Latin alphabet`
        );
      const result = decide(
        { ...entry.shipment, priorTpp: prior, countryAllocationUsed: used },
        entry
      );
      // Sums to six decimals, as each shipment's TPP is (format.ts tidy): no binary noise in a
      // total compared with a limit.
      const allowanceTotal = tidy(prior + result.allowanceTpp);
      const allocationTotal = tidy(used + result.allocationTpp);
      allowance.set(key, allowanceTotal);
      allocation.set(country, allocationTotal);
      out[index] = { result, error: null, allowanceTotal, allocationTotal };
    } catch (error) {
      out[index] = { result: null, error, allowanceTotal: prior, allocationTotal: used };
    }
  }
  return out;
}
