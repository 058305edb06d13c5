// The pane's "Screening list" section: load the CSL file, show date, entries and SHA-256, keep it
// for the next session, refuse a broken file and keep the list in use, add a Screening column,
// and never touch the network.
import { createHash, webcrypto } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { TextDecoder as NodeTextDecoder } from "util";
import { resetSettings } from "../../src/settings/settings";
import { Pane, init } from "../../src/taskpane/pane";
import { addScreeningColumn } from "../../src/taskpane/screening-section";
import { memoryScreeningStorage } from "../../src/taskpane/screening-storage";
import { auditSnapshot, runSheetAction } from "../../src/taskpane/sheet-actions";
import { listRegimes } from "../../src/rules/pane-api";
import { readScreeningList } from "../../src/screening";
import * as functions from "../../src/functions/functions";
import { screeningList, setScreeningList, setScreeningPending } from "../../src/screening/store";
import { fakeExcel, loadPaneHtml } from "./helpers";

// Excel passes matrices; the tests pass single values too, as other hosts may.
const screenParty = functions.screenParty as (...args: unknown[]) => Promise<unknown[][]>;

// jsdom lacks Web Crypto's digest and TextDecoder; the browsers and node the add-in runs in have them.
const g = globalThis as any;
if (!g.crypto?.subtle) Object.defineProperty(g, "crypto", { value: webcrypto, configurable: true });
if (!g.TextDecoder) g.TextDecoder = NodeTextDecoder;

const FIXTURE = path.join(__dirname, "..", "screening", "fixtures", "csl-fixture.csv");
const bytes = fs.readFileSync(FIXTURE);
const NOW = new Date(2026, 10, 27, 10, 0, 0);
let pane: Pane | null = null;

beforeEach(() => {
  resetSettings();
  setScreeningList(null);
  setScreeningPending(null);
  loadPaneHtml();
});
afterEach(() => pane?.dispose());

const $ = <T extends HTMLElement = HTMLElement>(sel: string) => document.querySelector(sel) as T;

function open(storage = memoryScreeningStorage(), excel?: any) {
  pane = init(
    { host: excel ? "Excel" : null },
    { settings: null, excel, now: () => NOW, screeningStorage: storage }
  );
  return pane;
}

function choose(name: string, content: Uint8Array, date = "") {
  const file = {
    name,
    lastModified: new Date(2026, 10, 25).getTime(),
    arrayBuffer: async () => new Uint8Array(content).buffer,
  };
  Object.defineProperty($("#screening-file"), "files", { value: [file], configurable: true });
  $<HTMLInputElement>("#screening-date").value = date;
  $("#screening-load").click();
}

test("the section's controls have labels; no list shows what that means", () => {
  open();
  expect(document.querySelector('label[for="screening-file"]')!.textContent).toMatch(/List file/);
  expect(document.querySelector('label[for="screening-date"]')!.textContent).toMatch(/List date/);
  expect($("#screening-current").textContent).toMatch(
    /No list loaded: =EXPORTCTL.SCREEN_PARTY gives #N\/A/
  );
  expect($<HTMLButtonElement>("#screening-column").disabled).toBe(true);
});

test("load: date, entries and SHA-256 shown; kept for the next session; a broken file leaves the list in use", async () => {
  const storage = memoryScreeningStorage();
  open(storage);
  choose("consolidated.csv", bytes, "2026-11-20");
  await pane!.idle();
  expect($("#screening-status").textContent).toMatch(
    /^Loaded consolidated\.csv: 10 entries, list of 2026-11-20\. Kept on this computer/
  );
  expect($("#screening-list-date").textContent).toBe("2026-11-20 (as stated when loaded)");
  expect($("#screening-entries").textContent).toBe("10");
  expect($("#screening-sha256").textContent).toBe(createHash("sha256").update(bytes).digest("hex"));
  expect((await screenParty("Brightwater Trading"))[0][0]).toMatch(
    /^MATCH: "Brightwater Trading LLC"/
  );

  const loaded = screeningList();
  const text = bytes.toString("utf8");
  choose("cut.csv", Buffer.from(text.slice(0, text.indexOf("Helix") + 10)));
  await pane!.idle();
  expect($("#screening-status").textContent).toMatch(
    /^cut\.csv was refused: the file is cut short .* The list in use is unchanged: consolidated\.csv, list of 2026-11-20\./
  );
  expect(screeningList()).toBe(loaded);
  expect($("#screening-entries").textContent).toBe("10");

  // Reopen: the list comes back from storage, with its date.
  pane!.dispose();
  pane = null;
  setScreeningList(null);
  loadPaneHtml();
  open(storage);
  await pane!.idle();
  expect($("#screening-list-date").textContent).toBe("2026-11-20 (as stated when loaded)");
  expect(screeningList()?.entries).toHaveLength(10);
});

