// A shipment table checked with the EXPORTCTL functions, exactly as a workbook would: whole-column
// (broadcast) calls of REQUIRES_LICENSE, LICENSE_EXCEPTION, REVIEW_POLICY, H100_EQUIVALENT and
// EXPLAIN, and LEDGER when a Consignee column makes allowances accumulate. No rules logic lives
// here: the functions are passed in (the CLI imports src/functions, the workbench calls the ids
// registered with CustomFunctions.associate), so every front end shows what Excel would show.
// The command line passes src/functions/batch.ts's one-pass forms of the same functions
// (options.shipmentColumns, options.ledgerTotals): the same cells, each row resolved and decided
// once, LEDGER's totals in typed arrays. What this layer adds is the gate: a row is either checked, blank, or an error of its own, never
// passed unchecked. Pure: no DOM, no node I/O.
import { Types } from "../functions/args";
import { ExcelError, excelError, isExcelError, toExcelError } from "../functions/errors";
import { dateOrder } from "../functions/ledger";
import { Cell, Matrix, NumberLocale, errorText, isBlankCell, quote, typeCell } from "./cells";
import { HEADER_ALIASES, Role } from "./headers";
import type { LedgerTotals, ShipmentColumns } from "../functions/batch";

export { Cell, Matrix };

/** Calls a custom function by its id (e.g. "REQUIRES_LICENSE") with Excel-shaped arguments. */
export type FunctionCaller = (
  id: string,
  ...args: unknown[]
) => Matrix | Cell | Promise<Matrix | Cell>;

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
  /** How text numbers and dates are read; null or omitted: strictly (see cells.ts). */
  locale?: NumberLocale | null;
  /** Write the Explanation column (EXPLAIN); false leaves it blank and skips the call. Default true. */
  explanations?: boolean;
  /** Allowance use computed beforehand over the whole table (see ledgerOf); skips LEDGER here. */
  ledger?: LedgerSummary | null;
  /** Index of rows[0] within the whole table (for `ledger` and problem rows). Default 0. */
  offset?: number;
  /** Index of rows[0] within `ledger` when that holds only some rows' values. Default: `offset`. */
  ledgerAt?: number;
  /**
   * REQUIRES_LICENSE, LICENSE_EXCEPTION, REVIEW_POLICY and EXPLAIN in one call (src/functions/batch.ts,
   * same cells): the command line passes it; without it, each function is called on its own.
   */
  shipmentColumns?: (
    inputs: readonly unknown[],
    explanations: boolean,
    allocations?: readonly number[] | null
  ) => ShipmentColumns;
  /** LEDGER's verdicts and allowance totals in typed arrays (src/functions/batch.ts), for ledgerOf. */
  ledgerTotals?: (inputs: readonly unknown[]) => LedgerTotals | ExcelError;
}

export interface CheckStats {
  rows: number;
  licences: number;
  noLicence: number;
  indeterminate: number;
  /** Rows with an input error, including rows with some inputs filled and others blank. */
  errors: number;
  blank: number;
  /** Rows (0-based, data rows) with an input error, and the message, first 20. */
  problems: { row: number; message: string }[];
  /** LEDGER was used: allowances accumulate per consignee and calendar year. */
  ledger: boolean;
  /** Rows where LEDGER's licence verdict or exception differs from the row's own determination (expected 0). */
  ledgerDifferences: number;
  /** Checked rows by their Ship from cell as written (trimmed, upper case); blank cells (US) not counted. */
  shipFroms: Map<string, number>;
}

export interface CheckResult {
  /** One line per data row: the OUTPUT_COLUMNS values (errors are ExcelError objects). */
  values: Cell[][];
  stats: CheckStats;
}

export function emptyStats(): CheckStats {
  return {
    rows: 0,
    licences: 0,
    noLicence: 0,
    indeterminate: 0,
    errors: 0,
    blank: 0,
    problems: [],
    ledger: false,
    ledgerDifferences: 0,
    shipFroms: new Map(),
  };
}

