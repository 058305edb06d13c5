// `exportctl check`: the CLI logic in-process (src/cli/main.ts, the same function adapters as the
// add-in), on CSV and xlsx; once as a child process through bin/exportctl.mjs; and a 100,000-row
// CSV (every row kept, progress reported; its speed is measured by npm run bench, not asserted here).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import ExcelJS from "exceljs";
import { main, EXIT } from "../../src/cli/main";
import { parseCsv } from "../../src/shipments/csv";
import { RULES_DATA_HASH, RULES_DATA_VERSION } from "../../src/rules";
import { getSettings } from "../../src/settings/settings";

const ROOT = path.join(__dirname, "..", "..");
const FIXTURES = path.join(__dirname, "fixtures");
const NOW = new Date("2026-11-27T12:00:00Z");
const OUT_HEADERS = [
  "License required",
  "Exception",
  "Review policy",
  "H100 equivalents",
  "Explanation",
];

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "exportctl-cli-"));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function copy(fixture: string, to = path.basename(fixture)): string {
  const target = path.join(dir, to);
  fs.copyFileSync(path.isAbsolute(fixture) ? fixture : path.join(FIXTURES, fixture), target);
  return target;
}

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t), isTTY: false },
    cwd: dir,
    now: () => NOW,
  });
  return { code, stdout, stderr };
}

/** A checked CSV as objects keyed by header. */
function readChecked(file: string): { header: string[]; rows: Record<string, string>[] } {
  const [header, ...rows] = parseCsv(fs.readFileSync(file, "utf8"));
  return {
    header,
    rows: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""]))),
  };
}

function auditOf(file: string): Record<string, string> {
  const [, ...rows] = parseCsv(fs.readFileSync(file, "utf8"));
  return Object.fromEntries(rows.map(([k, v]) => [k, v]));
}

