/* global process */
// `exportctl check --compare-as-of DATE`: the checked table also judged as of a second date, as the
// task pane's "Compare dates" does (shipments/compare-dates.ts), written beside the output as
// <out>.compare-dates.csv: one verdict column per date, Changed, and the rule change behind it.
import * as fs from "fs";
import * as path from "path";
import type { IsoDate, RegimeInfo } from "../rules";
import type { ShipmentTable } from "../taskpane/shipment-table";
import { buildDateComparison } from "../shipments/compare-dates";
import { toCsv } from "./csv";
import type { LoadedTable } from "./io";
import type { Role } from "./shipments";

/** shipments.checked.xlsx -> shipments.checked.compare-dates.csv */
export function compareDatesPath(outFile: string): string {
  const ext = path.extname(outFile);
  return outFile.slice(0, outFile.length - ext.length) + ".compare-dates.csv";
}

/** A cell a spreadsheet would run as a formula is written as text (OWASP CSV injection); plain numbers stay. */
function neutralised(value: unknown): unknown {
  if (typeof value !== "string" || !/^[=+\-@\t\r]/.test(value)) return value;
  return /^[-+]?\d+(\.\d+)?$/.test(value) ? value : `'${value}`;
}

/**
 * Writes the comparison of `table` as of `dates` under `regime` next to `outFile` (through a
 * temporary file renamed into place); returns the file and how many rows changed.
 */
export function writeDateComparison(
  table: LoadedTable,
  roles: Partial<Record<Role, number>>,
  regime: RegimeInfo,
  dates: [IsoDate, IsoDate],
  outFile: string
): { file: string; rows: number; changed: number } {
  const shipments: ShipmentTable = {
    sheet: table.sheetName ?? path.basename(table.file),
    top: table.headerRow,
    left: 0,
    header: table.headers.map((h) => String(h ?? "")),
    rows: table.data,
    columns: roles,
  };
  const source = `${path.basename(table.file)}${table.sheetName ? ` (sheet "${table.sheetName}")` : ""}`;
  const content = buildDateComparison(shipments, source, { regime, dates });
  const file = compareDatesPath(outFile);
  const delimiter = table.format === "csv" ? (table.delimiter ?? ",") : ",";
  const rows = [...content.preamble, [], ...content.detail].map((r) => r.map(neutralised));
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, toCsv(rows, delimiter));
    fs.renameSync(temp, file);
  } finally {
    if (fs.existsSync(temp)) fs.rmSync(temp, { force: true });
  }
  return { file, rows: content.detail.length - 1, changed: content.changed };
}