/** Adds a chunk's counts to the running total. */
export function addStats(total: CheckStats, part: CheckStats): void {
  total.rows += part.rows;
  total.licences += part.licences;
  total.noLicence += part.noLicence;
  total.indeterminate += part.indeterminate;
  total.errors += part.errors;
  total.blank += part.blank;
  for (const p of part.problems) if (total.problems.length < 20) total.problems.push(p);
  total.ledger = total.ledger || part.ledger;
  total.ledgerDifferences += part.ledgerDifferences;
  for (const [k, v] of part.shipFroms) total.shipFroms.set(k, (total.shipFroms.get(k) ?? 0) + v);
}

/**
 * A function's result over a row vector of inputs, as a flat vector: a 1 x n result (the shape
 * the inputs had), an n x 1 one, or a single value (one input row, or an error for the call).
 */
async function callVector(call: FunctionCaller, id: string, ...args: unknown[]): Promise<Cell[]> {
  const result = await call(id, ...args);
  if (!Array.isArray(result)) return [result];
  if (result.length === 1) return Array.isArray(result[0]) ? (result[0] as Cell[]) : result;
  return Array.isArray(result[0]) ? (result as Matrix).map((line) => line[0]) : result;
}

/** A vector of a column's cells as one Excel range: a 1 x n row (one array, not n). */
const range = (v: Cell[] | null): Matrix | null => (v ? [v] : null);

const KIND: Partial<Record<Role, "number" | "date">> = { quantity: "number", date: "date" };
const ARG_NAME: Record<Role, string> = {
  chip: "chip",
  destination: "destination",
  quantity: "quantity",
  hq: "end_user_hq",
  consignee: "consignee",
  date: "as_of",
  shipFrom: "ship_from",
  eccn: "ECCN",
  scheduleB: "Schedule B",
};

// Texts typed so far, by kind, argument name and locale: a check in blocks types each distinct date
// and quantity once, not once a block. Values are numbers, ISO texts and errors, never changed.
const typedMemo = new Map<string, Map<string, Cell>>();

function typedTexts(kind: string, name: string, locale: NumberLocale | null): Map<string, Cell> {
  const key = `${kind}|${name}|${locale ? `${locale.tag}|${locale.decimal}|${locale.group}|${locale.dateOrder}` : ""}`;
  let typed = typedMemo.get(key);
  if (!typed) {
    if (typedMemo.size >= 16) typedMemo.clear();
    typedMemo.set(key, (typed = new Map()));
  }
  return typed;
}

/**
 * Cells `from` to `to` of a column, text numbers and dates typed in the locale. Each distinct text
 * is typed once (a table holds a few hundred dates and quantities), so rows share their values.
 */
function typedColumn(
  cells: (i: number) => Cell,
  from: number,
  to: number,
  role: Role,
  locale: NumberLocale | null
): Cell[] {
  const kind = KIND[role] ?? "text";
  const name = ARG_NAME[role];
  const out: Cell[] = new Array(to - from);
  if (kind === "text") {
    for (let r = from; r < to; r++) {
      const v = cells(r);
      out[r - from] = v === undefined ? null : v;
    }
    return out;
  }
  const typed = typedTexts(kind, name, locale);
  for (let r = from; r < to; r++) {
    const v = cells(r);
    if (typeof v !== "string") {
      out[r - from] = v === undefined ? null : typeCell(v, kind, locale, name);
      continue;
    }
    let t = typed.get(v);
    if (t === undefined && !typed.has(v)) {
      t = typeCell(v, kind, locale, name);
      if (typed.size < 100_000) typed.set(v, t);
    }
    out[r - from] = t;
  }
  return out;
}

