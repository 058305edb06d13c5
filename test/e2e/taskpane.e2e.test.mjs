// The built page (dist/taskpane.html: task pane + custom functions, Excel's shared runtime) in
// headless Chromium with stand-in Office and CustomFunctions objects. Needs `npm run build` first.
// Run: node --test test/e2e/
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { callFunction, launchBrowser, officeStandIn, routeOffline, serve } from "./browser.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const DIST = path.join(ROOT, "dist");
const OUT = path.join(ROOT, "test-output");
const REGIME_KEY = "exportctl.regime";
const INTERACTIVE = new Set(["button", "checkbox", "combobox", "link", "listbox", "radio", "radiogroup", "searchbox", "slider", "spinbutton", "switch", "textbox"]);

let server;
let meta;

before(async () => {
  if (!fs.existsSync(path.join(DIST, "taskpane.html")) || !fs.existsSync(path.join(DIST, "functions.json"))) {
    throw new Error("dist/ is missing: run `npm run build` first");
  }
  meta = JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8"));
  fs.mkdirSync(OUT, { recursive: true });
  server = await serve(DIST);
});

after(async () => {
  await server?.close();
});

/**
 * A fresh browser and page with the stand-ins; returns the page, what went wrong in it, and close().
 * One browser per page: the packaged Chromium runs --single-process and exits with its last context.
 */
async function openPane({ host = "Excel", settings = {}, viewport = { width: 360, height: 900 } } = {}) {
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport });
  const blocked = await routeOffline(context, server.url);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.addInitScript(officeStandIn, { host, settings });
  await page.goto(server.url + "taskpane.html");
  await page.locator('#app[aria-busy="false"]').waitFor();
  return { page, errors, blocked, close: () => browser.close() };
}

const regimeGroup = (page) => page.getByRole("radiogroup", { name: "Regulatory regime", exact: true });

/** Interactive nodes of the accessibility tree (Playwright's aria snapshot) that have no name. */
async function unnamedControls(page) {
  const snapshot = await page.locator("body").ariaSnapshot();
  return snapshot
    .split("\n")
    .map((line) => line.trim().replace(/^- /, "").replace(/^'/, ""))
    .filter((line) => INTERACTIVE.has(line.split(/[\s:[]/)[0]) && !/^[a-z]+ "/.test(line));
}

describe("inside Excel (stand-in host)", () => {
  let saved;

  test("picking a regime changes what the registered functions compute, and saves it", async () => {
    const { page, close, errors, blocked } = await openPane();
    try {
      assert.equal(await callFunction(page, meta, "REGIME"), "enforced");
      const args = ["H100", "IN", 1700, null, null, "2025-06-01"];
      assert.equal(await callFunction(page, meta, "REQUIRES_LICENSE", ...args), false);

      // Keyboard only: focus the checked regime, arrow down to the Diffusion rule.
      const group = regimeGroup(page);
      await group.getByRole("radio", { checked: true }).focus();
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("ArrowDown");
      assert.equal(await group.getByRole("radio", { name: /Framework for AI Diffusion/ }).isChecked(), true);
      await page.waitForFunction((key) => window.__settings[key] === "diffusion-2025" && window.__saves > 0, REGIME_KEY);
      await page.getByText(/Saved in this workbook/).waitFor();

      assert.equal(await callFunction(page, meta, "REGIME"), "diffusion-2025");
      assert.equal(await callFunction(page, meta, "REQUIRES_LICENSE", ...args), true);
      // An explicit regime argument still wins over the pane's choice.
      assert.equal(await callFunction(page, meta, "REQUIRES_LICENSE", "H100", "IN", 1700, null, "enforced", "2025-06-01"), false);

      saved = await page.evaluate(() => ({ ...window.__settings }));
      assert.deepEqual(errors, []);
      assert.deepEqual(blocked, []);
    } finally {
      await close();
    }
  });

  test("a fresh page with the saved settings shows the saved choice", async () => {
    assert.ok(saved, "the previous test saved settings");
    const { page, close, errors } = await openPane({ settings: saved });
    try {
      const radio = regimeGroup(page).getByRole("radio", { name: /Framework for AI Diffusion/ });
      assert.equal(await radio.isChecked(), true);
      assert.equal(await regimeGroup(page).getByRole("radio", { checked: true }).count(), 1);
      assert.equal(await callFunction(page, meta, "REGIME"), "diffusion-2025");
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test("every visible control has an accessible name; screenshot at 360x900", async () => {
    const { page, close, errors } = await openPane({ settings: { "exportctl.asOf": "2025-06-01" } });
    try {
      assert.equal(await regimeGroup(page).count(), 1);
      for (const label of ["Chip", "Destination", "Quantity", "Fixed as-of date"]) {
        assert.equal(await page.getByLabel(label, { exact: true }).count(), 1, label);
      }
      await page.getByLabel("Chip", { exact: true }).fill("H100");
      await page.getByLabel("Destination", { exact: true }).fill("India");
      await page.getByLabel("Quantity", { exact: true }).fill("1700");
      await page.getByLabel("Quantity", { exact: true }).press("Enter");
      await page.locator("#results .card").nth(3).waitFor();
      await page.locator("#results details.steps summary").first().click();
      assert.deepEqual(await unnamedControls(page), []);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(OUT, "taskpane.png") });
      await page.screenshot({ path: path.join(OUT, "taskpane-full.png"), fullPage: true });
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });
});

describe("outside Office (Office.onReady reports host null)", () => {
  test("the pane says it is not inside Excel, sheet actions are off, and the checker works", async () => {
    const { page, close, errors, blocked } = await openPane({ host: null });
    try {
      const notice = page.locator("#host-notice");
      assert.equal(await notice.isVisible(), true);
      assert.match(await notice.innerText(), /Not running inside Excel/);
      for (const name of ["Add compliance columns", "Compare regimes", "Audit snapshot"]) {
        assert.equal(await page.getByRole("button", { name }).isDisabled(), true, name);
      }
      assert.match(await page.locator("#sheet-disabled").innerText(), /need Excel/);

      await page.getByLabel("Chip", { exact: true }).fill("H1OO");
      await page.getByLabel("Destination", { exact: true }).fill("AE");
      await page.getByRole("button", { name: "Check under every regime" }).click();
      const error = page.locator("#chip-error");
      assert.match(await error.innerText(), /Unknown chip 'H1OO'/);
      await error.getByRole("button", { name: "H100" }).click();
      await page.locator("#results .card").nth(3).waitFor();
      assert.equal(await page.locator("#results .card").count(), 4);
      assert.match(await page.locator("#results").innerText(), /H100 SXM5 80GB × 1 to United Arab Emirates/);
      await page.screenshot({ path: path.join(OUT, "taskpane-no-host.png") });
      assert.deepEqual(errors, []);
      assert.deepEqual(blocked, []);
    } finally {
      await close();
    }
  });
});
