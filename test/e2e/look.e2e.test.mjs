// How the pane, the workbench and the help pages look and behave for a new user, in headless
// Chromium over the built dist/: light and dark (the Office theme inside Excel, the system's
// prefers-color-scheme outside), screenshots at 350 and 1280 px saved in test-output/look/,
// axe-core with no violations, the pane without office.js or CustomFunctions, the workbench's
// download columns and the keyboard path to a row's full explanation.
// Needs `npm run build` first. Run: node --test test/e2e/look.e2e.test.mjs
import assert from "node:assert/strict";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { OFFICE_JS, launchBrowser, officeStandIn, routeOffline, serve } from "./browser.mjs";

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const DIST = process.env.EXPORTCTL_DIST ? path.resolve(process.env.EXPORTCTL_DIST) : path.join(ROOT, "dist");
const OUT = path.join(ROOT, "test-output", "look");
const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
// Office's body background in its White and Black themes (Office.context.officeTheme).
const OFFICE_THEMES = { light: { bodyBackgroundColor: "#FFFFFF" }, dark: { bodyBackgroundColor: "#262626" } };
const WIDTHS = [350, 1280];

let server;
before(async () => {
  for (const f of ["taskpane.html", "workbench.html", "theme.css", "help/index.html"])
    if (!fs.existsSync(path.join(DIST, f))) throw new Error(`${DIST}/${f} is missing: run \`npm run build\` first`);
  fs.mkdirSync(OUT, { recursive: true });
  server = await serve(DIST);
});
after(async () => {
  await server?.close();
});

