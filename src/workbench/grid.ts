/* global HTMLElement, HTMLTableCellElement, HTMLTableElement, Node */
// The shipments grid: the table's own columns as loaded, then the five computed columns, each
// the spilled result of one broadcast custom-function call. Cells that changed since the last
// computation (e.g. after a regime switch) are marked, in text as well as colour.
import { isExcelError } from "../functions/errors";
import { Cell, OUTPUT_COLUMNS, errorText, isBlankCell } from "../shipments";
import { h } from "../taskpane/dom";
import { SCREENING_COLUMN } from "../screening/types";
import type { ShipmentSheet } from "./load";

/** The formula each computed column stands for, shown in its header's tooltip. */
export const COLUMN_FORMULAS = [
  "=EXPORTCTL.REQUIRES_LICENSE(Chip, Destination, Quantity, HQ, , Date, prior, Ship from)",
  "=EXPORTCTL.LICENSE_EXCEPTION(Chip, Destination, Quantity, HQ, , Date, prior, Ship from)",
  "=EXPORTCTL.REVIEW_POLICY(Chip, Destination, Quantity, HQ, , Date, prior, Ship from)",
  "=EXPORTCTL.H100_EQUIVALENT(Chip, Quantity)",
  "=EXPORTCTL.EXPLAIN(Chip, Destination, Quantity, HQ, , Date, prior, Ship from)",
];

const SHORT_HEADERS = ["License required", "Exception", "Review policy", "H100 eq.", "Explanation"];

/** What a computed cell shows, as text (also what "changed" compares). */
export function cellText(v: Cell, column: number): string {
  if (isExcelError(v)) return column === 4 ? errorText(v) : v.code;
  if (v === true) return "TRUE";
  if (v === false) return "FALSE";
  if (typeof v === "number")
    return column === 3 ? v.toLocaleString("en-US", { maximumFractionDigits: 2 }) : String(v);
  return v === null || v === undefined ? "" : String(v);
}

function inputText(v: Cell): string {
  if (isBlankCell(v)) return "";
  if (isExcelError(v)) return v.code;
  if (typeof v === "object") return String((v as { code?: string }).code ?? v);
  return String(v);
}

function delta(): HTMLElement {
  return h(
    "span",
    { class: "wb-delta", title: "changed by the last recalculation" },
    "Δ",
    h("span", { class: "wb-visually-hidden" }, " changed: ")
  );
}

function computedCell(v: Cell, column: number, changed: boolean): HTMLTableCellElement {
  const text = cellText(v, column);
  const cls = ["wb-out", `wb-out-${column}`];
  let content: Node | string = text;
  if (isExcelError(v)) {
    cls.push("wb-err");
    if (column === 0) {
      const indeterminate = /^INDETERMINATE/.test(v.message ?? "");
      content = h(
        "span",
        { class: `wb-pill ${indeterminate ? "wb-pill-open" : "wb-pill-err"}` },
        indeterminate ? "#N/A open" : v.code
      );
    }
  } else if (column === 0 && (v === true || v === false)) {
    content = h("span", { class: `wb-pill ${v ? "wb-pill-yes" : "wb-pill-no"}` }, text);
  }
  if (column === 3) cls.push("wb-num");
  if (changed) cls.push("wb-changed");
  const td = h(
    "td",
    {
      class: cls.join(" "),
      "data-col": OUTPUT_COLUMNS[column] ?? SCREENING_COLUMN,
      title: isExcelError(v) ? errorText(v) : column >= 4 ? text : null,
    },
    column === 4
      ? h("div", { class: "wb-clamp" }, changed ? delta() : null, content)
      : [changed ? delta() : null, content]
  );
  return td;
}

/**
 * The table's own columns the grid shows (and the download writes), in file order: all but the
 * result columns of an earlier check (they are recomputed) and columns with neither header nor data.
 */
export function inputColumns(sheet: ShipmentSheet): number[] {
  const outputs = new Set(sheet.match.outputs.filter((i) => i >= 0));
  return sheet.headers
    .map((_, i) => i)
    .filter(
      (i) =>
        !outputs.has(i) &&
        !(isBlankCell(sheet.headers[i]) && sheet.rows.every((r) => isBlankCell(r[i])))
    );
}

