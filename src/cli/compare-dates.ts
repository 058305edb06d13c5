// `exportctl check --compare-as-of DATE`: the checked table also judged as of a second date, as the
// task pane's "Compare dates" does (shipments/compare-dates.ts), written beside the output as
// <out>.compare-dates.csv: one verdict column per date, Changed, and the rule change behind it.
import * as path from "path";
import type { IsoDate, RegimeInfo } from "../rules";
import type { ShipmentTable } from "../taskpane/shipment-table";
import { buildDateComparison } from "../shipments/compare-dates";
import { Cell, Role, toCsv } from "../shipments";
import { AtomicFile, refuseOverwrite } from "./files";
import type { LoadedTable } from "./table";

/** shipments.checked.xlsx -> shipments.checked.compare-dates.csv */
export function compareDatesPath(outFile: string): string {
  const ext = path.extname(outFile);
  return outFile.slice(0, outFile.length - ext.length) + ".compare-dates.csv";
}

/**
 * Writes the comparison of `table` as of `dates` under `regime` next to `outFile` (a temporary
 * file renamed into place; never over the input); returns the file and how many rows changed.
 * The comparison holds the table's data rows in memory (it is asked for explicitly).
 */
export async function writeDateComparison(
  table: LoadedTable,
  roles: Partial<Record<Role, number>>,
  regime: RegimeInfo,
  dates: [IsoDate, IsoDate],
  outFile: string
): Promise<{ file: string; rows: number; changed: number }> {
  const data: Cell[][] = [];
  for await (const block of table.blocks()) for (const row of block) data.push(row);
  data.length = Math.min(data.length, table.dataRows);
  const shipments: ShipmentTable = {
    sheet: table.sheetName ?? path.basename(table.file),
    top: table.headerRow,
    left: 0,
    header: table.headers.map((h) => String(h ?? "")),
    rows: data,
    columns: roles,
  };
  const source = `${path.basename(table.file)}${table.sheetName ? ` (sheet "${table.sheetName}")` : ""}`;
  const content = buildDateComparison(shipments, source, { regime, dates });
  const file = compareDatesPath(outFile);
  refuseOverwrite(table.file, file, "the date comparison");
  const delimiter = table.format === "csv" ? (table.delimiter ?? ",") : ",";
  const out = new AtomicFile(file);
  try {
    // toCsv neutralises cells a spreadsheet would run as formulas (OWASP CSV injection).
    out.write(toCsv([...content.preamble, [], ...content.detail], delimiter));
    out.finish();
    out.rename();
  } catch (error) {
    out.abort();
    throw error;
  }
  return { file, rows: content.detail.length - 1, changed: content.changed };
}