test("without a stated date the file's modified date is used and said so", async () => {
  open();
  choose("consolidated.csv", bytes);
  await pane!.idle();
  expect($("#screening-list-date").textContent).toBe("2026-11-25 (the file's modified date)");
});

test("the screening code has no way to the network: no fetch, XHR, sockets or node http in its sources", () => {
  const root = path.join(__dirname, "..", "..", "src");
  const files = [
    ...fs.readdirSync(path.join(root, "screening")).map((f) => path.join(root, "screening", f)),
    path.join(root, "taskpane", "screening-section.ts"),
    path.join(root, "taskpane", "screening-storage.ts"),
    path.join(root, "functions", "screening.ts"),
  ];
  for (const f of files) {
    const src = fs.readFileSync(f, "utf8");
    expect([
      f,
      /\bfetch\(|XMLHttpRequest|WebSocket|sendBeacon|from "https?"|require\("https?"\)/.test(src),
    ]).toEqual([f, false]);
  }
});

test("no network request while loading or screening", async () => {
  const calls: string[] = [];
  g.fetch = jest.fn(() => calls.push("fetch"));
  const xhrOpen = jest
    .spyOn(g.XMLHttpRequest.prototype, "open")
    .mockImplementation(() => calls.push("xhr"));
  const OriginalWebSocket = g.WebSocket;
  g.WebSocket = jest.fn(() => calls.push("websocket"));
  g.navigator.sendBeacon = jest.fn(() => calls.push("beacon"));
  try {
    open();
    choose("consolidated.csv", bytes, "2026-11-20");
    await pane!.idle();
    expect(screeningList()).not.toBeNull();
    await screenParty([["Zephyrion Quantum Computng"], ["Contoso"], ["Orvex Shipping"]], "CN");
    expect(calls).toEqual([]);
  } finally {
    delete g.fetch;
    xhrOpen.mockRestore();
    g.WebSocket = OriginalWebSocket;
    delete g.navigator.sendBeacon;
  }
});

test("Add Screening column: SCREEN_PARTY over the Consignee column, right of the table", async () => {
  const cells = [
    ["Chip", "Destination", "Quantity", "Consignee"],
    ["H100", "AE", 10, "Brightwater Trading"],
    ["L4", "DE", 8, "Contoso"],
  ];
  const { excel, sheets } = fakeExcel(cells, { selection: [1, 1, 1, 1] });
  const result = await runSheetAction(excel, addScreeningColumn);
  expect(result).toMatchObject({
    ok: true,
    message: expect.stringMatching(/^Added the Screening column in E1/),
  });
  const grid = sheets.get("Shipments")!.grid;
  expect(grid[0][4]).toBe("Screening");
  expect(grid[1][4]).toBe("=EXPORTCTL.SCREEN_PARTY(D2:D3)");
  const none = fakeExcel(
    [
      ["Chip", "Destination", "Quantity"],
      ["H100", "AE", 1],
    ],
    { selection: [0, 0, 1, 1] }
  );
  expect((await runSheetAction(none.excel, addScreeningColumn)).message).toMatch(
    /no Consignee column/
  );
});

test("the audit snapshot records the loaded list: file, date and how it was set, entries, SHA-256", async () => {
  const cells = [
    ["Chip", "Destination", "Quantity", "Consignee"],
    ["H100", "AE", 10, "Brightwater Trading"],
  ];
  const regime = listRegimes()[0];
  const now = new Date(2026, 10, 27, 9, 5);
  const before = fakeExcel(cells, { selection: [0, 0, 1, 1] });
  await runSheetAction(before.excel, (ctx) =>
    auditSnapshot(ctx, { regime, asOf: "2026-11-27", asOfSource: "today", now })
  );
  const plain = [...before.sheets.values()].find((sh) => sh.name.startsWith("Audit"))!.grid;
  expect(plain.find((r) => r[0] === "Screening list")).toBeUndefined();
  expect(plain.find((r) => r[0] === "Not checked")![1]).toMatch(
    /^Parties \(Entity List and other screening lists\)/
  );

  setScreeningList(
    await readScreeningList(bytes, {
      fileName: "consolidated.csv",
      statedDate: null,
      fileModified: "2026-11-25",
    })
  );
  const { excel, sheets } = fakeExcel(cells, { selection: [0, 0, 1, 1] });
  await runSheetAction(excel, (ctx) =>
    auditSnapshot(ctx, { regime, asOf: "2026-11-27", asOfSource: "today", now })
  );
  const g = [...sheets.values()].find((sh) => sh.name.startsWith("Audit"))!.grid;
  expect(g.find((r) => r[0] === "Screening list")!.slice(0, 5)).toEqual([
    "Screening list",
    "consolidated.csv",
    "list of 2026-11-25 (the file's modified date)",
    "10 entries",
    `SHA-256 ${createHash("sha256").update(bytes).digest("hex")}`,
  ]);
  expect(g.find((r) => r[0] === "Not checked")![1]).toMatch(
    /^End uses \(15 CFR 744\)\. Parties are screened/
  );
});