/** A page in a fresh browser (the packaged Chromium exits with its last context). */
async function open({ width = 1280, height = 900, scheme = "light", standIn = null, officeJs = "empty" } = {}) {
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width, height }, colorScheme: scheme, acceptDownloads: true });
  const blocked = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url === OFFICE_JS)
      return officeJs === "missing"
        ? route.abort()
        : route.fulfill({ status: 200, contentType: "text/javascript", body: "" });
    if (url.startsWith(server.url) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && !/office\.js|ERR_FAILED/.test(m.text()) && errors.push(m.text()));
  page.on("response", (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`));
  if (standIn) await page.addInitScript(officeStandIn, standIn);
  return { page, errors, blocked, close: () => browser.close() };
}

async function axe(page) {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(() =>
    window.axe.run(document, { resultTypes: ["violations"], runOnly: ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"] })
  );
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
}

async function checkH20ToChina(page) {
  await page.getByLabel("Chip", { exact: true }).fill("H20");
  await page.getByLabel("Destination", { exact: true }).fill("China");
  await page.getByRole("button", { name: "Check under every regime" }).click();
  await page.locator("#results .card").nth(3).waitFor();
}

describe("task pane", () => {
  for (const theme of ["light", "dark"]) {
    test(`follows the Office theme (${theme}): tokens applied, 0 axe violations, screenshots at 350 and 1280 px`, async () => {
      for (const width of WIDTHS) {
        const { page, errors, blocked, close } = await open({
          width,
          // The system says the opposite: inside Office the Office theme wins.
          scheme: theme === "light" ? "dark" : "light",
          standIn: { host: "Excel", settings: { "exportctl.asOf": "2026-03-01" }, officeTheme: OFFICE_THEMES[theme] },
        });
        try {
          await page.goto(server.url + "taskpane.html");
          await page.locator('#app[aria-busy="false"]').waitFor();
          assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), theme);
          const colors = await page.evaluate(() => {
            const s = getComputedStyle(document.body);
            return { bg: s.backgroundColor, font: s.fontFamily };
          });
          // Fluent 2 colorNeutralBackground2: #fafafa light, #1f1f1f dark (webLightTheme, webDarkTheme).
          assert.equal(colors.bg, theme === "light" ? "rgb(250, 250, 250)" : "rgb(31, 31, 31)");
          assert.match(colors.font, /^"?Segoe UI"?,/);
          await checkH20ToChina(page);
          const cards = page.locator("#results .card");
          // Regimes as columns from 600 px, stacked below.
          const tops = await cards.evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
          if (width >= 600) assert.equal(new Set(tops).size, 1, `one row of cards at ${width} px: ${tops}`);
          else assert.equal(new Set(tops).size, 4, `stacked cards at ${width} px: ${tops}`);
          // Every card says why in one sentence before its (collapsed) steps.
          for (let i = 0; i < 4; i++) {
            const card = cards.nth(i);
            const reason = card.locator(".reason");
            assert.equal(await reason.isVisible(), true);
            assert.ok((await reason.innerText()).length > 20);
            const order = await card.evaluate((c) => {
              const r = c.querySelector(".reason");
              const s = c.querySelector("details.steps");
              return Boolean(r.compareDocumentPosition(s) & Node.DOCUMENT_POSITION_FOLLOWING);
            });
            assert.equal(order, true, "reason before the steps");
          }
          const license = page.locator('#results .card[data-regime="enforced"]');
          assert.match(await license.locator(".verdict").innerText(), /License required/);
          assert.match(await license.locator(".reason").innerText(), /[A-Za-z]{4}/);
          assert.deepEqual(await axe(page), []);
          await page.evaluate(() => window.scrollTo(0, 0));
          await page.screenshot({ path: path.join(OUT, `taskpane-${theme}-${width}.png`), fullPage: true });
          // The answer as a user sees it on screen (the full page is long at pane width).
          await page.locator("#results").evaluate((el) => el.scrollIntoView());
          await page.screenshot({ path: path.join(OUT, `taskpane-${theme}-${width}-results.png`) });
          assert.deepEqual(errors, []);
          assert.deepEqual(blocked, []);
        } finally {
          await close();
        }
      }
    });
  }

  test("the theme is read again when the pane becomes visible (Excel has no theme-change event); forced colours win", async () => {
    const { page, close } = await open({ width: 350, standIn: { host: "Excel", settings: {}, officeTheme: OFFICE_THEMES.light } });
    try {
      await page.goto(server.url + "taskpane.html");
      await page.locator('#app[aria-busy="false"]').waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "light");
      await page.evaluate((dark) => {
        window.__theme = dark;
        document.dispatchEvent(new Event("visibilitychange"));
      }, OFFICE_THEMES.dark);
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
      // High contrast (forced colours) overrides the Office theme: the tokens become system colours.
      await page.emulateMedia({ forcedColors: "active" });
      const tokens = await page.evaluate(() => {
        const s = getComputedStyle(document.documentElement);
        return ["--colorNeutralBackground1", "--colorNeutralForeground1", "--colorBrandBackground"].map((t) => s.getPropertyValue(t).trim());
      });
      assert.deepEqual(tokens, ["Canvas", "CanvasText", "Highlight"]);
      await page.getByLabel("Chip", { exact: true }).fill("H100");
      await page.getByLabel("Destination", { exact: true }).fill("CN");
      await page.getByRole("button", { name: "Check under every regime" }).click();
      await page.locator("#results .card").nth(3).waitFor();
      await page.locator("#results").evaluate((el) => el.scrollIntoView());
      await page.screenshot({ path: path.join(OUT, "taskpane-forced-colors-350-results.png") });
    } finally {
      await close();
    }
  });

  test("without office.js and without CustomFunctions: starts, says what is unavailable, checks, never submits to a URL", async () => {
    for (const scheme of ["light", "dark"]) {
      const { page, errors, close } = await open({ width: 350, scheme, officeJs: "missing" });
      try {
        await page.goto(server.url + "taskpane.html?from=test");
        await page.locator('#app[aria-busy="false"]').waitFor({ timeout: 5000 });
        assert.equal(await page.evaluate(() => typeof window.Office), "undefined");
        assert.equal(await page.locator("#loading").count(), 0, "no stuck Loading…");
        const notice = await page.locator("#host-notice").innerText();
        assert.match(notice, /Not running inside Excel/);
        assert.match(notice, /Unavailable here/);
        const defaults = await page.locator("#defaults-saved").innerText();
        assert.doesNotMatch(defaults, /saved in this workbook/i);
        // Outside Office the system's colour scheme decides.
        const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        assert.equal(bg, scheme === "light" ? "rgb(250, 250, 250)" : "rgb(31, 31, 31)");
        await page.getByLabel("Chip", { exact: true }).fill("H100");
        await page.getByLabel("Destination", { exact: true }).fill("AE");
        await page.getByLabel("End-user HQ (optional)").fill("US");
        await page.getByLabel("Destination", { exact: true }).press("Enter");
        await page.locator("#results .card").nth(3).waitFor();
        assert.equal(new URL(page.url()).search, "?from=test", "the form stayed on the page");
        assert.equal(await page.locator("#check-form").getAttribute("method"), "dialog");
        assert.deepEqual(await axe(page), []);
        await page.screenshot({ path: path.join(OUT, `taskpane-no-office-${scheme}-350.png`), fullPage: true });
        assert.deepEqual(errors, []);
      } finally {
        await close();
      }
    }
  });

  test("answers in plain words: agreement on the answer, caveat before a regime's start, no 'is in Macau/D:5'", async () => {
    const { page, close } = await open({ width: 1280, standIn: { host: "Excel", settings: { "exportctl.asOf": "2022-12-01" }, officeTheme: OFFICE_THEMES.light } });
    try {
      await page.goto(server.url + "taskpane.html");
      await page.locator('#app[aria-busy="false"]').waitFor();
      await page.getByLabel("Chip", { exact: true }).fill("H100");
      await page.getByLabel("Destination", { exact: true }).fill("Russia");
      await page.getByRole("button", { name: "Check under every regime" }).click();
      await page.locator("#results .card").nth(3).waitFor();
      const text = await page.locator("#results").innerText();
      assert.doesNotMatch(text, /is in Macau\/D:5/);
      // 2022-12-01 is before the Oct 2023 rules and the Diffusion rule: their cards say so.
      assert.match(await page.locator('.card[data-regime="baseline-2023"] .caveat').innerText(), /Not yet in force on 2022-12-01/);
      assert.equal(await page.locator('.card[data-regime="enforced"] .caveat').count(), 0);
      assert.doesNotMatch(await page.locator("#regime-choices").innerText(), /\d on\b/);
      // Four "no licence" answers by different routes are not a disagreement.
      await page.locator("#asof-date").fill("2025-06-01");
      await page.locator("#asof-date").dispatchEvent("change");
      await page.getByLabel("Chip", { exact: true }).fill("H100");
      await page.getByLabel("Destination", { exact: true }).fill("Germany");
      await page.getByRole("button", { name: "Check under every regime" }).click();
      await page.locator("#results .card").nth(3).waitFor();
      const statuses = await page.locator("#results .card").evaluateAll((cs) => cs.map((c) => c.dataset.status));
      assert.ok(statuses.every((s) => s === "NLR" || s === "EXCEPTION"), statuses.join());
      const meta = await page.locator(".results-meta").innerText();
      assert.doesNotMatch(meta, /disagree/);
      assert.match(meta, /no license is required/);
    } finally {
      await close();
    }
  });
});

describe("workbench", () => {
  for (const theme of ["light", "dark"]) {
    test(`${theme}: 0 axe violations, screenshots at 350 and 1280 px`, async () => {
      for (const width of WIDTHS) {
        const { page, errors, blocked, close } = await open({ width, scheme: theme });
        try {
          await page.goto(server.url + "workbench.html");
          await page.locator('body[data-ready="true"]').waitFor();
          await page.locator("#wb-grid button.wb-rowbtn").first().click();
          await page.locator("#wb-detail").waitFor();
          assert.deepEqual(await axe(page), []);
          await page.screenshot({ path: path.join(OUT, `workbench-${theme}-${width}.png`) });
          await page.locator("#wb-detail").evaluate((el) => el.scrollIntoView());
          await page.screenshot({ path: path.join(OUT, `workbench-${theme}-${width}-detail.png`) });
          assert.deepEqual(errors, []);
          assert.deepEqual(blocked, []);
        } finally {
          await close();
        }
      }
    });
  }

  /** The CSV the workbench downloads: header and rows (simple split; the example has no quoted commas in headers). */
  async function download(page) {
    const [dl] = await Promise.all([page.waitForEvent("download"), page.locator("#wb-download").click()]);
    const file = path.join(OUT, dl.suggestedFilename());
    await dl.saveAs(file);
    return file;
  }
  const headerOf = (file) => fs.readFileSync(file, "utf8").split(/\r?\n/)[0].split(",");

  test("the download has the grid's columns, also for the workbook and for a checked file reopened", async () => {
    const { page, errors, close } = await open({ width: 1600 });
    try {
      await page.goto(server.url + "workbench.html");
      await page.locator('body[data-ready="true"]').waitFor();
      const gridHeader = async () =>
        (await page.locator("#wb-grid thead th").allInnerTexts()).slice(1).map((t) => t.replace(/^fx\s*/, "").trim());
      await page.getByRole("button", { name: "Example workbook (.xlsx)" }).click();
      await page.waitForFunction(() => document.getElementById("wb-source")?.textContent?.includes("shipments.xlsx"));
      await page.locator("#wb-download").waitFor();
      const first = await download(page);
      const header = headerOf(first);
      assert.equal(new Set(header).size, header.length, `no duplicated columns: ${header}`);
      const grid = await gridHeader();
      assert.equal(header.length, grid.length, `download ${header} vs grid ${grid}`);
      for (const name of ["License required", "Exception", "Review policy", "H100 equivalents", "Explanation"])
        assert.equal(header.filter((h) => h === name).length, 1, name);

      // Reopen the checked file: its result columns are replaced, not repeated.
      await page.locator("#wb-file").setInputFiles(first);
      await page.waitForFunction((name) => document.getElementById("wb-source")?.textContent?.startsWith(name), path.basename(first));
      await page.locator("#wb-download").waitFor();
      const again = headerOf(await download(page));
      assert.deepEqual(again, header);
      assert.equal((await gridHeader()).length, header.length);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test("keyboard only: Tab to a row, Enter opens the full explanation with citations, Escape returns", async () => {
    const { page, errors, close } = await open({ width: 1280 });
    try {
      await page.goto(server.url + "workbench.html");
      await page.locator('body[data-ready="true"]').waitFor();
      let found = false;
      for (let i = 0; i < 40 && !found; i++) {
        await page.keyboard.press("Tab");
        found = await page.evaluate(() => document.activeElement?.classList.contains("wb-rowbtn") ?? false);
      }
      assert.ok(found, "a row button is reachable with Tab");
      const row = await page.evaluate(() => document.activeElement.dataset.row);
      await page.keyboard.press("Enter");
      const panel = page.locator("#wb-detail");
      await panel.waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.id), "wb-detail-heading");
      // The whole explanation, not the grid's two lines.
      const full = await page.locator(`#wb-grid tr[data-row="${row}"] td[data-col="Explanation"]`).getAttribute("title");
      const shown = await panel.locator(".wb-detail-explanation").innerText();
      assert.ok(full && full.length > 40);
      assert.equal(shown.trim(), full.trim());
      const cites = await panel.locator(".wb-detail-steps cite").allInnerTexts();
      assert.ok(cites.length >= 2);
      assert.ok(cites.some((c) => /CFR|FR \d/.test(c)), cites.join(" | "));
      assert.equal(await page.locator(`#wb-grid tr[data-row="${row}"]`).getAttribute("aria-current"), "true");
      await page.keyboard.press("Escape");
      assert.equal(await panel.isHidden(), true);
      assert.equal(await page.evaluate(() => document.activeElement?.dataset.row), row);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });
});

