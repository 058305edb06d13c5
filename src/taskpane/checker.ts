// The pane's shipment checker: text from the form -> one determination per regime, side by side.
// No DOM here: the pane renders what this returns.
import { ArgType, Types } from "../functions/args";
import { determine, explain, resolveCountry, resolveItem } from "../rules";
import { listRegimes } from "../rules/pane-api";
import type {
  Country,
  Determination,
  IsoDate,
  Item,
  RegimeInfo,
  Resolved,
  Shipment,
} from "../rules";
import { Verdict, verdictKey, verdictOf } from "./verdict";

export interface CheckInput {
  chip: string;
  destination: string;
  /** Blank: 1 unit. */
  quantity: string;
  /** Blank: the destination. */
  endUserHq: string;
  /** Blank: 0. */
  priorTpp: string;
  /** The country the item leaves from. Blank (or absent): the United States. */
  shipFrom?: string;
}

export type CheckField = keyof CheckInput;

export interface FieldError {
  field: CheckField;
  message: string;
  /** "Did you mean" candidates from the resolver, best first. */
  suggestions: string[];
}

export interface RegimeResult {
  regime: RegimeInfo;
  determination: Determination | null;
  verdict: Verdict | null;
  explanation: string;
  /** Set when the rules module failed on this regime (a bug, shown rather than hidden). */
  error?: string;
}

export type CheckOutcome =
  | {
      ok: true;
      asOf: IsoDate;
      shipment: Shipment;
      results: RegimeResult[];
      /** The regimes give different answers to "is a licence required?" (or some leave it open). */
      differs: boolean;
      /** Same answer, different route (one by License Exception, another needs none). */
      routesDiffer: boolean;
    }
  | { ok: false; errors: FieldError[] };

/** A number field through the custom functions' own argument type (same rules and messages). */
function numberField(
  field: CheckField,
  text: string,
  fallback: number,
  type: ArgType<number>,
  name: string,
  errors: FieldError[]
): number {
  if (text.trim() === "") return fallback;
  try {
    return type.coerce(text.trim(), name);
  } catch (error) {
    errors.push({
      field,
      message: error instanceof Error ? error.message : String(error),
      suggestions: [],
    });
    return fallback;
  }
}

function resolved<T>(field: CheckField, r: Resolved<T>, errors: FieldError[]): T | null {
  if (r.ok) return r.value;
  errors.push({ field, message: r.message, suggestions: r.suggestions });
  return null;
}

/** Validates the form; every problem is reported at once, each against its own field. */
export function parseCheckInput(
  input: CheckInput
): { ok: true; shipment: Shipment } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  let item: Item | null = null;
  if (input.chip.trim() === "")
    errors.push({
      field: "chip",
      message: "Enter a chip name (e.g. H100) or an ECCN (e.g. 3A090.a).",
      suggestions: [],
    });
  else item = resolved("chip", resolveItem(input.chip.trim()), errors);

  let destination: Country | null = null;
  if (input.destination.trim() === "")
    errors.push({
      field: "destination",
      message: "Enter a destination: an ISO code (AE) or a name (United Arab Emirates).",
      suggestions: [],
    });
  else destination = resolved("destination", resolveCountry(input.destination.trim()), errors);

  const quantity = numberField("quantity", input.quantity, 1, Types.quantity, "quantity", errors);

  let endUserHq: Country | null = null;
  if (input.endUserHq.trim() !== "")
    endUserHq = resolved("endUserHq", resolveCountry(input.endUserHq.trim()), errors);

  const priorTpp = numberField("priorTpp", input.priorTpp, 0, Types.tpp, "prior TPP", errors);

  let shipFrom: Country | null = null;
  const from = (input.shipFrom ?? "").trim();
  if (from !== "") shipFrom = resolved("shipFrom", resolveCountry(from), errors);

  if (errors.length || !item || !destination) return { ok: false, errors };
  return {
    ok: true,
    shipment: {
      item,
      destination,
      quantity,
      endUserHq: endUserHq ?? destination,
      priorTpp,
      shipFrom,
    },
  };
}

/** The shipment under every regime on `asOf`. */
export function checkShipment(
  input: CheckInput,
  asOf: IsoDate,
  regimes: RegimeInfo[] = listRegimes()
): CheckOutcome {
  const parsed = parseCheckInput(input);
  if (!parsed.ok) return parsed;
  const results = regimes.map((regime): RegimeResult => {
    try {
      const d = determine(parsed.shipment, regime.id, asOf);
      return { regime, determination: d, verdict: verdictOf(d), explanation: explain(d) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { regime, determination: null, verdict: null, explanation: "", error: message };
    }
  });
  return {
    ok: true,
    asOf,
    shipment: parsed.shipment,
    results,
    differs: disagree(results.map((r) => r.determination)),
    routesDiffer:
      distinct(
        results.map((r) => r.determination),
        verdictKey
      ) > 1,
  };
}

function distinct(ds: (Determination | null)[], key: (d: Determination) => string): number {
  return new Set(ds.filter((d): d is Determination => d !== null).map(key)).size;
}

/**
 * True when the determinations that exist do not all give the same answer to "is a licence
 * required?": yes, no (with or without a License Exception), or open (INDETERMINATE).
 */
export function disagree(ds: (Determination | null)[]): boolean {
  return distinct(ds, (d) => String(d.licenseRequired)) > 1;
}
