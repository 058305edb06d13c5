// The workbook's date system and number format: read once from Excel (office-addin-mock objects,
// load()/sync() enforced), cached, and applied to every argument; an older Excel keeps the defaults.
import { OfficeMockObject } from "office-addin-mock";
import * as functions from "../../src/functions/functions";
import { connectWorkbook } from "../../src/functions/host";
import {
  FormatExcel,
  readWorkbookFormat,
  resetWorkbookFormat,
  setWorkbookFormat,
  workbookFormat,
} from "../../src/settings/workbook-format";
import { resetSettings } from "../../src/settings/settings";
import { seen } from "../support/cases";

function mockExcel(data: { date1904?: boolean; decimal?: string; group?: string; shortDate?: string; runs?: { n: number } }): FormatExcel {
  const workbook: Record<string, unknown> = { use1904DateSystem: data.date1904 ?? false };
  const application = {
    cultureInfo: {
      numberFormat: { numberDecimalSeparator: data.decimal ?? ".", numberGroupSeparator: data.group ?? "," },
      datetimeFormat: { shortDatePattern: data.shortDate ?? "M/d/yyyy" },
    },
    calculate: () => undefined,
  };
  return {
    run: async (batch: (context: never) => Promise<unknown>) => {
      if (data.runs) data.runs.n++;
      const context = new OfficeMockObject({ workbook: { ...workbook, application }, application });
      return batch(context as never);
    },
  } as unknown as FormatExcel;
}

const call = (fn: (...a: unknown[]) => unknown, ...args: unknown[]) =>
  seen(fn(...args.map((a) => (a === null ? null : Array.isArray(a) ? a : [[a]]))));

beforeEach(() => {
  resetWorkbookFormat();
  resetSettings();
});

test("reads the 1904 date system and the number format through load() and sync()", async () => {
  const read = await readWorkbookFormat(mockExcel({ date1904: true, decimal: ",", group: ".", shortDate: "dd.MM.yyyy" }));
  expect(read).toEqual({ date1904: true, numberFormat: { decimalSeparator: ",", groupSeparator: "." }, shortDatePattern: "dd.MM.yyyy" });
});

test("an Excel without the APIs keeps the defaults (1900 dates, number format unknown)", async () => {
  const broken: FormatExcel = { run: async () => Promise.reject(new Error("ApiNotFound")) };
  expect(await readWorkbookFormat(broken)).toEqual({});
  expect(workbookFormat()).toEqual({ date1904: false, numberFormat: null });
});

test("a 1904 workbook's date serial 44592 is 2026-02-01 (a 1900 workbook reads 2022-01-31)", () => {
  const args = ["H100", "CN", 8, null, "enforced", 44592];
  expect(call(functions.requiresLicense as never, ...args)).toBe(false);
  setWorkbookFormat({ date1904: true });
  expect(call(functions.requiresLicense as never, ...args)).toBe(true);
  expect(call(functions.eccn as never, "H100", 44592)).toBe(call(functions.eccn as never, "H100", "2026-02-01"));
});

describe("text numbers follow the workbook's number format", () => {
  const qty = (q: unknown) => call(functions.h100Equivalent as never, 15832, q);
  test("unknown format: a grouped number is refused, a plain one read", () => {
    expect(qty("2.000")).toMatchObject({ error: "#VALUE!" });
    expect(qty("1,700")).toMatchObject({ error: "#VALUE!" });
    expect(qty("1700")).toBe(1700);
  });
  test("en-US: 1,700 is 1700, 2.000 is refused (not 2), 1,700.0 is 1700", () => {
    setWorkbookFormat({ numberFormat: { decimalSeparator: ".", groupSeparator: "," } });
    expect(qty("1,700")).toBe(1700);
    expect(qty("2.000")).toMatchObject({ error: "#VALUE!" });
    expect(qty("1,700.0")).toBe(1700);
  });
  test("de-DE: 2.000 is 2000, 1,700 is refused", () => {
    setWorkbookFormat({ numberFormat: { decimalSeparator: ",", groupSeparator: "." } });
    expect(qty("2.000")).toBe(2000);
    expect(qty("1,700")).toMatchObject({ error: "#VALUE!" });
  });
  test("fr-FR: groups of a (narrow) no-break space", () => {
    setWorkbookFormat({ numberFormat: { decimalSeparator: ",", groupSeparator: "\u202f" } });
    expect(qty("2\u202f000")).toBe(2000);
    expect(qty("2\u00a0000")).toBe(2000);
    expect(qty("2.000")).toMatchObject({ error: "#VALUE!" });
  });
});

test("formulas calculated before the format was read are recalculated once, not again", async () => {
  const runs = { n: 0 };
  const calculated: string[] = [];
  const excel = mockExcel({ date1904: true, runs });
  const run = excel.run as unknown as (batch: (c: unknown) => Promise<unknown>) => Promise<unknown>;
  const withCalc = {
    run: (batch: (c: unknown) => Promise<unknown>) =>
      run(async (context: unknown) => {
        const c = context as { workbook: { application: { calculate: (t: string) => void } } };
        c.workbook.application.calculate = (t: string) => void calculated.push(t);
        return batch(context);
      }),
  };
  let ready: () => void = () => undefined;
  connectWorkbook({
    Office: { onReady: (cb?: () => void) => (ready = cb ?? ready) },
    Excel: withCalc as never,
  });
  workbookFormat(); // a formula used the defaults
  ready();
  await new Promise((r) => setTimeout(r, 20));
  expect(workbookFormat().date1904).toBe(true);
  expect(calculated).toEqual(["Full"]);
});

test("text dates in the workbook's short date format are read; unknown format or a two-digit year is refused", () => {
  const eccnOn = (d: unknown) => call(functions.eccn as never, "H100", d);
  expect(eccnOn("6/1/2025")).toMatchObject({ error: "#VALUE!" });
  setWorkbookFormat({ shortDatePattern: "M/d/yyyy" });
  expect(eccnOn("6/1/2025")).toBe(eccnOn("2025-06-01"));
  expect(eccnOn("6/1/25")).toMatchObject({ error: "#VALUE!" });
  expect(eccnOn("13/1/2025")).toMatchObject({ error: "#VALUE!" });
  setWorkbookFormat({ shortDatePattern: "dd.MM.yyyy" });
  expect(eccnOn("01.06.2025")).toBe(eccnOn("2025-06-01"));
  expect(eccnOn("01.06.1999")).toMatchObject({ error: "#VALUE!", message: expect.stringContaining("1999-06-01") });
});