/** A column of some rows of the table (null when the table has no such column), typed. */
function column(
  rows: readonly (readonly Cell[])[],
  index: number | undefined,
  role: Role,
  locale: NumberLocale | null
): Cell[] | null {
  if (index === undefined) return null;
  return typedColumn((r) => rows[r][index], 0, rows.length, role, locale);
}

const INPUT_ROLES: readonly Role[] = ["chip", "destination", "quantity", "hq", "date", "shipFrom"];

/**
 * Why a row cannot be checked before any function sees it, or null: an input cell holding an error
 * (a formula without a saved result, a date that reads two ways), a required input blank while
 * another input is filled. Blank rows return null. A Ship from cell is the functions' to read
 * (`ship_from`, the 8th argument): a reexport is judged, not refused here.
 */
function rowProblem(cols: Partial<Record<Role, Cell[] | null>>, i: number): ExcelError | null {
  let filled: Role | null = null;
  let blank: Role | null = null;
  for (const role of INPUT_ROLES) {
    const m = cols[role];
    if (!m) continue;
    const v = m[i];
    if (isExcelError(v)) return v;
    if (isBlankCell(v)) {
      if ((role === "chip" || role === "destination" || role === "quantity") && !blank)
        blank = role;
    } else if (!filled) filled = role;
  }
  if (filled && blank)
    return excelError(
      "#VALUE!",
      `${HEADER_ALIASES[blank][0]} is blank while ${HEADER_ALIASES[filled][0]} is filled: the row was not checked`
    );
  return null;
}

const PAIR_TABLE_MAX = 1 << 20;
let pairTable = new Int32Array(0);

/**
 * The distinct rows of some columns (null columns ignored): `unique` lists the first row of each
 * distinct combination, `slots[i]` the position in `unique` of row i's combination. Cells are
 * compared as values (1 and "1" differ: the functions may read them differently); the columns are
 * folded in one at a time into small integer slots, so no key is built per row.
 */
function distinctRows(
  columns: readonly (Cell[] | null)[],
  n: number
): { slots: Int32Array; unique: number[] } {
  const slots = new Int32Array(n);
  const ids = new Int32Array(n);
  // Distinct combinations so far: slots are below it.
  let count = 1;
  for (const c of columns) {
    if (!c) continue;
    const seen = new Map<unknown, number>();
    for (let i = 0; i < n; i++) {
      const v = c[i];
      let id = seen.get(v);
      if (id === undefined) seen.set(v, (id = seen.size));
      ids[i] = id;
    }
    const width = seen.size;
    if (width === 1) continue;
    // slots < count and ids < width <= n: the pair fits a double exactly for any block size.
    if (count * width <= PAIR_TABLE_MAX) {
      // A small block's pairs index a table (kept between calls, -1 where no pair is) instead of
      // a map: nothing allocated per column and block.
      if (pairTable.length < count * width) pairTable = new Int32Array(count * width).fill(-1);
      let next = 0;
      for (let i = 0; i < n; i++) {
        const key = slots[i] * width + ids[i];
        let slot = pairTable[key];
        if (slot < 0) pairTable[key] = slot = next++;
        slots[i] = slot;
        ids[i] = key;
      }
      for (let i = 0; i < n; i++) pairTable[ids[i]] = -1;
      count = next;
      continue;
    }
    const pairs = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const key = slots[i] * width + ids[i];
      let slot = pairs.get(key);
      if (slot === undefined) pairs.set(key, (slot = pairs.size));
      slots[i] = slot;
    }
    count = pairs.size;
  }
  const unique: number[] = [];
  for (let i = 0; i < n; i++) if (slots[i] === unique.length) unique.push(i);
  return { slots, unique };
}

