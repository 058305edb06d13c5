// The License Exceptions for advanced computing items that the regimes name, each with its section,
// the citation its steps carry and how sure we are (reference/regulations.md §1.2, §3.3;
// updates-2026-11.md). Their effective dates are the milestones of the rules that made them
// (milestones.ts: acs2023, acaSplit, diffusion); the numbers they use are in parameters.ts.
import type { Source } from "../types";

export interface ExceptionSource extends Source {
  section: string;
}

/** License Exception NAC/ACA (15 CFR 740.8), as split by 89 FR 23876. */
export const NAC_ACA: ExceptionSource = {
  section: "15 CFR 740.8",
  cite: "15 CFR 740.8(a)",
  confidence: "confirmed",
};

/** ACA as the Diffusion rule widened it to Tier 2: the revised 740.8 text was not read. */
export const ACA_WIDENED: ExceptionSource = {
  section: "15 CFR 740.8",
  cite: "90 FR 4544 (ACA widened to Tier 2; revised 740.8 text UNCONFIRMED)",
  confidence: "unconfirmed",
};

/** License Exception AIA (Artificial Intelligence Authorization): Tier 1 destination and headquarters. */
export const AIA: ExceptionSource = {
  section: "15 CFR 740.27",
  cite: "15 CFR 740.27 (90 FR 4544)",
  confidence: "secondary",
};

/** AIA's headquarters condition, known only in outline. */
export const AIA_HQ: Source = {
  cite: "15 CFR 740.27 (HQ condition UNCONFIRMED in detail)",
  confidence: "unconfirmed",
};

/**
 * License Exception ACM (Advanced Compute Manufacturing): exports for the development, production or
 * storage of advanced computing items by parties not headquartered in Macau or D:5; its conditions
 * were not read (reference §3.3), so no regime evaluates it.
 */
export const ACM: ExceptionSource & { covers: string } = {
  section: "15 CFR 740.28",
  covers:
    "the items' development, production or storage by parties not headquartered in Macau or D:5 (conditions UNCONFIRMED)",
  cite: "15 CFR 740.28 (90 FR 4544)",
  confidence: "secondary",
};

/** License Exception LPP (Low Processing Performance): the allowance per consignee and year. */
export const LPP: ExceptionSource = {
  section: "15 CFR 740.29",
  cite: "15 CFR 740.29 (90 FR 4544)",
  confidence: "secondary",
};
