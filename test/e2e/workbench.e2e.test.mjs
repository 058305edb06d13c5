// The built workbench (dist/workbench.html: the task pane and the custom functions without Excel,
// beside a shipments grid and a formula box) in headless Chromium, served from dist/ by a local
// static server, with no Office stand-in: the page brings its own CustomFunctions stand-in and
// runs with Office absent. Needs `npm run build` first (EXPORTCTL_DIST points elsewhere).
// Run: node --test test/e2e/workbench.e2e.test.mjs
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { launchBrowser, routeOffline, serve } from "./browser.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const DIST = process.env.EXPORTCTL_DIST
  ? path.resolve(process.env.EXPORTCTL_DIST)
  : path.join(ROOT, "dist");
const OUT = path.join(ROOT, "test-output");
const FORMULA = '=EXPORTCTL.REQUIRES_LICENSE("H100","AE",2000,,"diffusion-2025","2025-06-01")';

/** Data rows of a CSV the simple way (the example has no quoted line breaks). */
function csvDataRows(file) {
  return fs
    .readFileSync(file, "utf8")
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.replace(/,/g, "").trim() !== "").length;
}

describe("workbench.html", () => {
  let server;
  let browser;
  let page;
  const errors = [];
  const requests = [];
  let blocked;

  before(async () => {
    if (!fs.existsSync(path.join(DIST, "workbench.html")))
      throw new Error(`${DIST}/workbench.html is missing: run \`npm run build\` first`);
    fs.mkdirSync(OUT, { recursive: true });
    server = await serve(DIST);
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    blocked = await routeOffline(context, server.url);
    page = await context.newPage();
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("request", (r) => requests.push(r.url()));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const grid = () => page.locator("#wb-grid");
  const column = (name) => page.locator(`#wb-grid tbody td[data-col="${name}"]`).allInnerTexts();
  const version = async () => Number(await grid().getAttribute("data-version"));
  async function waitForVersionAbove(v) {
    await page.waitForFunction(
      (n) => Number(document.getElementById("wb-grid")?.dataset.version) > n,
      v
    );
  }

  test("loads with Office absent, registers every function of functions.json, mounts the real pane and fills the grid from the example", async () => {
    const started = Date.now();
    await page.goto(server.url + "workbench.html");
    await page.locator('body[data-ready="true"]').waitFor();
    console.log(`workbench ready in ${Date.now() - started} ms`);
    assert.equal(await page.evaluate(() => typeof window.Office), "undefined");
    const declared = JSON.parse(fs.readFileSync(path.join(ROOT, "dist", "functions.json"), "utf8")).functions.length;
    assert.equal(declared, 20);
    assert.equal(await page.locator("body").getAttribute("data-functions"), String(declared));
    // The pane's own markup and script: started outside Office, it says so.
    await page.locator('#app[aria-busy="false"]').waitFor();
    assert.match(await page.locator("#host-notice").innerText(), /Not running inside Excel/);

    const example = path.join(DIST, "examples", "shipments.csv");
    const expected = fs.existsSync(example) ? csvDataRows(example) : 7;
    assert.equal(await page.locator("#wb-grid tbody tr").count(), expected);
    const licence = await column("License required");
    assert.equal(licence.length, expected);
    assert.ok(
      licence.every((t) => /^(TRUE|FALSE|#N\/A.*|#VALUE!)$/.test(t.trim())),
      licence.join("|")
    );
    assert.ok(
      licence.some((t) => t.trim() === "TRUE") && licence.some((t) => t.trim() === "FALSE")
    );
    assert.match(await page.locator("#wb-summary").innerText(), /need a licence/);
    assert.equal(await page.locator("#wb-regime").innerText(), "enforced");
    // exceljs is not part of what the page loads for CSV.
    assert.ok(!requests.some((u) => /exceljs/.test(u)), "exceljs loaded without an xlsx");
  });

  test("switching the regime in the pane's Regulatory regime control recomputes the grid", async () => {
    const before = {
      licence: await column("License required"),
      exception: await column("Exception"),
      policy: await column("Review policy"),
    };
    const v = await version();
    const group = page.getByRole("radiogroup", { name: "Regulatory regime", exact: true });
    await group.getByRole("radio", { name: /Framework for AI Diffusion/ }).check();
    await waitForVersionAbove(v);
    assert.equal(await page.locator("#wb-regime").innerText(), "diffusion-2025");
    const after = {
      licence: await column("License required"),
      exception: await column("Exception"),
      policy: await column("Review policy"),
    };
    const changed = ["licence", "exception", "policy"].filter(
      (k) => after[k].join("|") !== before[k].join("|")
    );
    assert.ok(changed.length > 0, "no computed column changed after the regime switch");
    assert.ok(
      (await page.locator("#wb-grid td.wb-changed").count()) > 0,
      "changed cells are not marked"
    );
    assert.match(await page.locator("#wb-changes").innerText(), /Δ \d+ cells changed/);
    // The explanation follows too.
    const explanations = await column("Explanation");
    assert.ok(explanations.some((t) => /Regime: diffusion-2025/.test(t)));
  });

  test("the formula box evaluates literal calls, with errors and their messages", async () => {
    await page.locator("#wb-formula").fill(FORMULA);
    await page.getByRole("button", { name: "Evaluate" }).click();
    const result = page.locator("#wb-formula-result");
    await page.waitForFunction(
      () => document.getElementById("wb-formula-result")?.dataset.value === "TRUE"
    );
    assert.equal(await result.getAttribute("data-kind"), "value");
    assert.match(
      await page.locator("#wb-formula-signature").innerText(),
      /EXPORTCTL\.REQUIRES_LICENSE\(chip, destination, \[quantity\]/
    );

    const evaluate = async (formula) => {
      await page.locator("#wb-formula").fill(formula);
      await page.locator("#wb-formula").press("Enter");
      return {
        kind: await result.getAttribute("data-kind"),
        value: await result.getAttribute("data-value"),
        text: await result.innerText(),
      };
    };
    const typo = await evaluate('=EXPORTCTL.REQUIRES_LICENSE("H1OO","AE")');
    assert.equal(typo.kind, "error");
    assert.equal(typo.value, "#N/A");
    assert.match(typo.text, /Unknown chip 'H1OO'\. Did you mean H100\?/);
    assert.equal((await evaluate("=EXPORTCTL.REGIME()")).value, "diffusion-2025");
    const spill = await evaluate('=EXPORTCTL.H100_EQUIVALENT({"H100";"B200"},{8;8})');
    assert.equal(spill.value, "2x1");
    assert.equal((await evaluate('=EXPORTCTL.TPP("H100")')).value, "15832");
    assert.equal((await evaluate("=EXPORTCTL.NOPE(1)")).value, "#NAME?");
    assert.match((await evaluate('=EXPORTCTL.TPP("H100"')).text, /missing its closing '\)'/);
    assert.equal((await evaluate('=EXPORTCTL.REQUIRES_LICENSE("H100","AE",-5)')).value, "#VALUE!");
    // Leave the requested formula and its result on screen for the screenshot.
    assert.equal((await evaluate(FORMULA)).value, "TRUE");
  });

  test("screenshot", async () => {
    await page.locator("#wb-grid-wrap").evaluate((el) => (el.scrollTop = 0));
    await page.screenshot({ path: path.join(OUT, "workbench.png") });
    assert.ok(fs.statSync(path.join(OUT, "workbench.png")).size > 10000);
  });

  test("a CSV the user picks replaces the grid; a bad row shows its own error", async () => {
    const v = await version();
    await page.locator("#wb-file").setInputFiles({
      name: "mine.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(
        'chip,destination,qty,End-user HQ\r\nH100,IN,1699,\r\nH1OO,DE,8,\r\n"B200",SG,10,CN\r\n'
      ),
    });
    await waitForVersionAbove(v);
    assert.equal(await page.locator("#wb-grid tbody tr").count(), 3);
    assert.match(await page.locator("#wb-source").innerText(), /^mine\.csv: 3 rows/);
    const explanation = await column("Explanation");
    assert.match(explanation[1], /#N\/A: Unknown chip 'H1OO'\. Did you mean H100\?/);
    assert.equal((await column("License required"))[2].trim(), "TRUE");
  });

  test("an .xlsx the user picks is read in the browser by exceljs, loaded on demand", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Read me").getCell("A1").value = "The shipments are on the next sheet";
    const ws = wb.addWorksheet("Shipments");
    ws.addRow(["Chip", "Destination", "Quantity", "Date"]);
    ws.addRow(["H20", "CN", 10, new Date(Date.UTC(2025, 0, 1))]);
    ws.addRow(["H20", "CN", 10, new Date(Date.UTC(2025, 5, 1))]);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const v = await version();
    await page
      .locator("#wb-file")
      .setInputFiles({ name: "h20.xlsx", mimeType: "application/octet-stream", buffer });
    await waitForVersionAbove(v);
    assert.match(
      await page.locator("#wb-source").innerText(),
      /^h20\.xlsx, sheet "Shipments": 2 rows/
    );
    assert.ok(
      requests.some((u) => /exceljs\.js$/.test(u)),
      "the exceljs chunk was not loaded"
    );
    // The H20 needs a licence for China from 2025-04-09 as enforced: each row is judged on its own Date.
    const group = page.getByRole("radiogroup", { name: "Regulatory regime", exact: true });
    const v2 = await version();
    await group.getByRole("radio", { name: /As enforced on the as-of date/ }).check();
    await waitForVersionAbove(v2);
    assert.deepEqual(
      (await column("License required")).map((t) => t.replace(/^Δ\s*changed:\s*/, "").trim()),
      ["FALSE", "TRUE"]
    );
  });

  test("the example workbook loads with its button when it is served", async (t) => {
    if (!fs.existsSync(path.join(DIST, "examples", "shipments.xlsx")))
      return t.skip("no dist/examples/shipments.xlsx");
    const v = await version();
    await page.getByRole("button", { name: "Example workbook (.xlsx)" }).click();
    await waitForVersionAbove(v);
    assert.match(
      await page.locator("#wb-source").innerText(),
      /^shipments\.xlsx, sheet "Shipments": \d+ rows/
    );
    const rows = await page.locator("#wb-grid tbody tr").count();
    assert.ok(rows > 10);
    // The workbook's own formula columns are replaced by the computed ones, not shown twice.
    assert.equal(await page.locator('#wb-grid thead th:has-text("License required")').count(), 1);
  });

  test("nothing went wrong and nothing left the page", () => {
    assert.deepEqual(errors, []);
    assert.deepEqual(blocked, []);
    assert.ok(
      requests.every((u) => u.startsWith(server.url)),
      requests.filter((u) => !u.startsWith(server.url)).join(", ")
    );
  });
});
