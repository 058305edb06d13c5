/* global globalThis */
// Where the custom functions meet the open workbook (Excel's shared runtime): the workbook's saved
// regime and as-of date are read before the first formula needs a default, and its date system
// and number format once Office is ready; formulas that already calculated with the defaults are
// recalculated once when what was read differs.
import { restoreFromDocument, DocumentSettingsStore } from "../settings/document-store";
import { restoreBeforeFirstUse } from "../settings/settings";
import { FormatExcel, readWorkbookFormat, setWorkbookFormat } from "../settings/workbook-format";

interface HostGlobals {
  Office?: {
    context?: { document?: { settings?: DocumentSettingsStore } };
    onReady?: (callback?: () => void) => unknown;
  };
  Excel?: FormatExcel & {
    run<T>(batch: (context: RecalcContext) => Promise<T>): Promise<T>;
  };
}

interface RecalcContext {
  workbook: { application: { calculate(type: string): void } };
  sync(): Promise<void>;
}

/** Wires the functions to the workbook; does nothing outside Office (tests, the CLI, the workbench without Excel). */
export function connectWorkbook(g: HostGlobals = globalThis as HostGlobals): void {
  const office = g.Office;
  if (!office) return;
  restoreBeforeFirstUse(() => {
    const store = office.context?.document?.settings;
    if (!store) return false;
    restoreFromDocument(store);
    return true;
  });
  const readFormat = async () => {
    const excel = g.Excel;
    if (!excel || typeof excel.run !== "function") return;
    const stale = setWorkbookFormat(await readWorkbookFormat(excel));
    if (stale) {
      await excel
        .run(async (context: RecalcContext) => {
          context.workbook.application.calculate("Full");
          await context.sync();
        })
        .catch(() => undefined);
    }
  };
  try {
    if (typeof office.onReady === "function")
      office.onReady(() => void readFormat().catch(() => undefined));
  } catch {
    // No Office runtime after all: the defaults stay.
  }
}
