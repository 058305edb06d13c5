/* global HTMLElement */
// The detail of one grid row: its inputs, the computed columns, the whole explanation (the grid
// cuts it to two lines) and the determination's steps with their citations and confidence.
import { Types } from "../functions/args";
import { isExcelError } from "../functions/errors";
import { determine } from "../rules";
import { listRegimes } from "../rules/pane-api";
import type { RegimeId } from "../rules";
import { Cell, OUTPUT_COLUMNS, Role, errorText, isBlankCell } from "../shipments";
import { parseCheckInput } from "../taskpane/checker";
import { Child, fill, h } from "../taskpane/dom";
import { stepItems } from "../taskpane/render";
import { regimeCaveat, sentence } from "../taskpane/verdict";
import { cellText, fileRowNumber } from "./grid";
import type { ShipmentSheet } from "./load";

export interface DetailContext {
  regime: RegimeId;
  /** The as-of date of rows without a usable Date (or of every row when dates are not used). */
  asOf: string;
  useDates: boolean;
  /** Allowances accumulate per consignee (LEDGER): the row's own steps leave out earlier use. */
  ledger: boolean;
}

function text(v: Cell): string {
  if (isBlankCell(v)) return "";
  if (isExcelError(v)) return v.code;
  return String(v);
}

/** The row's as-of date: its Date cell read as the functions read it, else the context's. */
function rowDate(sheet: ShipmentSheet, row: Cell[], ctx: DetailContext): string {
  const i = sheet.match.roles.date;
  if (!ctx.useDates || i === undefined || isBlankCell(row[i])) return ctx.asOf;
  try {
    return Types.date.coerce(row[i], "date");
  } catch {
    return ctx.asOf;
  }
}

function steps(sheet: ShipmentSheet, row: Cell[], asOf: string, ctx: DetailContext): Child[] {
  const cell = (role: Role) => {
    const i = sheet.match.roles[role];
    return i === undefined ? "" : text(row[i]);
  };
  const parsed = parseCheckInput({
    chip: cell("chip"),
    destination: cell("destination"),
    quantity: cell("quantity"),
    endUserHq: cell("hq"),
    priorTpp: "",
  });
  if (!parsed.ok)
    return [
      h("p", { class: "wb-hint" }, "No steps: ", parsed.errors.map((e) => e.message).join(" ")),
    ];
  let d;
  try {
    d = determine(parsed.shipment, ctx.regime, asOf);
  } catch (error) {
    return [
      h(
        "p",
        { class: "wb-hint" },
        `No steps: ${error instanceof Error ? error.message : String(error)}`
      ),
    ];
  }
  return [
    h("p", { class: "wb-detail-reason" }, h("strong", {}, "Why: "), sentence(d.reason)),
    h(
      "ol",
      { class: "wb-detail-steps" },
      stepItems(d.steps, (c) => h("span", { class: `wb-confidence wb-confidence-${c}` }, c))
    ),
    ctx.ledger && cell("consignee")
      ? h(
          "p",
          { class: "wb-hint" },
          "These steps take the row on its own; the explanation above also counts the allowance this consignee used earlier in the year (LEDGER)."
        )
      : null,
  ];
}

/** Fills the detail panel for data row `r` (values: the row's computed columns, or null while computing). */
export function renderDetail(
  panel: HTMLElement,
  sheet: ShipmentSheet,
  r: number,
  values: Cell[] | null,
  ctx: DetailContext,
  onClose: () => void
): void {
  const row = sheet.rows[r];
  const role = (k: Role) => {
    const i = sheet.match.roles[k];
    return i === undefined ? "" : text(row[i]);
  };
  const asOf = rowDate(sheet, row, ctx);
  const regime = listRegimes().find((x) => x.id === ctx.regime);
  const caveat = regime ? regimeCaveat(regime, asOf) : null;
  const explanation = values ? values[4] : null;
  const close = h("button", { type: "button", class: "wb-detail-close" }, "Close details");
  close.addEventListener("click", onClose);
  const title = `Row ${fileRowNumber(sheet, r)}: ${role("chip") || "(no chip)"} × ${role("quantity") || "1"} to ${role("destination") || "(no destination)"}`;
  fill(
    panel,
    h(
      "div",
      { class: "wb-detail-head" },
      h("h3", { id: "wb-detail-heading", tabindex: "-1" }, title),
      close
    ),
    h(
      "p",
      { class: "wb-hint" },
      `Regime ${ctx.regime}${regime ? ` (${regime.name})` : ""}, as of ${asOf}.`
    ),
    caveat ? h("p", { class: "wb-caveat" }, h("strong", {}, "Caveat: "), caveat) : null,
    values
      ? h(
          "dl",
          { class: "wb-detail-facts" },
          OUTPUT_COLUMNS.slice(0, 4).map((name, k) => [
            h("dt", {}, name),
            h("dd", {}, cellText(values[k], k) || "(blank)"),
          ])
        )
      : h("p", {}, "Computing…"),
    h("h4", {}, "Explanation"),
    h(
      "p",
      { class: "wb-detail-explanation" },
      explanation === null
        ? "Computing…"
        : isExcelError(explanation)
          ? errorText(explanation)
          : text(explanation) || "(blank row)"
    ),
    h("h4", {}, "Steps and citations"),
    steps(sheet, row, asOf, ctx)
  );
}
