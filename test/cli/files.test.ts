// `exportctl check` with hostile and ordinary files (DESIGN §5, Files): the gate never passes a row
// it could not check, the input is never overwritten, outputs are whole or absent, CSV formula
// injection is neutralised, terminal output is clean, locales are explicit, headers exporters use
// are read, and every failure is one line with the exit code DESIGN gives it.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import { spawnSync } from "child_process";
import ExcelJS from "exceljs";
import { main, EXIT } from "../../src/cli/main";
import { parseCsv } from "../../src/shipments/csv";
import fc from "fast-check";
import { AtomicFile, XLSX_LIMITS } from "../../src/cli/files";

const ROOT = path.join(__dirname, "..", "..");
const NOW = new Date("2026-11-27T12:00:00Z");

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "exportctl-files-"));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

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

function write(name: string, text: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

function table(file: string): string[][] {
  return parseCsv(fs.readFileSync(path.join(dir, file), "utf8"));
}

/** The checked row whose Notes (last input) column reads `note`, keyed by header. */
function rowsByHeader(file: string): Record<string, string>[] {
  const rows = table(file);
  const h = rows.findIndex((r) => r.includes("License required"));
  return rows.slice(h + 1).map((r) => Object.fromEntries(rows[h].map((k, i) => [k, r[i] ?? ""])));
}

/** One line on stderr per message: no stack trace ("    at ..."), no control characters. */
function expectCleanStderr(stderr: string): void {
  expect(stderr).not.toMatch(/^\s+at /m);
  // eslint-disable-next-line no-control-regex
  expect(stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
}

describe("the gate never passes a row it could not check", () => {
  test("a row with a destination and a quantity but no chip is an error, and --fail-on-license exits 1", async () => {
    write("s.csv", "Chip,Destination,Quantity\nH100,DE,1\n,RU,100000\nH100,,5\n");
    const { code, stderr } = await run(
      "check",
      "s.csv",
      "--as-of",
      "2025-06-01",
      "--fail-on-license"
    );
    expect(code).toBe(EXIT.license);
    const rows = rowsByHeader("s.checked.csv");
    expect(rows[1]["License required"]).toMatch(
      /^#VALUE!: Chip is blank while Destination is filled/
    );
    expect(rows[2]["License required"]).toMatch(
      /^#VALUE!: Destination is blank while Chip is filled/
    );
    expect(stderr).toMatch(/errors: 2/);
    expect(stderr).toMatch(/row 3: #VALUE!: Chip is blank/);
  });

  test("a chip cell holding a formula without a saved result is that row's error, not a blank row", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Shipments");
    ws.addRow(["Chip", "Destination", "Quantity"]);
    ws.addRow([{ formula: "VLOOKUP(1,Parts!A:B,2,FALSE)" } as ExcelJS.CellValue, "RU", 100]);
    await wb.xlsx.writeFile(path.join(dir, "f.xlsx"));
    const { code } = await run("check", "f.xlsx", "--fail-on-license", "--as-of", "2025-06-01");
    expect(code).toBe(EXIT.license);
    const out = new ExcelJS.Workbook();
    await out.xlsx.readFile(path.join(dir, "f.checked.xlsx"));
    expect(out.getWorksheet("Shipments")!.getCell("D2").value).toMatch(
      /^#VALUE!: the cell holds a formula .* no saved result/
    );
     // The input cell stays the user's formula in the workbook, and its text (neutralised) in a CSV.
    expect(out.getWorksheet("Shipments")!.getCell("A2").value).toMatchObject({
      formula: "VLOOKUP(1,Parts!A:B,2,FALSE)",
    });
    await run("check", "f.xlsx", "--out", "f.csv", "--as-of", "2025-06-01");
    const [row] = rowsByHeader("f.csv");
    expect(row.Chip).toBe("'=VLOOKUP(1,Parts!A:B,2,FALSE)");
    expect(row["License required"]).toMatch(/^#VALUE!: the cell holds a formula .* no saved result/);
  });

  test("a consignee cell that cannot be read (a formula without a saved result) makes the row unchecked", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Shipments");
    ws.addRow(["Chip", "Destination", "Quantity", "Consignee"]);
    ws.addRow(["H100", "IN", 1000, "Acme"]);
    ws.addRow(["H100", "IN", 1000, { formula: '"Ac"&"me"' } as ExcelJS.CellValue]);
    await wb.xlsx.writeFile(path.join(dir, "c.xlsx"));
    const { code } = await run("check", "c.xlsx", "--out", "c.csv", "--regime", "diffusion-2025", "--as-of", "2025-06-01", "--fail-on-license");
    expect(code).toBe(EXIT.license);
    const rows = rowsByHeader("c.csv");
    expect(rows[0]["License required"]).toBe("FALSE");
    expect(rows[1]["License required"]).toMatch(/^#VALUE!: the cell holds a formula .* no saved result/);
  });

  test("consignee spellings that fold into one key share one allowance, and the audit shows the key", async () => {
    write(
      "fold.csv",
      "Chip,Destination,Quantity,Consignee,Date\nH100,IN,100,Acme Inc.,2025-06-01\nH100,IN,100,ACME  INC,2025-06-02\nH100,IN,100,Beta,2025-06-03\n"
    );
    const { code } = await run("check", "fold.csv", "--regime", "diffusion-2025");
    expect(code).toBe(EXIT.ok);
    const audit = Object.fromEntries(table("fold.checked.audit.csv").slice(1));
    expect(audit["Consignee keys"]).toBe(
      `1 consignee key(s) from several spellings (case, spaces and punctuation fold; one allowance each): 'acmeinc' <- "Acme Inc.", "ACME  INC"`
    );
    // The second Acme row counts the first one's 100 x 15,832 TPP: 3,166,400 this year; Beta starts afresh.
    const rows = rowsByHeader("fold.checked.csv");
    expect(rows[1].Explanation).toMatch(/3,166,400 TPP is within the LPP allowance/);
    expect(rows[2].Explanation).toMatch(/1,583,200 TPP is within the LPP allowance/);
  });

  test("a Ship from column is passed as ship_from: rows shipped from abroad are judged, not blank", async () => {
    // Reference (shared/reference/updates-2026-11.md A8 and #1; regulations.md §7.1):
    // - H200 to CN after 2026-01-15: case-by-case only for an export from the US; a reexport or an
    //   export from abroad (here from MY) stays at presumption of denial (91 FR 1684).
    // - H20 to CN: the is-informed letter of 2025-04-09 (15 CFR 744.23) requires a licence whether
    //   the chip leaves the US or Malaysia.
    // - H100 (3A090.a, US-designed) from DE to AE (D:4, not A:5/A:6): within 742.6(a)(6)(iii), which
    //   covers reexports too: a licence, not a blank or a US-only answer.
    write(
      "r.csv",
      "Chip,Destination,Quantity,Ship from,Date\n" +
        "H200,CN,100,US,2026-03-01\n" +
        "H200,CN,100,MY,2026-03-01\n" +
        "H20,CN,100,Malaysia,2026-03-01\n" +
        "H100,AE,100,DE,2025-06-01\n" +
        "H100,DE,1,,2025-06-01\n" +
        "H100,DE,1,Atlantis,2025-06-01\n"
    );
    const { code, stderr } = await run("check", "r.csv", "--fail-on-license");
    const rows = rowsByHeader("r.checked.csv");
    expect(rows[0]["Review policy"]).toMatch(/^case-by-case/);
    expect(rows[1]["License required"]).toBe("TRUE");
    expect(rows[1]["Review policy"]).toBe("presumption of denial");
    expect(rows[1].Explanation).toMatch(/Shipped from MY/);
    expect(rows[2]["License required"]).toBe("TRUE");
    expect(rows[2].Explanation).toMatch(/Shipped from MY/);
    expect(rows[3]["License required"]).toBe("TRUE");
    expect(rows[3]["Review policy"]).toBe("presumption of approval");
    expect(rows[3].Explanation).toMatch(/Shipped from DE/);
    expect(rows[4]["License required"]).toBe("FALSE"); // blank Ship from: an export from the US
    expect(rows[5]["License required"]).toMatch(/^#N\/A: .*Atlantis/); // read as the functions read it
    expect(code).toBe(EXIT.license);
    expect(stderr).not.toMatch(/judge US exports only/);
    const audit = Object.fromEntries(
      parseCsv(fs.readFileSync(path.join(dir, "r.checked.audit.csv"), "utf8")).map((r) => [
        r[0],
        r[1],
      ])
    );
    expect(audit["Ship from"]).toMatch(/^each row's Ship from column \(blank: US\)/);
    expect(audit["Ship from"]).toMatch(/MY 1/);
    expect(audit["Ship from"]).toMatch(/MALAYSIA 1/);
    expect(audit["Ship from"]).toMatch(/DE 1/);
    expect(audit["Ship from"]).not.toMatch(/ATLANTIS/); // not checked: an input error
  });
});

describe("the input is never overwritten", () => {
  const INPUT = "Chip,Destination,Quantity\nH100,AE,2000\n";
  const cases: [string, () => string[]][] = [
    ["the same path", () => ["--out", "s.csv"]],
    ["the same path spelled differently", () => ["--out", "./sub/../s.csv"]],
    [
      "a symbolic link to it",
      () => (
        fs.symlinkSync(path.join(dir, "s.csv"), path.join(dir, "link.csv")),
        ["--out", "link.csv"]
      ),
    ],
    [
      "a hard link to it",
      () => (
        fs.linkSync(path.join(dir, "s.csv"), path.join(dir, "hard.csv")),
        ["--out", "hard.csv"]
      ),
    ],
    ["the same name in another case", () => ["--out", "S.CSV"]],
  ];
  test.each(cases)("--out that is %s: exit 2, the input untouched", async (_, args) => {
    fs.mkdirSync(path.join(dir, "sub"));
    write("s.csv", INPUT);
    const extra = args();
    const { code, stderr } = await run("check", "s.csv", ...extra);
    expect(code).toBe(EXIT.usage);
    expect(stderr).toMatch(/the input is never overwritten/);
    expect(fs.readFileSync(path.join(dir, "s.csv"), "utf8")).toBe(INPUT);
    expectCleanStderr(stderr);
  });

  test("checking X.audit.csv with --out X.csv is refused: the audit would overwrite the input", async () => {
    write("x.audit.csv", INPUT);
    const { code, stderr } = await run("check", "x.audit.csv", "--out", "x.csv");
    expect(code).toBe(EXIT.usage);
    expect(stderr).toMatch(/audit file of --out/);
    expect(fs.readFileSync(path.join(dir, "x.audit.csv"), "utf8")).toBe(INPUT);
    expect(fs.existsSync(path.join(dir, "x.csv"))).toBe(false);
  });
});

describe("what is kept", () => {
  test("title rows, cells right of the table, blank rows and the UTF-8 BOM; columns added after the widest row", async () => {
    const input =
      "\ufeffQ3 export log,,\r\nprepared by Zoë,,\r\nChip,Destination,Quantity\r\nH100,AE,2000,see note,memo\r\n\r\nH100,Côte d'Ivoire,1\r\n";
    write("k.csv", input);
    const { code } = await run("check", "k.csv", "--as-of", "2025-06-01");
    expect(code).toBe(EXIT.ok);
    const bytes = fs.readFileSync(path.join(dir, "k.checked.csv"));
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = table("k.checked.csv");
    expect(rows[0][0]).toBe("Q3 export log");
    expect(rows[1][0]).toBe("prepared by Zoë");
    expect(rows[2].slice(0, 5)).toEqual(["Chip", "Destination", "Quantity", "", ""]);
    expect(rows[2][5]).toBe("License required");
    expect(rows[3].slice(0, 5)).toEqual(["H100", "AE", "2000", "see note", "memo"]);
    expect(rows[4]).toEqual([""]);
    expect(rows[5][1]).toBe("Côte d'Ivoire");
    expect(rows).toHaveLength(6);
    expect(fs.readFileSync(path.join(dir, "k.checked.audit.csv")).subarray(0, 3)).toEqual(
      Buffer.from([0xef, 0xbb, 0xbf])
    );
  });

  test("xlsx in place: a cell right of the last header keeps its value", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Shipments");
    ws.addRow(["Chip", "Destination", "Quantity"]);
    ws.addRow(["H100", "AE", 2000, null, "approved by legal"]);
    await wb.xlsx.writeFile(path.join(dir, "w.xlsx"));
    expect((await run("check", "w.xlsx", "--as-of", "2025-06-01")).code).toBe(EXIT.ok);
    const out = new ExcelJS.Workbook();
    await out.xlsx.readFile(path.join(dir, "w.checked.xlsx"));
    const sheet = out.getWorksheet("Shipments")!;
    expect(sheet.getCell("E2").value).toBe("approved by legal");
    expect(sheet.getCell("F1").value).toBe("License required");
  });

  test("row count and order are kept whatever the quoting (line breaks inside fields)", async () => {
    const lines = ["Chip,Destination,Quantity,Notes"];
    for (let i = 0; i < 300; i++)
      lines.push(`H100,${["AE", "DE", "CN"][i % 3]},${i + 1},"note ${i}\nsecond line, ""quoted"""`);
    write("o.csv", lines.join("\n"));
    expect((await run("check", "o.csv", "--as-of", "2025-06-01")).code).toBe(EXIT.ok);
    const rows = table("o.checked.csv");
    expect(rows).toHaveLength(301);
    for (let i = 0; i < 300; i++) {
      expect(rows[i + 1][2]).toBe(String(i + 1));
      expect(rows[i + 1][3]).toBe(`note ${i}\nsecond line, "quoted"`);
    }
  });
});

describe("writes are atomic", () => {
  test("a write failure (file size limit) leaves the previous output intact and no partial file", () => {
    const lines = ["Chip,Destination,Quantity"];
    for (let i = 0; i < 2000; i++) lines.push(`H100,AE,${i + 1}`);
    write("big.csv", lines.join("\n"));
    write("big.checked.csv", "previous output\n");
    write("big.checked.audit.csv", "previous audit\n");
    const bin = path.join(ROOT, "bin", "exportctl.mjs");
    // Build the launcher's bundle first, outside the limit.
    spawnSync(process.execPath, [bin, "--version"], { cwd: dir, encoding: "utf8" });
    const r = spawnSync(
      "bash",
      ["-c", `ulimit -f 64; "${process.execPath}" "${bin}" check big.csv --as-of 2025-06-01`],
      {
        cwd: dir,
        encoding: "utf8",
      }
    );
    expect(r.status).toBe(EXIT.failure);
    expect(r.stderr).toMatch(/could not write .*big\.checked\.csv/);
    expectCleanStderr(r.stderr);
    expect(fs.readFileSync(path.join(dir, "big.checked.csv"), "utf8")).toBe("previous output\n");
    expect(fs.readFileSync(path.join(dir, "big.checked.audit.csv"), "utf8")).toBe(
      "previous audit\n"
    );
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  }, 120000);

  test("the file holds exactly the UTF-8 of what was written, whatever the sizes and characters", () => {
    // Short ASCII pieces take the copy loop, others the encoder; long ones pass the buffer's size.
    const piece = fc.oneof(
      fc.string({ unit: fc.constantFrom("a", ",", '"', "\r", "\n", "é", "€", "😀", "\u0000") }),
      fc.constantFrom("x".repeat(400_000), "é".repeat(200_000), `"${"ü, ".repeat(1000)}"`)
    );
    const part = fc.oneof(piece, fc.integer({ min: 0, max: 127 }));
    fc.assert(
      fc.property(fc.array(part, { maxLength: 40 }), (parts) => {
        const target = path.join(dir, "atomic.txt");
        const out = new AtomicFile(target);
        for (const p of parts) {
          if (typeof p === "number") out.byte(p);
          else out.write(p);
        }
        out.finish();
        out.rename();
        const expected = parts
          .map((p) => (typeof p === "number" ? String.fromCharCode(p) : p))
          .join("");
        expect(fs.readFileSync(target).equals(Buffer.from(expected, "utf8"))).toBe(true);
        expect(out.written).toBe(Buffer.byteLength(expected, "utf8"));
      }),
      { numRuns: 60 }
    );
  });
});

describe("CSV formula injection and terminal output", () => {
  test("formula-like cells are neutralised in CSV, plain numbers kept; still plain strings in xlsx", async () => {
    write(
      "i.csv",
      'Chip,Destination,Quantity,Notes\n"=HYPERLINK(""http://x"",""y"")",AE,1,+cmd|\' /C calc\'!A0\nH100,AE,1,@SUM(1+1)\nH100,AE,1,-2+3\nH100,AE,1,"\tfoo"\nH100,AE,1,-5\nH100,AE,1,+3.5\n'
    );
    expect((await run("check", "i.csv", "--as-of", "2025-06-01")).code).toBe(EXIT.ok);
    const rows = table("i.checked.csv");
    expect(rows[1][0]).toBe('\'=HYPERLINK("http://x","y")');
    expect(rows[1][3]).toBe("'+cmd|' /C calc'!A0");
    expect(rows[2][3]).toBe("'@SUM(1+1)");
    expect(rows[3][3]).toBe("'-2+3");
    expect(rows[4][3]).toBe("'\tfoo");
    expect(rows[5][3]).toBe("-5");
    expect(rows[6][3]).toBe("+3.5");
    for (const row of rows)
      for (const cell of row)
        if (!/^[+-]\d+(\.\d+)?$/.test(cell)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);

    expect((await run("check", "i.csv", "--as-of", "2025-06-01", "--out", "i.xlsx")).code).toBe(
      EXIT.ok
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, "i.xlsx"));
    const ws = wb.getWorksheet("Shipments")!;
    expect(ws.getCell("A2").value).toBe('=HYPERLINK("http://x","y")');
    expect(ws.getCell("D3").value).toBe("@SUM(1+1)");
    expect(ws.getCell("D6").value).toBe(-5);
  });

  test("escape sequences in a chip name do not reach the terminal", async () => {
    write("e.csv", 'Chip,Destination,Quantity\n"\u001b[2K\u001b[1Aexportctl: all clear\r",AE,1\n');
    const { stderr } = await run("check", "e.csv", "--as-of", "2025-06-01");
    expect(stderr).toMatch(/\\x1b\[2K/);
    expectCleanStderr(stderr);
  });
});

describe("locale", () => {
  test("without --locale, US dates and grouped numbers are each row's error; with it both are read", async () => {
    write(
      "l.csv",
      'Chip,Destination,Quantity,Date\nH20,CN,10,6/1/2025\nH20,CN,10,03/15/2025\nB200,IN,"1,000",2025-06-01\nH100,AE,10,45809\nH100,AE,2000.0,2025-06-01\n'
    );
    expect((await run("check", "l.csv")).code).toBe(EXIT.ok);
    let rows = rowsByHeader("l.checked.csv");
    expect(rows[0]["License required"]).toMatch(
      /^#VALUE!: as_of '6\/1\/2025' reads as different dates/
    );
    expect(rows[1]["License required"]).toMatch(
      /^#VALUE!: as_of '03\/15\/2025' reads as different dates/
    );
    // A comma-separated file says nothing about its numbers: "1,000" is a thousand in en-US, one in
    // de-DE, so without --locale it is refused, never guessed.
    expect(rows[2]["License required"]).toMatch(
      /^#VALUE!: quantity '1,000' has a group or decimal separator .*--locale de-DE/
    );
    expect(rows[3].Explanation).toMatch(/as of 2025-06-01/); // an Excel serial
    expect(rows[4]["H100 equivalents"]).toBe("2000"); // a plain number reads everywhere
    expect(
      Object.fromEntries(table("l.checked.audit.csv").slice(1))["Locale of text numbers and dates"]
    ).toBe("unknown: strict (ISO dates, Excel date serials, numbers without group separators)");
    expect((await run("check", "l.csv", "--locale", "en-US", "--out", "us.csv")).code).toBe(
      EXIT.ok
    );
    rows = rowsByHeader("us.csv");
    expect(rows[0].Explanation).toMatch(/as of 2025-06-01/);
    expect(rows[1].Explanation).toMatch(/as of 2025-03-15/);
    // 1,000 x B200 (TPP 36,000, reference/chips.md) = 36,000,000 / 15,832 = 2,273.88 H100-equivalents;
    // to IN (A:5, outside D:1/D:4/D:5: regulations.md §7.1 #5) no licence on 2025-06-01.
    expect(Number(rows[2]["H100 equivalents"])).toBeCloseTo((1000 * 36_000) / 15_832, 3);
    expect(rows[2]["License required"]).toBe("FALSE");
    const audit = Object.fromEntries(table("us.audit.csv").slice(1));
    expect(audit["Locale of text numbers and dates"]).toMatch(/^en-US .*\(--locale\)$/);
    // en-GB reads 03/15/2025 as month 15: an error, not a guess.
    expect((await run("check", "l.csv", "--locale", "en-GB", "--out", "gb.csv")).code).toBe(
      EXIT.ok
    );
    expect(rowsByHeader("gb.csv")[1]["License required"]).toMatch(/not a date in en-GB/);
  });

  test("a semicolon CSV from a European Excel: without --locale 2.000 and 1.234,5 are errors, with de-DE 2.000 is 2,000 units", async () => {
    write("de.csv", "Chip;Destination;Quantity;Date\nH100;PL;2.000;01.06.2025\n");
    write(
      "de-iso.csv",
      "Chip;Destination;Quantity;Date\nH100;PL;2.000;2025-06-01\nH100;PL;1.234,5;2025-06-01\nH100;PL;2000;2025-06-01\n"
    );
    expect((await run("check", "de.csv")).code).toBe(EXIT.ok);
    expect(rowsByHeader("de.checked.csv")[0]["License required"]).toMatch(/^#VALUE!: /);
    expect((await run("check", "de-iso.csv")).code).toBe(EXIT.ok);
    const iso = rowsByHeader("de-iso.checked.csv");
    for (const [row, text] of [
      [0, "2.000"],
      [1, "1.234,5"],
    ] as const) {
      expect(iso[row]["License required"]).toBe(
        `#VALUE!: quantity '${text}' has a group or decimal separator that reads differently by locale: pass --locale (e.g. --locale en-US or --locale de-DE) or write it without a group separator`
      );
      expect(iso[row]["H100 equivalents"]).toBe("");
    }
    expect(iso[2]["H100 equivalents"]).toBe("2000");
    expect((await run("check", "de.csv", "--locale", "de-DE", "--out", "de2.csv")).code).toBe(
      EXIT.ok
    );
    const row = rowsByHeader("de2.csv")[0];
    expect(row["H100 equivalents"]).toBe("2000");
    expect(row.Explanation).toMatch(/as of 2025-06-01/);
    expect(fs.readFileSync(path.join(dir, "de2.csv"), "utf8")).toMatch(/;2000;/);
    expect((await run("check", "de-iso.csv", "--locale", "de-DE", "--out", "de3.csv")).code).toBe(
      EXIT.ok
    );
    // 1.234,5 units under de-DE is 1234.5: not a whole number of chips.
    expect(rowsByHeader("de3.csv")[1]["License required"]).toMatch(
      /^#VALUE!: quantity .*whole number/
    );
  });

  test("numbers and dates written to xlsx from CSV are typed, so Excel can sum them", async () => {
    write(
      "t.csv",
      "Chip,Destination,Quantity,Date,Price,Part no\nH100,AE,2000,2025-06-01,12.5,00123\n"
    );
    expect((await run("check", "t.csv", "--out", "t.xlsx")).code).toBe(EXIT.ok);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, "t.xlsx"));
    const ws = wb.getWorksheet("Shipments")!;
    expect(ws.getCell("C2").value).toBe(2000);
    expect(ws.getCell("D2").value).toEqual(new Date("2025-06-01T00:00:00Z"));
    expect(ws.getCell("E2").value).toBe(12.5);
    expect(ws.getCell("F2").value).toBe("00123"); // a part number keeps its zeros
    expect(typeof ws.getCell("J2").value).toBe("number"); // H100 equivalents
  });

  test("an unknown --locale is a usage error", async () => {
    write("s.csv", "Chip,Destination,Quantity\nH100,AE,1\n");
    const { code, stderr } = await run("check", "s.csv", "--locale", "xx-!!");
    expect(code).toBe(EXIT.usage);
    expect(stderr).toMatch(/--locale xx-!!: not a locale/);
  });
});

describe("exit codes and messages", () => {
  test("an unreadable CSV (a folder, text that is not UTF-8, an unclosed quote) exits 2 with one line", async () => {
    fs.mkdirSync(path.join(dir, "folder.csv"));
    write(
      "latin1.csv",
      Buffer.from("Chip,Destination,Quantity\nH100,C\xf4te d'Ivoire,1\n", "latin1")
    );
    write("open.csv", 'Chip,Destination,Quantity\nH100,"AE,1\n');
    for (const [file, message] of [
      ["folder.csv", /not a file/],
      ["latin1.csv", /not UTF-8 text near byte \d+; save it as "CSV UTF-8"/],
      ["open.csv", /never closed/],
    ] as const) {
      const { code, stderr } = await run("check", file);
      expect(code).toBe(EXIT.usage);
      expect(stderr).toMatch(message);
      expect(stderr.trim().split("\n")).toHaveLength(1);
      expectCleanStderr(stderr);
      expect(fs.readdirSync(dir).filter((f) => f.includes("checked"))).toEqual([]);
    }
  });

  test("two columns for one input are refused; unused look-alike columns are named in a warning", async () => {
    write("dup.csv", "Chip,Destination,Quantity,Destination\nH100,DE,10,CN\n");
    const refused = await run("check", "dup.csv", "--as-of", "2025-06-01", "--fail-on-license");
    expect(refused.code).toBe(EXIT.usage);
    expect(refused.stderr).toMatch(
      /column B "Destination" and column D "Destination" are both Destination columns: keep one/
    );
    expect(fs.readdirSync(dir).filter((f) => f.includes("checked"))).toEqual([]);

    write(
      "d.csv",
      "Chip,ECCN,Destination,Quantity,End user,Invoice date\nH100,3A090.a,AE,1,Acme,2025-01-01\n"
    );
    const { code, stderr } = await run("check", "d.csv", "--as-of", "2025-06-01");
    expect(code).toBe(EXIT.ok);
    expect(stderr).toMatch(/warning: column B "ECCN" is not used: each row is classified from its Chip \(A\)/);
    expect(stderr).toMatch(/warning: column E "End user" is not used/);
    expect(stderr).toMatch(/warning: column F "Invoice date" looks like a date but is not used/);
    const audit = Object.fromEntries(table("d.checked.audit.csv").slice(1));
    expect(audit.Allowances).toMatch(/no Consignee column/);
    expect(fs.readFileSync(path.join(dir, "d.checked.audit.csv"), "utf8")).toMatch(/""ECCN"" is not used/);
  });

  test("row numbers in messages are the output file's rows (title rows and multi-line cells counted as rows)", async () => {
    write(
      "n.csv",
      'Export log\nChip,Destination,Quantity,Notes\nH100,AE,1,"two\nlines"\nH1OO,AE,1,\n'
    );
    const { stderr } = await run("check", "n.csv", "--as-of", "2025-06-01");
    expect(stderr).toMatch(/row 4: #N\/A: Unknown chip 'H1OO'/);
    expect(table("n.checked.csv")[3][0]).toBe("H1OO"); // the 4th row of the output
  });
});

describe("AES/EEI header names", () => {
  test("Date of Export is the row's date: H20 to Cambodia dated 2025-06-01 trips --fail-on-license", async () => {
    write(
      "aes.csv",
      "Schedule B,ECCN,Chip,Country of Ultimate Destination,Quantity,Ultimate Consignee,Date of Export\n8473.30,3A090.c,H20,KH,100,Angkor AI,2025-06-01\n"
    );
    const { code, stderr } = await run("check", "aes.csv", "--fail-on-license");
    // The filing's ECCN is a record: named as not used (rows are classified from the Chip).
    expect(stderr.split("\n").filter((l) => /warning/.test(l))).toEqual([
      expect.stringMatching(/warning: column B "ECCN" is not used: each row is classified from its Chip/),
    ]);
    const row = rowsByHeader("aes.checked.csv")[0];
    expect(row.Explanation).toMatch(/as of 2025-06-01/);
    expect(row["License required"]).toBe("TRUE");
    expect(code).toBe(EXIT.license);
  });

  test("an ECCN column stands in for a missing Chip column", async () => {
    write("e.csv", "ECCN,Country of Ultimate Destination,Quantity\n3A090.a,CN,1\n");
    expect((await run("check", "e.csv", "--as-of", "2025-06-01")).code).toBe(EXIT.ok);
    expect(rowsByHeader("e.checked.csv")[0]["License required"]).toBe("TRUE");
  });
});

describe("xlsx guards", () => {
  /** A zip holding one sheet part of `size` bytes of repeated cells (a zip bomb's shape). */
  function bomb(file: string, size: number): void {
    const unit = Buffer.from('<c r="A1" t="s"><v>0</v></c>');
    const data = Buffer.alloc(size);
    for (let i = 0; i < size; i += unit.length) unit.copy(data, i);
    const name = Buffer.from("xl/worksheets/sheet1.xml");
    const deflated = zlib.deflateRawSync(data, { level: 9 });
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(deflated.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    const cdOffset = local.length + name.length + deflated.length;
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 8);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(central.length + name.length, 12);
    end.writeUInt32LE(cdOffset, 16);
    fs.writeFileSync(file, Buffer.concat([local, name, deflated, central, name, end]));
  }

  test("a zip bomb is refused with a message before it is inflated", async () => {
    bomb(path.join(dir, "bomb.xlsx"), 64 << 20);
    const { code, stderr } = await run("check", "bomb.xlsx");
    expect(code).toBe(EXIT.usage);
    expect(stderr).toMatch(/expands \d+ times .* refused as a possible zip bomb/);
    expect(stderr.trim().split("\n")).toHaveLength(1);
  });

  test("a file that is not a zip is refused as unreadable, exit 2", async () => {
    write("fake.xlsx", "Chip,Destination\n");
    const { code, stderr } = await run("check", "fake.xlsx");
    expect(code).toBe(EXIT.usage);
    expect(stderr).toMatch(/fake\.xlsx: not a zip archive/);
  });
});

describe("workbooks too large to edit in memory stream through exceljs's reader and writer", () => {
  const saved = { ...XLSX_LIMITS };
  afterEach(() => Object.assign(XLSX_LIMITS, saved));

  async function workbook(file: string): Promise<void> {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Notes").addRow(["Read me", { formula: "1+1", result: 2 }]);
    const ws = wb.addWorksheet("Shipments");
    ws.addRow(["Q3 log"]);
    ws.addRow(["Chip", "Destination", "Quantity", "Date of Export"]);
    ws.addRow(["H100", "DE", 2000, new Date(Date.UTC(2025, 5, 1)), null, "beside"]);
    ws.addRow([]);
    ws.addRow(["H20", "CN", 10, "2025-06-01"]);
    ws.addRow(["H1OO", "DE", 8, "2025-06-01"]);
    await wb.xlsx.writeFile(file);
  }

  test("every sheet and row kept in order, title rows and cells beside the table too", async () => {
    XLSX_LIMITS.maxSheetBytes = 0; // every workbook streams
    await workbook(path.join(dir, "big.xlsx"));
    const { code, stderr } = await run("check", "big.xlsx", "--fail-on-license");
    expect(stderr).toMatch(/row 6: #N\/A: Unknown chip 'H1OO'/);
    expect(code).toBe(EXIT.license);
    const out = new ExcelJS.Workbook();
    await out.xlsx.readFile(path.join(dir, "big.checked.xlsx"));
    expect(out.worksheets.map((s) => s.name)).toEqual(["Notes", "Shipments", "Audit"]);
    expect(out.getWorksheet("Notes")!.getCell("B1").value).toMatchObject({ formula: "1+1" });
    const ws = out.getWorksheet("Shipments")!;
    expect(ws.getCell("A1").value).toBe("Q3 log");
    expect(ws.getCell("G2").value).toBe("License required");
    expect(ws.getCell("F3").value).toBe("beside");
    expect(ws.getCell("G3").value).toBe(false);
    expect(ws.getCell("G4").value).toBe(null);
    expect(ws.getCell("G5").value).toBe(true); // H20 to China on 2025-06-01
    expect(ws.getCell("G6").value).toMatch(/^#N\/A: Unknown chip/);

    expect((await run("check", "big.xlsx", "--out", "big.csv")).code).toBe(EXIT.ok);
    const rows = table("big.csv");
    expect(rows.map((r) => r[0])).toEqual(["Q3 log", "Chip", "H100", "", "H20", "H1OO"]);
  });

  test("past the cell limit: refused with a message, exit 2, nothing written", async () => {
    XLSX_LIMITS.maxSheetBytes = 0;
    XLSX_LIMITS.maxCells = 10;
    await workbook(path.join(dir, "big.xlsx"));
    const { code, stderr } = await run("check", "big.xlsx");
    expect(code).toBe(EXIT.usage);
    expect(stderr).toMatch(/more than 10 cells, more than this command reads: refused/);
    expect(fs.existsSync(path.join(dir, "big.checked.xlsx"))).toBe(false);
  });
});
