// LEDGER's running totals: the order rows are taken in and the arithmetic of the totals. Each row's
// verdict depends on the rows before it, so an order or a sum that is off gives the allowance to the
// wrong row. Expected values come from the rules (15 CFR 740.29: the LPP allowance is 26,900,000
// TPP per consignee per calendar year; a shipment that keeps the year's total within it is LPP).
import * as functions from "../../src/functions/functions";
import {
  CHIPS,
  determine,
  runLedger,
  resolveCountry,
  resolveItem,
  type Shipment,
} from "../../src/rules";
import { resetSettings } from "../../src/settings/settings";
import { resetWorkbookFormat } from "../../src/settings/workbook-format";
import { seen } from "../support/cases";

type Fn = (...args: unknown[]) => unknown;
const ledger = (...args: unknown[]) => seen((functions.ledger as Fn)(...args)) as unknown[][];

beforeEach(() => {
  resetSettings();
  resetWorkbookFormat();
});

test("rows of one day are taken in table order, however their dates are written (text or a serial number)", () => {
  // Rows 2 and 3: 1,000 H100 each (15,832,000 TPP) for Acme on 2025-06-20 (serial 45828): the first
  // of them in the table is within the allowance, the second crosses it. Row 1, another consignee,
  // carries the serial too, so the serial is the first of the column's date values.
  const rows = ledger(
    [["H20"], ["H100"], ["H100"]],
    [["US"], ["IN"], ["IN"]],
    [[1], [1000], [1000]],
    null,
    [["Other"], ["Acme"], ["Acme"]],
    [[45828], ["2025-06-20"], [45828]],
    [["diffusion-2025"]]
  );
  expect(rows[1].slice(0, 3)).toEqual(["EXCEPTION", false, "LPP"]);
  expect(rows[2].slice(0, 3)).toEqual(["LICENSE", true, ""]);
  // The same table with every date written as text gives the same lines.
  const text = ledger(
    [["H20"], ["H100"], ["H100"]],
    [["US"], ["IN"], ["IN"]],
    [[1], [1000], [1000]],
    null,
    [["Other"], ["Acme"], ["Acme"]],
    [["2025-06-20"], ["2025-06-20"], ["2025-06-20"]],
    [["diffusion-2025"]]
  );
  expect(rows).toEqual(text);
});

test("a year's total that reaches the allowance exactly stays within it (no binary noise in the sums)", () => {
  // 442 x MI300X (20,919.2) = 9,246,286.4; 1,113 x MI300A (15,689.6) = 17,462,524.8;
  // 33 x MI250 (5,793.6) = 191,188.8: together exactly 26,900,000, which is within 26,900,000.
  const tpp = (id: string) => CHIPS.find((c) => c.id === id)?.tpp;
  expect([tpp("amd-mi300x"), tpp("amd-mi300a"), tpp("amd-mi250")]).toEqual([
    20919.2, 15689.6, 5793.6,
  ]);
  const rows = ledger(
    [["MI300X"], ["MI300A"], ["MI250"]],
    [["IN"], ["IN"], ["IN"]],
    [[442], [1113], [33]],
    null,
    [["Acme"], ["Acme"], ["Acme"]],
    [["2025-06-02"], ["2025-06-03"], ["2025-06-04"]],
    [["diffusion-2025"]]
  );
  expect(rows.map((r) => r[2])).toEqual(["LPP", "LPP", "LPP"]);
  expect(rows.map((r) => r[3])).toEqual([9246286.4, 26708811.2, 26900000]);
  // The pane's and the batch command's ledger (runLedger in the rules) agree.
  const item = (t: string) => {
    const r = resolveItem(t);
    if (!r.ok) throw new Error(t);
    return r.value;
  };
  const india = resolveCountry("IN");
  if (!india.ok) throw new Error("IN");
  const entries = ["MI300X", "MI300A", "MI250"].map((chip, i) => ({
    shipment: {
      item: item(chip),
      destination: india.value,
      quantity: [442, 1113, 33][i],
    } as Shipment,
    consignee: "Acme",
    asOf: `2025-06-0${i + 2}`,
  }));
  const out = runLedger(entries, (shipment, entry) =>
    determine(shipment, "diffusion-2025", entry.asOf)
  );
  expect(out.map((o) => o?.result?.exception)).toEqual(["LPP", "LPP", "LPP"]);
  expect(out[2]?.allowanceTotal).toBe(26900000);
});

test("a stray far-off date does not size the totals by consignees x years (560,000 consignees, one row dated 9999)", () => {
  // Totals by consignee and year: sized by the years the table holds, or kept sparse, never by
  // the span between its earliest and latest year (560,000 x 7,975 slots is past any array's size).
  const n = 560_000;
  const consignees = Array.from({ length: n }, (_, i) => [`C${i}`]);
  const dates = Array.from({ length: n }, (_, i) => [i === 0 ? "9999-12-31" : "2025-06-01"]);
  const rows = ledger([["H100"]], [["AE"]], [[1]], null, consignees, dates, [["diffusion-2025"]]);
  expect(rows.length).toBe(n);
  expect(rows[1]).toEqual(["EXCEPTION", false, "LPP", 15832, 0]);
  expect(rows[n - 1]).toEqual(["EXCEPTION", false, "LPP", 15832, 0]);
  // Over six years the slots would outnumber the rows four times: the totals are kept sparse, and
  // two rows of one consignee in one year still accumulate (rows 1 and 6 are both 2022).
  const spread = dates.map((d, i) => [i === 0 ? d[0] : `${2021 + (i % 5)}-06-01`]);
  consignees[6] = ["C1"];
  const again = ledger([["H100"]], [["AE"]], [[1]], null, consignees, spread, [["diffusion-2025"]]);
  expect(again[1]).toEqual(["EXCEPTION", false, "LPP", 15832, 0]);
  expect(again[6]).toEqual(["EXCEPTION", false, "LPP", 31664, 0]);
});
