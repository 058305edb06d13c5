/* global Excel */
// The pane's sheet actions. Each takes an Excel request context (Excel.run hands one over; tests
// hand over an office-addin-mock object), reads the selected shipment table, and writes formulas
// or values. What to write is decided in shipment-table.ts; this file only talks to Excel.
import { RULES_DATA_HASH, RULES_DATA_VERSION, explain } from "../rules";
import { listRegimes } from "../rules/pane-api";
import type { IsoDate, RegimeInfo } from "../rules";
import {
  COLUMN_LABELS,
  COLUMN_ORDER,
  FormulaMode,
  OUTPUT_HEADERS,
  RowResult,
  ShipmentTable,
  TableError,
  address,
  complianceFormulas,
  evaluateRows,
  existingOutputColumns,
  isBlank,
  locateTable,
} from "./shipment-table";
import { verdictKey, verdictText } from "./verdict";
import { screeningList } from "../screening/store";

export interface ActionResult {
  ok: boolean;
  message: string;
  /** The sheet written to, when the action created one. */
  sheet?: string;
}

/** The part of the Excel namespace the pane uses (the real one, or a test double). */
export interface ExcelApi {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  CalculationType?: { full: string };
}

export type SheetAction = (context: Excel.RequestContext) => Promise<ActionResult>;

/** Runs an action in Excel.run and turns any failure into a message for the pane. */
export async function runSheetAction(
  excel: ExcelApi | undefined,
  action: SheetAction
): Promise<ActionResult> {
  if (!excel || typeof excel.run !== "function")
    return {
      ok: false,
      message: "Sheet actions need Excel: open this pane from the EXPORTCTL button in Excel.",
    };
  try {
    return await excel.run(action);
  } catch (error) {
    return { ok: false, message: describeError(error) };
  }
}

export function describeError(error: unknown): string {
  if (error instanceof TableError) return error.message;
  const e = error as { code?: string; message?: string } | null;
  if (e && e.code === "ItemNotFound") {
    return "Nothing to read: the selection (or the sheet) is empty. Select a shipment table with its header row (Chip, Destination, Quantity, ...).";
  }
  if (e && e.code === "InvalidSelection")
    return "Select one block of cells: the shipment table including its header row.";
  return `Excel could not finish: ${e && e.message ? e.message : String(error)}`;
}

/** Recalculates every formula so existing cells follow a new regime or date. False when Excel is absent. */
export async function recalculate(excel: ExcelApi | undefined): Promise<boolean> {
  if (!excel || typeof excel.run !== "function") return false;
  await excel.run(async (context) => {
    context.workbook.application.calculate(
      (excel.CalculationType?.full ?? "Full") as Excel.CalculationType
    );
    await context.sync();
  });
  return true;
}

export interface SelectedTable {
  table: ShipmentTable;
  sheet: Excel.Worksheet;
  range: Excel.Range;
  address: string;
}

/**
 * The shipment table the user selected: the used part of the selection, or of the whole sheet when
 * only one row (a cell, or the header row) is selected. The header row is found in its top rows.
 */
export async function readSelectedTable(context: Excel.RequestContext): Promise<SelectedTable> {
  const selected = context.workbook.getSelectedRange();
  selected.load("rowCount");
  await context.sync();
  const range =
    selected.rowCount > 1 ? selected.getUsedRange(true) : selected.worksheet.getUsedRange(true);
  range.load("values,rowIndex,columnIndex,address");
  const sheet = range.worksheet;
  sheet.load("name");
  await context.sync();
  const table = locateTable(
    range.values as unknown[][],
    range.rowIndex,
    range.columnIndex,
    sheet.name,
    range.address
  );
  return { table, sheet, range, address: range.address };
}

/** An Excel table (ListObject) cannot hold a spilling formula; plain ranges can. */
export async function inExcelTable(
  context: Excel.RequestContext,
  range: Excel.Range
): Promise<boolean> {
  if (typeof range.getTables !== "function") return false;
  try {
    const count = range.getTables(false).getCount();
    await context.sync();
    // A ClientResult (getCount) is read after sync; it has no load().
    // eslint-disable-next-line office-addins/load-object-before-read
    return count.value > 0;
  } catch {
    return false;
  }
}

const CHUNK_ROWS = 2000;

/** "1 shipment", "4 shipments". */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** Writes a block of values or formulas in chunks, so large tables stay under Excel's payload limits. */
export async function writeBlock(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  row: number,
  col: number,
  data: unknown[][],
  kind: "values" | "formulas" = "values"
): Promise<void> {
  const width = Math.max(...data.map((r) => r.length));
  for (let start = 0; start < data.length; start += CHUNK_ROWS) {
    const part = data.slice(start, start + CHUNK_ROWS).map((r) => {
      const padded = [...r];
      while (padded.length < width) padded.push("");
      return kind === "values" ? padded.map(cellValue) : padded;
    });
    const target = sheet.getRangeByIndexes(row + start, col, part.length, width);
    if (kind === "values") target.values = part as unknown[][] as Excel.Range["values"];
    else target.formulas = part as unknown[][] as Excel.Range["formulas"];
    // One sync per chunk is the point: it keeps each request under Excel's payload limit.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    if (start + CHUNK_ROWS < data.length) await context.sync();
  }
}

