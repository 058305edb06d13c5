// "Compare dates" in the built task pane (dist/taskpane.html) in headless Chromium: the stand-in
// Office of browser.mjs plus a small in-page Excel workbook (one sheet of shipments, selection in
// it), driven by keyboard and labels as a user would. Needs `npm run build` first.
// Run: node --test test/e2e/compare-dates.e2e.test.mjs
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { launchBrowser, officeStandIn, routeOffline, serve } from "./browser.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const DIST = path.join(ROOT, "dist");
const OUT = path.join(ROOT, "test-output");

let server;
before(async () => {
  if (!fs.existsSync(path.join(DIST, "taskpane.html"))) throw new Error("dist/ is missing: run `npm run build` first");
  fs.mkdirSync(OUT, { recursive: true });
  server = await serve(DIST);
});
after(async () => {
  await server?.close();
});

/**
 * Installed before any page script: window.Excel.run over window.__sheets (sheet name -> rows),
 * enough of the Excel JavaScript API for the pane's sheet actions (ranges by index, values, used
 * range, new sheets, bold, activate). Writes apply at once; sync() resolves.
 */
function excelStandIn(rows) {
  const sheets = { Shipments: rows.map((r) => [...r]) };
  window.__sheets = sheets;
  window.__bold = [];
  window.__active = "Shipments";
  const letter = (c) => {
    let s = "";
    for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    return s;
  };
  const a1 = (r, c, n, m) => `${letter(c)}${r + 1}${n * m > 1 ? `:${letter(c + m - 1)}${r + n}` : ""}`;
  const used = (name) => {
    const g = sheets[name];
    let top = Infinity, left = Infinity, bottom = -1, right = -1;
    g.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === "" || v === null || v === undefined) return;
        top = Math.min(top, r); left = Math.min(left, c); bottom = Math.max(bottom, r); right = Math.max(right, c);
      })
    );
    if (bottom < 0) throw Object.assign(new Error("empty"), { code: "ItemNotFound" });
    return range(name, top, left, bottom - top + 1, right - left + 1);
  };
  function range(name, r, c, n, m) {
    const g = () => sheets[name];
    return {
      load() {},
      rowIndex: r,
      columnIndex: c,
      rowCount: n,
      columnCount: m,
      address: `${name}!${a1(r, c, n, m)}`,
      get values() {
        return Array.from({ length: n }, (_, i) => Array.from({ length: m }, (_, j) => g()[r + i]?.[c + j] ?? ""));
      },
      set values(v) {
        v.forEach((row, i) =>
          row.forEach((x, j) => {
            while (g().length <= r + i) g().push([]);
            g()[r + i][c + j] = x;
          })
        );
      },
      get worksheet() {
        return sheet(name);
      },
      getUsedRange: () => used(name),
      format: {
        font: {
          set bold(v) {
            if (v) window.__bold.push(`${name}!${a1(r, c, n, m)}`);
          },
        },
        autofitColumns() {},
      },
    };
  }
  function sheet(name) {
    return {
      name,
      load() {},
      getRangeByIndexes: (r, c, n, m) => range(name, r, c, n, m),
      getUsedRange: () => used(name),
      activate() {
        window.__active = name;
      },
    };
  }
  const workbook = {
    getSelectedRange: () => range("Shipments", 0, 0, 1, 1),
    worksheets: {
      add(name) {
        if (name in sheets) throw new Error(`sheet ${name} exists`);
        sheets[name] = [];
        return sheet(name);
      },
      getItemOrNullObject: (name) => ({ load() {}, isNullObject: !(name in sheets) }),
    },
    application: { calculate() {} },
  };
  window.Excel = { run: async (batch) => batch({ workbook, sync: async () => {} }), CalculationType: { full: "Full" } };
}

const SHIPMENTS = [
  ["Chip", "Destination", "Quantity", "Date"],
  ["H100", "KH", 10, "2024-01-01"],
  ["H100", "DE", 10, "2024-01-01"],
  ["H100", "CN", 5, "2024-01-01"],
];

