// The sheet actions against an office-addin-mock workbook: what they read, and what they write.
import { RULES_DATA_HASH, RULES_DATA_VERSION } from "../../src/rules";
import { listRegimes } from "../../src/rules/pane-api";
import {
  addComplianceColumns,
  auditSnapshot,
  compareRegimes,
  recalculate,
  runSheetAction,
} from "../../src/taskpane/sheet-actions";
import { fakeExcel } from "./helpers";

const SHIPMENTS = [
  ["Chip", "Destination", "Quantity", "End-user HQ", "Date"],
  ["H100", "AE", 2000, "", "2025-06-01"],
  ["H100", "IN", 1700, "", "2025-06-01"],
  ["H100", "SG", 100, "CN", "2025-06-01"],
  ["H20", "IR", 1, "", "2025-06-01"],
];

test("Add compliance columns: spilled EXPORTCTL formulas right of the table, headers in bold", async () => {
  const { excel, sheets } = fakeExcel(SHIPMENTS, { selection: [1, 1, 1, 1] });
  const result = await runSheetAction(excel, addComplianceColumns);
  expect(result.ok).toBe(true);
  expect(result.message).toMatch(/Added .* in F1:J1: one formula per column in row 2, spilling over the 4 shipment rows/);
  const grid = sheets.get("Shipments")!.grid;
  expect(grid[0].slice(5)).toEqual(["License required", "Exception", "Review policy", "H100 equivalents", "Explanation"]);
  expect(grid[1].slice(5)).toEqual([
    "=EXPORTCTL.REQUIRES_LICENSE(A2:A5,B2:B5,C2:C5,D2:D5,,E2:E5)",
    "=EXPORTCTL.LICENSE_EXCEPTION(A2:A5,B2:B5,C2:C5,D2:D5,,E2:E5)",
    "=EXPORTCTL.REVIEW_POLICY(A2:A5,B2:B5,C2:C5,D2:D5,,E2:E5)",
    "=EXPORTCTL.H100_EQUIVALENT(A2:A5,C2:C5)",
    "=EXPORTCTL.EXPLAIN(A2:A5,B2:B5,C2:C5,D2:D5,,E2:E5)",
  ]);
  expect(grid[2]?.[5] ?? "").toBe(""); // the spill area stays empty
  expect(sheets.get("Shipments")!.bold).toContain("Shipments!F1:J1");
});

test("Add compliance columns on a table under a title, selected as a block, inside an Excel table: one formula per row", async () => {
  const cells = [["Shipments Q3"], [], ["", "Item", "Country", "Qty"], ["", "B200", "Germany", 8], ["", "H20", "China", 50]];
  const { excel, sheets } = fakeExcel(cells, { selection: [2, 1, 3, 3], tables: 1 });
  const result = await runSheetAction(excel, addComplianceColumns);
  expect(result.ok).toBe(true);
  expect(result.message).toMatch(/one formula per row/);
  const grid = sheets.get("Shipments")!.grid;
  expect(grid[2][4]).toBe("License required");
  expect(grid[3][4]).toBe("=EXPORTCTL.REQUIRES_LICENSE(B4,C4,D4)");
  expect(grid[4][7]).toBe("=EXPORTCTL.H100_EQUIVALENT(B5,D5)");
});

test("a selected block is the table: another table higher on the sheet is not used", async () => {
  const cells = [
    ["Chip", "Destination", "Quantity"],
    ["A100", "CN", 5],
    [],
    ["Chip", "Destination", "Quantity"],
    ["H100", "AE", 10],
    ["H200", "SA", 20],
  ];
  const { excel, sheets } = fakeExcel(cells, { selection: [3, 0, 3, 3] });
  const result = await runSheetAction(excel, addComplianceColumns);
  expect(result.ok).toBe(true);
  const grid = sheets.get("Shipments")!.grid;
  expect(grid[0][3] ?? "").toBe("");
  expect(grid[4][3]).toBe("=EXPORTCTL.REQUIRES_LICENSE(A5:A6,B5:B6,C5:C6)");
});

