// SCREEN_PARTY as a formula sees it: the central argument types, broadcasting, #N/A without a
// list, "" only for a blank name, per-cell errors.
import * as fs from "fs";
import * as path from "path";
import * as functions from "../../src/functions/functions";
import { readScreeningList } from "../../src/screening";
import { setScreeningList, setScreeningPending } from "../../src/screening/store";
import { setWorkbookFormat } from "../../src/settings/workbook-format";

// Excel passes matrices; the tests pass single values too, as other hosts may.
const screenParty = functions.screenParty as (...args: unknown[]) => Promise<unknown[][]>;

const bytes = fs.readFileSync(path.join(__dirname, "fixtures", "csl-fixture.csv"));
const load = () => readScreeningList(bytes, { fileName: "csl.csv", statedDate: "2026-11-20" });

afterEach(() => {
  setScreeningList(null);
  setScreeningPending(null);
});

test("#N/A naming the pane when no list is loaded; blank names stay blank", async () => {
  const [[cell]] = await screenParty("Brightwater Trading");
  expect(cell).toMatchObject({
    code: "#N/A",
    message: expect.stringMatching(/No screening list is loaded/),
  });
  expect(await screenParty([[""], [null], [0]])).toEqual([[""], [""], [""]]);
});

test("a match names list, entry, score, FR citation and the list's date", async () => {
  setScreeningList(await load());
  const [[cell]] = await screenParty("Zephyrion Quantum Computing Co Ltd");
  expect(cell).toMatch(/^MATCH: "Zephyrion Quantum Computing Co\., Ltd\."; Entity List \(EL\)/);
  expect(cell).toMatch(/score 100; 89 FR 99901/);
  expect(cell).toMatch(/list of 2026-11-20, 10 entries$/);
});

test("broadcasts a column against one country; a bad row errs alone", async () => {
  setScreeningList(await load());
  const out = await screenParty(
    [["Polaris Microsystems"], ["Contoso Widgets"], [""], [true], ["Zephyrion Quаntum"]],
    "CN"
  );
  expect(out).toHaveLength(5);
  expect(out[0][0]).toMatch(/^MATCH: "Polaris Microsystems"/);
  expect(out[1][0]).toBe("no match (list of 2026-11-20, 10 entries)");
  expect(out[2][0]).toBe("");
  expect(out[3][0]).toMatchObject({
    code: "#VALUE!",
    message: expect.stringMatching(/^name must be a party's name/),
  });
  expect(out[4][0]).toMatchObject({
    code: "#VALUE!",
    message: expect.stringMatching(/^name 'Zephyrion Quаntum' holds the non-Latin letter/),
  });
  expect((await screenParty("Polaris Microsystems", "Singapore"))[0][0]).toMatch(/^no match/);
});

test("country per row, min_score checked and applied, a blank (0) country takes the default", async () => {
  setScreeningList(await load());
  const out = await screenParty(
    [["Polaris Microsystems"], ["Polaris Microsystems"]],
    [["SG"], [0]]
  );
  expect(out[0][0]).toMatch(/^no match/);
  expect(out[1][0]).toMatch(/^MATCH/);
  // "polaris mikrosistem" vs "polaris microsystems": 3 edits (k/c, i/y, +s) over 20 letters = 85.
  expect((await screenParty("Polaris Mikrosistem", null, 80))[0][0]).toMatch(
    /^POSSIBLE MATCH: .*score 85.*possible match: review/
  );
  expect((await screenParty("Polaris Mikrosistem"))[0][0]).toMatch(/^no match/);
  // Excel desktop's empty cell (0) is the default score, not a score of 0.
  expect((await screenParty("Polaris Mikrosistem", 0, 0))[0][0]).toMatch(/^no match/);
  expect((await screenParty("Brightwater Tradinq", 0, 0))[0][0]).toMatch(/^POSSIBLE MATCH/);
  expect((await screenParty("x", null, 150))[0][0]).toMatchObject({
    code: "#VALUE!",
    message: "min_score must be a score from 1 to 100, got 150",
  });
  expect((await screenParty("x", "Narnia"))[0][0]).toMatchObject({ code: "#N/A" });
});

test("min_score typed as text reads as every number argument does (the workbook's format, no hex)", async () => {
  setScreeningList(await load());
  try {
    setWorkbookFormat({ numberFormat: { decimalSeparator: ",", groupSeparator: "." } });
    // "1.000" is one thousand in de-DE: out of range, not a score of 1.
    expect((await screenParty("Polaris Mikrosistem", null, "1.000"))[0][0]).toMatchObject({
      code: "#VALUE!",
    });
    expect((await screenParty("Polaris Mikrosistem", null, "80,5"))[0][0]).toMatch(/^POSSIBLE MATCH/);
    setWorkbookFormat({ numberFormat: null });
    // Unknown format: a separator that reads two ways is refused, not guessed.
    expect((await screenParty("Polaris Mikrosistem", null, "1.000"))[0][0]).toMatchObject({
      code: "#VALUE!",
    });
    expect((await screenParty("Polaris Mikrosistem", null, "0x5A"))[0][0]).toMatchObject({
      code: "#VALUE!",
    });
  } finally {
    setWorkbookFormat({ numberFormat: null });
  }
});

test("waits for a list being restored from storage before answering", async () => {
  let finish!: () => void;
  setScreeningPending(
    new Promise<void>((resolve) => (finish = resolve)).then(async () =>
      setScreeningList(await load())
    )
  );
  const pending = screenParty("Orvex Shipping");
  finish();
  expect((await pending)[0][0]).toMatch(
    /^MATCH: "Orvex Maritime Holdings Limited" \(as "Orvex Shipping"\); Specially Designated Nationals/
  );
});

test("random and junk inputs: never throws, a 2-D array of text or error values, deterministic", async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fc = require("fast-check") as typeof import("fast-check");
  setScreeningList(await load());
  const cell = fc.oneof(
    fc.string(),
    fc.constantFrom("Brightwater Trading", "Zephyrion QC", "Huаwei", "CN", "", " ", "Korea"),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.constant({ code: "#N/A", message: "x" })
  );
  const arg = fc.oneof(
    cell,
    fc.array(fc.array(cell, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 })
  );
  await fc.assert(
    fc.asyncProperty(arg, arg, arg, async (a, b, c) => {
      const first = await screenParty(a, b, c);
      expect(Array.isArray(first) && first.every((row) => Array.isArray(row))).toBe(true);
      for (const row of first)
        for (const v of row)
          expect(
            typeof v === "string" ||
              (typeof v === "object" &&
                v !== null &&
                /^#(N\/A|VALUE!)$/.test((v as { code: string }).code))
          ).toBe(true);
      expect(JSON.stringify(await screenParty(a, b, c))).toBe(JSON.stringify(first));
    }),
    { numRuns: 300, seed: 20261130 }
  );
});