/** Text that Excel would read as a formula is written as text. */
function cellValue(v: unknown): unknown {
  if (typeof v === "string" && v.startsWith("=")) return "'" + v;
  if (v === null || v === undefined) return "";
  return v;
}

function bold(range: Excel.Range): void {
  range.format.font.bold = true;
}

// ---------------------------------------------------------------------------------------------
// Add compliance columns

/**
 * Appends License required / Exception / Review policy / H100 equivalents / Explanation to the
 * right of the selected table, as EXPORTCTL formulas over the table's own cells (see
 * complianceFormulas for spill vs one formula per row). Run again after adding rows: it finds its
 * own columns and rewrites them. Never overwrites cells that hold something else.
 */
export async function addComplianceColumns(context: Excel.RequestContext): Promise<ActionResult> {
  const { table, sheet, range } = await readSelectedTable(context);
  const n = table.rows.length;
  const mode: FormulaMode = (await inExcelTable(context, range)) ? "per-row" : "spill";
  const existing = existingOutputColumns(table.header);
  const lastHeader = table.header.reduce((last, h, i) => (isBlank(h) ? last : i), 0);
  const col = table.left + (existing ?? lastHeader + 1);
  const block = sheet.getRangeByIndexes(table.top, col, n + 1, OUTPUT_HEADERS.length);
  if (existing === null) {
    block.load("values");
    await context.sync();
    const used = (block.values as unknown[][]).some((row) => row.some((v) => !isBlank(v)));
    if (used) {
      throw new TableError(
        `Cells ${address(table.top, col, n + 1, OUTPUT_HEADERS.length)} next to the table are not empty. ` +
          "Clear them or move the table, then try again."
      );
    }
  } else {
    sheet.getRangeByIndexes(table.top + 1, col, n, OUTPUT_HEADERS.length).clear("Contents");
  }
  const header = sheet.getRangeByIndexes(table.top, col, 1, OUTPUT_HEADERS.length);
  header.values = [[...OUTPUT_HEADERS]];
  bold(header);
  await writeBlock(context, sheet, table.top + 1, col, complianceFormulas(table, mode), "formulas");
  await context.sync();
  const where = address(table.top, col, 1, OUTPUT_HEADERS.length);
  const how =
    mode === "spill"
      ? `one formula per column in row ${table.top + 2}, spilling over the ${count(n, "shipment row")}`
      : `one formula per row (the table is an Excel table, where formulas cannot spill)`;
  const consignee =
    table.columns.consignee !== undefined
      ? " These judge each row alone; running allowances per consignee are in Compare regimes and =EXPORTCTL.LEDGER(...)."
      : "";
  return {
    ok: true,
    message: `${existing === null ? "Added" : "Updated"} ${OUTPUT_HEADERS.join(", ")} in ${where}: ${how}. They use the regime chosen here unless you add one.${consignee}`,
  };
}

// ---------------------------------------------------------------------------------------------
// New sheets

/** The first free sheet name among base, "base (2)", ... (sheet names: at most 31 characters). */
export async function freeSheetName(context: Excel.RequestContext, base: string): Promise<string> {
  const candidates = [base, ...Array.from({ length: 19 }, (_, i) => `${base} (${i + 2})`)].map(
    (n) => n.slice(0, 31)
  );
  const probes = candidates.map((name) => {
    const probe = context.workbook.worksheets.getItemOrNullObject(name);
    // isNullObject is a scalar flag, not a navigation property.
    // eslint-disable-next-line office-addins/no-navigational-load
    probe.load("isNullObject");
    return probe;
  });
  await context.sync();
  const free = candidates.find((_, i) => probes[i].isNullObject);
  if (!free) throw new TableError(`Too many sheets named "${base}": rename or delete some.`);
  return free;
}

export interface CompareOptions {
  /** The as-of date for rows without a Date: the pane's (fixed or today). */
  asOf: IsoDate;
  now?: Date;
  regimes?: RegimeInfo[];
}

export interface CompareSheet {
  /** Title and provenance lines above the tables. */
  preamble: unknown[][];
  /** Header + one row per regime: id, licenses needed, exceptions, no license, indeterminate, input errors, name, status. */
  summary: unknown[][];
  /** Header + one row per shipment: inputs, as of, one verdict per regime, Differs. */
  detail: unknown[][];
}

