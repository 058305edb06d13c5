// src/shipments: the streaming CSV parser against the one-shot parse, formula-like cells, cell
// typing in a locale or strictly, and header recognition (AES/EEI names, duplicates, look-alikes).
import fc from "fast-check";
import {
  CsvParser,
  checkShipments,
  csvField,
  csvTextForm,
  findHeaderRow,
  isFormulaLike,
  ledgerOf,
  matchHeaders,
  numberLocale,
  parseCsv,
  parseDateText,
  parseNumberText,
  toCsv,
} from "../../src/shipments";
import { isExcelError } from "../../src/functions/errors";
import { callFunction } from "../../src/cli/main";
import { ledgerTotals, shipmentColumns } from "../../src/functions/batch";
import { getSettings, updateSettings } from "../../src/settings/settings";

describe("CSV", () => {
  const SAMPLE =
    '\ufeffChip;Destination;Notes\r\nH100;AE;"a; b"\r\n"x""y";DE;"two\r\nlines"\r\n\r\nlast;row;"q"""\n';

  test("parsed in chunks of any size, split anywhere, the records are those of the whole text", () => {
    const whole = parseCsv(SAMPLE);
    expect(whole).toEqual([
      ["Chip", "Destination", "Notes"],
      ["H100", "AE", "a; b"],
      ['x"y', "DE", "two\r\nlines"],
      [""],
      ["last", "row", 'q"'],
    ]);
    for (let a = 1; a < SAMPLE.length; a++) {
      for (const b of [a + 1, a + 2, SAMPLE.length]) {
        const p = new CsvParser();
        const rows = [...p.push(SAMPLE.slice(0, a)), ...p.push(SAMPLE.slice(a, b))];
        rows.push(...p.push(SAMPLE.slice(b)), ...p.end());
        expect(rows).toEqual(whole);
        expect(p.bom).toBe(true);
        expect(p.detected).toBe(";");
      }
    }
  });

  test("what toCsv writes, parseCsv reads back (any text, any chunking)", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", ",", '"', "\n", "\r", " ", "é", "1") });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 7 }),
        (rows, size) => {
          // Formula-like cells come back with their apostrophe: compare with that.
          const expected = rows.map((r) => r.map((c) => (c && isFormulaLike(c) ? "'" + c : c)));
          const text = toCsv(rows);
          const p = new CsvParser({ delimiter: "," });
          const got: string[][] = [];
          for (let i = 0; i < text.length; i += size) got.push(...p.push(text.slice(i, i + size)));
          got.push(...p.end());
          expect(got).toEqual(expected);
        }
      ),
      { numRuns: 200 }
    );
  });

  test("formula-like text is neutralised (OWASP), numbers are not", () => {
    for (const t of ["=1+1", "+cmd|' /C calc'!A0", "@SUM(A1)", "-2+3", "\tx", "\rx", "-", "+"])
      expect(csvField(t).replace(/^"|"$/g, "")).toMatch(/^'/);
    for (const t of ["-5", "+3.5", "-1,234", "0", "H100"])
      expect(csvField(t)).toBe(t.includes(",") ? `"${t}"` : t);
    expect(csvField(-5)).toBe("-5");
    expect(csvField("-1,5", ";", ",")).toBe("-1,5");
  });

  test("csvTextForm says when csvField writes a text as it is, or between quotes as it is", () => {
    const unit = fc.constantFrom(
      "a",
      ",",
      ";",
      "\t",
      '"',
      "\n",
      "\r",
      " ",
      "=",
      "-",
      "+",
      "@",
      "1",
      "é"
    );
    fc.assert(
      fc.property(
        fc.string({ unit }),
        fc.constantFrom(",", ";", "\t"),
        fc.constantFrom(".", ","),
        (text, delimiter, decimal) => {
          const form = csvTextForm(text, delimiter, decimal);
          const written = csvField(text, delimiter, decimal);
          if (form === 0) expect(written).toBe(text);
          else if (form === 1) expect(written).toBe(`"${text}"`);
          else expect(written).not.toBe(text);
        }
      ),
      { numRuns: 2000 }
    );
  });
});