describe("CSV in, CSV out", () => {
  test("every row kept in place, bad rows carry their own error, the columns and the audit sidecar written", async () => {
    const input = copy("shipments-small.csv");
    const { code, stderr } = await run("check", "shipments-small.csv", "--as-of", "2025-06-01");
    expect(code).toBe(EXIT.ok);
    const out = path.join(dir, "shipments-small.checked.csv");
    const { header, rows } = readChecked(out);
    const inputRows = parseCsv(fs.readFileSync(input, "utf8"));
    expect(rows).toHaveLength(inputRows.length - 1);
    expect(header).toEqual([
      "chip",
      "DESTINATION",
      "quantity",
      "End-user HQ",
      "consignee",
      "Notes",
      ...OUT_HEADERS,
    ]);
    // Input columns untouched, quoted fields included.
    rows.forEach((r, i) =>
      expect([r.chip, r.DESTINATION, r.quantity, r.Notes]).toEqual([
        inputRows[i + 1][0],
        inputRows[i + 1][1],
        inputRows[i + 1][2],
        inputRows[i + 1][5],
      ])
    );
    expect(rows[1].consignee).toBe("Warsaw Compute, S.A.");

    const byNote = (note: string) => rows.find((r) => r.Notes === note)!;
    const typo = byNote("typo in the chip");
    expect(typo["License required"]).toBe("#N/A: Unknown chip 'H1OO'. Did you mean H100?");
    expect(typo.Explanation).toBe("#N/A: Unknown chip 'H1OO'. Did you mean H100?");
    expect(byNote("unknown country")["License required"]).toMatch(
      /^#N\/A: Unknown country 'Atlantis'/
    );
    expect(byNote("bad quantity")["License required"]).toMatch(
      /^#VALUE!: quantity must be a whole number >= 1, got '?-5'?$/
    );
    const blank = byNote("blank row kept");
    expect(OUT_HEADERS.map((h) => blank[h])).toEqual(["", "", "", "", ""]);

    expect(byNote("HQ in China")["License required"]).toBe("TRUE");
    expect(byNote("HQ in China")["Review policy"]).not.toBe("");
    expect(byNote("first")["License required"]).toBe("TRUE");
    expect(byNote("first")["H100 equivalents"]).toBe("2000");
    expect(byNote("first").Explanation).toMatch(
      /^LICENSE REQUIRED: 3A090\.a .*Regime: enforced, as of 2025-06-01/
    );
    // Without --locale, "1,000" reads two ways (one thousand in en-US, one in de-DE): the row's
    // own error, naming the argument and the value and how to read it.
    const thousands = byNote("quantity as text with a thousands separator");
    expect(thousands["License required"]).toMatch(
      /^#VALUE!: quantity '1,000' has a group or decimal separator .*pass --locale \(e\.g\. --locale en-US/
    );
    expect(thousands["H100 equivalents"]).toBe("");

    const audit = auditOf(path.join(dir, "shipments-small.checked.audit.csv"));
    expect(audit["Input file"]).toBe("shipments-small.csv");
    expect(audit["Regime"]).toMatch(/^enforced /);
    expect(audit["As-of date"]).toMatch(/^2025-06-01/);
    expect(audit["Rules data version"]).toBe(RULES_DATA_VERSION);
    expect(audit["Rules data hash"]).toBe(RULES_DATA_HASH);
    expect(audit["Rows"]).toBe(String(rows.length));
    expect(audit["Checked at"]).toBe(NOW.toISOString());
    // Four: the unknown chip, the unknown country, the negative quantity and "1,000".
    expect(Number(audit["Rows with input errors (not checked)"])).toBe(4);
    expect(audit["Locale of text numbers and dates"]).toMatch(/^unknown: strict \(/);

    expect(stderr).toMatch(
      /rows: 9 +licences needed: \d+ +no licence: \d+ +indeterminate: \d+ +errors: 4/
    );
    expect(stderr).toMatch(/row 4: #N\/A: Unknown chip 'H1OO'\. Did you mean H100\?/);
    expect(stderr).toMatch(/time: [\d.]+ s/);
    expect(getSettings()).toEqual({ regime: null, asOf: null }); // settings restored
  });

  test("--regime changes a verdict: H100 x2000 to Poland needs no licence as enforced, one under diffusion-2025", async () => {
    copy("shipments-small.csv");
    await run("check", "shipments-small.csv", "--as-of", "2025-06-01", "--out", "enforced.csv");
    await run(
      "check",
      "shipments-small.csv",
      "--as-of",
      "2025-06-01",
      "--regime",
      "diffusion-2025",
      "--out",
      "diffusion.csv"
    );
    const pl = (f: string) =>
      readChecked(path.join(dir, f)).rows.find((r) => r.DESTINATION === "PL")!;
    expect(pl("enforced.csv")["License required"]).toBe("FALSE");
    expect(pl("diffusion.csv")["License required"]).toBe("TRUE");
    expect(pl("diffusion.csv")["Review policy"]).toBe("presumption of approval");
    expect(pl("diffusion.csv").Explanation).toMatch(
      /exceeds the LPP allowance.*Regime: diffusion-2025, as of 2025-06-01/
    );
    expect(auditOf(path.join(dir, "diffusion.audit.csv"))["Regime"]).toMatch(
      /^diffusion-2025 .*\(--regime\)$/
    );
  });

  test("--as-of changes a verdict: H20 to China before and after the April 2025 licence letter", async () => {
    copy("shipments-small.csv");
    await run("check", "shipments-small.csv", "--as-of", "2025-01-01", "--out", "jan.csv");
    await run("check", "shipments-small.csv", "--as-of", "2025-06-01", "--out", "jun.csv");
    const h20 = (f: string) => readChecked(path.join(dir, f)).rows.find((r) => r.chip === "H20")!;
    expect(h20("jan.csv")["License required"]).toBe("FALSE");
    expect(h20("jun.csv")["License required"]).toBe("TRUE");
    expect(h20("jan.csv").Explanation).toMatch(/as of 2025-01-01/);
  });

  test("a semicolon-separated CSV is read and written back with semicolons", async () => {
    copy("semicolons.csv");
    expect((await run("check", "semicolons.csv", "--as-of", "2025-06-01")).code).toBe(0);
    const text = fs.readFileSync(path.join(dir, "semicolons.checked.csv"), "utf8");
    expect(text.split("\r\n")[0]).toBe(
      "Chip;Destination;Quantity;License required;Exception;Review policy;H100 equivalents;Explanation"
    );
    expect(parseCsv(text)).toHaveLength(3);
  });
});

describe("allowances accumulate per consignee (LEDGER)", () => {
  /** `lines` under a Chip/Destination/Quantity/Consignee/Date header, checked under diffusion-2025 with the gate. */
  async function gate(name: string, lines: string) {
    fs.writeFileSync(
      path.join(dir, `${name}.csv`),
      `Chip,Destination,Quantity,Consignee,Date\n${lines}`
    );
    const args = ["--regime", "diffusion-2025", "--fail-on-license"];
    const { code } = await run("check", `${name}.csv`, ...args);
    return { code, rows: readChecked(path.join(dir, `${name}.checked.csv`)).rows };
  }

  test("rows in date order per consignee and calendar year; the row that crosses the LPP limit needs the licence", async () => {
    copy("ledger.csv");
    const { code } = await run("check", "ledger.csv", "--regime", "diffusion-2025");
    expect(code).toBe(0);
    const { rows } = readChecked(path.join(dir, "ledger.checked.csv"));
    // 1200 units (2025-03-10) then 500 (2025-06-15), listed in the other order: the later one crosses 26,900,000 TPP.
    expect(rows.map((r) => r["License required"])).toEqual(["TRUE", "FALSE", "FALSE", "FALSE"]);
    expect(rows.map((r) => r.Exception)).toEqual(["", "LPP", "LPP", "LPP"]);
    expect(rows[0].Explanation).toMatch(/26,914,400 TPP exceeds the LPP allowance/);
    const audit = auditOf(path.join(dir, "ledger.checked.audit.csv"));
    expect(audit["Allowances"]).toMatch(/LEDGER\); rows differing from LEDGER: 0$/);
    expect(audit["As-of date"]).toMatch(/each row's Date/);
  });

  test("rows of one day are taken in table order however the date is written (text or a serial), and the gate fails on the row that crosses the allowance", async () => {
    // 2,918 MI250 (16,905,724.8 TPP) + 1 MI250 + 637 MI300A (9,994,275.2): 26,905,793.6 > 26,900,000.
    const { code, rows } = await gate(
      "same-day",
      "MI250,IN,2918,Acme,2025-06-01\nMI250,IN,1,Acme,45809\nMI300A,IN,637,Acme,2025-06-01\n"
    );
    expect(code).toBe(EXIT.license);
    expect(rows.map((r) => r["License required"])).toEqual(["FALSE", "FALSE", "TRUE"]);
    const audit = auditOf(path.join(dir, "same-day.checked.audit.csv"));
    expect(audit["Allowances"]).toMatch(/rows differing from LEDGER: 0$/);
  });

  test("a consignee LEDGER cannot read (a look-alike letter, no letters) is that row's error, not a fresh allowance", async () => {
    const { code, rows } = await gate(
      "consignees",
      "MI250,IN,2918,Acme,2025-06-01\nMI250,IN,2918,\u0410cme,2025-06-02\nMI250,IN,2918,...,2025-06-03\n"
    );
    expect(code).toBe(EXIT.license);
    expect(rows[0]["License required"]).toBe("FALSE");
    expect(rows[1]["License required"]).toMatch(/^#VALUE!: consignee .*outside the Latin alphabet/);
    expect(rows[2]["License required"]).toMatch(
      /^#VALUE!: consignee '\.\.\.' has no letters or digits/
    );
  });
});

describe("country allocations accumulate per destination (LEDGER)", () => {
  test("the review policy and explanation of a row read the allocation earlier rows drew, as LEDGER does", async () => {
    // 40,000 H100 (633,280,000 TPP) draw India's 2025-2027 allocation of 790,000,000; 20,000 more
    // (316,640,000) a month later would exceed it: presumption of denial, not of approval.
    fs.writeFileSync(
      path.join(dir, "allocation.csv"),
      "Chip,Destination,Quantity,Consignee,Date\nH100,IN,20000,Beta,2025-07-01\nH100,IN,40000,Acme,2025-06-01\n"
    );
    const { code } = await run("check", "allocation.csv", "--regime", "diffusion-2025");
    expect(code).toBe(0);
    const { rows } = readChecked(path.join(dir, "allocation.checked.csv"));
    expect(rows.map((r) => r["License required"])).toEqual(["TRUE", "TRUE"]);
    expect(rows.map((r) => r["Review policy"])).toEqual([
      "presumption of denial",
      "presumption of approval",
    ]);
    expect(rows[0].Explanation).toMatch(
      /633,280,000 used \+ 316,640,000 TPP > IN's 2025-2027 allocation/
    );
    expect(rows[0].Explanation).toMatch(
      /review: presumption of denial \(IN's allocation would be exceeded\)/
    );
    expect(rows[1].Explanation).toMatch(
      /presumption of approval while IN's allocation lasts \(156,720,000 TPP left/
    );
  });
});

describe("xlsx in, xlsx out", () => {
  async function writeWorkbook(file: string): Promise<void> {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Notes").getCell("A1").value = "Shipments are on the next sheet.";
    const ws = wb.addWorksheet("Shipments");
    ws.addRow(["Q3 shipments (draft)"]);
    ws.addRow(["Chip", "Destination", "Quantity", "HQ", "Consignee", "Date"]);
    ws.addRow(["H100", "PL", 2000, null, "Warsaw Compute", new Date(Date.UTC(2025, 5, 1))]);
    ws.addRow([
      { richText: [{ text: "H2" }, { text: "0" }] },
      "CN",
      10,
      null,
      null,
      new Date(Date.UTC(2025, 0, 1)),
    ]);
    ws.addRow(["H1OO", "DE", 8, null, null, "2025-06-01"]);
    ws.addRow([null, null, null, null, null, null]);
    ws.addRow([
      "H20",
      "China",
      { formula: "5*2", result: 10 },
      null,
      null,
      new Date(Date.UTC(2025, 5, 1)),
    ]);
    await wb.xlsx.writeFile(file);
  }

  test("the Shipments sheet gets the checked columns, other sheets stay, an Audit sheet is added; each row judged on its Date", async () => {
    const input = path.join(dir, "q3.xlsx");
    await writeWorkbook(input);
    const { code, stderr } = await run("check", "q3.xlsx", "--regime", "enforced");
    expect(code).toBe(0);
    expect(stderr).toMatch(/sheet "Shipments"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, "q3.checked.xlsx"));
    expect(wb.worksheets.map((s) => s.name)).toEqual(["Notes", "Shipments", "Audit"]);
    const ws = wb.getWorksheet("Shipments")!;
    expect(ws.getCell("A1").value).toBe("Q3 shipments (draft)");
    const header = (ws.getRow(2).values as unknown[]).slice(1);
    expect(header).toEqual([
      "Chip",
      "Destination",
      "Quantity",
      "HQ",
      "Consignee",
      "Date",
      ...OUT_HEADERS,
    ]);
    const row = (n: number) => (ws.getRow(n).values as unknown[]).slice(7, 12);
    expect(row(3)[0]).toBe(false); // Poland, enforced, 2025-06-01
    expect(row(4)[0]).toBe(false); // H20 to China on 2025-01-01
    expect(row(5)[0]).toBe("#N/A: Unknown chip 'H1OO'. Did you mean H100?");
    expect(row(6)).toEqual([]); // the blank row stays blank
    expect(row(7)[0]).toBe(true); // H20 to China on 2025-06-01
    expect(typeof row(3)[3]).toBe("number");
    expect(ws.getCell("C7").value).toMatchObject({ formula: "5*2" }); // input cells untouched
    expect(ws.getCell("F3").value).toBeInstanceOf(Date);

    const audit = Object.fromEntries(
      wb
        .getWorksheet("Audit")!
        .getSheetValues()
        .slice(2)
        .map((r) => [(r as unknown[])[1], (r as unknown[])[2]])
    );
    expect(audit["Input file"]).toBe("q3.xlsx");
    expect(audit["Sheet"]).toBe("Shipments");
    expect(audit["Regime"]).toMatch(/^enforced .*\(--regime\)$/);
    expect(audit["As-of date"]).toBe("each row's Date; rows without a date: 2026-11-27 (today)");
    expect(audit["Rules data version"]).toBe(RULES_DATA_VERSION);
    expect(audit["Rules data hash"]).toBe(RULES_DATA_HASH);
    expect(audit["Rows"]).toBe(5);
    expect(audit["Checked at"]).toBe(NOW.toISOString());

    // Checking the checked file again refreshes the columns instead of adding a second set.
    expect((await run("check", "q3.checked.xlsx", "--out", "again.xlsx")).code).toBe(0);
    const again = new ExcelJS.Workbook();
    await again.xlsx.readFile(path.join(dir, "again.xlsx"));
    expect((again.getWorksheet("Shipments")!.getRow(2).values as unknown[]).slice(1)).toHaveLength(
      11
    );
    expect(again.worksheets.map((s) => s.name)).toEqual(["Notes", "Shipments", "Audit"]);
  });

  test("CSV in, xlsx out with --out (and xlsx in, CSV out)", async () => {
    copy("shipments-small.csv");
    expect((await run("check", "shipments-small.csv", "--out", "out/checked.xlsx")).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, "out", "checked.xlsx"));
    expect(wb.worksheets.map((s) => s.name)).toEqual(["Shipments", "Audit"]);
    expect(wb.getWorksheet("Shipments")!.rowCount).toBe(10);

    expect((await run("check", "out/checked.xlsx", "--out", "back.csv")).code).toBe(0);
    const { rows } = readChecked(path.join(dir, "back.csv"));
    expect(rows).toHaveLength(9);
    expect(fs.existsSync(path.join(dir, "back.audit.csv"))).toBe(true);
  });
});

describe("exit codes and usage", () => {
  test("--fail-on-license: 1 when a row needs a licence or cannot be decided, 0 when none does", async () => {
    copy("shipments-small.csv");
    fs.writeFileSync(
      path.join(dir, "clean.csv"),
      "Chip,Destination,Quantity\nH100,DE,8\nL4,FR,100\n"
    );
    fs.writeFileSync(
      path.join(dir, "typo.csv"),
      "Chip,Destination,Quantity\nH100,DE,8\nH1OO,FR,100\n"
    );
    const licence = await run("check", "shipments-small.csv", "--fail-on-license");
    expect(licence.code).toBe(EXIT.license);
    expect(licence.stderr).toMatch(/--fail-on-license: \d+ row\(s\) need a licence/);
    expect(
      (await run("check", "clean.csv", "--fail-on-license", "--as-of", "2025-06-01")).code
    ).toBe(EXIT.ok);
    expect((await run("check", "clean.csv", "--as-of", "2025-06-01")).code).toBe(EXIT.ok);
    expect(
      (await run("check", "typo.csv", "--fail-on-license", "--as-of", "2025-06-01")).code
    ).toBe(EXIT.license);
    expect((await run("check", "shipments-small.csv")).code).toBe(EXIT.ok); // without the flag
  });

  test.each([
    [[], /no command given/],
    [["check"], /check needs a file/],
    [["verify", "x.csv"], /unknown command 'verify'/],
    [["check", "a.csv", "b.csv"], /one file/],
    [["check", "x.csv", "--bogus"], /Unknown option '--bogus'/],
    [
      ["check", "x.csv", "--regime", "diffusion"],
      /--regime must be one of enforced, baseline-2023, diffusion-2025, proposal-500; got 'diffusion'/,
    ],
    [["check", "x.csv", "--as-of", "last tuesday"], /--as-of must be a date/],
    [["check", "x.pdf"], /unsupported file type/],
    [["check", "x.csv", "--out", "x.json"], /must be a \.csv or \.xlsx/],
    [["check", "missing.csv"], /missing\.csv: no such file/],
  ])("exit 2 with a helpful message: %j", async (argv, message) => {
    fs.writeFileSync(path.join(dir, "x.csv"), "Chip,Destination,Quantity\nH100,DE,8\n");
    const { code, stderr } = await run(...(argv as string[]));
    expect(code).toBe(EXIT.usage);
    expect(stderr).toMatch(message);
  });

  test("a table without the required columns: exit 2, names what is missing and what was found", async () => {
    fs.writeFileSync(path.join(dir, "cols.csv"), "Chip,Destination,Units sold\nH100,DE,8\n");
    const { code, stderr } = await run("check", "cols.csv");
    expect(code).toBe(EXIT.usage);
    expect(stderr).toMatch(
      /needs the column\(s\) Quantity .*Found: "Chip", "Destination", "Units sold"/
    );
    expect(fs.existsSync(path.join(dir, "cols.checked.csv"))).toBe(false);
  });

  test("--help and --version", async () => {
    const help = await run("--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(
      /^Usage: exportctl check <shipments\.xlsx\|shipments\.csv> \[options\]/
    );
    expect(help.stdout).toMatch(/--fail-on-license/);
    expect((await run("check", "--help")).stdout).toMatch(/^Usage/);
    expect((await run("--version")).stdout).toContain(RULES_DATA_VERSION);
  });
});

describe("the example shipments", () => {
  const csv = path.join(ROOT, "examples", "shipments.csv");
  const xlsx = path.join(ROOT, "examples", "shipments.xlsx");

  (fs.existsSync(csv) ? test : test.skip)(
    "examples/shipments.csv under every regime: rows kept, LEDGER agrees",
    async () => {
      copy(csv);
      const inputRows =
        parseCsv(fs.readFileSync(csv, "utf8")).filter((r) => r.some((c) => c.trim())).length - 1;
      for (const regime of ["enforced", "baseline-2023", "diffusion-2025", "proposal-500"]) {
        const { code } = await run(
          "check",
          "shipments.csv",
          "--regime",
          regime,
          "--out",
          `${regime}.csv`
        );
        expect(code).toBe(0);
        expect(readChecked(path.join(dir, `${regime}.csv`)).rows).toHaveLength(inputRows);
        expect(auditOf(path.join(dir, `${regime}.audit.csv`))["Allowances"]).toMatch(
          /rows differing from LEDGER: 0$/
        );
      }
    }
  );

  (fs.existsSync(xlsx) ? test : test.skip)(
    "examples/shipments.xlsx: rows kept, columns and Audit sheet added",
    async () => {
      copy(xlsx);
      const { code, stderr } = await run("check", "shipments.xlsx");
      expect(code).toBe(0);
      const rowsChecked = Number(/checked ([\d,]+) rows/.exec(stderr)![1].replace(/,/g, ""));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(dir, "shipments.checked.xlsx"));
      const audit = wb.getWorksheet("Audit")!;
      expect(audit).toBeDefined();
      const values = Object.fromEntries(
        audit
          .getSheetValues()
          .slice(2)
          .map((r) => [(r as unknown[])[1], (r as unknown[])[2]])
      );
      expect(values["Rows"]).toBe(rowsChecked);
      expect(rowsChecked).toBeGreaterThan(10);
    }
  );
});

/** bin/exportctl.mjs as a user runs it, in the test's folder (it builds the bundle when needed). */
function exportctlBin(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [path.join(ROOT, "bin", "exportctl.mjs"), ...args], {
    cwd: dir,
    encoding: "utf8",
    timeout: 180000,
    env: { ...process.env, ...env },
  });
}