function inputColumns(table: ShipmentTable) {
  return COLUMN_ORDER.filter((k) => k !== "date" && table.columns[k] !== undefined);
}

/** The content of the comparison sheet (values only), computed by the rules module. */
export function buildComparison(
  table: ShipmentTable,
  source: string,
  options: CompareOptions
): CompareSheet {
  const regimes = options.regimes ?? listRegimes();
  const now = options.now ?? new Date();
  const results = regimes.map((r) => evaluateRows(table, r.id, options.asOf));
  const inputs = inputColumns(table);
  const detail: unknown[][] = [
    [...inputs.map((k) => COLUMN_LABELS[k]), "As of", ...regimes.map((r) => r.id), "Differs"],
  ];
  table.rows.forEach((_, i) => {
    const first = results[0][i];
    if (!first.present) return;
    const row: unknown[] = inputs.map((k) => first.inputs[k]);
    row.push(first.asOf ?? (isBlank(first.inputs.date) ? options.asOf : String(first.inputs.date)));
    const ds = results.map((rs) => rs[i]);
    for (const r of ds)
      row.push(r.determination ? verdictText(r.determination) : `Error: ${r.error}`);
    const keys = new Set(ds.map((r) => (r.determination ? verdictKey(r.determination) : "error")));
    row.push(ds.some((r) => !r.determination) ? "Input error" : keys.size > 1 ? "Yes" : "No");
    detail.push(row);
  });
  const summary: unknown[][] = [
    [
      "Regime",
      "Licenses needed",
      "Exceptions",
      "No license",
      "Indeterminate",
      "Input errors",
      "Name",
      "Status",
    ],
  ];
  regimes.forEach((r, j) => {
    const rows = results[j].filter((x) => x.present);
    const count = (status: string) => rows.filter((x) => x.determination?.status === status).length;
    summary.push([
      r.id,
      count("LICENSE"),
      count("EXCEPTION"),
      count("NLR"),
      count("INDETERMINATE"),
      rows.filter((x) => x.error).length,
      r.name,
      r.badge,
    ]);
  });
  const differing = detail.slice(1).filter((row) => row[row.length - 1] === "Yes").length;
  const preamble = [
    ["EXPORTCTL: regime comparison"],
    [
      `Source ${source}; ${count(detail.length - 1, "shipment")}; ${differing} where the regimes differ ("Differs" = Yes).`,
    ],
    [
      `As of each row's Date; rows without one: ${options.asOf}. Rules data ${RULES_DATA_VERSION}, hash ${RULES_DATA_HASH}. Written ${now.toISOString()}.`,
    ],
    [
      "Allowances accumulate per consignee and calendar year in date order, as in EXPORTCTL.LEDGER. Parties and end uses are not checked. Not legal advice.",
    ],
  ];
  return { preamble, summary, detail };
}

/**
 * "Compare regimes": a new sheet with the inputs, one column per regime (values from the rules
 * module), a Differs column, a summary of licenses needed per regime and a clustered column chart.
 */
export async function compareRegimes(
  context: Excel.RequestContext,
  options: CompareOptions
): Promise<ActionResult> {
  const selected = await readSelectedTable(context);
  const content = buildComparison(selected.table, selected.address, options);
  const name = await freeSheetName(context, "Regime comparison");
  const sheet = context.workbook.worksheets.add(name);
  const summaryTop = content.preamble.length + 1;
  const detailTop = summaryTop + content.summary.length + 1;
  await writeBlock(context, sheet, 0, 0, content.preamble);
  await writeBlock(context, sheet, summaryTop, 0, content.summary);
  await writeBlock(context, sheet, detailTop, 0, content.detail);
  bold(sheet.getRangeByIndexes(0, 0, 1, 1));
  bold(sheet.getRangeByIndexes(summaryTop, 0, 1, content.summary[0].length));
  bold(sheet.getRangeByIndexes(detailTop, 0, 1, content.detail[0].length));
  const chartData = sheet.getRangeByIndexes(summaryTop, 0, content.summary.length, 2);
  const chart = sheet.charts.add(
    "ColumnClustered" as Excel.ChartType,
    chartData,
    "Columns" as Excel.ChartSeriesBy
  );
  chart.title.text = "Licenses needed per regime";
  chart.legend.visible = false;
  const chartCol = Math.max(content.summary[0].length, content.detail[0].length) + 1;
  chart.setPosition(address(summaryTop, chartCol), address(summaryTop + 16, chartCol + 6));
  sheet
    .getRangeByIndexes(detailTop, 0, content.detail.length, content.detail[0].length)
    .format.autofitColumns();
  sheet.activate();
  await context.sync();
  const differing = content.detail.slice(1).filter((r) => r[r.length - 1] === "Yes").length;
  return {
    ok: true,
    sheet: name,
    message: `Wrote "${name}": ${count(content.detail.length - 1, "shipment")} under ${count(content.summary.length - 1, "regime")}; they differ on ${differing}.`,
  };
}