describe("cell typing", () => {
  const de = numberLocale("de-DE")!;
  const us = numberLocale("en-US")!;
  const gb = numberLocale("en-GB")!;

  test("locales from Intl: separators and date order", () => {
    expect(us).toMatchObject({ decimal: ".", group: ",", dateOrder: "mdy" });
    expect(de).toMatchObject({ decimal: ",", group: ".", dateOrder: "dmy" });
    expect(gb.dateOrder).toBe("dmy");
    expect(numberLocale("not a locale!")).toBeNull();
  });

  test.each([
    ["1699", null, 1699],
    ["-5", null, -5],
    ["0.5", null, 0.5],
    ["2000.5", null, 2000.5],
    ["+12", null, 12],
    ["1,000", us, 1000],
    ["1.000", de, 1000],
    ["1.234.567", de, 1234567],
    ["0,5", de, 0.5],
  ] as const)("%s in %s reads as %s", (text, locale, value) => {
    expect(parseNumberText(text, locale, "quantity")).toBe(value);
  });

  test.each([
    ["1,000", null],
    ["2.000", null],
    ["1,5", null],
    ["1.234,5", null],
    ["1,000.5", null],
    ["1 000", null],
    ["2.000", us],
    ["1,000", de],
    ["12abc", us],
  ] as const)("%s in %s is an error naming the argument and the value", (text, locale) => {
    const v = parseNumberText(text, locale, "quantity");
    expect(isExcelError(v)).toBe(true);
    const message = (v as { message: string }).message;
    expect(message).toMatch(/^quantity /);
    expect(message).toContain(`'${text}'`);
    // Without a locale, a separator means the reader cannot know the number: say how to give it.
    if (!locale)
      expect(message).toMatch(/pass --locale \(e\.g\. --locale en-US or --locale de-DE\)/);
  });

  test("dates: ISO and serials everywhere; d/m/y only in a locale, checked, never guessed", () => {
    expect(parseDateText("2025-06-01", null, "as_of")).toBe("2025-06-01");
    expect(parseDateText("2025-06-01T10:00:00Z", null, "as_of")).toBe("2025-06-01");
    expect(parseDateText("45809", null, "as_of")).toBe(45809);
    expect(isExcelError(parseDateText("6/1/2025", null, "as_of"))).toBe(true);
    expect(isExcelError(parseDateText("2025-02-30", null, "as_of"))).toBe(true);
    expect(parseDateText("6/1/2025", us, "as_of")).toBe("2025-06-01");
    expect(parseDateText("6/1/2025", gb, "as_of")).toBe("2025-01-06");
    expect(parseDateText("01.06.2025", de, "as_of")).toBe("2025-06-01");
    expect(isExcelError(parseDateText("03/15/2025", gb, "as_of"))).toBe(true);
    expect(isExcelError(parseDateText("6/1/25", us, "as_of"))).toBe(true);
  });
});

describe("headers", () => {
  test("AES/EEI field names are recognised", () => {
    const m = matchHeaders([
      "Schedule B",
      "ECCN",
      "Chip",
      "Country of Ultimate Destination",
      "Quantity",
      "Ultimate Consignee",
      "Date of Export",
      "Country of export",
    ]);
    expect(m.roles).toMatchObject({
      scheduleB: 0,
      eccn: 1,
      chip: 2,
      destination: 3,
      quantity: 4,
      consignee: 5,
      date: 6,
      shipFrom: 7,
    });
    expect(m.missing).toEqual([]);
    expect(m.warnings).toEqual([
      expect.stringMatching(/"ECCN" is not used: each row is classified from its Chip/),
    ]);
  });

  test("End user is not the consignee; duplicates and unused date-like columns are warned about", () => {
    const m = matchHeaders([
      "Chip",
      "Destination",
      "Qty",
      "End user",
      "Dest",
      "Order date",
      "Notes",
    ]);
    expect(m.roles.consignee).toBeUndefined();
    expect(m.roles.destination).toBe(1);
    expect(m.warnings).toEqual([
      'column D "End user" is not used (ambiguous: not read as any input)',
      'column E "Dest" is another Destination column and is not used; column B "Destination" is read',
      'column F "Order date" looks like a date but is not used',
    ]);
    expect(m.conflicts).toEqual([]);
    // The more specific name is read whichever comes first.
    const swapped = matchHeaders(["Chip", "Ship to", "Destination", "Quantity"]);
    expect(swapped.roles.destination).toBe(2);
    // The same header twice: which column holds the shipment's value is unknown, so it is refused.
    expect(matchHeaders(["Chip", "Destination", "Quantity", "Destination"]).conflicts).toEqual([
      'column B "Destination" and column D "Destination" are both Destination columns: keep one, or rename the other',
    ]);
  });

  test("an ECCN column stands in for a missing Chip column; the header row may sit under titles", () => {
    const rows = [["Export log"], [], ["ECCN", "Destination", "Quantity"]];
    expect(findHeaderRow(rows)).toBe(2);
    expect(matchHeaders(rows[2]).roles.chip).toBe(0);
  });
});

