// A shipment table checked with the EXPORTCTL functions, exactly as a workbook would: whole-column
// (broadcast) calls of REQUIRES_LICENSE, LICENSE_EXCEPTION, REVIEW_POLICY, H100_EQUIVALENT and
// EXPLAIN, and LEDGER when a Consignee column makes allowances accumulate. No rules logic lives
// here: the functions are passed in (the CLI imports src/functions, the workbench calls the ids
// registered with CustomFunctions.associate), so both front ends show what Excel would show.
// Pure: no DOM, no node I/O.
import { Types } from "../functions/args";
import { isExcelError } from "../functions/errors";

export type Cell = unknown;
export type Matrix = Cell[][];

/** Calls a custom function by its id (e.g. "REQUIRES_LICENSE") with Excel-shaped arguments. */
export type FunctionCaller = (
  id: string,
  ...args: unknown[]
) => Matrix | Cell | Promise<Matrix | Cell>;

export type Role = "chip" | "destination" | "quantity" | "hq" | "consignee" | "date";

export const ROLES: readonly Role[] = [
  "chip",
  "destination",
  "quantity",
  "hq",
  "consignee",
  "date",
];
export const REQUIRED_ROLES: readonly Role[] = ["chip", "destination", "quantity"];

/** Header texts accepted for each input column, compared case- and punctuation-insensitively. */
export const HEADER_ALIASES: Readonly<Record<Role, readonly string[]>> = {
  chip: ["Chip", "Chips", "Item", "Model", "Chip model", "Product", "GPU", "Accelerator", "Part"],
  destination: [
    "Destination",
    "Dest",
    "Destination country",
    "Country",
    "Country of destination",
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
  consignee: ["Consignee", "Ultimate consignee", "End user", "Customer"],
  date: ["Date", "Shipment date", "Ship date", "Export date", "As of", "As-of date"],
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

/** Header text compared without case, spaces or punctuation ("End-user HQ" = "end user hq"), "(optional)" ignored. */
export function headerKey(value: unknown): string {
  return String(value ?? "")
    .toLowerCase()
    .replace(/\(optional\)/g, "")
    .replace(/[^a-z0-9]/g, "");
}

const ROLE_BY_KEY = new Map<string, Role>();
for (const role of ROLES)
  for (const alias of HEADER_ALIASES[role]) ROLE_BY_KEY.set(headerKey(alias), role);
const OUTPUT_BY_KEY = new Map<string, number>();
OUTPUT_ALIASES.forEach((aliases, i) => aliases.forEach((a) => OUTPUT_BY_KEY.set(headerKey(a), i)));

export interface HeaderMatch {
  /** Column index of each input role found (first match wins). */
  roles: Partial<Record<Role, number>>;
  /** Required roles not found. */
  missing: Role[];
  /** Column index of each output column already present, else -1. */
  outputs: number[];
}

export function matchHeaders(headers: readonly unknown[]): HeaderMatch {
  const roles: Partial<Record<Role, number>> = {};
  const outputs = OUTPUT_COLUMNS.map(() => -1);
  headers.forEach((h, i) => {
    const key = headerKey(h);
    if (!key) return;
    const role = ROLE_BY_KEY.get(key);
    if (role && roles[role] === undefined) roles[role] = i;
    const out = OUTPUT_BY_KEY.get(key);
    if (out !== undefined && outputs[out] === -1) outputs[out] = i;
  });
  return { roles, missing: REQUIRED_ROLES.filter((r) => roles[r] === undefined), outputs };
}

/** The header row of a sheet: the first of its first 20 rows that names a Chip and a Destination column. */
export function findHeaderRow(rows: readonly (readonly unknown[])[]): number {
  const limit = Math.min(rows.length, 20);
  for (let r = 0; r < limit; r++) {
    const m = matchHeaders(rows[r]);
    if (m.roles.chip !== undefined && m.roles.destination !== undefined) return r;
  }
  return -1;
}

export function describeMissing(match: HeaderMatch, headers: readonly unknown[]): string {
  const names = match.missing.map((r) => HEADER_ALIASES[r][0]).join(", ");
  const found = headers.map((h) => String(h ?? "").trim()).filter(Boolean);
  return (
    `the shipments table needs the column(s) ${names} (header names are case-insensitive; HQ, Consignee and Date are optional). ` +
    `Found: ${found.length ? found.map((h) => `"${h}"`).join(", ") : "no headers"}.`
  );
}

export function isBlankCell(value: unknown): boolean {
  return (
    value === null || value === undefined || (typeof value === "string" && value.trim() === "")
  );
}

/** Drops trailing rows that are entirely blank (a final newline, formatted but empty sheet rows). */
export function trimTrailingBlankRows<T extends readonly unknown[]>(rows: T[]): T[] {
  let end = rows.length;
  while (end > 0 && rows[end - 1].every(isBlankCell)) end--;
  return end === rows.length ? rows : rows.slice(0, end);
}

/** An error cell as text: "#N/A: Unknown chip 'H1OO'. Did you mean H100?". */
export function errorText(value: { code: string; message?: string }): string {
  return value.message ? `${value.code}: ${value.message}` : value.code;
}

export interface CheckOptions {
  /**
   * Use the Date column as each row's as-of date (and, with consignees, the calendar year of the
   * allowance). False when the user fixed one as-of date for the whole check.
   */
  useDates: boolean;
  /** Rows per broadcast call; progress is reported between chunks. */
  chunkSize?: number;
  /** Called after each chunk; may return a promise (e.g. to let a progress bar render). */
  onProgress?: (done: number, total: number) => void | Promise<void>;
}

export interface CheckStats {
  rows: number;
  licences: number;
  noLicence: number;
  indeterminate: number;
  errors: number;
  blank: number;
  /** Rows (0-based, data rows) with an input error, and the message, first 20. */
  problems: { row: number; message: string }[];
  /** LEDGER was used: allowances accumulate per consignee and calendar year. */
  ledger: boolean;
  /** Rows where LEDGER's licence verdict or exception differs from the row's own determination (expected 0). */
  ledgerDifferences: number;
}

export interface CheckResult {
  /** One line per data row: the OUTPUT_COLUMNS values (errors are ExcelError objects). */
  values: Cell[][];
  stats: CheckStats;
}

async function callMatrix(call: FunctionCaller, id: string, ...args: unknown[]): Promise<Matrix> {
  const result = await call(id, ...args);
  if (Array.isArray(result))
    return Array.isArray(result[0]) ? (result as Matrix) : (result as Cell[]).map((v) => [v]);
  return [[result]];
}

function column(
  rows: readonly (readonly Cell[])[],
  index: number | undefined,
  from: number,
  to: number
): Matrix | null {
  if (index === undefined) return null;
  const out: Matrix = new Array(to - from);
  for (let r = from; r < to; r++) {
    const v = rows[r][index];
    out[r - from] = [v === undefined ? null : v];
  }
  return out;
}

/**
 * The allowance already used by each row's consignee this calendar year, read from LEDGER's
 * running totals: LEDGER processes rows in date order (ties in table order) and reports, per row,
 * the consignee's allowance use including that row; the row's prior use is the total after the
 * consignee's previous row in the same year. Only the order and grouping are computed here, with
 * the functions' own argument coercion.
 */
function priorsFromLedger(
  ledger: Matrix,
  consignees: Matrix,
  dates: Matrix | null,
  defaultDate: () => string
): number[] {
  const n = ledger.length;
  const prior = new Array<number>(n).fill(0);
  const keyed: { index: number; date: string; key: string }[] = [];
  for (let i = 0; i < n; i++) {
    const total = ledger[i][3];
    if (typeof total !== "number") continue; // an error or a blank row: LEDGER skipped it
    const raw = consignees[i][0];
    if (isBlankCell(raw)) continue; // no consignee: the row stands alone
    let date: string;
    try {
      const d = dates ? dates[i][0] : null;
      date = isBlankCell(d) ? defaultDate() : Types.date.coerce(d, "dates");
    } catch {
      continue;
    }
    keyed.push({
      index: i,
      date,
      key: `${Types.consignee.coerce(raw, "consignees")}|${date.slice(0, 4)}`,
    });
  }
  keyed.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.index - b.index));
  const last = new Map<string, number>();
  for (const row of keyed) {
    prior[row.index] = last.get(row.key) ?? 0;
    last.set(row.key, ledger[row.index][3] as number);
  }
  return prior;
}