test("Add compliance columns never overwrites cells next to the table, and a second run rewrites its own columns", async () => {
  const blocked = [...SHIPMENTS.map((r) => [...r])];
  blocked[3] = [...blocked[3], "", "", "note"];
  const a = fakeExcel(blocked, { selection: [0, 0, 1, 1] });
  const refused = await runSheetAction(a.excel, addComplianceColumns);
  expect(refused.ok).toBe(false);
  expect(refused.message).toMatch(/Cells F1:J5 next to the table are not empty/);
  expect(a.sheets.get("Shipments")!.grid[0][5] ?? "").toBe("");

  const b = fakeExcel(SHIPMENTS, { selection: [0, 0, 1, 1] });
  await runSheetAction(b.excel, addComplianceColumns);
  const again = await runSheetAction(b.excel, addComplianceColumns);
  expect(again.message).toMatch(/^Updated/);
  expect(b.sheets.get("Shipments")!.grid[0].length).toBe(10);
});

test("a selection without a shipment header row is explained", async () => {
  const { excel } = fakeExcel([["Name", "Amount"], ["x", 1]], { selection: [0, 0, 1, 1] });
  const result = await runSheetAction(excel, addComplianceColumns);
  expect(result.ok).toBe(false);
  expect(result.message).toMatch(/No header row with a Chip and a Destination column in Shipments!A1:B2/);
});

test("an empty sheet is explained", async () => {
  const { excel } = fakeExcel([], { selection: [0, 0, 1, 1] });
  const result = await runSheetAction(excel, addComplianceColumns);
  expect(result).toEqual({ ok: false, message: expect.stringMatching(/the selection \(or the sheet\) is empty/) });
});

test("Compare regimes: one column per regime (values), Differs as text, a summary and a clustered column chart", async () => {
  const { excel, sheets, active } = fakeExcel(SHIPMENTS, { selection: [0, 0, 5, 5], otherSheets: ["Regime comparison"] });
  const now = new Date("2026-11-27T10:00:00Z");
  const result = await runSheetAction(excel, (ctx) => compareRegimes(ctx, { asOf: "2026-11-27", now }));
  expect(result.ok).toBe(true);
  expect(result.sheet).toBe("Regime comparison (2)"); // the first name is taken
  expect(active()).toBe("Regime comparison (2)");
  const sheet = sheets.get("Regime comparison (2)")!;
  const g = sheet.grid;
  const ids: string[] = listRegimes().map((r) => r.id);

  const summaryTop = g.findIndex((row) => row[0] === "Regime");
  expect(g[summaryTop].slice(0, 2)).toEqual(["Regime", "Licenses needed"]);
  expect(g.slice(summaryTop + 1, summaryTop + 5).map((r) => r[0])).toEqual(ids);

  const detailTop = g.findIndex((row) => row[0] === "Chip");
  expect(g[detailTop]).toEqual(["Chip", "Destination", "Quantity", "End-user HQ", "As of", ...ids, "Differs"]);
  const rows = g.slice(detailTop + 1, detailTop + 5);
  const col = (id: string) => 5 + ids.indexOf(id);
  const differs = 5 + ids.length;
  // H100 x 1,700 to India on 2025-06-01: no licence as enforced, a licence under Diffusion as written.
  expect(rows[1][col("enforced")]).toBe("No license required");
  expect(rows[1][col("diffusion-2025")]).toMatch(/^License required/);
  expect(rows[1][differs]).toBe("Yes");
  // Iran: a licence whatever the regime.
  expect(rows[3].slice(5, 5 + ids.length).every((v) => String(v).startsWith("License required"))).toBe(true);
  expect(rows[3][differs]).toBe("No");
  // Summary counts agree with the detail.
  for (const id of ids) {
    const needed = rows.filter((r) => String(r[col(id)]).startsWith("License required")).length;
    expect(g[summaryTop + 1 + ids.indexOf(id)][1]).toBe(needed);
  }
  // Provenance lines at the top.
  expect(g.slice(0, 4).map((r) => r[0]).join(" ")).toContain(RULES_DATA_HASH);
  expect(g.slice(0, 4).map((r) => r[0]).join(" ")).toContain("2026-11-27T10:00:00.000Z");

  expect(sheet.charts).toHaveLength(1);
  const chart = sheet.charts[0];
  expect(chart.type).toBe("ColumnClustered");
  expect(chart.seriesBy).toBe("Columns");
  expect(chart.source).toBe(`Regime comparison (2)!A${summaryTop + 1}:B${summaryTop + 5}`);
  expect(chart.title.text).toBe("Licenses needed per regime");
  expect(chart.position).toBeDefined();
});

