// Header recognition for shipment tables: which column is the chip, the destination, the quantity
// and so on, under the names exporters use, including the AES/EEI filing fields (15 CFR 30.6:
// "Date of Export", "Ultimate Consignee", "Country of Ultimate Destination", "Schedule B", "ECCN").
// One place for the command line, the task pane and the workbench, so a table one accepts the
// others accept. Pure: no DOM, no node I/O.

export type Role =
  | "chip"
  | "destination"
  | "quantity"
  | "hq"
  | "consignee"
  | "date"
  | "shipFrom"
  | "eccn"
  | "scheduleB";

/** The columns a check reads. */
export type InputRole = Exclude<Role, "eccn" | "scheduleB">;

/** The inputs of a determination, in the order the pane writes them back. */
export const ROLES: readonly InputRole[] = [
  "chip",
  "destination",
  "quantity",
  "hq",
  "consignee",
  "date",
  "shipFrom",
];
/** Columns recognised so they are not reported as unused; ECCN stands in for a missing Chip column. */
export const RECORD_ROLES: readonly Role[] = ["eccn", "scheduleB"];
export const REQUIRED_ROLES: readonly Role[] = ["chip", "destination", "quantity"];

/** Header texts accepted for each column, compared case- and punctuation-insensitively. */
export const HEADER_ALIASES: Readonly<Record<Role, readonly string[]>> = {
  chip: ["Chip", "Chips", "Item", "Model", "Chip model", "Product", "GPU", "Accelerator", "Part"],
  destination: [
    "Destination",
    "Dest",
    "Destination country",
    "Country",
    "Country of destination",
    "Country of ultimate destination",
    "Ultimate destination",
    "Ship to",
    "Ship-to country",
  ],
  quantity: ["Quantity", "Qty", "Units", "Unit count", "Count", "Quantity (units)"],
  hq: [
    "HQ",
    "End-user HQ",
    "End user headquarters",
    "Headquarters",
    "HQ country",
    "Ultimate parent",
    "Parent HQ",
  ],
  // Not "End user": in AES the ultimate consignee and the end user can differ, so a column of end
  // users is reported as ambiguous instead of being taken for the consignee.
  consignee: ["Consignee", "Ultimate consignee", "Customer"],
  date: [
    "Date",
    "Date of export",
    "Export date",
    "Shipment date",
    "Ship date",
    "As of",
    "As-of date",
  ],
  shipFrom: [
    "Ship from",
    "Ship-from country",
    "Country of export",
    "Export country",
    "Exporting country",
    "Shipped from",
  ],
  eccn: ["ECCN", "Export control classification number"],
  scheduleB: ["Schedule B", "Schedule B number", "HTS", "HTS code", "Commodity code"],
};

/** The columns a check adds (or refreshes, when the table was checked before). */
export const OUTPUT_COLUMNS = [
  "License required",
  "Exception",
  "Review policy",
  "H100 equivalents",
  "Explanation",
] as const;
const OUTPUT_ALIASES: readonly (readonly string[])[] = [
  ["License required", "Licence required"],
  ["Exception", "License exception", "Licence exception"],
  ["Review policy"],
  ["H100 equivalents", "H100 eq.", "H100 eq", "H100 equivalent"],
  ["Explanation"],
];

// Headers that look like a date or a party/country the check might be expected to use, but that
// it does not read: named in a warning when present and unused, so nothing is silently ignored.
const AMBIGUOUS_KEYS = new Set(
  [
    "End user",
    "End-user",
    "End user country",
    "Country of origin",
    "Origin",
    "Origin country",
    "Intermediate consignee",
    "Purchaser",
    "Buyer",
    "Sold to",
    "Bill to",
    "Regime",
    "Prior TPP",
  ].map(headerKey)
);
const DATE_LIKE = /date|asof|day|shipped|exported|shipon|when|period|month|year/;

/** Header text compared without case, spaces or punctuation ("End-user HQ" = "end user hq"), "(optional)" ignored. */
export function headerKey(value: unknown): string {
  return String(value ?? "")
    .toLowerCase()
    .replace(/\(optional\)/g, "")
    .replace(/[^a-z0-9]/g, "");
}

const ROLE_BY_KEY = new Map<string, Role>();
for (const role of [...ROLES, ...RECORD_ROLES])
  for (const alias of HEADER_ALIASES[role]) ROLE_BY_KEY.set(headerKey(alias), role);
const OUTPUT_BY_KEY = new Map<string, number>();
OUTPUT_ALIASES.forEach((aliases, i) => aliases.forEach((a) => OUTPUT_BY_KEY.set(headerKey(a), i)));

