// A shipment table on a sheet, without Excel: finding the header row, the formulas the
// "Add compliance columns" action writes, and the row-by-row evaluation behind "Compare regimes"
// and "Audit snapshot". sheet-actions.ts does the reading and writing.
import {
  InputRole,
  OUTPUT_COLUMNS,
  ROLES,
  findHeaderRow,
  matchHeaders,
} from "../shipments/headers";
import { isBlankCell } from "../shipments/cells";
import { Types } from "../functions/args";
import { determine, runLedger } from "../rules";
import type { Country, Determination, IsoDate, Item, RegimeId } from "../rules";

// Header recognition is shared with the command line and the workbench (src/shipments), so a
// table one accepts is one the others accept, with the same header spellings.
export type ColumnKey = InputRole;
export const COLUMN_ORDER: readonly ColumnKey[] = ROLES;
export const OUTPUT_HEADERS = OUTPUT_COLUMNS;
export const isBlank = isBlankCell;

/** Labels used when writing the inputs back out (compare and audit sheets). */
export const COLUMN_LABELS: Readonly<Record<ColumnKey, string>> = {
  chip: "Chip",
  destination: "Destination",
  quantity: "Quantity",
  hq: "End-user HQ",
  consignee: "Consignee",
  date: "Date",
  shipFrom: "Ship from",
};

export type Columns = Partial<Record<ColumnKey, number>>;

/**
 * Which input column each header cell names. Two columns for one input (two Destination columns)
 * are refused: which one holds the shipment's value cannot be known.
 */
export function detectColumns(header: readonly unknown[]): Columns {
  const match = matchHeaders(header);
  if (match.conflicts.length) throw new TableError(`${match.conflicts.join("; ")}.`);
  return match.roles;
}

export interface ShipmentTable {
  sheet: string;
  /** 0-based sheet row and column of the header row's first cell. */
  top: number;
  left: number;
  header: string[];
  /** The data rows under the header, trailing rows with every input column blank dropped. */
  rows: unknown[][];
  columns: Columns;
}

export class TableError extends Error {}

/**
 * Finds the header row (the first of the top rows naming both a chip and a destination column)
 * in a block of cell values read from a sheet at (top, left).
 */
export function locateTable(
  values: unknown[][],
  top: number,
  left: number,
  sheet: string,
  address = ""
): ShipmentTable {
  const r = findHeaderRow(values);
  if (r < 0) {
    const first = (values[0] ?? [])
      .filter((v) => !isBlank(v))
      .slice(0, 6)
      .join(", ");
    throw new TableError(
      `No header row with a Chip and a Destination column in ${address || "the selection"}` +
        (first ? ` (the first row reads: ${first}).` : ".") +
        " Select the shipment table including its header row."
    );
  }
  const columns = detectColumns(values[r]);
  const rows = values.slice(r + 1);
  const inputs = Object.values(columns);
  while (rows.length && inputs.every((c) => isBlank(rows[rows.length - 1][c]))) rows.pop();
  if (!rows.length) {
    throw new TableError(`The table ${address} has a header row but no shipments under it.`);
  }
  const header = values[r].map((v) => String(v ?? ""));
  return { sheet, top: top + r, left, header, rows, columns };
}