test("Compare regimes marks input errors per row instead of failing", async () => {
  const cells = [["Chip", "Destination"], ["H1OO", "AE"], ["H100", "CN"]];
  const { excel, sheets } = fakeExcel(cells, { selection: [0, 0, 1, 1] });
  const result = await runSheetAction(excel, (ctx) => compareRegimes(ctx, { asOf: "2025-06-01" }));
  expect(result.ok).toBe(true);
  const g = sheets.get("Regime comparison")!.grid;
  const top = g.findIndex((row) => row[0] === "Chip");
  expect(g[top + 1][3]).toMatch(/^Error: Unknown chip 'H1OO'. Did you mean H100\?/);
  expect(g[top + 1][g[top].length - 1]).toBe("Input error");
});

test("Audit snapshot: inputs, regime, as-of date, rules version and hash, every explanation, timestamp", async () => {
  const { excel, sheets } = fakeExcel(SHIPMENTS, { selection: [2, 2, 1, 1] });
  const now = new Date(2026, 10, 27, 9, 5, 0);
  const regime = listRegimes().find((r) => r.id === "diffusion-2025")!;
  const result = await runSheetAction(excel, (ctx) => auditSnapshot(ctx, { regime, asOf: "2026-11-27", asOfSource: "today", now }));
  expect(result.ok).toBe(true);
  expect(result.sheet).toBe("Audit 2026-11-27 09.05");
  const g = sheets.get("Audit 2026-11-27 09.05")!.grid;
  const field = (name: string) => g.find((r) => r[0] === name)!;
  expect(field("Timestamp")[1]).toBe(now.toISOString());
  expect(field("Regime").slice(1, 4)).toEqual(["diffusion-2025", regime.name, regime.badge]);
  expect(field("As-of date")[1]).toMatch(/2026-11-27 \(today\)/);
  expect(field("Rules data version")[1]).toBe(RULES_DATA_VERSION);
  expect(field("Rules data hash")[1]).toBe(RULES_DATA_HASH);
  expect(field("Source table")[1]).toBe("Shipments!A1:E5");
  const top = g.findIndex((r) => r[0] === "Row");
  const header = g[top];
  expect(header).toEqual(expect.arrayContaining(["Chip", "Destination", "Quantity", "Status", "License required", "Explanation"]));
  const rows = g.slice(top + 1);
  expect(rows).toHaveLength(4);
  expect(rows.map((r) => r[0])).toEqual([2, 3, 4, 5]); // sheet row numbers of the source
  const at = (name: string) => header.indexOf(name);
  expect(rows[1][at("License required")]).toBe(true); // 1,700 H100s to India under Diffusion as written
  expect(rows.every((r) => typeof r[at("Explanation")] === "string" && (r[at("Explanation")] as string).length > 40)).toBe(true);
  expect(rows[0][at("H100 equivalents")]).toBe(2000);
  // The ship-from country each row was judged with (an export from the US unless the row says otherwise).
  expect(rows.map((r) => r[at("Ship from")])).toEqual(["US", "US", "US", "US"]);
});

test("recalculate asks Excel for a full calculation, and is skipped without Excel", async () => {
  const { excel, calculations } = fakeExcel([], { selection: [0, 0, 1, 1] });
  await expect(recalculate(excel)).resolves.toBe(true);
  expect(calculations).toEqual(["Full"]);
  await expect(recalculate(undefined)).resolves.toBe(false);
});

test("without Excel the actions say why", async () => {
  await expect(runSheetAction(undefined, addComplianceColumns)).resolves.toEqual({ ok: false, message: expect.stringMatching(/need Excel/) });
});