describe("help pages", () => {
  for (const theme of ["light", "dark"]) {
    test(`${theme}: responsive to 320 px, 0 axe violations, screenshots at 350 and 1280 px`, async () => {
      for (const width of [320, ...WIDTHS]) {
        const { page, errors, blocked, close } = await open({ width, scheme: theme });
        try {
          for (const name of ["index", "requires_license", "explain", "ledger"]) {
            await page.goto(server.url + `help/${name}.html`);
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
            assert.equal(overflow, 0, `help/${name}.html scrolls sideways at ${width} px`);
            const bg = await page.evaluate(() => getComputedStyle(document.querySelector(".banner")).backgroundColor);
            assert.equal(bg, theme === "light" ? "rgb(15, 108, 189)" : "rgb(17, 94, 163)", "the brand band (colorBrandBackground)");
            if (width === 1280 || name === "requires_license") assert.deepEqual(await axe(page), [], `help/${name}.html`);
            if (name === "requires_license" && width !== 320)
              await page.screenshot({ path: path.join(OUT, `help-${theme}-${width}.png`) });
            if (name === "requires_license" && width !== 1280) {
              await page.locator("#arguments").evaluate((el) => el.scrollIntoView());
              await page.screenshot({ path: path.join(OUT, `help-${theme}-${width}-arguments.png`) });
            }
          }
          assert.deepEqual(errors, []);
          assert.deepEqual(blocked, []);
        } finally {
          await close();
        }
      }
    });
  }
});
