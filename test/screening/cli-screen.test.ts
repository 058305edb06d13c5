// exportctl check --screen: the Screening column, the verdicts it changes, the audit record, and
// refusals that leave nothing written.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { createHash } from "crypto";
import { main, EXIT } from "../../src/cli/main";
import { parseCsv } from "../../src/shipments";
import { screeningList } from "../../src/screening/store";

const FIXTURES = path.join(__dirname, "fixtures");
const NOW = new Date("2026-11-27T12:00:00Z");
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "exportctl-screen-"));
  fs.copyFileSync(path.join(FIXTURES, "shipments-parties.csv"), path.join(dir, "shipments.csv"));
  fs.copyFileSync(path.join(FIXTURES, "csl-fixture.csv"), path.join(dir, "csl.csv"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  let stderr = "";
  const code = await main(argv, {
    stdout: { write: () => true },
    stderr: { write: (t: string) => (stderr += t), isTTY: false },
    cwd: dir,
    now: () => NOW,
  });
  return { code, stderr };
}

function readOut(file: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(fs.readFileSync(path.join(dir, file), "utf8"));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

test("--screen adds a Screening column; exact restricting match -> licence, close -> INDETERMINATE, UVL -> note", async () => {
  const { code, stderr } = await run(
    "check",
    "shipments.csv",
    "--screen",
    "csl.csv",
    "--screen-date",
    "2026-11-20",
    "--as-of",
    "2026-11-27"
  );
  expect(stderr).toContain(
    "screening: csl.csv, list of 2026-11-20, 10 entries: 2 exact match(es) needing a licence, 1 to review, 1 Unverified List note(s)"
  );
  expect(code).toBe(EXIT.ok);
  const rows = readOut("shipments.checked.csv");
  const by = Object.fromEntries(rows.map((r) => [r.Notes, r]));
  expect(by["not listed"]["License required"]).toBe("FALSE");
  expect(by["not listed"].Screening).toBe("no match (list of 2026-11-20, 10 entries)");
  expect(by["denied party exact"]["License required"]).toBe("TRUE");
  expect(by["denied party exact"].Screening).toMatch(
    /^MATCH: "Brightwater Trading LLC"; Denied Persons List .*88 FR 99905/
  );
  expect(by["denied party exact"].Explanation).toMatch(
    /^Screening: LICENSE: .*not a legal conclusion\. \| /
  );
  expect(by["one typing error"]["License required"]).toBe(
    "#N/A: INDETERMINATE: possible match: review"
  );
  expect(by["unverified list"].Screening).toMatch(/Unverified List/);
  expect(by["no consignee"].Screening).toBe("");
  expect(by["entity list and licence anyway"]["License required"]).toBe("TRUE");
  expect(by["entity list and licence anyway"]["Review policy"]).toBe("Presumption of denial.");
  const audit = Object.fromEntries(
    parseCsv(fs.readFileSync(path.join(dir, "shipments.checked.audit.csv"), "utf8"))
  );
  expect(audit["Screening list SHA-256"]).toBe(
    createHash("sha256")
      .update(fs.readFileSync(path.join(dir, "csl.csv")))
      .digest("hex")
  );
  expect(audit["Screening list date"]).toBe("2026-11-20 (--screen-date)");
  expect(audit["Not checked"]).toMatch(
    /^End uses \(15 CFR 744\)\. Parties: each Consignee was screened/
  );
  expect(audit["Screening"]).toMatch(
    /exact matches needing a licence: 2; to review: 1; Unverified List notes: 1/
  );
  // The list is the run's own: nothing stays loaded afterwards.
  expect(screeningList()).toBeNull();
});

test("without --screen no Screening column is written", async () => {
  expect((await run("check", "shipments.csv", "--as-of", "2026-11-27")).code).toBe(EXIT.ok);
  expect(Object.keys(readOut("shipments.checked.csv")[0])).not.toContain("Screening");
});

test("a truncated list file is refused with the reason, exit 2, nothing written", async () => {
  const text = fs.readFileSync(path.join(dir, "csl.csv"), "utf8");
  fs.writeFileSync(path.join(dir, "cut.csv"), text.slice(0, text.indexOf("Helix") + 10));
  const { code, stderr } = await run("check", "shipments.csv", "--screen", "cut.csv");
  expect(code).toBe(EXIT.usage);
  expect(stderr).toMatch(
    /^exportctl: --screen cut\.csv: refused as a screening list: the file is cut short/
  );
  expect(fs.existsSync(path.join(dir, "shipments.checked.csv"))).toBe(false);
  expect((await run("check", "shipments.csv", "--screen", "missing.csv")).stderr).toMatch(
    /cannot read the file \(ENOENT\)/
  );
  expect((await run("check", "shipments.csv", "--screen-date", "2026-11-20")).stderr).toMatch(
    /--screen-date needs --screen/
  );
});

test("--screen on a table without a Consignee column is refused: no party to screen", async () => {
  fs.writeFileSync(path.join(dir, "noparty.csv"), "Chip,Destination,Quantity\nL4,DE,8\n");
  const { code, stderr } = await run("check", "noparty.csv", "--screen", "csl.csv");
  expect(code).toBe(EXIT.usage);
  expect(stderr).toMatch(/has no Consignee column .*no party to screen/);
});

test("a consignee name in another script is not screened and the row is not passed as 'no licence'", async () => {
  fs.writeFileSync(
    path.join(dir, "cyr.csv"),
    "Chip,Destination,Quantity,Consignee\nL4,DE,8,Brightwаter Trading\n"
  );
  expect((await run("check", "cyr.csv", "--as-of", "2026-11-27", "--screen", "csl.csv")).code).toBe(
    EXIT.ok
  );
  const [row] = readOut("cyr.checked.csv");
  expect(row.Screening).toMatch(/^not screened: the consignee holds the non-Latin letter 'а'/);
  // LEDGER cannot read the consignee either: the row is its #VALUE!, naming the letter.
  expect(row["License required"]).toMatch(/^#VALUE!: consignee .*outside the Latin alphabet/);
});

test("--fail-on-license trips on a screening hit alone", async () => {
  const only = "Chip,Destination,Quantity,Consignee\nL4,DE,8,Brightwater Trading LLC\n";
  fs.writeFileSync(path.join(dir, "one.csv"), only);
  expect((await run("check", "one.csv", "--as-of", "2026-11-27", "--fail-on-license")).code).toBe(
    EXIT.ok
  );
  expect(
    (
      await run(
        "check",
        "one.csv",
        "--as-of",
        "2026-11-27",
        "--fail-on-license",
        "--screen",
        "csl.csv"
      )
    ).code
  ).toBe(EXIT.license);
});