describe("as a command", () => {
  test("bin/exportctl.mjs builds the bundle when needed, checks a file, and exits 1 with --fail-on-license", () => {
    const input = copy("shipments-small.csv");
    const started = Date.now();
    const r = exportctlBin(["check", input, "--fail-on-license", "--as-of", "2025-06-01"]);
    console.log(
      `bin/exportctl.mjs (including any on-demand build): ${Date.now() - started} ms\n${r.stderr}`
    );
    expect(r.status).toBe(EXIT.license);
    expect(r.stderr).toMatch(/rows: 9 +licences needed/);
    const { rows } = readChecked(path.join(dir, "shipments-small.checked.csv"));
    expect(rows).toHaveLength(9);
    expect(rows[2]["License required"]).toBe("#N/A: Unknown chip 'H1OO'. Did you mean H100?");

    const usage = exportctlBin(["check"]);
    expect(usage.status).toBe(EXIT.usage);
    expect(usage.stderr).toMatch(/Run 'exportctl --help'/);
  }, 200000);
});

describe("checked on worker threads", () => {
  // The built command checks large tables a block of rows per worker thread (src/cli/pool.ts):
  // the same files, byte for byte, as the check in the process, on a table of every kind of row
  // (errors, blanks, title rows, reexports, allowances accumulating over several blocks). Every row
  // has a date: the child process cannot be given the test's clock.
  test("bin/exportctl.mjs with workers writes what the in-process check writes", async () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
    const lines = [
      "Shipments export",
      "",
      "Chip,Destination,Quantity,HQ,Consignee,Date,Ship from,Notes",
    ];
    for (let i = 0; i < 25000; i++) {
      if (i % 997 === 3) {
        lines.push("");
        continue;
      }
      lines.push(
        [
          pick(["H100", "H20", "B200", "GB200", "A100", "MI300X", "", "H1OO", "=1+2", "3A090"]),
          pick(["CN", "AE", "IN", "HK", "MY", "", "Viet Nam", "XX", "SG"]),
          pick(["1", "1699", "1700", "2000", "100000", "0", "-5", "2.000", "", "abc"]),
          pick(["", "CN", "US", "GB"]),
          pick(["Acme Inc.", "ACME  INC", "Beta", "", "Gamma"]),
          pick(["2025-02-01", "2025-06-01", "2023-11-20", "6/1/2025", "2026-12-01", "45800"]),
          pick(["", "TW", "MY", "US", "HK"]),
          `note ${i}`,
        ].join(",")
      );
    }
    const input = path.join(dir, "mixed.csv");
    fs.writeFileSync(input, lines.join("\r\n") + "\r\n");
    for (const [regime, env] of [
      ["enforced", {}],
      ["diffusion-2025", {}],
      ["proposal-500", {}],
    ] as const) {
      const inProcess = await run("check", input, "--regime", regime, "--out", `in-${regime}.csv`);
      const r = exportctlBin(["check", input, "--regime", regime, "--out", `w-${regime}.csv`], {
        EXPORTCTL_WORKERS: "2",
        ...env,
      });
      expect(r.status).toBe(inProcess.code);
      const summary = (text: string) =>
        text.split("\n").filter((l) => /^ {2}(rows|row \d)/.test(l));
      expect(summary(r.stderr)).toEqual(summary(inProcess.stderr));
      expect(fs.readFileSync(path.join(dir, `w-${regime}.csv`), "utf8")).toBe(
        fs.readFileSync(path.join(dir, `in-${regime}.csv`), "utf8")
      );
      const audit = (f: string) =>
        fs
          .readFileSync(path.join(dir, f), "utf8")
          .split("\r\n")
          .filter((l) => !/^(Checked at|Duration|Output file|As-of date)/.test(l));
      expect(audit(`w-${regime}.audit.csv`)).toEqual(audit(`in-${regime}.audit.csv`));
    }
  }, 300000);
});