/** 0 -> "A", 25 -> "Z", 26 -> "AA". */
export function columnLetter(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A1-style address of a block given 0-based sheet coordinates. */
export function address(row: number, col: number, rows = 1, cols = 1): string {
  const a = `${columnLetter(col)}${row + 1}`;
  return rows === 1 && cols === 1 ? a : `${a}:${columnLetter(col + cols - 1)}${row + rows}`;
}

export type FormulaMode = "spill" | "per-row";

/**
 * The formulas of the five compliance columns. "spill": one formula per column in the first data
 * row whose range arguments cover every row (five custom-function calls for the whole table,
 * spilling down); "per-row": one formula per row and column (for Excel tables, where a formula
 * cannot spill). The regime argument is left empty: the workbook's choice in the pane applies.
 * A Date column is passed as as_of, so each shipment is judged on its own date, and a Ship from
 * column as ship_from (the 8th argument), so a reexport is judged as one.
 */
export function complianceFormulas(table: ShipmentTable, mode: FormulaMode): string[][] {
  const first = table.top + 1;
  const count = table.rows.length;
  const ref = (key: ColumnKey, row: number): string => {
    const c = table.columns[key];
    if (c === undefined) return "";
    const col = table.left + c;
    return mode === "spill" ? address(first, col, count, 1) : address(row, col);
  };
  const call = (fn: string, args: string[]) => {
    while (args.length && args[args.length - 1] === "") args.pop();
    return `=EXPORTCTL.${fn}(${args.join(",")})`;
  };
  const rowFormulas = (row: number): string[] => {
    const shipment = [
      ref("chip", row),
      ref("destination", row),
      ref("quantity", row),
      ref("hq", row),
      "",
      ref("date", row),
      "",
      ref("shipFrom", row),
    ];
    return [
      call("REQUIRES_LICENSE", [...shipment]),
      call("LICENSE_EXCEPTION", [...shipment]),
      call("REVIEW_POLICY", [...shipment]),
      call("H100_EQUIVALENT", [ref("chip", row), ref("quantity", row)]),
      call("EXPLAIN", [...shipment]),
    ];
  };
  if (mode === "spill") return [rowFormulas(first)];
  return table.rows.map((_, i) => rowFormulas(first + i));
}

/** Where existing compliance columns sit in the header (to rewrite them rather than add more), or null. */
export function existingOutputColumns(header: readonly unknown[]): number | null {
  const outputs = matchHeaders(header).outputs;
  const start = outputs[0];
  return start >= 0 && outputs.every((c, i) => c === start + i) ? start : null;
}

// ---------------------------------------------------------------------------------------------
// Row-by-row evaluation (compare and audit sheets)

export interface RowInputs {
  chip: unknown;
  destination: unknown;
  quantity: unknown;
  hq: unknown;
  consignee: unknown;
  date: unknown;
  /** The country the item leaves from (blank: US), passed to the determination as ship_from. */
  shipFrom: unknown;
}

export interface RowResult {
  /** 0-based index among the data rows. */
  index: number;
  inputs: RowInputs;
  /** False for a row with every input blank (left out of the results). */
  present: boolean;
  asOf: IsoDate | null;
  determination: Determination | null;
  /** Why the row could not be evaluated (unknown chip, bad quantity, ...). */
  error: string | null;
}

export function rowInputs(table: ShipmentTable, row: unknown[]): RowInputs {
  const at = (key: ColumnKey) => (table.columns[key] === undefined ? "" : row[table.columns[key]!]);
  return {
    chip: at("chip"),
    destination: at("destination"),
    quantity: at("quantity"),
    hq: at("hq"),
    consignee: at("consignee"),
    date: at("date"),
    shipFrom: at("shipFrom"),
  };
}

interface ParsedRow {
  item: Item;
  destination: Country;
  quantity: number;
  endUserHq: Country | null;
  consignee: string;
  asOf: IsoDate;
  shipFrom: Country | null;
}

/** A row's inputs, coerced by the custom functions' own argument types (same messages as the cells). */
function parseRow(inputs: RowInputs, defaultAsOf: IsoDate): ParsedRow {
  if (isBlank(inputs.chip)) throw new TableError("chip is empty");
  if (isBlank(inputs.destination)) throw new TableError("destination is empty");
  return {
    item: Types.item.coerce(inputs.chip, "chip"),
    destination: Types.country.coerce(inputs.destination, "destination"),
    quantity: isBlank(inputs.quantity) ? 1 : Types.units.coerce(inputs.quantity, "quantity"),
    endUserHq: isBlank(inputs.hq) ? null : Types.country.coerce(inputs.hq, "end_user_hq"),
    consignee: isBlank(inputs.consignee)
      ? ""
      : Types.consignee.coerce(inputs.consignee, "consignee"),
    asOf: isBlank(inputs.date) ? defaultAsOf : Types.date.coerce(inputs.date, "date"),
    shipFrom: isBlank(inputs.shipFrom) ? null : Types.country.coerce(inputs.shipFrom, "ship_from"),
  };
}

/**
 * Every row under one regime, the way EXPORTCTL.LEDGER reads a table: rows in date order (a blank
 * date is `defaultAsOf`); each consignee's allowance use accumulates per calendar year and each
 * destination's country-allocation use across rows, so the row that crosses a limit is the row
 * that needs a license. Results come back in input order.
 */
export function evaluateRows(
  table: ShipmentTable,
  regime: RegimeId,
  defaultAsOf: IsoDate
): RowResult[] {
  const results: RowResult[] = [];
  const parsed: (ParsedRow | null)[] = [];
  table.rows.forEach((row, index) => {
    const inputs = rowInputs(table, row);
    const present = !Object.values(inputs).every(isBlank);
    const result: RowResult = {
      index,
      inputs,
      present,
      asOf: null,
      determination: null,
      error: null,
    };
    let p: ParsedRow | null = null;
    if (present) {
      try {
        p = parseRow(inputs, defaultAsOf);
        result.asOf = p.asOf;
      } catch (error) {
        result.error = error instanceof Error ? error.message : String(error);
      }
    }
    results.push(result);
    parsed.push(p);
  });
  const runs = runLedger(
    parsed.map((p) =>
      p
        ? {
            shipment: {
              item: p.item,
              destination: p.destination,
              quantity: p.quantity,
              endUserHq: p.endUserHq ?? p.destination,
              shipFrom: p.shipFrom,
            },
            asOf: p.asOf,
            consignee: p.consignee,
          }
        : null
    ),
    (shipment, entry) => determine(shipment, regime, entry.asOf)
  );
  runs.forEach((run, i) => {
    if (!run) return;
    if (run.result) results[i].determination = run.result;
    else results[i].error = run.error instanceof Error ? run.error.message : String(run.error);
  });
  return results;
}