describe("checking a table (the workbench's path and the command's)", () => {
  // The ledger fixture of the command's tests: 1200 H100 (2025-03-10) then 500 (2025-06-15) for the
  // same consignee, listed in the other order; under diffusion-2025 the later one crosses the LPP
  // allowance (26,900,000 TPP). Then a blank row and a row with a destination but no chip.
  const rows = [
    ["H100", "IN", "500", "Bengaluru Research Institute", "2025-06-15"],
    ["H100", "IN", "1200", "Bengaluru Research Institute", "2025-03-10"],
    ["H100", "IN", "1200", "Mumbai Inference Ltd", "2025-03-10"],
    ["H100", "IN", "1200", "Bengaluru Research Institute", "2026-01-05"],
    ["", "", "", "", ""],
    ["", "RU", "100000", "", ""],
  ];
  const roles = { chip: 0, destination: 1, quantity: 2, consignee: 3, date: 4 };
  const today = () => "2025-12-01";
  const saved = getSettings();
  beforeAll(() => updateSettings({ regime: "diffusion-2025", asOf: null }));
  afterAll(() => updateSettings({ regime: saved.regime, asOf: saved.asOf }));

  test("allowances accumulate in date order whether the table is checked whole, in chunks, or block by block after a ledger pass", async () => {
    const whole = await checkShipments(callFunction, rows, roles, { useDates: true }, today);
    expect(whole.values.map((v) => v[0])).toEqual([
      true,
      false,
      false,
      false,
      "",
      expect.anything(),
    ]);
    expect(whole.values.map((v) => v[1])).toEqual(["", "LPP", "LPP", "LPP", "", expect.anything()]);
    expect(String(whole.values[0][4])).toMatch(/26,914,400 TPP exceeds the LPP allowance/);
    expect(isExcelError(whole.values[5][0])).toBe(true); // a destination without a chip: not passed
    expect(whole.stats).toMatchObject({ rows: 6, licences: 1, noLicence: 3, blank: 1, errors: 1 });
    expect(whole.stats.ledger).toBe(true);
    expect(whole.stats.ledgerDifferences).toBe(0);

    const chunked = await checkShipments(
      callFunction,
      rows,
      roles,
      { useDates: true, chunkSize: 2 },
      today
    );
    expect(chunked.values).toEqual(whole.values);

    // The command: LEDGER over the whole columns first, then blocks of rows with their offset.
    const columns = Object.fromEntries(
      Object.entries(roles).map(([role, c]) => [role, rows.map((r) => r[c])])
    );
    const ledger = await ledgerOf(callFunction, columns, rows.length, { useDates: true }, today);
    // Row 1's prior use is row 2's 1200 H100 (TPP 15,832, reference/chips.md) earlier that year;
    // the other consignee and the next year start from 0.
    expect(Array.from(ledger!.priors)).toEqual([1200 * 15_832, 0, 0, 0, 0, 0]);
    const blocks: unknown[][] = [];
    for (const offset of [0, 3]) {
      const part = await checkShipments(
        callFunction,
        rows.slice(offset, offset + 3),
        roles,
        { useDates: true, ledger, offset },
        today
      );
      blocks.push(...part.values);
      expect(part.stats.ledgerDifferences).toBe(0);
    }
    expect(blocks).toEqual(whole.values);
  });
});