/** What LEDGER found over the whole table, kept compact: three small values per row. */
export interface LedgerSummary {
  /** Allowance TPP the row's consignee used earlier in the calendar year (prior_tpp). */
  priors: Float64Array;
  /** LEDGER's licence verdict: 1 licence, 0 none, -1 an error or blank row. */
  licence: Int8Array;
  /** LEDGER's exception (interned), null for an error or blank row. */
  exception: (string | null)[];
  /**
   * The country allocation TPP each row's destination had used before it, in LEDGER's order (the
   * review policy and explanation of a Tier 2 row under diffusion-2025 depend on it); null when
   * LEDGER's cells were read, which show only the total after a row.
   */
  allocations: Float64Array | null;
  /**
   * Consignee keys that several spellings fold into (case, spaces, punctuation: "Acme Inc." and
   * "ACME  INC" share one allowance), for the audit record: the first few keys, with up to three
   * spellings each, and how many keys folded in all.
   */
  folded: { keys: number; examples: { key: string; spellings: string[] }[] };
}

/** How a folded consignee key reads in an audit record. */
export function describeFolded(folded: LedgerSummary["folded"]): string {
  if (!folded.keys) return "each consignee spelled one way";
  const shown = folded.examples
    .map((e) => `'${e.key}' <- ${e.spellings.map((s) => `"${s.slice(0, 60)}"`).join(", ")}`)
    .join("; ");
  return `${folded.keys} consignee key(s) from several spellings (case, spaces and punctuation fold; one allowance each): ${shown}${folded.keys > folded.examples.length ? "; ..." : ""}`;
}

/**
 * Runs LEDGER over the whole table (rows in date order, allowances per consignee and calendar
 * year) and returns each row's prior allowance use, or null when no row has a consignee.
 * `columns` holds, by role, the whole column of each cell LEDGER reads (`rows` cells each).
 */
