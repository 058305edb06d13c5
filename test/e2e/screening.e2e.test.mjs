// Screening in a real browser: the built workbench (the task pane beside a shipments grid) in
// headless Chromium, offline. Load the fixture list (fictional parties, CSL layout) in the pane's
// "Screening list" section, screen a table (the Screening column appears and changes verdicts),
// reopen the page: the list is still there with its date. No request leaves the page's origin.
// Needs `npm run build` first. Run: node --test test/e2e/screening.e2e.test.mjs
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { launchBrowser, routeOffline, serve } from "./browser.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const DIST = process.env.EXPORTCTL_DIST
  ? path.resolve(process.env.EXPORTCTL_DIST)
  : path.join(ROOT, "dist");
const FIXTURES = path.join(ROOT, "test", "screening", "fixtures");
const LIST = fs.readFileSync(path.join(FIXTURES, "csl-fixture.csv"));

describe("screening in the workbench", () => {
  let server;
  let browser;
  let page;
  let blocked;
  const errors = [];
  const requests = [];

  before(async () => {
    if (!fs.existsSync(path.join(DIST, "workbench.html")))
      throw new Error(`${DIST}/workbench.html is missing: run \`npm run build\` first`);
    server = await serve(DIST);
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    blocked = await routeOffline(context, server.url);
    page = await context.newPage();
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("request", (r) => requests.push(r.url()));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const version = async () => Number(await page.locator("#wb-grid").getAttribute("data-version"));
  const waitForVersionAbove = (v) =>
    page.waitForFunction((n) => Number(document.getElementById("wb-grid")?.dataset.version) > n, v);
  const column = (name) => page.locator(`#wb-grid tbody td[data-col="${name}"]`).allInnerTexts();
  const ready = async () => {
    await page.locator('body[data-ready="true"]').waitFor();
    await page.locator('#app[aria-busy="false"]').waitFor();
  };

  test("load the list in the pane: date, entries and SHA-256 shown", async () => {
    await page.goto(server.url + "workbench.html");
    await ready();
    assert.match(await page.locator("#screening-current").innerText(), /No list loaded/);
    await page
      .locator("#screening-file")
      .setInputFiles({ name: "consolidated.csv", mimeType: "text/csv", buffer: LIST });
    await page.locator("#screening-date").fill("2026-11-20");
    await page.locator("#screening-load").click();
    await page.locator("#screening-entries").waitFor();
    assert.equal(await page.locator("#screening-entries").innerText(), "10");
    assert.equal(
      await page.locator("#screening-list-date").innerText(),
      "2026-11-20 (as stated when loaded)"
    );
    assert.equal(
      await page.locator("#screening-sha256").innerText(),
      createHash("sha256").update(LIST).digest("hex")
    );
    assert.match(
      await page.locator("#screening-status").innerText(),
      /^Loaded consolidated\.csv: 10 entries/
    );
  });

  test("screen a table: the Screening column appears and an exact denied-party match needs a licence", async () => {
    const v = await version();
    await page.locator("#wb-file").setInputFiles({
      name: "parties.csv",
      mimeType: "text/csv",
      buffer: fs.readFileSync(path.join(FIXTURES, "shipments-parties.csv")),
    });
    await waitForVersionAbove(v);
    await page.waitForFunction(() =>
      document.querySelector('#wb-grid tbody td[data-col="Screening"]')
    );
    const headers = await page.locator("#wb-grid thead th").allInnerTexts();
    assert.ok(
      headers.some((h) => h.trim() === "Screening"),
      headers.join(" | ")
    );
    const screening = await column("Screening");
    const licence = await column("License required");
    assert.match(screening[0], /^MATCH: "Brightwater Trading LLC"; Denied Persons List/);
    assert.equal(licence[0].trim(), "TRUE");
    assert.match(screening[1], /possible match: review/);
    assert.match(licence[1], /#N\/A/);
    assert.equal(screening[2], "no match (list of 2026-11-20, 10 entries)");
  });

  test("reopen: the list is still there with its date, and screening still applies", async () => {
    await page.reload();
    await ready();
    await page.locator("#screening-list-date").waitFor();
    assert.equal(
      await page.locator("#screening-list-date").innerText(),
      "2026-11-20 (as stated when loaded)"
    );
    assert.equal(await page.locator("#screening-entries").innerText(), "10");
    const v = await version();
    await page.locator("#wb-file").setInputFiles({
      name: "parties.csv",
      mimeType: "text/csv",
      buffer: fs.readFileSync(path.join(FIXTURES, "shipments-parties.csv")),
    });
    await waitForVersionAbove(v);
    await page.waitForFunction(() =>
      document.querySelector('#wb-grid tbody td[data-col="Screening"]')
    );
    assert.match((await column("Screening"))[0], /^MATCH: "Brightwater Trading LLC"/);
  });

  test("nothing left the page: no request outside its own origin, no page errors", () => {
    assert.deepEqual(blocked, []);
    assert.deepEqual(
      requests.filter(
        (u) => !u.startsWith(server.url) && !u.startsWith("data:") && !u.startsWith("blob:")
      ),
      []
    );
    assert.deepEqual(errors, []);
  });
});
