// Generates examples/shipments.xlsx from examples/shipments.csv (exceljs):
//   - "Shipments": the shipments as a table (dates as real dates) with EXPORTCTL formula columns in
//     place: licence required, exception, review policy, H100-equivalents, explanation;
//   - "Summary": counts and sums over those columns with Excel's own functions, the workbook's
//     regime, and a LEDGER over the whole table (allowances accumulating per consignee).
// Every formula also carries a cached result computed by the built add-in (dist/, loaded as Excel's
// shared runtime loads it), so the file shows values before the add-in has recalculated it.
//   node scripts/make-example.mjs        (builds dist first when it is missing)
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { ROOT, DIST, loadAddin } from "./lib/addin-loader.mjs";
import { excelSerial } from "./lib/shipment-table.mjs";

const CSV = path.join(ROOT, "examples", "shipments.csv");
const XLSX = path.join(ROOT, "examples", "shipments.xlsx");
/** The regime the ledger on the Summary sheet uses (a cell the user may change). */
export const LEDGER_REGIME = "diffusion-2025";
const EXCEPTION_CODES = ["LPP", "AIA", "ACA", "NAC", "HBM", "VEU", "SPP"];

/** Minimal CSV reader (quoted fields, doubled quotes). */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") (row.push(field), (field = ""));
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      if (row.some((f) => f !== "")) rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length) rows.push([...row, field]);
  return rows;
}

function readShipments() {
  const [header, ...lines] = parseCsv(fs.readFileSync(CSV, "utf8"));
  const expected = ["Chip", "Destination", "Quantity", "HQ", "Consignee", "Date"];
  if (header.join(",") !== expected.join(","))
    throw new Error(`${CSV}: header must be ${expected.join(",")}`);
  return lines.map((f, i) => {
    const [y, m, d] = f[5].split("-").map(Number);
    if (!y || !m || !d) throw new Error(`${CSV}:${i + 2}: date must be YYYY-MM-DD, got ${f[5]}`);
    return {
      chip: f[0],
      destination: f[1],
      quantity: Number(f[2]),
      hq: f[3],
      consignee: f[4],
      date: new Date(Date.UTC(y, m - 1, d)),
      serial: excelSerial(y, m, d),
    };
  });
}

/** A cached result as exceljs writes it: errors as {error}. */
function cached(v) {
  if (v && typeof v === "object" && "code" in v) return { error: v.code };
  return v;
}