export interface HeaderMatch {
  /**
   * Column index (0-based) of each input role found; the first match wins. With no Chip column,
   * an ECCN column is the chip column (the functions take an ECCN where a chip is asked).
   */
  roles: Partial<Record<Role, number>>;
  /** Required roles not found. */
  missing: Role[];
  /** Column index of each output column already present, else -1. */
  outputs: number[];
  /** Things the user should know about the header: duplicates and unused look-alike columns. */
  warnings: string[];
  /**
   * Two columns for one input (two Destination columns): which one holds the shipment's value
   * cannot be known, so the table is refused (a row could disagree with itself).
   */
  conflicts: string[];
}

/** A1-style column letter of a 0-based index (0 -> A, 26 -> AA). */
export function columnLetter(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function label(headers: readonly unknown[], i: number): string {
  return `column ${columnLetter(i)} "${String(headers[i] ?? "")
    .trim()
    .slice(0, 60)}"`;
}

export function matchHeaders(headers: readonly unknown[]): HeaderMatch {
  const roles: Partial<Record<Role, number>> = {};
  const outputs = OUTPUT_COLUMNS.map(() => -1);
  const warnings: string[] = [];
  const conflicts: string[] = [];
  const seen = new Map<string, number>();
  headers.forEach((h, i) => {
    const key = headerKey(h);
    if (!key) return;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    const role = ROLE_BY_KEY.get(key);
    // The same input's header twice: which column holds the shipment's value cannot be known.
    if (first !== undefined && role && !RECORD_ROLES.includes(role)) {
      conflicts.push(
        `${label(headers, first)} and ${label(headers, i)} are both ${HEADER_ALIASES[role][0]} columns: keep one, or rename the other`
      );
      return;
    }
    if (first !== undefined)
      warnings.push(
        `${label(headers, i)} repeats the header of column ${columnLetter(first)}; column ${columnLetter(first)} is used`
      );
    if (role) {
      const taken = roles[role];
      if (taken === undefined) roles[role] = i;
      else if (first === undefined) {
        // Two names for one input ("Ship to" and "Destination"): the more specific name, earlier
        // in the role's list, is read; the other is named as not used.
        const rank = (c: number) =>
          HEADER_ALIASES[role].findIndex((a) => headerKey(a) === headerKey(headers[c]));
        const [used, unused] = rank(i) < rank(taken) ? [i, taken] : [taken, i];
        roles[role] = used;
        warnings.push(
          `${label(headers, unused)} is another ${HEADER_ALIASES[role][0]} column and is not used; ${label(headers, used)} is read`
        );
      }
      return;
    }
    const out = OUTPUT_BY_KEY.get(key);
    if (out !== undefined) {
      if (outputs[out] === -1) outputs[out] = i;
      return;
    }
    if (first !== undefined) return;
    if (AMBIGUOUS_KEYS.has(key))
      warnings.push(`${label(headers, i)} is not used (ambiguous: not read as any input)`);
    else if (DATE_LIKE.test(key))
      warnings.push(`${label(headers, i)} looks like a date but is not used`);
  });
  if (roles.chip === undefined && roles.eccn !== undefined) roles.chip = roles.eccn;
  else if (roles.eccn !== undefined)
    warnings.push(
      `${label(headers, roles.eccn)} is not used: each row is classified from its Chip (${columnLetter(roles.chip!)}); the Explanation gives the ECCN found`
    );
  return {
    roles,
    missing: REQUIRED_ROLES.filter((r) => roles[r] === undefined),
    outputs,
    warnings,
    conflicts,
  };
}

/** The header row of a sheet: the first of its first 20 rows that names a Chip (or ECCN) and a Destination column. */
export function findHeaderRow(rows: readonly (readonly unknown[])[]): number {
  const limit = Math.min(rows.length, 20);
  for (let r = 0; r < limit; r++) {
    const m = matchHeaders(rows[r]);
    if (m.roles.chip !== undefined && m.roles.destination !== undefined) return r;
  }
  return -1;
}

export function describeMissing(match: HeaderMatch, headers: readonly unknown[]): string {
  if (!match.missing.length && match.conflicts.length) return match.conflicts.join("; ") + ".";
  const names = match.missing.map((r) => HEADER_ALIASES[r][0]).join(", ");
  const found = headers.map((h) => String(h ?? "").trim()).filter(Boolean);
  return (
    `the shipments table needs the column(s) ${names} (header names are case-insensitive; HQ, Consignee, Date and Ship from are optional). ` +
    `Found: ${found.length ? found.map((h) => `"${h.slice(0, 60)}"`).join(", ") : "no headers"}.`
  );
}
