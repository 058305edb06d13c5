// "Compare dates": the selected table under one regime on two dates, against an office-addin-mock
// workbook; and the pane's button and date fields.
import { listRegimes } from "../../src/rules/pane-api";
import { buildDateComparison } from "../../src/shipments/compare-dates";
import { compareDatesAction } from "../../src/taskpane/compare-dates";
import { init } from "../../src/taskpane/pane";
import { runSheetAction } from "../../src/taskpane/sheet-actions";
import { locateTable } from "../../src/taskpane/shipment-table";
import { resetSettings } from "../../src/settings/settings";
import { fakeExcel, fakeSettings, loadPaneHtml } from "./helpers";

const enforced = listRegimes().find((r) => r.id === "enforced")!;
const SHIPMENTS = [
  ["Chip", "Destination", "Quantity", "End-user HQ", "Date"],
  ["H100", "KH", 10, "", "2024-01-01"],
  ["H100", "DE", 10, "", "2024-01-01"],
  ["H1OO", "CN", 1, "", ""],
  ["H100", "CN", 5, "", "2024-01-01"],
];

beforeEach(() => resetSettings());

test("the sheet: one verdict column per date, changed rows marked with the cause from the rules data", async () => {
  const { excel, sheets, active } = fakeExcel(SHIPMENTS, { selection: [0, 0, 1, 1] });
  const now = new Date("2026-11-30T10:00:00Z");
  const result = await runSheetAction(excel, (ctx) => compareDatesAction(ctx, { regime: enforced, dates: ["2025-12-01", "2025-10-20"], now }));
  expect(result.ok).toBe(true);
  expect(result.sheet).toBe("Date comparison");
  expect(active()).toBe("Date comparison");
  expect(result.message).toMatch(/4 shipments under enforced as of 2025-10-20 and 2025-12-01; 1 changed/);
  const g = sheets.get("Date comparison")!.grid;
  const top = g.findIndex((r) => r[0] === "Chip");
  expect(g[top]).toEqual(["Chip", "Destination", "Quantity", "End-user HQ", "Verdict on 2025-10-20", "Verdict on 2025-12-01", "Changed", "Cause (RULE_CHANGES)"]);
  const [kh, de, bad, cn] = g.slice(top + 1, top + 5);
  // Each row's own Date (2024) is set aside: Cambodia is judged in and after its D:5 membership.
  expect(kh[4]).toBe("License required (presumption of denial)");
  expect(kh[5]).not.toBe(kh[4]);
  expect(kh[6]).toBe("Yes");
  expect(String(kh[7])).toMatch(/^2025-11-07 .*Cambodia \(KH\) leaves Country Group D:5 \(.+\)$/);
  expect(de[6]).toBe("No");
  expect(de[7]).toBe("");
  expect(bad[6]).toBe("Input error");
  expect(String(bad[4])).toMatch(/Unknown chip 'H1OO'/);
  expect(cn[6]).toBe("No"); // presumption of denial on both dates (the case-by-case review starts 2026-01-15)
  expect(g.slice(0, top).flat().join(" ")).toMatch(/Each row's own Date is set aside/);
  expect(sheets.get("Date comparison")!.bold.some((a) => a.endsWith(`A${top + 2}:H${top + 2}`))).toBe(true);
});

test("the content is the same as the rules module's own verdicts on those dates", () => {
  const table = locateTable(SHIPMENTS, 0, 0, "Shipments");
  const c = buildDateComparison(table, "Shipments!A1:E5", { regime: enforced, dates: ["2025-06-01", "2026-06-01"] });
  const cn = c.detail[4];
  expect(cn[4]).toBe("License required (presumption of denial)");
  expect(cn[5]).toMatch(/^License required \(case-by-case\)$/);
  expect(cn[6]).toBe("Yes");
  expect(String(cn[7])).toMatch(/2026-01-15 China\/Macau/);
  expect(String(cn[7])).not.toMatch(/Section 232/);
});

test("the pane: Compare dates opens two date fields (a year before the as-of date, and that date) and writes the sheet", async () => {
  loadPaneHtml();
  const { excel, sheets } = fakeExcel(SHIPMENTS, { selection: [0, 0, 1, 1] });
  const settings = fakeSettings({ "exportctl.asOf": "2025-12-01" });
  const pane = init({ host: "Excel" }, { settings: settings.store, excel, now: () => new Date("2026-11-30T10:00:00Z"), supports: () => true });
  const button = document.getElementById("action-compare-dates") as HTMLButtonElement;
  expect(button.disabled).toBe(false);
  const form = document.getElementById("compare-dates-form") as HTMLFormElement;
  expect(form.hidden).toBe(true);
  button.click();
  expect(form.hidden).toBe(false);
  expect(button.getAttribute("aria-expanded")).toBe("true");
  const from = document.getElementById("compare-from") as HTMLInputElement;
  const to = document.getElementById("compare-to") as HTMLInputElement;
  expect([from.value, to.value]).toEqual(["2024-12-01", "2025-12-01"]);
  from.value = "2025-10-20";
  form.requestSubmit();
  await pane.idle();
  expect(document.getElementById("sheet-status")!.textContent).toMatch(/Wrote "Date comparison": 4 shipments under enforced as of 2025-10-20 and 2025-12-01; 1 changed/);
  expect(sheets.has("Date comparison")).toBe(true);
  pane.dispose();
});

test("the pane: a bad date is refused in place, nothing written", async () => {
  loadPaneHtml();
  const { excel, sheets } = fakeExcel(SHIPMENTS, { selection: [0, 0, 1, 1] });
  const pane = init({ host: "Excel" }, { settings: fakeSettings().store, excel, now: () => new Date("2026-11-30T10:00:00Z"), supports: () => true });
  (document.getElementById("action-compare-dates") as HTMLButtonElement).click();
  (document.getElementById("compare-from") as HTMLInputElement).value = "";
  (document.getElementById("compare-dates-form") as HTMLFormElement).requestSubmit();
  await pane.idle();
  const error = document.getElementById("compare-dates-error")!;
  expect(error.hidden).toBe(false);
  expect(error.textContent).toMatch(/First date/);
  expect(sheets.has("Date comparison")).toBe(false);
  pane.dispose();
});

test("outside Excel the button is off", () => {
  loadPaneHtml();
  const pane = init({ host: null }, { settings: null, excel: undefined, now: () => new Date() });
  expect((document.getElementById("action-compare-dates") as HTMLButtonElement).disabled).toBe(true);
  pane.dispose();
});