export interface AuditOptions {
  regime: RegimeInfo;
  /** The as-of date for rows without a Date. */
  asOf: IsoDate;
  /** How the pane's date was chosen, e.g. "today" or "fixed in the pane". */
  asOfSource: string;
  now?: Date;
}

/** The screening list in use (its date and hash are part of the record), and what was not checked. */
function screeningAuditRows(): unknown[][] {
  const list = screeningList();
  if (!list)
    return [
      [
        "Not checked",
        "Parties (Entity List and other screening lists) and end uses (15 CFR 744): screen them separately. Not legal advice.",
      ],
    ];
  const dated = {
    stated: "stated when loaded",
    file: "from the file",
    "file-modified": "the file's modified date",
  };
  return [
    [
      "Screening list",
      list.fileName,
      `list of ${list.date} (${dated[list.dateSource]})`,
      `${list.entries.length} entries`,
      `SHA-256 ${list.sha256}`,
    ],
    [
      "Not checked",
      "End uses (15 CFR 744). Parties are screened by =EXPORTCTL.SCREEN_PARTY and the Screening column against the list above; a match is a lead for due diligence, not a legal conclusion. Not legal advice.",
    ],
  ];
}

/** The content of the audit snapshot sheet (values only). */
export function buildAudit(
  table: ShipmentTable,
  source: string,
  options: AuditOptions
): unknown[][] {
  const now = options.now ?? new Date();
  const inputs = inputColumns(table);
  const rows = evaluateRows(table, options.regime.id, options.asOf).filter((r) => r.present);
  const out: unknown[][] = [
    ["EXPORTCTL audit snapshot"],
    ["Timestamp", now.toISOString(), `local: ${now.toString()}`],
    ["Regime", options.regime.id, options.regime.name, options.regime.badge],
    ["As-of date", `each row's Date; rows without one: ${options.asOf} (${options.asOfSource})`],
    ["Rules data version", RULES_DATA_VERSION],
    ["Rules data hash", RULES_DATA_HASH],
    ["Source table", source],
    ...screeningAuditRows(),
    [],
    [
      "Row",
      ...inputs.map((k) => COLUMN_LABELS[k]),
      "As of",
      "Ship from",
      "Status",
      "License required",
      "Exception",
      "Review policy",
      "ECCN",
      "H100 equivalents",
      "Confidence",
      "Explanation",
    ],
  ];
  for (const r of rows) out.push(auditRow(table, r, inputs));
  return out;
}

function auditRow(
  table: ShipmentTable,
  r: RowResult,
  inputs: ReturnType<typeof inputColumns>
): unknown[] {
  const row: unknown[] = [
    table.top + r.index + 2,
    ...inputs.map((k) => r.inputs[k]),
    r.asOf ?? String(r.inputs.date ?? ""),
  ];
  const d = r.determination;
  if (!d) return [...row, "", "ERROR", "", "", "", "", "", "", `Not evaluated: ${r.error}`];
  return [
    ...row,
    d.shipFrom ?? "US",
    d.status,
    d.licenseRequired === null ? "" : d.licenseRequired,
    d.exception ?? "",
    d.reviewPolicy ?? "",
    d.eccn,
    d.h100Equivalents === null ? "unknown" : Math.round(d.h100Equivalents * 10000) / 10000,
    d.confidence,
    explain(d),
  ];
}

/** "Audit snapshot": a new sheet that freezes inputs, regime, dates, rules version/hash and every explanation. */
export async function auditSnapshot(
  context: Excel.RequestContext,
  options: AuditOptions
): Promise<ActionResult> {
  const selected = await readSelectedTable(context);
  const now = options.now ?? new Date();
  const content = buildAudit(selected.table, selected.address, { ...options, now });
  const pad = (x: number) => String(x).padStart(2, "0");
  const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ${pad(now.getHours())}.${pad(now.getMinutes())}`;
  const name = await freeSheetName(context, `Audit ${stamp}`);
  const sheet = context.workbook.worksheets.add(name);
  await writeBlock(context, sheet, 0, 0, content);
  const headerRow = content.findIndex((r) => r[0] === "Row");
  bold(sheet.getRangeByIndexes(0, 0, 1, 1));
  bold(sheet.getRangeByIndexes(headerRow, 0, 1, content[headerRow].length));
  sheet.activate();
  await context.sync();
  return {
    ok: true,
    sheet: name,
    message: `Wrote "${name}": ${count(content.length - headerRow - 1, "shipment")} under ${options.regime.id}, with rules data ${RULES_DATA_VERSION}.`,
  };
}
