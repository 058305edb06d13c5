/* global globalThis, document, performance, setTimeout, fetch, URL, Blob, Event, DragEvent, Node, HTMLElement, HTMLInputElement, HTMLTableElement, HTMLButtonElement */
// The workbench: EXPORTCTL without Excel. workbench.html holds the task pane's own markup (its
// script starts it as in Excel, with Office absent) beside a shipments grid and a formula box.
// Everything computed here goes through the custom functions the functions bundle registered with
// CustomFunctions.associate (the page's stand-in records them), called by id, exactly as Excel
// calls them; the regime and as-of date are the settings the pane changes, and every change
// recomputes the grid (onSettingsChanged).
import { isExcelError } from "../functions/errors";
import { effectiveAsOf, effectiveRegime, onSettingsChanged } from "../settings/settings";
import { toCsv } from "../shipments";
import { onScreeningListChanged, screeningList } from "../screening/store";
import { SCREENING_COLUMN } from "../screening/types";
import {
  Cell,
  CheckStats,
  FunctionCaller,
  OUTPUT_COLUMNS,
  checkShipments,
  errorText,
  isBlankCell,
} from "../shipments";
import { fill, h } from "../taskpane/dom";
import { FormulaError, asExcelArgs, parseFormula } from "./formula";
import { renderDetail } from "./detail";
import { cellText, inputColumns, renderGrid } from "./grid";
import { Types } from "../functions/args";
import { listRegimes } from "../rules/pane-api";
import { regimeCaveat } from "../taskpane/verdict";
import { BUILT_IN_SAMPLE, LoadError, ShipmentSheet, fromCsvText, fromFile, fromUrl } from "./load";

type Fn = (...args: unknown[]) => unknown;

interface FunctionMeta {
  id: string;
  name: string;
  description: string;
  parameters: { name: string; optional?: boolean; description?: string }[];
}

const registry: Map<string, Fn> =
  (globalThis as unknown as { CustomFunctions?: { registry?: Map<string, Fn> } }).CustomFunctions
    ?.registry ?? new Map();

/** Calls a registered custom function by id, as Excel does. */
export const callById: FunctionCaller = (id, ...args) => {
  const fn = registry.get(id.toUpperCase());
  if (!fn) throw new Error(`EXPORTCTL.${id} is not registered on this page`);
  return fn(...args) as Cell;
};

function $(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`workbench.html has no #${id}`);
  return el;
}

const PAGE_ROWS = 500;

const state: {
  sheet: ShipmentSheet | null;
  values: Cell[][] | null;
  previous: Cell[][] | null;
  stats: CheckStats | null;
  limit: number;
  version: number;
  meta: Map<string, FunctionMeta>;
  ms: number;
  /** The data row whose detail panel is open. */
  selected: number | null;
} = {
  sheet: null,
  values: null,
  previous: null,
  stats: null,
  limit: PAGE_ROWS,
  version: 0,
  meta: new Map(),
  ms: 0,
  selected: null,
};

function regimeNow(): string {
  const r = callById("REGIME");
  return typeof r === "string" ? r : Array.isArray(r) ? String(r[0]?.[0]) : String(r);
}

function regimeName(id: string): string {
  const table = callById("REGIMES");
  if (!Array.isArray(table)) return id;
  const row = (table as Cell[][]).find((r) => r[0] === id);
  return row ? String(row[1]) : id;
}

function useDates(): boolean {
  return ($("wb-use-dates") as HTMLInputElement).checked;
}

