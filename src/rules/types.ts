// The vocabulary shared by the rules module and its adapters (functions, task pane, CLI).
// Dates are ISO "YYYY-MM-DD" strings throughout: they compare correctly as text and carry no clock.

export type IsoDate = string;

/** How well a fact is sourced: the weakest fact used sets a determination's confidence. */
export type Confidence = "confirmed" | "secondary" | "unconfirmed";

export type RegimeId = "enforced" | "baseline-2023" | "diffusion-2025" | "proposal-500";

export type Status = "NLR" | "EXCEPTION" | "LICENSE" | "INDETERMINATE";
export type ExceptionCode = "LPP" | "AIA" | "ACA" | "NAC" | "HBM" | "VEU" | "SPP";
export type ReviewPolicy = "presumption of denial" | "case-by-case" | "presumption of approval";

/** A fact's provenance: where it comes from and how sure we are. */
export interface Source {
  cite: string;
  confidence: Confidence;
}

/** One value of a parameter, in force from `from` (inclusive) until the next entry (OpenFisca style). */
export interface Dated<T> extends Source {
  from: IsoDate;
  value: T;
}

/** One step of the path a determination took, in order, with its legal source. */
export interface Step extends Source {
  text: string;
}

export interface Chip {
  id: string;
  vendor: string;
  name: string;
  aliases: string[];
  releaseYear: number | null;
  formFactor: string;
  denseTopsFp8: number | null;
  denseTflopsFp16: number | null;
  denseTopsInt8: number | null;
  denseTflopsTf32: number | null;
  denseTflopsFp64: number | null;
  /** Total processing performance per unit (dense, max over precisions); null when unpublished. */
  tpp: number | null;
  /**
   * Where published figures disagree: the other (lower) TPP. `tpp` holds the higher one, which is the
   * one counted in classification and allowance arithmetic (the cautious reading); null otherwise.
   */
  tppDisputed: number | null;
  dieAreaMm2: number | null;
  /** TPP / applicable die area; null when the die area is unpublished. */
  performanceDensity: number | null;
  memoryGb: number | null;
  /** Memory (DRAM/HBM) bandwidth in GB/s: the "total DRAM bandwidth" of the Jan 2026 policy. */
  memoryBandwidthGbs: number | null;
  /** Bidirectional chip-to-chip interconnect bandwidth in GB/s (the Oct 2022 rule); null when unknown. */
  interconnectGbs: number | null;
  tdpW: number | null;
  datacenter: boolean;
  /**
   * Designed in the United States (NVIDIA, AMD, Google TPU, AWS Trainium, Microsoft Maia ...), wherever
   * fabricated: such chips are subject to the EAR when shipped from the US (15 CFR 734.3(a)(1)) and,
   * made abroad, through the foreign direct product rules (734.9(h)). False for Huawei Ascend, Biren.
   */
  usDesigned: boolean;
  /** Chip-specific government notices (e.g. the 2025 H20/MI308 "is informed" letters). */
  flags: string[];
  sourceUrls: string[];
  confidence: "high" | "medium" | "low";
  notes: string;
}

/** What is being shipped: a catalog chip, or an ECCN the user already knows. */
export type Item = { kind: "chip"; chip: Chip } | { kind: "eccn"; eccn: string };

export interface Country {
  /** ISO 3166-1 alpha-2 as entered (HK stays HK). */
  code: string;
  name: string;
  /** The destination the EAR treats it as (HK -> CN). */
  treatedAs: string;
}

export interface Shipment {
  item: Item;
  /** Whole units >= 0. */
  quantity: number;
  destination: Country;
  /** Headquarters or ultimate parent of the end user; defaults to the destination. */
  endUserHq?: Country | null;
  /** TPP already shipped to the same ultimate consignee this calendar year under the allowance. */
  priorTpp?: number;
  /** TPP already drawn from the destination's country allocation (Diffusion). */
  countryAllocationUsed?: number;
  /** The destination has a government-to-government agreement (doubles the Diffusion allocation). */
  g2g?: boolean;
  /**
   * The country the item leaves from; default the United States (an export from the US). Any other
   * country makes the shipment a reexport or an export from abroad (15 CFR 734.14, 734.9(h)).
   */
  shipFrom?: Country | null;
}

