// SECTION_232_DUTY and RULE_CHANGES through the Excel adapters: argument coercion, errors,
// broadcasting, the spilled change table, and that the table is exactly the rules data's dated facts.
import * as fs from "fs";
import * as path from "path";
import * as functions from "../../src/functions/functions";
import { section232EndUses } from "../../src/rules/tariffs/section-232-duty";
import { ALWAYS } from "../../src/rules/data/parameters";
import { DATED_DATA } from "../../src/rules/data/registry";
import { DECISION_DATA } from "../../src/rules/data/decision-data";
import { MILESTONE_SCOPE } from "../../src/rules/changes";
import { resetSettings, updateSettings } from "../../src/settings/settings";
import { seen } from "../support/cases";

const AFTER = "2026-02-01";
beforeEach(() => resetSettings());

describe("SECTION_232_DUTY as Excel calls it", () => {
  const call = async (...args: unknown[]) => seen(await functions.section232Duty(...(args.map((a) => (a === undefined ? null : [[a]])) as [any[][]])));
  test("end_use ids in any case or as the heading; an unknown one is #VALUE! listing the valid ids", async () => {
    expect(await call("H200", "US-Datacenter", AFTER)).toBe(0);
    expect(await call("H200", "9903.79.04", AFTER)).toBe(0);
    const bad = (await call("H200", "datacentre", AFTER)) as { error: string; message: string };
    expect(bad.error).toBe("#VALUE!");
    expect(bad.message).toContain("end_use");
    for (const id of section232EndUses()) expect(bad.message).toContain(id);
  });
  test("hts as a number (8471.5 shows as 8471.50) or text; malformed is #VALUE!", async () => {
    expect(await call("H200", null, AFTER, 8471.5)).toBe(0.25);
    expect(await call("H200", null, AFTER, 8542.31)).toBe(0);
    expect(await call("H200", null, AFTER, "abc")).toMatchObject({ error: "#VALUE!" });
    // Excel desktop passes an empty cell as 0: blank, so the defaults apply.
    expect(await call("H200", 0, AFTER, 0)).toBe(0.25);
  });
  test("a heading broader than the covered subheadings is open when the chip is in a band; chapter 99 is refused", async () => {
    // 8471 holds 8471.50 and 8471.80 (covered) and others (not): the article's number decides.
    for (const hts of ["8471", 8471, "8473.3", "84715"])
      expect(await call("H200", null, AFTER, hts)).toMatchObject({
        error: "#N/A",
        message: expect.stringMatching(/holds covered subheadings .* give the article's 6-digit subheading/),
      });
    // ...unless the chip, the date or an exemption settles it anyway.
    expect(await call("H100", null, AFTER, "8471")).toBe(0);
    expect(await call("H200", null, "2026-01-14", "8471")).toBe(0);
    expect(await call("H200", "us-datacenter", AFTER, "8471")).toBe(0);
    // The number 8473.3 is how a cell typed 8473.30 shows: covered.
    expect(await call("H200", null, AFTER, 8473.3)).toBe(0.25);
    expect(await call("H200", null, AFTER, "8473.30")).toBe(0.25);
    // Grouped as HTS numbers are written, or digits only; anything else is refused, not guessed.
    expect(await call("H200", null, AFTER, "8471.50.0150")).toBe(0.25);
    expect(await call("H200", null, AFTER, "8542.31.00.01")).toBe(0);
    expect(await call("H200", null, AFTER, "8471500150")).toBe(0.25);
    for (const hts of ["8471.5.0", "84.71.50", 84715001.5, "0000.00"])
      expect(await call("H200", null, AFTER, hts)).toMatchObject({ error: "#VALUE!" });
    // 9903.79.01 is the duty's own heading, not the article's classification.
    for (const hts of ["9903.79.01", "9802.00.50"])
      expect(await call("H200", null, AFTER, hts)).toMatchObject({
        error: "#VALUE!",
        message: expect.stringMatching(/article's HTS number .* not a chapter 98\/99 provision/),
      });
  });
  test("a column of chips broadcasts, each row on its own", async () => {
    const got = seen(await functions.section232Duty([["H200"], ["H100"], ["nope"], [""]], null as any, [[AFTER]]));
    expect((got as unknown[][]).map((r) => (typeof r[0] === "object" ? (r[0] as { error: string }).error : r[0]))).toEqual([0.25, 0, "#N/A", ""]);
  });
  test("#N/A for unknown deciding figures names them", async () => {
    expect(await call("3A090.a", null, "2026-03-01")).toMatchObject({ error: "#N/A", message: expect.stringMatching(/TPP and DRAM bandwidth .* unknown/) });
  });
});


// ---------------------------------------------------------------------------------------------
// RULE_CHANGES

const table = async (...args: unknown[]) => seen(await functions.ruleChanges(...(args.map((a) => (a === undefined ? null : [[a]])) as [any[][]]))) as unknown[][];
const HEADER = ["date", "event", "regimes affected", "citation", "confidence"];

/** Every dated entry in the rules data, found by a walk of its own: any object with an ISO `from` or `date` and a citation. */
function datedEntries(): { date: string; cite: string }[] {
  const out: { date: string; cite: string }[] = [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (typeof v !== "object" || v === null) return;
    const o = v as Record<string, unknown>;
    const date = (o.from ?? o.date) as unknown;
    if (typeof date === "string" && /^\d{4}-\d{2}-\d{2}$/.test(date) && typeof o.cite === "string") {
      if (date !== ALWAYS) out.push({ date, cite: o.cite });
      return;
    }
    Object.values(o).forEach(visit);
  };
  Object.values(DATED_DATA).forEach((m) => Object.values(m).forEach(visit));
  return out;
}

test("the full list is every dated entry of the rules data, and nothing else", async () => {
  const got = await table("2000-01-01", "2099-12-31");
  expect(got[0]).toEqual(HEADER);
  const key = (date: unknown, cite: unknown) => `${date}|${cite}`;
  const listed = got.slice(1).map((r) => key(r[0], r[3])).sort();
  const expected = datedEntries().map((e) => key(e.date, e.cite)).sort();
  expect(expected.length).toBeGreaterThan(30);
  expect(listed).toEqual(expected);
  // Sorted by date; every row complete.
  const dates = got.slice(1).map((r) => String(r[0]));
  expect(dates).toEqual([...dates].sort());
  for (const r of got.slice(1)) {
    expect(r).toHaveLength(5);
    expect(String(r[1]).length).toBeGreaterThan(5);
    expect(["confirmed", "secondary", "unconfirmed"]).toContain(r[4]);
  }
});

test("every file of src/rules/data with dated facts is in the registry the list is drawn from", () => {
  const dir = path.join(__dirname, "..", "..", "src", "rules", "data");
  const dated = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && f !== "registry.ts" && f !== "decision-data.ts")
    .filter((f) => /["'`]\d{4}-\d{2}-\d{2}["'`]/.test(fs.readFileSync(path.join(dir, f), "utf8")))
    .map((f) => f.replace(/\.ts$/, ""))
    .sort();
  expect(dated).toEqual(Object.keys(DATED_DATA).sort());
  // The determinations' data is part of it; the milestones come with what each did (milestone-events.ts).
  for (const k of Object.keys(DECISION_DATA))
    if (k !== "milestones") expect(DATED_DATA[k]).toBe(DECISION_DATA[k]);
  const effective = (DECISION_DATA.milestones as { EFFECTIVE: Record<string, object> }).EFFECTIVE;
  const described = (DATED_DATA.milestones as { EFFECTIVE: Record<string, { what?: unknown }> }).EFFECTIVE;
  expect(Object.keys(described)).toEqual(Object.keys(effective));
  for (const [k, m] of Object.entries(effective)) {
    expect(described[k]).toMatchObject(m);
    expect(typeof described[k].what).toBe("string");
  }
});

test("every milestone given a narrower scope exists in the rules data", () => {
  for (const key of Object.keys(MILESTONE_SCOPE)) {
    const [name, ...rest] = key.split(".");
    const holder = Object.values(DATED_DATA).find((m) => name in m) as Record<string, any> | undefined;
    const milestone = rest.reduce((v, k) => v?.[k], holder?.[name]);
    expect({ key, date: typeof milestone?.date }).toEqual({ key, date: "string" });
  }
});

test("RULE_CHANGES 2025-01-01..2026-11-30 for Cambodia lists its D:5 exit with the citation, and no China-only change", async () => {
  const got = await table("2025-01-01", "2026-11-30", "KH");
  expect(got[0]).toEqual(HEADER);
  const exit = got.find((r) => /Cambodia \(KH\) leaves Country Group D:5/.test(String(r[1])));
  expect(exit).toBeDefined();
  // D:5 follows the ITAR 126.1 list: the exit is the DDTC removal, the EAR text conformed later.
  expect(exit![0]).toBe("2025-11-07");
  expect(String(exit![3])).toMatch(/ITAR 126\.1/);
  expect(got.some((r) => r[0] === "2025-11-07" && /ITAR 126\.1/.test(String(r[1])))).toBe(true);
  expect(got.some((r) => r[0] === "2026-02-03" && /Cambodia/.test(String(r[1])))).toBe(true);
  expect(got.some((r) => /China\/Macau review/.test(String(r[1])))).toBe(false);
  // Facts of other single countries stay out: Cyprus, Syria, Malaysia, the UAE carve-outs.
  expect(got.some((r) => /Cyprus|Syria|Malaysia|UAE rule/.test(String(r[1])))).toBe(false);
  // Worldwide changes touch Cambodia too: the Section 232 duty and the Diffusion non-enforcement.
  expect(got.some((r) => /Section 232/.test(String(r[1])))).toBe(true);
  for (const r of got.slice(1)) {
    expect(String(r[0]) >= "2025-01-01" && String(r[0]) <= "2026-11-30").toBe(true);
  }
});

test("Hong Kong reads China's changes", async () => {
  const hk = await table("2026-01-01", "2026-01-31", "Hong Kong");
  expect(hk.some((r) => /China\/Macau/.test(String(r[1])))).toBe(true);
});

test("defaults: to = the workbook's as-of date, from = one year before", async () => {
  updateSettings({ asOf: "2026-02-03" });
  const got = await table();
  const dates = got.slice(1).map((r) => String(r[0]));
  expect(dates.length).toBeGreaterThan(0);
  expect(dates.every((d) => d > "2025-02-02" && d <= "2026-02-03")).toBe(true);
  expect(dates).toContain("2026-02-03");
  expect(dates).toContain("2025-05-13");
});

test("bad arguments: from after to, a range for a date, a bad country", async () => {
  expect(await table("2026-01-01", "2025-01-01")).toMatchObject({ error: "#VALUE!", message: expect.stringContaining("from") });
  const range = seen(await functions.ruleChanges([["2025-01-01"], ["2025-02-01"]] as any, null as any)) as { error: string };
  expect(range).toMatchObject({ error: "#VALUE!" });
  expect(await table("2025-01-01", "2026-01-01", "Atlantis")).toMatchObject({ error: "#N/A" });
});

test("RULE_CHANGES passes an argument's error cell through as the row-wise functions do", async () => {
  // (a 1x1 result reads as its one cell)
  expect(await table("2025-01-01", "2026-11-30", { code: "#N/A", message: "" })).toMatchObject({ error: "#N/A", message: expect.stringContaining("country is an error cell (#N/A)") });
  expect(await table({ code: "#DIV/0!", message: "" })).toMatchObject({ error: "#VALUE!", message: expect.stringContaining("from is an error cell (#DIV/0!)") });
});

test("RULE_CHANGES for a country leaves out the thresholds of a policy that reaches only China and Macau", async () => {
  const events = (rows: unknown[][]) => rows.slice(1).map((r) => String(r[1]));
  const fr = events(await table("2026-01-01", "2026-12-31", "FR"));
  expect(fr.filter((e) => /China\/Macau/.test(e))).toEqual([]);
  const mo = events(await table("2026-01-01", "2026-12-31", "MO"));
  expect(mo).toEqual(expect.arrayContaining([expect.stringMatching(/^China\/Macau case-by-case review: TPP below: 21,000$/)]));
});
