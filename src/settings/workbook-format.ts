// How the open workbook writes dates and numbers: its date system (a workbook made on a Mac may
// count days from 1904) and the number format of Excel's culture (decimal and group separators).
// Read once from Excel and cached; until then, and outside Excel, the date system is 1900 and the
// number format unknown (a number written with a group separator is then refused, not guessed).

export interface NumberFormat {
  decimalSeparator: string;
  groupSeparator: string;
}

export interface WorkbookFormat {
  /** Workbook.use1904DateSystem (ExcelApi 1.16): date cells arrive as 1904 serials. */
  date1904: boolean;
  /** Application.cultureInfo.numberFormat (ExcelApi 1.11); null while unknown. */
  numberFormat: NumberFormat | null;
  /** Application.cultureInfo.datetimeFormat.shortDatePattern (ExcelApi 1.12), e.g. "M/d/yyyy"; null while unknown. */
  shortDatePattern?: string | null;
}

let current: WorkbookFormat = { date1904: false, numberFormat: null };
/** Whether any argument was read with the current format (then a change needs a recalculation). */
let used = false;

export function workbookFormat(): Readonly<WorkbookFormat> {
  used = true;
  return current;
}

/** Sets what was read; true when formulas already calculated with something else (recalculate). */
export function setWorkbookFormat(patch: Partial<WorkbookFormat>): boolean {
  const next = { ...current, ...patch };
  const changed =
    next.date1904 !== current.date1904 ||
    next.numberFormat?.decimalSeparator !== current.numberFormat?.decimalSeparator ||
    next.numberFormat?.groupSeparator !== current.numberFormat?.groupSeparator ||
    (next.shortDatePattern ?? null) !== (current.shortDatePattern ?? null);
  current = next;
  const stale = changed && used;
  used = false;
  return stale;
}

/** Back to the defaults (tests, the CLI). */
export function resetWorkbookFormat(): void {
  current = { date1904: false, numberFormat: null };
  used = false;
}

/** The part of the Excel namespace this module uses. */
export interface FormatExcel {
  run<T>(
    batch: (context: {
      workbook: { load(p: string): void; use1904DateSystem?: boolean };
      application: {
        cultureInfo: {
          numberFormat: {
            load(p: string): void;
            numberDecimalSeparator: string;
            numberGroupSeparator: string;
          };
          datetimeFormat?: { load(p: string): void; shortDatePattern: string };
        };
      };
      sync(): Promise<void>;
    }) => Promise<T>
  ): Promise<T>;
}

/**
 * Reads the date system and the number format from Excel, each on its own (an older Excel lacks
 * one or both: that one stays at its default). Resolves to what it could read.
 */
export async function readWorkbookFormat(excel: FormatExcel): Promise<Partial<WorkbookFormat>> {
  const read: Partial<WorkbookFormat> = {};
  try {
    await excel.run(async (context) => {
      const nf = context.application.cultureInfo.numberFormat;
      nf.load("numberDecimalSeparator,numberGroupSeparator");
      await context.sync();
      if (typeof nf.numberDecimalSeparator === "string" && nf.numberDecimalSeparator)
        read.numberFormat = {
          decimalSeparator: nf.numberDecimalSeparator,
          groupSeparator: nf.numberGroupSeparator ?? "",
        };
    });
  } catch {
    // ExcelApi 1.11 missing: the number format stays unknown.
  }
  try {
    await excel.run(async (context) => {
      const df = context.application.cultureInfo.datetimeFormat;
      if (!df) return;
      df.load("shortDatePattern");
      await context.sync();
      if (typeof df.shortDatePattern === "string" && df.shortDatePattern)
        read.shortDatePattern = df.shortDatePattern;
    });
  } catch {
    // ExcelApi 1.12 missing: text dates must be ISO.
  }
  try {
    await excel.run(async (context) => {
      context.workbook.load("use1904DateSystem");
      await context.sync();
      if (typeof context.workbook.use1904DateSystem === "boolean")
        read.date1904 = context.workbook.use1904DateSystem;
    });
  } catch {
    // ExcelApi 1.16 missing: the 1900 date system, Excel's default.
  }
  return read;
}