/** The row number the file (and the grid) gives data row `r`. */
export function fileRowNumber(sheet: ShipmentSheet, r: number): number {
  return sheet.headerRow + 2 + r;
}

export interface GridView {
  /** Rows rendered (the rest are behind "Show more"). */
  shown: number;
  /** Computed cells that differ from `previous`. */
  changed: number;
}

/**
 * Renders the grid. `values` are the computed columns per data row (null while loading);
 * `previous` the values of the last computation of the same table, to mark changes.
 */
export function renderGrid(
  table: HTMLTableElement,
  sheet: ShipmentSheet,
  values: Cell[][] | null,
  previous: Cell[][] | null,
  limit: number,
  selected: number | null = null
): GridView {
  const inputCols = inputColumns(sheet);
  const roleOf = new Map(Object.entries(sheet.match.roles).map(([role, i]) => [i as number, role]));
  const head = h(
    "thead",
    {},
    h(
      "tr",
      {},
      h(
        "th",
        { scope: "col", class: "wb-rownum" },
        h("span", { class: "wb-visually-hidden" }, "Row")
      ),
      inputCols.map((i) =>
        h(
          "th",
          { scope: "col", class: roleOf.has(i) ? `wb-in wb-in-${roleOf.get(i)}` : "wb-in" },
          inputText(sheet.headers[i])
        )
      ),
      SHORT_HEADERS.map((name, k) =>
        h(
          "th",
          { scope: "col", class: `wb-outh wb-out-${k}`, title: COLUMN_FORMULAS[k] },
          h("span", { class: "wb-fxmark", "aria-hidden": "true" }, "fx"),
          " ",
          name
        )
      ),
      // With a screening list loaded, the rows carry a sixth value: the Screening column.
      values && values.some((line) => line.length > OUTPUT_COLUMNS.length)
        ? h(
            "th",
            {
              scope: "col",
              class: "wb-outh wb-out-5",
              title: "=EXPORTCTL.SCREEN_PARTY(Consignee)",
            },
            SCREENING_COLUMN
          )
        : null
    )
  );
  const body = h("tbody");
  const n = Math.min(limit, sheet.rows.length);
  let changed = 0;
  for (let r = 0; r < sheet.rows.length; r++) {
    const line = values?.[r];
    const before = previous?.[r];
    const diffs =
      line && before ? line.map((v, k) => cellText(v, k) !== cellText(before[k], k)) : null;
    if (diffs) changed += diffs.filter(Boolean).length;
    if (r >= n) continue;
    const row = sheet.rows[r];
    const number = fileRowNumber(sheet, r);
    body.appendChild(
      h(
        "tr",
        {
          "data-row": r,
          class: diffs && diffs.some(Boolean) ? "wb-row-changed" : null,
          "aria-current": r === selected ? "true" : null,
        },
        // The row number opens the row's detail (full explanation and citations): a button, so
        // keyboard and touch reach it as well as the mouse.
        h(
          "th",
          { scope: "row", class: "wb-rownum" },
          h(
            "button",
            {
              type: "button",
              class: "wb-rowbtn",
              "data-row": r,
              "aria-label": `Row ${number}: details`,
              "aria-controls": "wb-detail",
              "aria-expanded": r === selected ? "true" : "false",
            },
            String(number)
          )
        ),
        inputCols.map((i) => {
          const text = inputText(row[i]);
          const cls = [
            "wb-in",
            roleOf.has(i) ? `wb-in-${roleOf.get(i)}` : "wb-in-other",
            typeof row[i] === "number" ? "wb-num" : "",
          ];
          return h(
            "td",
            { class: cls.join(" ").trim(), title: text.length > 18 ? text : null },
            text
          );
        }),
        line
          ? line.map((v, k) => computedCell(v, k, Boolean(diffs && diffs[k])))
          : OUTPUT_COLUMNS.map(() => h("td", { class: "wb-out wb-pending" }, "…"))
      )
    );
  }
  table.replaceChildren(
    h(
      "caption",
      { class: "wb-visually-hidden" },
      `Shipments from ${sheet.name}, with the computed columns ${OUTPUT_COLUMNS.join(", ")}`
    ),
    head,
    body
  );
  return { shown: n, changed };
}
