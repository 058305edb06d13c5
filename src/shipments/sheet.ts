// Reading a shipments sheet from an exceljs workbook: which sheet, and its cells as the plain
// values a custom function receives. No node I/O, so the workbench uses it with exceljs's browser
// build too.
import type ExcelJS from "exceljs";
import { excelError } from "../functions/errors";
import type { Cell } from "./cells";

function isoDateOf(d: Date): string {
  // exceljs reads date cells as UTC midnight of the spreadsheet date.
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** An exceljs cell value as the plain value a custom function would receive. */
export function plainValue(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v !== "object") return v;
  if (v instanceof Date) return isoDateOf(v);
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.richText))
    return (o.richText as { text: string }[]).map((t) => t.text).join("");
  if ("formula" in o || "sharedFormula" in o) {
    // A formula saved without its result (written by a tool, never opened in Excel): its value is
    // unknown, so the row cannot be checked; blank would read as "nothing to check".
    if (o.result === undefined || o.result === null) {
      const formula = `=${String(o.formula ?? o.sharedFormula ?? "")}`;
      // The formula rides along so that a file written from these rows keeps the user's cell.
      return Object.assign(
        excelError(
          "#VALUE!",
          `the cell holds a formula (${formula.slice(0, 41)}) with no saved result; open and save the workbook in Excel first`
        ),
        { formula }
      );
    }
    return plainValue(o.result);
  }
  if ("hyperlink" in o && "text" in o) return plainValue(o.text);
  if ("error" in o) return { code: String(o.error), message: "" };
  if ("text" in o) return String(o.text);
  return String(v);
}

/** The formula of a cell read without a saved result (see plainValue), else null. */
export function unsavedFormula(v: unknown): string | null {
  const f = v !== null && typeof v === "object" ? (v as { formula?: unknown }).formula : undefined;
  return typeof f === "string" ? f : null;
}

/** The sheet named "Shipments" (any case), else the first sheet; null for a workbook without sheets. */
export function pickSheet(workbook: ExcelJS.Workbook): ExcelJS.Worksheet | null {
  const sheets = workbook.worksheets;
  if (!sheets.length) return null;
  return sheets.find((s) => s.name.trim().toLowerCase() === "shipments") ?? sheets[0];
}

/** Every row of a sheet (1 to rowCount) as plain values; row i of the result is sheet row i + 1. */
export function sheetRows(ws: ExcelJS.Worksheet): Cell[][] {
  const rows: Cell[][] = [];
  const count = ws.rowCount;
  for (let r = 1; r <= count; r++) {
    const values = ws.getRow(r).values as unknown[];
    const row: Cell[] = [];
    for (let c = 1; c < values.length; c++) row.push(plainValue(values[c]));
    rows.push(row);
  }
  return rows;
}