export async function ledgerOf(
  call: FunctionCaller,
  columns: Partial<Record<Role, readonly Cell[]>>,
  rows: number,
  options: Pick<CheckOptions, "useDates" | "locale" | "ledgerTotals">,
  defaultDate: () => string
): Promise<LedgerSummary | null> {
  const locale = options.locale ?? null;
  const n = rows;
  const whole = (role: Role, use = true): Cell[] | null => {
    const cells = use ? columns[role] : undefined;
    if (!cells) return null;
    // Text is passed as it is (LEDGER only reads it): no copy of a million-cell column.
    if (!KIND[role] && cells.length === n && !cells.includes(undefined)) return cells as Cell[];
    return typedColumn((r) => cells[r], 0, n, role, locale);
  };
  const consignees = whole("consignee");
  if (!consignees || !consignees.some((c) => !isBlankCell(c))) return null;
  const dates = whole("date", options.useDates);
  // Row vectors (1 x n): LEDGER reads any shape, and one array per column is all it costs here.
  let inputs: unknown[] | null = [
    range(whole("chip")),
    range(whole("destination")),
    range(whole("quantity")),
    range(whole("hq")),
    range(consignees),
    range(dates),
    null,
    range(whole("shipFrom")),
  ];
  // What the pass reads of LEDGER, per row: its licence verdict and exception, and the allowance
  // total after the row (NaN where LEDGER shows an error or a blank row).
  let totalsOf: LedgerTotals;
  if (options.ledgerTotals) {
    const t = options.ledgerTotals(inputs);
    if (isExcelError(t)) {
      if (n !== 1) return null;
      totalsOf = {
        licence: new Int8Array(1).fill(-1),
        exception: [null],
        allowance: new Float64Array(1).fill(NaN),
        allocation: new Float64Array(1),
      };
    } else totalsOf = t;
  } else {
    const ledger: Matrix | null = await callMatrixOf(call, "LEDGER", ...inputs);
    if (ledger.length !== n) return null;
    totalsOf = {
      licence: new Int8Array(n).fill(-1),
      exception: new Array(n).fill(null),
      allowance: new Float64Array(n).fill(NaN),
      allocation: null,
    };
    for (let i = 0; i < n; i++) {
      const [, lic, exc, total] = ledger[i];
      if (lic === true || lic === false) {
        totalsOf.licence[i] = lic ? 1 : 0;
        totalsOf.exception[i] = typeof exc === "string" ? exc : null;
      }
      if (typeof total === "number") totalsOf.allowance[i] = total;
    }
  }
  inputs = null; // the typed copies of the columns are not needed any more
  if (totalsOf.licence.length !== n) return null;
  const priors = new Float64Array(n);
  const totals = new Float64Array(n);
  // Each row's prior use is the consignee's running total after its previous row in the same
  // year, in LEDGER's order (date, then table order); the functions' own coercion gives the keys,
  // each distinct consignee and date coerced once. Per row: a consignee id and a date rank.
  const who = new Int32Array(n).fill(-1);
  const when = new Int32Array(n);
  const consigneeIds = new Map<unknown, number>();
  const keyIds = new Map<string, number>();
  // The keys several spellings fold into, for the audit (a few examples, all counted).
  const firstSpelling = new Map<string, unknown>();
  const foldedKeys = new Map<string, string[]>();
  const noteFolded = (key: string, raw: unknown) => {
    let list = foldedKeys.get(key);
    if (!list) {
      list = [String(firstSpelling.get(key))];
      foldedKeys.set(key, list);
      if (foldedKeys.size <= 10) folded.examples.push({ key, spellings: list });
    }
    if (list.length < 3) list.push(String(raw));
  };
  const folded: LedgerSummary["folded"] = { keys: 0, examples: [] };
  const dateIds = new Map<unknown, number>();
  const dateList: string[] = [];
  const licence = totalsOf.licence;
  const exception = totalsOf.exception;
  const allowance = totalsOf.allowance;
  for (let i = 0; i < n; i++) {
    const total = allowance[i];
    if (total !== total) continue; // an error or a blank row: LEDGER skipped it
    const raw = consignees[i];
    if (isBlankCell(raw)) continue; // no consignee: the row stands alone
    const d = dates ? dates[i] : null;
    const dateKey = isBlankCell(d) ? null : d;
    let dateId = dateIds.get(dateKey);
    if (dateId === undefined) {
      let date: string | null;
      try {
        date = dateKey === null ? defaultDate() : Types.date.coerce(dateKey, "dates");
      } catch {
        date = null;
      }
      dateId = date === null ? -1 : dateList.push(date) - 1;
      dateIds.set(dateKey, dateId);
    }
    if (dateId < 0) continue;
    let id = consigneeIds.get(raw);
    if (id === undefined) {
      const key = Types.consignee.coerce(raw, "consignees");
      id = keyIds.get(key);
      if (id === undefined) {
        keyIds.set(key, (id = keyIds.size));
        firstSpelling.set(key, raw);
      } else noteFolded(key, raw);
      consigneeIds.set(raw, id);
    }
    who[i] = id;
    when[i] = dateId;
    totals[i] = total;
  }
  // LEDGER's order: date, then table order (one date written two ways is one date).
  const year = new Int32Array(dateList.length);
  dateList.forEach((d, k) => (year[k] = Number(d.slice(0, 4))));
  const order = dateOrder(dateList, when, (i) => who[i] >= 0);
  const last = new Map<number, number>();
  for (let j = 0; j < order.length; j++) {
    const i = order[j];
    const key = who[i] * 10_000 + year[when[i]];
    priors[i] = last.get(key) ?? 0;
    last.set(key, totals[i]);
  }
  folded.keys = foldedKeys.size;
  return { priors, licence, exception, folded, allocations: totalsOf.allocation };
}

// The consignee cells read so far, with their problem (null: readable), as LEDGER reads them.
const consigneeRead = new Map<unknown, ExcelError | null>();