/**
 * Checks every data row. `rows` are the table's data rows (header excluded), `roles` the column of
 * each input. Settings (regime, as-of date) are whatever the caller set with updateSettings: no
 * regime or as-of argument is passed, so the functions use the workbook defaults, as formulas
 * without those arguments do in Excel.
 */
export async function checkShipments(
  call: FunctionCaller,
  rows: readonly (readonly Cell[])[],
  roles: Partial<Record<Role, number>>,
  options: CheckOptions,
  defaultDate: () => string
): Promise<CheckResult> {
  const n = rows.length;
  const chunk = Math.max(1, options.chunkSize ?? 10000);
  const dateIndex = options.useDates ? roles.date : undefined;
  const stats: CheckStats = {
    rows: n,
    licences: 0,
    noLicence: 0,
    indeterminate: 0,
    errors: 0,
    blank: 0,
    problems: [],
    ledger: false,
    ledgerDifferences: 0,
  };
  const values: Cell[][] = new Array(n);

  // Allowances accumulate per consignee when the table says who the consignees are.
  let priors: number[] | null = null;
  let ledger: Matrix | null = null;
  const consignees = column(rows, roles.consignee, 0, n);
  if (consignees && consignees.some((c) => !isBlankCell(c[0]))) {
    const dates = column(rows, dateIndex, 0, n);
    ledger = await callMatrix(
      call,
      "LEDGER",
      column(rows, roles.chip, 0, n),
      column(rows, roles.destination, 0, n),
      column(rows, roles.quantity, 0, n),
      column(rows, roles.hq, 0, n) ?? null,
      consignees,
      dates ?? null,
      null
    );
    if (ledger.length === n) {
      priors = priorsFromLedger(ledger, consignees, dates, defaultDate);
      stats.ledger = true;
    } else ledger = null;
  }

  for (let from = 0; from < n; from += chunk) {
    const to = Math.min(n, from + chunk);
    const chips = column(rows, roles.chip, from, to);
    const dests = column(rows, roles.destination, from, to);
    const qty = column(rows, roles.quantity, from, to);
    const hq = column(rows, roles.hq, from, to);
    const asOf = column(rows, dateIndex, from, to);
    const prior = priors ? priors.slice(from, to).map((p) => [p]) : null;
    const shipment = [chips, dests, qty, hq, null, asOf, prior];
    const [licence, exception, policy, h100, explanation] = await Promise.all([
      callMatrix(call, "REQUIRES_LICENSE", ...shipment),
      callMatrix(call, "LICENSE_EXCEPTION", ...shipment),
      callMatrix(call, "REVIEW_POLICY", ...shipment),
      callMatrix(call, "H100_EQUIVALENT", chips, qty),
      callMatrix(call, "EXPLAIN", ...shipment),
    ]);
    const width = to - from;
    const pick = (m: Matrix, i: number): Cell =>
      m.length === width ? m[i][0] : m.length === 1 ? m[0][0] : "";
    for (let i = 0; i < width; i++) {
      const line = [
        pick(licence, i),
        pick(exception, i),
        pick(policy, i),
        pick(h100, i),
        pick(explanation, i),
      ];
      // A blank row of the table (no chip, destination or quantity) stays blank.
      if (line[0] === "" && line[4] === "") line[3] = "";
      values[from + i] = line;
      if (ledger) {
        // Cross-check: with the prior allowance LEDGER accumulated, the row's own determination
        // must agree with LEDGER's verdict and exception.
        const [, lic, exc] = ledger[from + i];
        const same = (a: Cell, b: Cell) => (isExcelError(a) && isExcelError(b)) || a === b;
        if (
          !same(lic, line[0]) ||
          (!isExcelError(exc) && !isExcelError(line[1]) && exc !== line[1])
        )
          stats.ledgerDifferences++;
      }
      const verdict = line[0];
      if (verdict === true) stats.licences++;
      else if (verdict === false) stats.noLicence++;
      else if (isExcelError(verdict)) {
        if (/^INDETERMINATE/.test(verdict.message ?? "")) stats.indeterminate++;
        else {
          stats.errors++;
          if (stats.problems.length < 20)
            stats.problems.push({ row: from + i, message: errorText(verdict) });
        }
      } else stats.blank++;
    }
    if (options.onProgress) await options.onProgress(to, n);
  }
  return { values, stats };
}