function renderSummary(): void {
  const summary = $("wb-summary");
  const s = state.stats;
  const sheet = state.sheet;
  if (!s || !sheet) return fill(summary);
  const regime = regimeNow();
  const asOf = effectiveAsOf();
  const hasDates = sheet.match.roles.date !== undefined;
  const when = useDates() && hasDates ? `each row's Date (blank: ${asOf})` : asOf;
  const stat = (n: number, label: string, cls: string) =>
    h("span", { class: `wb-stat ${cls}` }, h("strong", {}, n.toLocaleString("en-US")), ` ${label}`);
  fill(
    summary,
    h(
      "p",
      { class: "wb-stats" },
      stat(s.rows, s.rows === 1 ? "shipment" : "shipments", "wb-stat-rows"),
      stat(s.licences, "need a licence", "wb-stat-yes"),
      stat(s.noLicence, "no licence", "wb-stat-no"),
      stat(s.indeterminate, "indeterminate", "wb-stat-open"),
      stat(s.errors, s.errors === 1 ? "input error" : "input errors", "wb-stat-err")
    ),
    h(
      "p",
      { class: "wb-context" },
      "Regime ",
      h("code", { id: "wb-regime" }, regime),
      ` (${regimeName(regime)}) · as of ${when} · `,
      s.ledger ? "allowances accumulate per consignee and year (LEDGER)" : "each row on its own",
      ` · computed in ${state.ms.toFixed(0)} ms`,
      state.previous
        ? h(
            "span",
            { class: "wb-changes", id: "wb-changes" },
            ` · Δ ${countChanges()} cells changed`
          )
        : null
    ),
    regimeDateCaveat(regime, asOf)
  );
}

/** A fixed regime applied to dates it was not in force on says so (the "enforced" one never needs to). */
function regimeDateCaveat(regimeId: string, asOf: string): Node | null {
  const sheet = state.sheet;
  const regime = listRegimes().find((r) => r.id === regimeId);
  if (!sheet || !regime) return null;
  const dateCol = useDates() ? sheet.match.roles.date : undefined;
  const dates =
    dateCol === undefined
      ? [asOf]
      : sheet.rows.map((row) => {
          if (isBlankCell(row[dateCol])) return asOf;
          try {
            return Types.date.coerce(row[dateCol], "date");
          } catch {
            return null;
          }
        });
  const off = dates.filter((d): d is string => d !== null && regimeCaveat(regime, d) !== null);
  if (!off.length) return null;
  const what =
    dateCol === undefined
      ? regimeCaveat(regime, asOf)
      : `${off.length.toLocaleString("en-US")} of ${dates.length.toLocaleString("en-US")} rows are dated when ${regime.name} was not in force (${regime.effectiveFrom ? `in force from ${regime.effectiveFrom}` : "never in force"}): its rules are applied to them as if they were.`;
  return h("p", { class: "wb-caveat", id: "wb-caveat" }, h("strong", {}, "Caveat: "), what);
}

let changes = 0;
function countChanges(): number {
  return changes;
}

function renderTable(): void {
  const sheet = state.sheet;
  const table = $("wb-grid") as HTMLTableElement;
  if (!sheet) return;
  const view = renderGrid(table, sheet, state.values, state.previous, state.limit, state.selected);
  changes = view.changed;
  table.dataset.version = String(state.version);
  table.dataset.rows = String(sheet.rows.length);
  const more = $("wb-more");
  fill(more);
  if (view.shown < sheet.rows.length) {
    more.append(
      h(
        "span",
        {},
        `Showing ${view.shown.toLocaleString("en-US")} of ${sheet.rows.length.toLocaleString("en-US")} rows. `
      ),
      button("Show more", () => {
        state.limit += PAGE_ROWS * 4;
        renderTable();
      })
    );
  }
  if (state.values) more.append(button("Download checked CSV", downloadCsv, "wb-download"));
  renderSelected();
}

// ---------------------------------------------------------------------------------------------
// The selected row's detail

function renderSelected(): void {
  const panel = $("wb-detail");
  const sheet = state.sheet;
  const r = state.selected;
  if (!sheet || r === null || r >= sheet.rows.length) {
    panel.hidden = true;
    fill(panel);
    return;
  }
  panel.hidden = false;
  renderDetail(
    panel,
    sheet,
    r,
    state.values?.[r] ?? null,
    {
      regime: effectiveRegime(),
      asOf: effectiveAsOf(),
      useDates: useDates(),
      ledger: Boolean(state.stats?.ledger),
    },
    closeDetail
  );
}