describe("a 100,000-row CSV", () => {
  // Order-book-like data: a few chips, destinations and order sizes, 300 consignees (so LEDGER runs
  // over the whole table), a chip typo in every 8th row, the default regime.
  test("is checked with every row kept in order, a progress report, and the reference answers on sampled rows (its speed is measured by npm run bench)", async () => {
    const chips = ["H100", "B200", "H20", "A100", "L40S", "MI300X", "RTX 4090", "H1OO"];
    const dests = ["AE", "IN", "CN", "DE", "SG", "VN", "PL", "US", "SA", "MY", "GB"];
    const sizes = [1, 8, 16, 64, 100, 256, 512, 1000, 2000];
    const lines = ["Chip,Destination,Quantity,HQ,Consignee,Date"];
    const N = 100000;
    for (let i = 0; i < N; i++) {
      const month = String(1 + (i % 12)).padStart(2, "0");
      lines.push(
        `${chips[i % chips.length]},${dests[i % dests.length]},${sizes[i % sizes.length]},${i % 7 === 0 ? "CN" : ""},Consignee ${i % 300},2025-${month}-15`
      );
    }
    const file = path.join(dir, "big.csv");
    fs.writeFileSync(file, lines.join("\n") + "\n");
    const { code, stderr } = await run("check", "big.csv");
    expect(code).toBe(0);
    const text = fs.readFileSync(path.join(dir, "big.checked.csv"), "utf8");
    const rows = parseCsv(text);
    expect(rows).toHaveLength(N + 1);
    expect(rows[8][6]).toBe("#N/A: Unknown chip 'H1OO'. Did you mean H100?"); // row 8 is the 8th chip
    expect(auditOf(path.join(dir, "big.checked.audit.csv"))["Rows"]).toBe(String(N));
    expect(stderr).toMatch(/exportctl checking|exportctl writing/); // a progress report on a large file, even without a TTY
    // Sampled rows against the reference, not against the code: H100 (3A090.a) to CN needs a licence
    // (regulations.md §7.1 #1); to IN, GB or PL (A:5) none for a local buyer (§7.1 #5).
    const sample = rows.slice(1).filter((r) => r[0] === "H100" && r[3] === "");
    const toCn = sample.filter((r) => r[1] === "CN");
    const toA5 = sample.filter((r) => ["IN", "GB", "PL"].includes(r[1]));
    expect(toCn.length).toBeGreaterThan(5);
    expect(toA5.length).toBeGreaterThan(5);
    for (const r of toCn) expect(r[6]).toBe("TRUE");
    for (const r of toA5) expect(r[6]).toBe("FALSE");
    for (let i = 1; i <= N; i += 9973) expect(rows[i].slice(0, 6)).toEqual(lines[i].split(","));
  }, 120000);
});