export interface Classification {
  /** "3A090.a", "3A090.b", "3A090.c", "4A090.a", "5A992.z.1", ... or "not 3A090"; "" when indeterminate. */
  eccn: string;
  /** Which licensing bucket the item falls in. */
  control: "a" | "b" | "c" | "none" | "indeterminate";
  /** Not designed or marketed for datacenters (NAC/ACA-eligible when .a/.b). */
  nonDatacenter: boolean;
  steps: readonly Step[];
  confidence: Confidence;
  /** Why the classification could not be decided, when control is "indeterminate". */
  reason?: string;
  /** Short basis of the ECCN for explanations, e.g. "TPP 15,832 >= 4,800; 88 FR 73458". */
  basis?: string;
  /** When indeterminate: the buckets the item could fall in (the regimes try each). */
  possible?: ("a" | "b" | "c" | "none")[];
}

export interface Determination {
  status: Status;
  /** null only when INDETERMINATE. */
  licenseRequired: boolean | null;
  exception: ExceptionCode | null;
  reviewPolicy: ReviewPolicy | null;
  /** "3A090.a", ... or "not 3A090"; "" when the classification itself is indeterminate. */
  eccn: string;
  steps: readonly Step[];
  confidence: Confidence;
  regime: RegimeId;
  asOf: IsoDate;
  /** One-sentence reason, always set; for INDETERMINATE it says what is open. */
  reason: string;
  /** Destination as treated (HK -> CN). */
  destination: string;
  /** Diffusion tier of the destination when the regime uses tiers. */
  tier: 1 | 2 | 3 | null;
  /** The destination's EAR groups on the as-of date, e.g. ["D:1", "D:4", "D:5"]. */
  groups: string[];
  /** quantity x TPP per unit; null when the TPP is unknown. */
  totalTpp: number | null;
  /** totalTpp / 15,832; null when the TPP is unknown. */
  h100Equivalents: number | null;
  /** TPP that this shipment adds to the consignee's allowance use (LPP or the proposal's allowance), else 0. */
  allowanceTpp: number;
  /** TPP that this shipment draws from the destination's country allocation, else 0. */
  allocationTpp: number;
  /** Why the item has its ECCN, short, e.g. "TPP 15,832 >= 4,800; 88 FR 73458" (added for explain). */
  eccnBasis?: string;
  /** The destination as entered when the EAR treats it as another (HK -> CN). */
  destinationEntered?: string;
  /** Qualifies the review policy, e.g. "while AE's allocation lasts". */
  reviewNote?: string;
  /**
   * The country the item leaves from, as the EAR treats it (ISO alpha-2; "US" by default; Puerto
   * Rico and the US territories are "US", Hong Kong "CN"): what the determination read.
   */
  shipFrom?: string;
  /**
   * What the answer obliges or warns of beyond the verdict, e.g. NAC's notice, LPP's certification
   * and reporting, another country's own permit: so that FALSE never reads as "nothing to do".
   */
  notes?: string[];
}

/** A regime as REGIMES() and the batch command show it. */
export interface RegimeSummary {
  id: RegimeId;
  name: string;
  status: string;
  effectiveFrom: IsoDate | null;
  effectiveTo: IsoDate | null;
}

/** A regime as the task pane shows it (regime-info.ts). */
export interface RegimeInfo extends RegimeSummary {
  /** Badge text for the pane: "in force", "on the books, not enforced", "reported proposal". */
  badge: string;
  cite: string;
  description: string;
}

/** A resolution that may fail with a message and "did you mean" suggestions. */
export type Resolved<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      message: string;
      suggestions: string[];
      /** The text itself is unreadable (a letter of another script, far too long): #VALUE!, not #N/A. */
      refused?: boolean;
    };