function openDetail(r: number): void {
  state.selected = r;
  renderTable();
  $("wb-detail-heading").focus();
}

function closeDetail(): void {
  const r = state.selected;
  state.selected = null;
  renderTable();
  if (r !== null)
    document
      .querySelector<HTMLButtonElement>(`#wb-grid button.wb-rowbtn[data-row="${r}"]`)
      ?.focus();
}

function button(label: string, onClick: () => void, id?: string): HTMLButtonElement {
  const b = h("button", { type: "button", id: id ?? null }, label);
  b.addEventListener("click", onClick);
  return b;
}

function downloadCsv(): void {
  const sheet = state.sheet;
  if (!sheet || !state.values) return;
  // The grid's columns: the table's own (less the result columns of an earlier check, which
  // the fresh ones replace), then the five results.
  const cols = inputColumns(sheet);
  const header = [
    ...cols.map((c) =>
      sheet.headers[c] === null || sheet.headers[c] === undefined ? "" : sheet.headers[c]
    ),
    ...OUTPUT_COLUMNS,
    ...(state.values.some((line) => line.length > OUTPUT_COLUMNS.length) ? [SCREENING_COLUMN] : []),
  ];
  const lines: unknown[][] = [header];
  sheet.rows.forEach((row, i) => {
    const own = cols.map((c) =>
      isExcelError(row[c]) ? (row[c] as { code: string }).code : (row[c] ?? "")
    );
    lines.push([
      ...own,
      ...state.values![i].map((v, k) =>
        isExcelError(v) ? errorText(v) : k === 3 && typeof v === "number" ? Number(v.toFixed(4)) : v
      ),
    ]);
  });
  const url = URL.createObjectURL(new Blob([toCsv(lines)], { type: "text/csv" }));
  const a = h("a", {
    href: url,
    download: sheet.name.replace(/\.(csv|xlsx|txt)$/i, "") + ".checked.csv",
  });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

let computing: Promise<void> = Promise.resolve();
let queued = false;

/** Recomputes every computed column (coalescing bursts of setting changes into one run). */
function recompute(markChanges: boolean): Promise<void> {
  if (queued) return computing;
  queued = true;
  computing = computing.then(async () => {
    await new Promise((r) => setTimeout(r, 0));
    queued = false;
    const sheet = state.sheet;
    if (!sheet) return;
    const started = performance.now();
    const table = $("wb-grid");
    table.setAttribute("aria-busy", "true");
    try {
      const result = await checkShipments(
        callById,
        sheet.rows,
        sheet.match.roles,
        { useDates: useDates() },
        () => effectiveAsOf()
      );
      const list = screeningList();
      if (list) {
        const { screenCheckedRows } = await import(
          /* webpackChunkName: "screening" */ "../shipments/screening"
        );
        screenCheckedRows(list, result, sheet.rows, sheet.match.roles.consignee);
      }
      state.previous = markChanges ? state.values : null;
      state.values = result.values;
      state.stats = result.stats;
    } catch (error) {
      showSource(
        `Could not compute: ${error instanceof Error ? error.message : String(error)}`,
        true
      );
    }
    state.ms = performance.now() - started;
    state.version++;
    renderTable();
    renderSummary();
    table.setAttribute("aria-busy", "false");
    if (formulaShown) evaluateFormula();
  });
  return computing;
}

function showSource(text: string, isError = false): void {
  const el = $("wb-source");
  el.textContent = text;
  el.className = isError ? "wb-source wb-source-error" : "wb-source";
  el.setAttribute("role", isError ? "alert" : "status");
}

async function load(what: () => Promise<ShipmentSheet>, label: string): Promise<void> {
  showSource(`Loading ${label}…`);
  try {
    const sheet = await what();
    state.sheet = sheet;
    state.values = null;
    state.previous = null;
    state.selected = null;
    state.limit = PAGE_ROWS;
    const found = Object.keys(sheet.match.roles).length;
    showSource(
      `${sheet.name}${sheet.sheet ? `, sheet "${sheet.sheet}"` : ""}: ${sheet.rows.length.toLocaleString("en-US")} rows, ` +
        `${found} of the 6 input columns recognised (${Object.keys(sheet.match.roles).join(", ")}).`
    );
    renderTable();
    await recompute(false);
  } catch (error) {
    showSource(
      error instanceof LoadError
        ? error.message
        : `Could not load ${label}: ${error instanceof Error ? error.message : String(error)}`,
      true
    );
  }
}

// ---------------------------------------------------------------------------------------------
// The formula box

let formulaShown = false;

function showValue(v: Cell): Node {
  if (isExcelError(v)) {
    return h(
      "span",
      { class: "wb-result-error" },
      h("strong", { class: "wb-result-code" }, v.code),
      v.message ? h("span", { class: "wb-result-message" }, ` ${v.message}`) : null
    );
  }
  if (v === true || v === false)
    return h(
      "strong",
      { class: `wb-result-bool wb-pill ${v ? "wb-pill-yes" : "wb-pill-no"}` },
      v ? "TRUE" : "FALSE"
    );
  if (typeof v === "number")
    return h("strong", { class: "wb-result-number" }, String(Number(v.toPrecision(15))));
  if (v === "") return h("span", { class: "wb-result-empty" }, '"" (empty text)');
  return h("span", { class: "wb-result-text" }, String(v));
}

function evaluateFormula(): void {
  const input = $("wb-formula") as HTMLInputElement;
  const out = $("wb-formula-result");
  formulaShown = true;
  let parsed;
  try {
    parsed = parseFormula(input.value);
  } catch (error) {
    out.dataset.kind = "error";
    out.dataset.value = "#SYNTAX";
    fill(
      out,
      h(
        "span",
        { class: "wb-result-error" },
        h("strong", { class: "wb-result-code" }, "Cannot read the formula"),
        ` ${error instanceof FormulaError ? error.message : String(error)}`
      )
    );
    return;
  }
  const meta = state.meta.get(parsed.id);
  if (!registry.has(parsed.id)) {
    out.dataset.kind = "error";
    out.dataset.value = "#NAME?";
    fill(
      out,
      showValue({
        code: "#NAME?",
        message: `EXPORTCTL.${parsed.id} is not an EXPORTCTL function. Functions: ${[...registry.keys()].sort().join(", ")}`,
      } as Cell)
    );
    return;
  }
  if (meta && parsed.args.length > meta.parameters.length) {
    out.dataset.kind = "error";
    out.dataset.value = "#VALUE!";
    fill(
      out,
      showValue({
        code: "#VALUE!",
        message: `EXPORTCTL.${parsed.id} takes at most ${meta.parameters.length} arguments, got ${parsed.args.length}`,
      } as Cell)
    );
    return;
  }
  let result: unknown;
  try {
    result = registry.get(parsed.id)!(...asExcelArgs(parsed.args));
  } catch (error) {
    result = {
      code: "#VALUE!",
      message: `Unexpected problem: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const matrix: Cell[][] = Array.isArray(result)
    ? Array.isArray(result[0])
      ? (result as Cell[][])
      : [result as Cell[]]
    : [[result]];
  if (matrix.length === 1 && matrix[0].length === 1) {
    const v = matrix[0][0];
    out.dataset.kind = isExcelError(v) ? "error" : "value";
    out.dataset.value = isExcelError(v) ? v.code : cellText(v, -1);
    fill(out, h("span", { class: "wb-result-label" }, "Result "), showValue(v));
  } else {
    out.dataset.kind = "array";
    out.dataset.value = `${matrix.length}x${matrix[0]?.length ?? 0}`;
    fill(
      out,
      h(
        "span",
        { class: "wb-result-label" },
        `Spills ${matrix.length} × ${matrix[0]?.length ?? 0}`
      ),
      h(
        "table",
        { class: "wb-spill" },
        h(
          "tbody",
          {},
          matrix.slice(0, 50).map((row) =>
            h(
              "tr",
              {},
              row.map((v) => h("td", {}, showValue(v)))
            )
          )
        )
      )
    );
  }
}

function showSignature(): void {
  const el = $("wb-formula-signature");
  const m = /^\s*=?\s*(?:EXPORTCTL\.)?([A-Za-z_][A-Za-z0-9_]*)/i.exec(
    ($("wb-formula") as HTMLInputElement).value
  );
  const meta = m ? state.meta.get(m[1].toUpperCase()) : undefined;
  if (!meta) return fill(el);
  const params = meta.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ");
  fill(
    el,
    h("code", {}, `EXPORTCTL.${meta.name}(${params})`),
    " ",
    h("span", { class: "wb-hint-inline" }, meta.description)
  );
}

// ---------------------------------------------------------------------------------------------
// Start

function wire(): void {
  $("wb-formula-form").addEventListener("submit", (event) => {
    event.preventDefault();
    evaluateFormula();
  });
  $("wb-formula").addEventListener("input", showSignature);
  $("wb-load-csv").addEventListener(
    "click",
    () => void load(() => fromUrl("examples/shipments.csv"), "the example shipments (CSV)")
  );
  $("wb-load-xlsx").addEventListener(
    "click",
    () => void load(() => fromUrl("examples/shipments.xlsx"), "the example workbook")
  );
  const file = $("wb-file") as HTMLInputElement;
  file.addEventListener("change", () => {
    const f = file.files?.[0];
    if (f) void load(() => fromFile(f), f.name);
    file.value = "";
  });
  $("wb-use-dates").addEventListener("change", () => void recompute(true));
  // A row's number button, or a click anywhere in the row, opens its detail; Escape closes it.
  $("wb-grid").addEventListener("click", (event) => {
    const tr = (event.target as HTMLElement).closest<HTMLElement>("tbody tr[data-row]");
    if (tr) openDetail(Number(tr.dataset.row));
  });
  $("wb-detail").addEventListener("keydown", (event) => {
    if (event.key === "Escape") closeDetail();
  });
  const drop = $("wb-drop");
  const over = (on: boolean) => (event: Event) => {
    event.preventDefault();
    drop.classList.toggle("wb-drop-over", on);
  };
  drop.addEventListener("dragenter", over(true));
  drop.addEventListener("dragover", over(true));
  drop.addEventListener("dragleave", over(false));
  drop.addEventListener("drop", (event) => {
    over(false)(event);
    const f = (event as DragEvent).dataTransfer?.files?.[0];
    if (f) void load(() => fromFile(f), f.name);
  });
  // The pane's regime or as-of change -> the grid (and a shown formula result) follow.
  onSettingsChanged(() => void recompute(true));
  onScreeningListChanged(() => void recompute(true));
}

async function loadMeta(): Promise<void> {
  try {
    const response = await fetch("functions.json");
    if (!response.ok) return;
    const meta = (await response.json()) as { functions: FunctionMeta[] };
    state.meta = new Map(meta.functions.map((f) => [f.id.toUpperCase(), f]));
    showSignature();
  } catch {
    // Signatures are a help only.
  }
}

async function start(): Promise<void> {
  wire();
  void loadMeta();
  document.body.dataset.functions = String(registry.size);
  if (registry.size === 0) {
    showSource(
      "The custom functions did not register on this page (functions.js failed to load).",
      true
    );
    return;
  }
  await load(async () => {
    try {
      return await fromUrl("examples/shipments.csv");
    } catch {
      return fromCsvText("built-in sample", BUILT_IN_SAMPLE);
    }
  }, "the example shipments");
  document.body.dataset.ready = "true";
}

void start();
