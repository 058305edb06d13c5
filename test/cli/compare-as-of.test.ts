// `exportctl check --compare-as-of DATE`: the table judged as of two dates, written beside the output
// with the rows that changed and the rule change behind each.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main, EXIT } from "../../src/cli/main";
import { parseCsv } from "../../src/shipments";

const NOW = new Date("2026-11-27T12:00:00Z");
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "exportctl-compare-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]) {
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

const TABLE = ["Chip,Destination,Quantity,Date", "H100,KH,10,2024-01-01", "H100,DE,10,2024-01-01", "=cmd,CN,1,", "H100,Cambodia,2,2024-01-01", ""].join("\r\n");

test("writes <out>.compare-dates.csv: both verdicts, Changed, and the D:5 exit as the cause", async () => {
  fs.writeFileSync(path.join(dir, "orders.csv"), TABLE);
  const r = await run("check", "orders.csv", "--as-of", "2025-12-01", "--compare-as-of", "2025-10-20");
  expect(r.code).toBe(EXIT.ok);
  expect(r.stderr).toMatch(/compared as of 2025-12-01 and 2025-10-20: 2 of 4 rows changed/);
  const file = path.join(dir, "orders.checked.compare-dates.csv");
  expect(r.stderr).toContain("orders.checked.compare-dates.csv");
  const rows = parseCsv(fs.readFileSync(file, "utf8"));
  const top = rows.findIndex((row) => row[0] === "Chip");
  expect(rows[top]).toEqual(["Chip", "Destination", "Quantity", "Verdict on 2025-10-20", "Verdict on 2025-12-01", "Changed", "Cause (RULE_CHANGES)"]);
  const [kh, de, bad, cambodia] = rows.slice(top + 1);
  expect(kh[3]).toBe("License required (presumption of denial)");
  expect(kh[5]).toBe("Yes");
  expect(kh[6]).toMatch(/^2025-11-07 .*Cambodia \(KH\) leaves Country Group D:5/);
  expect(cambodia[5]).toBe("Yes");
  expect(de[5]).toBe("No");
  // An input a spreadsheet would run as a formula is written as text.
  expect(bad[0]).toBe("'=cmd");
  expect(bad[5]).toBe("Input error");
  expect(rows.slice(0, top).flat().join(" ")).toMatch(/under enforced .* as of 2025-10-20 and as of 2025-12-01/);
  // The checked table itself is as before.
  expect(fs.existsSync(path.join(dir, "orders.checked.csv"))).toBe(true);
  expect(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
});

test("a bad --compare-as-of date is a usage error, and nothing is written", async () => {
  fs.writeFileSync(path.join(dir, "orders.csv"), TABLE);
  const r = await run("check", "orders.csv", "--compare-as-of", "next week");
  expect(r.code).toBe(EXIT.usage);
  expect(r.stderr).toMatch(/--compare-as-of must be a date/);
  expect(fs.readdirSync(dir)).toEqual(["orders.csv"]);
});

test("--help names the option", async () => {
  const r = await run("--help");
  expect(r.stdout).toMatch(/--compare-as-of DATE/);
});

test("a comparison that would land on the input is refused before anything is written", async () => {
  fs.writeFileSync(path.join(dir, "orders.compare-dates.csv"), TABLE);
  const r = await run("check", "orders.compare-dates.csv", "--out", "orders.csv", "--compare-as-of", "2025-10-20");
  expect(r.code).toBe(EXIT.usage);
  expect(r.stderr).toMatch(/the date comparison of --out .* the input/);
  expect(fs.readFileSync(path.join(dir, "orders.compare-dates.csv"), "utf8")).toBe(TABLE);
  expect(fs.readdirSync(dir)).toEqual(["orders.compare-dates.csv"]);
});

test("--compare-as-of with --screen is refused: the comparison does not screen parties", async () => {
  fs.writeFileSync(path.join(dir, "orders.csv"), TABLE);
  const r = await run("check", "orders.csv", "--screen", "csl.csv", "--compare-as-of", "2025-10-20");
  expect(r.code).toBe(EXIT.usage);
  expect(r.stderr).toMatch(/--compare-as-of compares the rules .* without screening parties/);
  expect(fs.readdirSync(dir)).toEqual(["orders.csv"]);
});
