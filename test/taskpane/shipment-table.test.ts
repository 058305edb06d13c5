// Header detection, the compliance-column formulas and the ledger-style row evaluation, without Excel.
import {
  address,
  columnLetter,
  complianceFormulas,
  detectColumns,
  evaluateRows,
  existingOutputColumns,
  locateTable,
} from "../../src/taskpane/shipment-table";

test("column letters and addresses", () => {
  expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(["A", "Z", "AA", "AB", "ZZ", "AAA"]);
  expect(address(1, 0, 39, 1)).toBe("A2:A40");
  expect(address(0, 6)).toBe("G1");
});

test("headers match case-insensitively and in their common spellings", () => {
  expect(detectColumns(["CHIP", "Destination", "qty", "End-user HQ", "Consignee", "Ship date"])).toEqual({
    chip: 0, destination: 1, quantity: 2, hq: 3, consignee: 4, date: 5,
  });
  expect(detectColumns(["Item", "Country", "Quantity", "HQ"])).toEqual({ chip: 0, destination: 1, quantity: 2, hq: 3 });
  expect(detectColumns(["end_user_hq", "Notes", "chip", "DESTINATION"])).toEqual({ hq: 0, chip: 2, destination: 3 });
});

test("the header row may sit under a title; trailing blank rows are dropped", () => {
  const values = [
    ["Q3 shipments", "", ""],
    ["Chip", "Destination", "Quantity"],
    ["H100", "AE", 2000],
    ["", "", ""],
  ];
  const t = locateTable(values, 4, 1, "Sheet1");
  expect(t.top).toBe(5);
  expect(t.left).toBe(1);
  expect(t.rows).toEqual([["H100", "AE", 2000]]);
});

test("no recognisable header row is a clear error", () => {
  expect(() => locateTable([["a", "b"], [1, 2]], 0, 0, "S", "S!A1:B2")).toThrow(/No header row with a Chip and a Destination column in S!A1:B2 \(the first row reads: a, b\)/);
  expect(() => locateTable([["Chip", "Destination"]], 0, 0, "S", "S!A1:B1")).toThrow(/no shipments/);
});

const table = locateTable(
  [
    ["Chip", "Destination", "Quantity", "HQ", "Date"],
    ["H100", "AE", 2000, "", "2025-06-01"],
    ["H100", "IN", 1699, "", ""],
    ["H100", "SG", 100, "CN", 45809],
  ],
  0,
  0,
  "Sheet1"
);

test("spilled formulas: one per column over the table's ranges, regime left to the pane, Date as as_of", () => {
  expect(complianceFormulas(table, "spill")).toEqual([
    [
      "=EXPORTCTL.REQUIRES_LICENSE(A2:A4,B2:B4,C2:C4,D2:D4,,E2:E4)",
      "=EXPORTCTL.LICENSE_EXCEPTION(A2:A4,B2:B4,C2:C4,D2:D4,,E2:E4)",
      "=EXPORTCTL.REVIEW_POLICY(A2:A4,B2:B4,C2:C4,D2:D4,,E2:E4)",
      "=EXPORTCTL.H100_EQUIVALENT(A2:A4,C2:C4)",
      "=EXPORTCTL.EXPLAIN(A2:A4,B2:B4,C2:C4,D2:D4,,E2:E4)",
    ],
  ]);
});

test("per-row formulas (Excel tables) and missing optional columns", () => {
  const t = locateTable([["Destination", "Chip"], ["AE", "H100"], ["CN", "H20"]], 9, 2, "S");
  const f = complianceFormulas(t, "per-row");
  expect(f).toHaveLength(2);
  expect(f[0][0]).toBe("=EXPORTCTL.REQUIRES_LICENSE(D11,C11)");
  expect(f[1][3]).toBe("=EXPORTCTL.H100_EQUIVALENT(D12)");
});

test("existing compliance columns are found so a second run rewrites them", () => {
  expect(existingOutputColumns(["Chip", "Destination", "License required", "Exception", "Review policy", "H100 equivalents", "Explanation"])).toBe(2);
  expect(existingOutputColumns(["Chip", "License required"])).toBeNull();
});

test("rows are evaluated with their own date; serial numbers are dates", () => {
  const rows = evaluateRows(table, "diffusion-2025", "2026-01-01");
  expect(rows.map((r) => r.asOf)).toEqual(["2025-06-01", "2026-01-01", "2025-06-01"]);
  expect(rows.every((r) => r.determination)).toBe(true);
  expect(rows[0].determination!.licenseRequired).toBe(true); // 2,000 H100s exceed the LPP allowance
  expect(rows[2].determination!.licenseRequired).toBe(true); // end user headquartered in China
});

test("a consignee's allowance accumulates in date order, as in LEDGER", () => {
  const t = locateTable(
    [
      ["Chip", "Destination", "Quantity", "Consignee", "Date"],
      ["H100", "IN", 1000, "Acme", "2025-07-01"],
      ["H100", "IN", 1000, "Acme", "2025-06-01"],
      ["H100", "IN", 1000, "Other", "2025-06-02"],
    ],
    0,
    0,
    "S"
  );
  const rows = evaluateRows(t, "diffusion-2025", "2025-06-01");
  // Acme's June shipment fits under LPP; its July one pushes the year's total over 26.9M TPP.
  expect(rows[1].determination!.exception).toBe("LPP");
  expect(rows[0].determination!.licenseRequired).toBe(true);
  expect(rows[2].determination!.exception).toBe("LPP");
});

test("bad rows carry their own error; blank rows are skipped", () => {
  const t = locateTable([["Chip", "Destination", "Quantity"], ["H1OO", "AE", 1], ["", "", ""], ["H100", "AE", -3], ["H100", "AE", 1]], 0, 0, "S");
  const rows = evaluateRows(t, "enforced", "2025-06-01");
  expect(rows[0].error).toMatch(/Did you mean H100/);
  expect(rows[1].present).toBe(false);
  expect(rows[2].error).toBe("quantity must be a whole number >= 1, got -3");
  expect(rows[3].determination).not.toBeNull();
});
