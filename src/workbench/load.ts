/* global fetch, File */
// Shipment tables for the workbench: the example served next to the page, or a file the user
// picks or drops. CSV is parsed here; .xlsx with exceljs's browser build, loaded on demand as its
// own chunk (never part of the functions or pane bundles).
import type ExcelJS from "exceljs";
import { parseCsv } from "../shipments";
import { pickSheet, sheetRows } from "../shipments";
import {
  Cell,
  HeaderMatch,
  describeMissing,
  findHeaderRow,
  matchHeaders,
  trimTrailingBlankRows,
} from "../shipments";

export interface ShipmentSheet {
  /** File name shown to the user. */
  name: string;
  sheet?: string;
  headers: Cell[];
  rows: Cell[][];
  match: HeaderMatch;
  /** 0-based row of the header in the file (row numbers shown in the grid follow the file). */
  headerRow: number;
}

export class LoadError extends Error {}

export function fromRows(name: string, all: Cell[][], sheet?: string): ShipmentSheet {
  const headerRow = findHeaderRow(all);
  if (headerRow < 0) {
    const first = all.find((r) => r.some((c) => c !== null && c !== "")) ?? [];
    throw new LoadError(
      `${name}: no header row with Chip and Destination columns in the first 20 rows. ${describeMissing(matchHeaders(first), first)}`
    );
  }
  const headers = all[headerRow];
  const match = matchHeaders(headers);
  if (match.missing.length || match.conflicts.length)
    throw new LoadError(`${name}: ${describeMissing(match, headers)}`);
  return {
    name,
    sheet,
    headers,
    rows: trimTrailingBlankRows(all.slice(headerRow + 1)),
    match,
    headerRow,
  };
}

export function fromCsvText(name: string, text: string): ShipmentSheet {
  try {
    return fromRows(name, parseCsv(text));
  } catch (error) {
    if (error instanceof LoadError) throw error;
    throw new LoadError(`${name}: ${(error as Error).message}`);
  }
}

let excel: Promise<typeof ExcelJS> | null = null;
function loadExcel(): Promise<typeof ExcelJS> {
  if (!excel) {
    excel = import(/* webpackChunkName: "exceljs" */ "exceljs").then(
      (m) => ((m as unknown as { default?: typeof ExcelJS }).default ?? m) as typeof ExcelJS
    );
  }
  return excel;
}

export async function fromXlsx(name: string, data: ArrayBuffer): Promise<ShipmentSheet> {
  const Excel = await loadExcel();
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(data);
  } catch (error) {
    throw new LoadError(`${name}: not a readable .xlsx workbook (${(error as Error).message}).`);
  }
  const ws = pickSheet(workbook);
  if (!ws) throw new LoadError(`${name}: the workbook has no sheets.`);
  return fromRows(name, sheetRows(ws), ws.name);
}

function kindOf(name: string): "csv" | "xlsx" | null {
  const n = name.toLowerCase();
  if (n.endsWith(".csv") || n.endsWith(".txt")) return "csv";
  if (n.endsWith(".xlsx")) return "xlsx";
  return null;
}

export async function fromFile(file: File): Promise<ShipmentSheet> {
  const kind = kindOf(file.name);
  if (kind === "csv") return fromCsvText(file.name, await file.text());
  if (kind === "xlsx") return fromXlsx(file.name, await file.arrayBuffer());
  throw new LoadError(
    `${file.name}: open a .csv or .xlsx file (save .xls or .xlsm files as .xlsx).`
  );
}

export async function fromUrl(url: string): Promise<ShipmentSheet> {
  const response = await fetch(url);
  if (!response.ok)
    throw new LoadError(`${url}: ${response.status} ${response.statusText || "not found"}`);
  const name = url.split("/").pop() || url;
  return kindOf(name) === "xlsx"
    ? fromXlsx(name, await response.arrayBuffer())
    : fromCsvText(name, await response.text());
}

/** A few shipments to show when the example files are not served (e.g. opened straight from disk). */
export const BUILT_IN_SAMPLE = `Chip,Destination,Quantity,HQ,Consignee,Date
H100,AE,2000,,Gulf AI Cloud,2025-06-01
H100,IN,1699,,Mumbai Inference Ltd,2025-06-01
H100,SG,100,CN,Lion City Compute,2025-06-01
H20,CN,5000,,Hangzhou AI Labs,2025-06-01
B200,DE,4096,,Frankfurt Hyperscale GmbH,2025-06-01
H100,PL,2000,,Warsaw Compute,2025-06-01
H1OO,DE,8,,,2025-06-01
`;
