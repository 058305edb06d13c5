// The screening list as EXPORTCTL holds it: the entries of the Consolidated Screening List (CSL)
// that ITA publishes (Commerce, State and Treasury lists in one file), with the list's date and
// the file's SHA-256, which the audit snapshot records.

/**
 * The lists whose hits change a verdict (DESIGN §5): Entity List (15 CFR 744.11, Supp. 4 to part
 * 744), Denied Persons List (15 CFR 764.3), Military End-User List (Supp. 7 to part 744),
 * Unverified List (15 CFR 744.15, Supp. 6 to part 744), OFAC's SDN list (31 CFR chapter V).
 * Every other source of the CSL (ITAR debarred, nonproliferation sanctions, FSE, SSI, CMIC, ...)
 * is OTHER: a hit is a lead to review, never a "no".
 */
export type ListKind = "EL" | "DPL" | "SDN" | "MEU" | "UVL" | "OTHER";

export interface ScreeningEntry {
  /** The CSL's own id (`_id` or `id`), else the row number. */
  id: string;
  /** The source list as the CSL names it, e.g. "Entity List (EL) - Bureau of Industry and Security". */
  source: string;
  kind: ListKind;
  name: string;
  altNames: string[];
  /** ISO 3166-1 alpha-2 codes from the addresses, nationalities and citizenships; empty when none is given. */
  countries: string[];
  /** e.g. "89 FR 84472", or "" when the list gives none (OFAC lists cite programs instead). */
  federalRegisterNotice: string;
  startDate: string;
  /** Entity List: e.g. "For all items subject to the EAR. (See §744.11 of the EAR)". */
  licenseRequirement: string;
  /** Entity List: e.g. "Presumption of denial." */
  licensePolicy: string;
  programs: string;
  sourceListUrl: string;
}

export interface ScreeningList {
  entries: ScreeningEntry[];
  /** ISO date of the list: as stated by the user, else the file's own (JSON), else the file's modified date. */
  date: string;
  dateSource: "stated" | "file" | "file-modified";
  format: "csv" | "json";
  /** SHA-256 of the file's bytes, lowercase hex (the same as `sha256sum`). */
  sha256: string;
  fileName: string;
}

/** A file refused as a screening list: the message says why, for the user. */
export class ScreeningListError extends Error {}

/** The score a name needs to count as a match (SCREEN_PARTY's min_score default; help page). */
export const DEFAULT_MIN_SCORE = 90;

/** The column screening adds to a checked shipment table (batch command, workbench). */
export const SCREENING_COLUMN = "Screening";