async function main() {
  if (!fs.existsSync(path.join(DIST, "functions.json"))) {
    console.log("dist/ is missing: running npm run build ...");
    if (spawnSync("npm", ["run", "-s", "build"], { cwd: ROOT, stdio: "inherit" }).status !== 0)
      process.exit(1);
  }
  const shipments = readShipments();
  const addin = await loadAddin();
  const one = (id, ...args) => {
    const r = addin.call(id, ...args);
    return Array.isArray(r) ? r[0][0] : r; // REGIME gives a plain string
  };

  const wb = new ExcelJS.Workbook();
  wb.creator = "EXPORTCTL";
  wb.title = "EXPORTCTL example: AI-chip shipments";
  wb.created = new Date(Date.UTC(2026, 10, 27));
  wb.modified = wb.created;
  wb.calcProperties = { fullCalcOnLoad: true };

  // Shipments --------------------------------------------------------------------------------
  const ws = wb.addWorksheet("Shipments", { views: [{ state: "frozen", ySplit: 1 }] });
  const n = shipments.length;
  const last = n + 1;
  const rows = shipments.map((s, i) => {
    const r = i + 2;
    const args = `A${r},B${r},C${r},D${r},,F${r}`;
    const ship = [s.chip, s.destination, s.quantity, s.hq || null, null, s.serial];
    return [
      s.chip,
      s.destination,
      s.quantity,
      s.hq || null,
      s.consignee,
      s.date,
      {
        formula: `EXPORTCTL.REQUIRES_LICENSE(${args})`,
        result: cached(one("REQUIRES_LICENSE", ...ship)),
      },
      {
        formula: `EXPORTCTL.LICENSE_EXCEPTION(${args})`,
        result: cached(one("LICENSE_EXCEPTION", ...ship)),
      },
      {
        formula: `EXPORTCTL.REVIEW_POLICY(${args})`,
        result: cached(one("REVIEW_POLICY", ...ship)),
      },
      {
        formula: `EXPORTCTL.H100_EQUIVALENT(A${r},C${r})`,
        result: cached(one("H100_EQUIVALENT", s.chip, s.quantity)),
      },
      { formula: `EXPORTCTL.EXPLAIN(${args})`, result: cached(one("EXPLAIN", ...ship)) },
    ];
  });
  ws.addTable({
    name: "ShipmentTable",
    ref: "A1",
    headerRow: true,
    style: { theme: "TableStyleMedium2", showRowStripes: true },
    columns: [
      "Chip",
      "Destination",
      "Quantity",
      "HQ",
      "Consignee",
      "Date",
      "License required",
      "Exception",
      "Review policy",
      "H100 equivalents",
      "Explanation",
    ].map((name) => ({ name, filterButton: true })),
    rows,
  });
  const widths = [12, 12, 10, 8, 30, 12, 16, 11, 24, 16, 120];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (let r = 2; r <= last; r++) {
    ws.getCell(`C${r}`).numFmt = "#,##0";
    ws.getCell(`F${r}`).numFmt = "yyyy-mm-dd";
    ws.getCell(`J${r}`).numFmt = "#,##0.00";
  }
  ws.getRow(1).font = { bold: true };

  // Summary ----------------------------------------------------------------------------------
  const sum = wb.addWorksheet("Summary");
  const col = (c) => `Shipments!${c}2:${c}${last}`;
  const licence = rows.map((r) => r[6].result);
  const exception = rows.map((r) => r[7].result);
  const h100 = rows.map((r) => r[9].result);
  const count = (pred) => licence.filter(pred).length;
  const total = (xs) => xs.reduce((a, x) => a + (typeof x === "number" ? x : 0), 0);
  sum.getCell("A1").value = "EXPORTCTL summary of the Shipments sheet";
  sum.getCell("A1").font = { bold: true, size: 14 };
  const lines = [
    ["Workbook regime (task pane)", { formula: "EXPORTCTL.REGIME()", result: one("REGIME") }],
    ["Shipments", { formula: `COUNTA(${col("A")})`, result: n }],
    [
      "Shipments needing a licence",
      { formula: `COUNTIF(${col("G")},TRUE)`, result: count((v) => v === true) },
    ],
    [
      "Shipments without a licence",
      { formula: `COUNTIF(${col("G")},FALSE)`, result: count((v) => v === false) },
    ],
    [
      "Open in the sources (#N/A)",
      { formula: "B4-B5-B6", result: n - count((v) => v === true) - count((v) => v === false) },
    ],
    [
      "Shipments under a licence exception",
      {
        formula: "SUM(E4:E9)",
        result: exception.filter((v) => typeof v === "string" && v !== "").length,
      },
    ],
    ["H100-equivalents shipped", { formula: `SUM(${col("J")})`, result: total(h100) }],
    [
      "H100-equivalents needing a licence",
      {
        formula: `SUMIF(${col("G")},TRUE,${col("J")})`,
        result: total(h100.filter((_, i) => licence[i] === true)),
      },
    ],
  ];
  lines.forEach(([label, value], i) => {
    sum.getCell(`A${i + 3}`).value = label;
    sum.getCell(`B${i + 3}`).value = value;
  });
  // Which exceptions, one COUNTIF per code.
  sum.getCell("D3").value = "Exception";
  sum.getCell("E3").value = "Shipments";
  sum.getCell("D3").font = { bold: true };
  sum.getCell("E3").font = { bold: true };
  EXCEPTION_CODES.forEach((code, i) => {
    sum.getCell(`D${4 + i}`).value = code;
    sum.getCell(`E${4 + i}`).value = {
      formula: `COUNTIF(${col("H")},D${4 + i})`,
      result: exception.filter((v) => v === code).length,
    };
  });
  sum.getCell("B9").numFmt = "#,##0.00";
  sum.getCell("B10").numFmt = "#,##0.00";

  // The ledger: the whole table in date order under one regime, allowances accumulating.
  const regimeRow = 12;
  sum.getCell(`A${regimeRow}`).value = "Ledger regime";
  sum.getCell(`B${regimeRow}`).value = LEDGER_REGIME;
  const head = regimeRow + 2;
  const ledgerRow = head + 1;
  const ledgerLast = ledgerRow + n - 1;
  sum.getCell(`A${regimeRow + 1}`).value = "Licences in the ledger";
  const ledger = addin.call(
    "LEDGER",
    shipments.map((s) => [s.chip]),
    shipments.map((s) => [s.destination]),
    shipments.map((s) => [s.quantity]),
    shipments.map((s) => [s.hq]),
    shipments.map((s) => [s.consignee]),
    shipments.map((s) => [s.serial]),
    LEDGER_REGIME
  );
  sum.getCell(`B${regimeRow + 1}`).value = {
    formula: `COUNTIF(D${ledgerRow}:D${ledgerLast},TRUE)`,
    result: ledger.filter((r) => r[1] === true).length,
  };
  [
    "Chip",
    "Consignee",
    "Status",
    "License required",
    "Exception",
    "Consignee allowance TPP this year",
    "Country allocation TPP used",
  ].forEach((h, i) => {
    const c = sum.getCell(head, i + 1);
    c.value = h;
    c.font = { bold: true };
  });
  shipments.forEach((s, i) => {
    sum.getCell(`A${ledgerRow + i}`).value = { formula: `Shipments!A${i + 2}`, result: s.chip };
    sum.getCell(`B${ledgerRow + i}`).value = {
      formula: `Shipments!E${i + 2}`,
      result: s.consignee,
    };
  });
  // A legacy array formula over the ledger's range: every Excel shows the whole table.
  sum.getCell(`C${ledgerRow}`).value = {
    formula: `EXPORTCTL.LEDGER(${["A", "B", "C", "D", "E", "F"].map(col).join(",")},B${regimeRow})`,
    result: cached(ledger[0][0]),
    shareType: "array",
    ref: `C${ledgerRow}:G${ledgerLast}`,
  };
  ledger.forEach((line, i) =>
    line.forEach((v, j) => {
      if (i === 0 && j === 0) return;
      sum.getCell(ledgerRow + i, 3 + j).value = cached(v);
    })
  );
  for (let r = ledgerRow; r <= ledgerLast; r++) {
    sum.getCell(`F${r}`).numFmt = "#,##0";
    sum.getCell(`G${r}`).numFmt = "#,##0";
  }
  [34, 30, 12, 16, 11, 32, 28].forEach((w, i) => (sum.getColumn(i + 1).width = w));

  await wb.xlsx.writeFile(XLSX);
  addin.close();
  console.log(
    `wrote ${path.relative(ROOT, XLSX)}: ${n} shipments, ${lines.length} summary lines, a ${n} x 5 ledger (${LEDGER_REGIME})`
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
}