/** Why LEDGER cannot read a consignee cell (Types.consignee), or null. */
function consigneeProblem(raw: unknown): ExcelError | null {
  let p = consigneeRead.get(raw);
  if (p === undefined) {
    try {
      Types.consignee.coerce(raw, "consignee");
      p = null;
    } catch (error) {
      p = toExcelError(error);
    }
    if (consigneeRead.size >= 10_000) consigneeRead.clear();
    consigneeRead.set(raw, p);
  }
  return p;
}

async function callMatrixOf(call: FunctionCaller, id: string, ...args: unknown[]): Promise<Matrix> {
  const result = await call(id, ...args);
  if (Array.isArray(result))
    return Array.isArray(result[0]) ? (result as Matrix) : (result as Cell[]).map((v) => [v]);
  return [[result]];
}

/**
 * Checks the data rows. `rows` are the table's data rows (header excluded), `roles` the column of
 * each input. Settings (regime, as-of date) are whatever the caller set with updateSettings: no
 * regime or as-of argument is passed, so the functions use the workbook defaults, as formulas
 * without those arguments do in Excel. Without `options.ledger`, LEDGER runs over these rows
 * when they have consignees.
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
  const locale = options.locale ?? null;
  const offset = options.offset ?? 0;
  const explanations = options.explanations !== false;
  const dateIndex = options.useDates ? roles.date : undefined;
  const stats = emptyStats();
  stats.rows = n;
  const values: Cell[][] = new Array(n);

  let ledger = options.ledger ?? null;
  let ledgerOffset = options.ledgerAt ?? offset;
  if (options.ledger === undefined) {
    const byRole: Partial<Record<Role, Cell[]>> = {};
    for (const role of [...INPUT_ROLES, "consignee"] as Role[]) {
      const c = roles[role];
      if (c !== undefined) byRole[role] = rows.map((row) => row[c]);
    }
    ledger = await ledgerOf(call, byRole, n, options, defaultDate);
    ledgerOffset = 0;
  }
  stats.ledger = ledger !== null;

  for (let from = 0; from < n; from += chunk) {
    const to = Math.min(n, from + chunk);
    const part = rows.slice(from, to);
    const cols: Partial<Record<Role, Cell[] | null>> = {
      chip: column(part, roles.chip, "chip", locale),
      destination: column(part, roles.destination, "destination", locale),
      quantity: column(part, roles.quantity, "quantity", locale),
      hq: column(part, roles.hq, "hq", locale),
      date: column(part, dateIndex, "date", locale),
      shipFrom: column(part, roles.shipFrom, "shipFrom", locale),
    };
    // Rows the gate stops are blanked before the call (their own error is written instead), so a
    // function never half-reads them.
    const width = to - from;
    const problems: (ExcelError | null)[] = new Array(width);
    for (let i = 0; i < width; i++) {
      let p = rowProblem(cols, i);
      // A consignee that cannot be read (an error, a formula without a saved result, a look-alike
      // letter, no letters at all) leaves the row's allowance unknown: the row is not checked
      // either, as LEDGER does not check it.
      const who = roles.consignee === undefined ? undefined : part[i][roles.consignee];
      if (!p && isExcelError(who)) p = who;
      if (!p && who !== undefined && !isBlankCell(who)) p = consigneeProblem(who);
      problems[i] = p;
      if (p) for (const role of INPUT_ROLES) if (cols[role]) cols[role]![i] = null;
    }
    const prior: Cell[] | null = ledger
      ? Array.from(ledger.priors.subarray(ledgerOffset + from, ledgerOffset + to))
      : null;
    const allocation: number[] | null = ledger?.allocations
      ? Array.from(ledger.allocations.subarray(ledgerOffset + from, ledgerOffset + to))
      : null;
    // Rows with the same inputs get the same answers: each distinct row is asked once (order
    // books repeat the same chip, destination, quantity and date many times).
    const { slots, unique } = distinctRows(
      [...INPUT_ROLES.map((role) => cols[role] ?? null), prior, allocation],
      width
    );
    // Each column goes as one row vector (1 x n): one array per column, not one per cell.
    const distinct = <T>(m: T[]): T[] => (unique.length < width ? unique.map((r) => m[r]) : m);
    const only = (m: Cell[] | null | undefined): Matrix | null => (!m ? null : range(distinct(m)));
    const shipment: unknown[] = [
      only(cols.chip),
      only(cols.destination),
      only(cols.quantity),
      only(cols.hq),
      null,
      only(cols.date),
      only(prior),
      only(cols.shipFrom),
    ];
    let licence: Cell[], exception: Cell[], policy: Cell[], h100: Cell[], explanation: Cell[];
    if (options.shipmentColumns) {
      const all = options.shipmentColumns(
        shipment,
        explanations,
        allocation && distinct(allocation)
      );
      ({ licence, exception, policy } = all);
      explanation = all.explanation ?? [""];
      h100 = await callVector(call, "H100_EQUIVALENT", shipment[0], shipment[2]);
    } else
      [licence, exception, policy, h100, explanation] = await Promise.all([
        callVector(call, "REQUIRES_LICENSE", ...shipment),
        callVector(call, "LICENSE_EXCEPTION", ...shipment),
        callVector(call, "REVIEW_POLICY", ...shipment),
        callVector(call, "H100_EQUIVALENT", shipment[0], shipment[2]),
        explanations ? callVector(call, "EXPLAIN", ...shipment) : Promise.resolve([""]),
      ]);
    const asked = unique.length;
    const pick = (m: Cell[], i: number): Cell =>
      m.length === asked ? m[slots[i]] : m.length === 1 ? m[0] : "";
    for (let i = 0; i < width; i++) {
      const problem = problems[i];
      const line: Cell[] = problem
        ? [problem, problem, problem, "", explanations ? problem : ""]
        : [
            pick(licence, i),
            pick(exception, i),
            pick(policy, i),
            pick(h100, i),
            explanations ? pick(explanation, i) : "",
          ];
      // A blank row of the table (no chip, destination or quantity) stays blank.
      if (line[0] === "") line[3] = "";
      values[from + i] = line;
      if (ledger && !problem) {
        // Cross-check: with the prior allowance LEDGER accumulated, the row's own determination
        // must agree with LEDGER's verdict and exception.
        const at = ledgerOffset + from + i;
        const lic = ledger.licence[at];
        const mine = line[0] === true ? 1 : line[0] === false ? 0 : -1;
        if (
          lic !== mine ||
          (lic !== -1 && typeof line[1] === "string" && (ledger.exception[at] ?? "") !== line[1])
        )
          stats.ledgerDifferences++;
      }
      const verdict = line[0];
      const shippedFrom = cols.shipFrom?.[i];
      const decided =
        verdict === true ||
        verdict === false ||
        (isExcelError(verdict) && /^INDETERMINATE/.test(verdict.message ?? ""));
      if (decided && shippedFrom !== undefined && !isBlankCell(shippedFrom)) {
        const key = String(shippedFrom).trim().toUpperCase().slice(0, 60);
        stats.shipFroms.set(key, (stats.shipFroms.get(key) ?? 0) + 1);
      }
      if (verdict === true) stats.licences++;
      else if (verdict === false) stats.noLicence++;
      else if (isExcelError(verdict)) {
        if (/^INDETERMINATE/.test(verdict.message ?? "")) stats.indeterminate++;
        else {
          stats.errors++;
          if (stats.problems.length < 20)
            stats.problems.push({ row: offset + from + i, message: errorText(verdict) });
        }
      } else if (verdict === "") stats.blank++;
      else {
        // Anything else in the licence column is not a verdict: never count it as checked.
        stats.errors++;
        if (stats.problems.length < 20)
          stats.problems.push({
            row: offset + from + i,
            message: `no verdict (${quote(verdict)})`,
          });
      }
    }
    if (options.onProgress) await options.onProgress(to, n);
  }
  return { values, stats };
}