describe("the command's one-pass columns (src/functions/batch.ts)", () => {
  // A table of every kind of row: known and unknown chips, ECCNs, names and codes, blank and
  // partly blank rows, bad quantities, HQs, ship-from countries (reexports), dates in and out of
  // each era, ambiguous text, error cells.
  const CHIPS = [
    "H100",
    "H20",
    "B200",
    "GB200",
    "GB200 per GPU",
    "A100",
    "MI300X",
    "L4",
    "",
    "no such chip",
    "3A090",
    "4A090",
    "=1+2",
  ];
  const DESTS = ["CN", "AE", "IN", "HK", "MY", "", "RU", "Viet Nam", "XX", "SG", "MO", "US"];
  const QTYS = [
    "1",
    "1699",
    "1700",
    "2000",
    "100000",
    "0",
    "-5",
    "2.000",
    "",
    "abc",
    "50000",
    3,
    2.5,
  ];
  const HQS = ["", "CN", "US", "GB", "ZZ"];
  const DATES = [
    "2025-02-01",
    "2025-06-01",
    "2023-11-20",
    "",
    "6/1/2025",
    "2026-12-01",
    "2022-01-05",
    "2025-01-15",
    45800,
  ];
  const FROMS = ["", "TW", "MY", "US", "HK", "PR", "Mars"];
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const ERROR_CELL = { code: "#N/A", message: "" };
  const rows = Array.from({ length: 1500 }, (_, i) =>
    i % 97 === 5
      ? ["", "", "", "", "", "", ""]
      : [
          pick(CHIPS),
          pick(DESTS),
          pick(QTYS),
          pick(HQS),
          pick(["Acme", "ACME inc", "", "Beta"]),
          pick(DATES),
          pick(FROMS),
        ]
  );
  rows[7][2] = ERROR_CELL as never;
  rows[8][0] = ERROR_CELL as never;
  // Rows repeated, so chunks hold duplicates (each distinct row is asked once).
  for (let i = 0; i < 200; i++) rows.push(rows[i * 3].slice());
  const roles = { chip: 0, destination: 1, quantity: 2, hq: 3, consignee: 4, date: 5, shipFrom: 6 };
  const today = () => "2025-12-01";
  const saved = getSettings();
  afterAll(() => updateSettings({ regime: saved.regime, asOf: saved.asOf }));

  test.each(["enforced", "baseline-2023", "diffusion-2025", "proposal-500"] as const)(
    "give the cells and counts of the four functions called one by one (%s)",
    async (regime) => {
      updateSettings({ regime, asOf: null });
      for (const explanations of [true, false]) {
        const options = { useDates: true, chunkSize: 400, explanations };
        const separate = await checkShipments(callFunction, rows, roles, options, today);
        const together = await checkShipments(
          callFunction,
          rows,
          roles,
          { ...options, shipmentColumns },
          today
        );
        expect(together.values).toEqual(separate.values);
        expect(together.stats).toEqual(separate.stats);
        // The command's whole-table pass: LEDGER's totals in typed arrays give the same summary.
        const columns = Object.fromEntries(
          Object.entries(roles).map(([role, c]) => [role, rows.map((r) => r[c])])
        );
        const viaLedger = await ledgerOf(callFunction, columns, rows.length, options, today);
        const viaTotals = await ledgerOf(
          callFunction,
          columns,
          rows.length,
          { ...options, ledgerTotals },
          today
        );
        const { allocations, ...totals } = viaTotals!;
        const { allocations: notKnown, ...cells } = viaLedger!;
        expect(totals).toEqual(cells);
        // LEDGER's cells show a destination's allocation after a row; the totals give it before
        // each row, which the review policy reads (under the one regime with country allocations).
        expect(notKnown).toBeNull();
        expect(allocations!.length).toBe(rows.length);
        expect(allocations!.some((a) => a > 0)).toBe(regime === "diffusion-2025");
        // Allowances accumulate under the regimes that have them.
        expect(viaLedger!.priors.some((p) => p > 0)).toBe(/diffusion|proposal/.test(regime));
        // The table exercises what it means to: verdicts, exceptions, INDETERMINATE, errors, blanks.
        const s = separate.stats;
        expect([s.licences, s.noLicence, s.errors, s.blank].every((x) => x > 0)).toBe(true);
      }
    }
  );

  test("any shape of call gives the cells of each function, row by row", () => {
    updateSettings({ regime: null, asOf: null });
    const calls: unknown[][] = [
      // A 2-D range broadcast against a row: a 2 x 3 result.
      [
        [
          ["H100", "H20"],
          ["B200", "A100"],
        ],
        [["CN", "AE", "IN"]],
        null,
        null,
        null,
        null,
        null,
        null,
      ],
      // Single values (the 1x1 path of the functions), a blank required one, a bad regime.
      ["H100", "CN", 2000, null, null, "2025-06-01", null, "TW"],
      [null, "CN", null, null, null, null, null, null],
      ["H100", "AE", 10, null, "no such regime", null, null, null],
      // A column against a single value, with a quantity column one row short.
      [[["H100"], ["B200"], ["L4"]], "MY", [[1], [2]], null, null, null, null, null],
    ];
    for (const inputs of calls) {
      const c = shipmentColumns(inputs, true);
      const cells = (id: string) => (callFunction(id, ...inputs) as unknown[][]).flat();
      expect(c.licence).toEqual(cells("REQUIRES_LICENSE"));
      expect(c.exception).toEqual(cells("LICENSE_EXCEPTION"));
      expect(c.policy).toEqual(cells("REVIEW_POLICY"));
      expect(c.explanation).toEqual(cells("EXPLAIN"));
      expect(shipmentColumns(inputs, false).explanation).toBeNull();
    }
  });
});