test("Compare dates: two dates from the pane's as-of date, a new sheet with the changed row and its cause", async () => {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 360, height: 900 } });
    const blocked = await routeOffline(context, server.url);
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.addInitScript(officeStandIn, { host: "Excel", settings: { "exportctl.asOf": "2025-12-01" } });
    await page.addInitScript(excelStandIn, SHIPMENTS);
    await page.goto(server.url + "taskpane.html");
    await page.locator('#app[aria-busy="false"]').waitFor();

    const button = page.getByRole("button", { name: "Compare dates", exact: true });
    assert.equal(await button.isDisabled(), false);
    assert.equal(await button.getAttribute("aria-expanded"), "false");
    await button.focus();
    await page.keyboard.press("Enter");
    assert.equal(await button.getAttribute("aria-expanded"), "true");
    const first = page.getByLabel("First date", { exact: true });
    const second = page.getByLabel("Second date", { exact: true });
    // Defaults: a year before the pane's as-of date, and that date; the first field has the focus.
    assert.equal(await first.inputValue(), "2024-12-01");
    assert.equal(await second.inputValue(), "2025-12-01");
    assert.equal(await first.evaluate((el) => el === document.activeElement), true);
    await first.fill("2025-10-20");
    await page.getByRole("button", { name: "Write date comparison" }).click();
    await page.locator("#sheet-status", { hasText: 'Wrote "Date comparison"' }).waitFor();
    assert.match(await page.locator("#sheet-status").innerText(), /3 shipments under enforced as of 2025-10-20 and 2025-12-01; 1 changed/);

    const { sheet, active, bold } = await page.evaluate(() => ({ sheet: window.__sheets["Date comparison"], active: window.__active, bold: window.__bold }));
    assert.equal(active, "Date comparison");
    const top = sheet.findIndex((r) => r[0] === "Chip");
    assert.deepEqual(sheet[top], ["Chip", "Destination", "Quantity", "Verdict on 2025-10-20", "Verdict on 2025-12-01", "Changed", "Cause (RULE_CHANGES)"]);
    const [kh, de, cn] = sheet.slice(top + 1, top + 4);
    assert.equal(kh[5], "Yes");
    assert.match(kh[6], /^2025-11-07 .*Cambodia \(KH\) leaves Country Group D:5 \(/);
    assert.notEqual(kh[3], kh[4]);
    assert.equal(de[5], "No");
    assert.equal(cn[5], "No");
    assert.ok(bold.includes(`Date comparison!A${top + 2}:G${top + 2}`), "the changed row is in bold too");
    assert.match(sheet.slice(0, top).flat().join(" "), /Each row's own Date is set aside/);
    await page.screenshot({ path: path.join(OUT, "taskpane-compare-dates.png"), fullPage: true });
    assert.deepEqual(errors, []);
    assert.deepEqual(blocked, []);
  } finally {
    await browser.close();
  }
});

test("Compare dates: a cleared date is refused in place and nothing is written", async () => {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 360, height: 900 } });
    await routeOffline(context, server.url);
    const page = await context.newPage();
    await page.addInitScript(officeStandIn, { host: "Excel", settings: {} });
    await page.addInitScript(excelStandIn, SHIPMENTS);
    await page.goto(server.url + "taskpane.html");
    await page.locator('#app[aria-busy="false"]').waitFor();
    await page.getByRole("button", { name: "Compare dates", exact: true }).click();
    await page.getByLabel("Second date", { exact: true }).fill("");
    await page.getByRole("button", { name: "Write date comparison" }).click();
    const error = page.locator("#compare-dates-error");
    await error.waitFor();
    assert.match(await error.innerText(), /Second date/);
    assert.equal(await page.evaluate(() => "Date comparison" in window.__sheets), false);
  } finally {
    await browser.close();
  }
});
