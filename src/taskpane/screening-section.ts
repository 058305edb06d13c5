/* global Document, HTMLInputElement, HTMLButtonElement, File, Excel */
// The pane's "Screening list" section: load the Consolidated Screening List file the user
// downloaded, keep it in the add-in's own storage (restored when the pane opens again), show its
// date, size and SHA-256, recalculate SCREEN_PARTY, and add a Screening column to a table.
// Nothing is sent anywhere: the file is read in the page and stored in the page's IndexedDB.
import type { ScreeningList } from "../screening/types";
import { onScreeningListChanged, setScreeningList, setScreeningPending } from "../screening/store";
import { localIsoDate } from "../settings/settings";
import { byId, fill, h } from "./dom";
import {
  ActionResult,
  ExcelApi,
  inExcelTable,
  readSelectedTable,
  runSheetAction,
  writeBlock,
} from "./sheet-actions";
import { TableError, address, isBlank } from "./shipment-table";
import type { ScreeningStorage, StoredScreeningFile } from "./screening-storage";

/** The parser and matcher: a chunk of their own, loaded when a list is (shared with SCREEN_PARTY). */
const loadScreening = () => import(/* webpackChunkName: "screening" */ "../screening");

export interface ScreeningSectionEnv {
  storage: ScreeningStorage | null;
  excel: ExcelApi | undefined;
  /** Recalculates the workbook; false outside Excel. */
  recalculate: () => Promise<boolean>;
  /** Registers work the pane's idle() waits for. */
  track: <T>(p: Promise<T>) => Promise<T>;
  /** Why sheet actions are off, or null. */
  actionsOff: string | null;
}

async function parse(file: StoredScreeningFile): Promise<ScreeningList> {
  const { readScreeningList } = await loadScreening();
  return readScreeningList(file.bytes, {
    fileName: file.fileName,
    statedDate: file.statedDate,
    fileModified: file.fileModified,
  });
}

function renderList(doc: Document, list: ScreeningList | null): void {
  const target = byId(doc, "screening-current");
  if (!list) {
    fill(
      target,
      h(
        "p",
        { class: "hint" },
        "No list loaded: =EXPORTCTL.SCREEN_PARTY gives #N/A and parties are not screened."
      )
    );
    return;
  }
  const dated = {
    stated: "as stated when loaded",
    file: "from the file",
    "file-modified": "the file's modified date",
  };
  const row = (term: string, value: string, id: string) => [
    h("dt", {}, term),
    h("dd", { id }, value),
  ];
  fill(
    target,
    h(
      "dl",
      { class: "facts" },
      ...row("File", `${list.fileName} (${list.format.toUpperCase()})`, "screening-file-name"),
      ...row("List date", `${list.date} (${dated[list.dateSource]})`, "screening-list-date"),
      ...row("Entries", list.entries.length.toLocaleString("en-US"), "screening-entries"),
      ...row("SHA-256", list.sha256, "screening-sha256")
    )
  );
}

export function initScreeningSection(doc: Document, env: ScreeningSectionEnv): { dispose(): void } {
  const status = byId(doc, "screening-status");
  const fileInput = byId<HTMLInputElement>(doc, "screening-file");
  const dateInput = byId<HTMLInputElement>(doc, "screening-date");
  const loadButton = byId<HTMLButtonElement>(doc, "screening-load");
  const columnButton = byId<HTMLButtonElement>(doc, "screening-column");
  const say = (text: string, ok: boolean) => {
    status.textContent = text;
    status.className = `status ${ok ? "status-ok" : "status-error"}`;
  };

  let current: ScreeningList | null = null;
  const unsubscribe = onScreeningListChanged((list) => {
    current = list;
    renderList(doc, list);
    columnButton.disabled = !list || env.actionsOff !== null;
  });
  renderList(doc, null);
  columnButton.disabled = true;

  // The list kept from an earlier session: SCREEN_PARTY waits for it rather than saying #N/A.
  if (env.storage) {
    const storage = env.storage;
    const restoring = env.track(
      (async () => {
        try {
          const file = await storage.load();
          if (file) setScreeningList(await parse(file));
        } catch (error) {
          say(
            `The screening list kept from before could not be read (${(error as Error).message}); load it again.`,
            false
          );
        }
      })()
    );
    setScreeningPending(restoring);
  }

  const load = async () => {
    const file: File | undefined = fileInput.files?.[0];
    if (!file) {
      say("Choose the list file first (the CSV or JSON file downloaded from trade.gov).", false);
      return;
    }
    const stated = dateInput.value.trim() || null;
    say(`Reading ${file.name}…`, true);
    const stored: StoredScreeningFile = {
      bytes: new Uint8Array(await file.arrayBuffer()),
      fileName: file.name,
      statedDate: stated,
      fileModified: file.lastModified ? localIsoDate(new Date(file.lastModified)) : null,
    };
    let list: ScreeningList;
    try {
      list = await parse(stored);
    } catch (error) {
      const keep = current
        ? ` The list in use is unchanged: ${current.fileName}, list of ${current.date}.`
        : "";
      say(`${file.name} was refused: ${(error as Error).message}.${keep}`, false);
      return;
    }
    const parts = [
      `Loaded ${file.name}: ${list.entries.length.toLocaleString("en-US")} entries, list of ${list.date}.`,
    ];
    if (env.storage) {
      try {
        await env.storage.save(stored);
        parts.push("Kept on this computer for next time.");
      } catch (error) {
        parts.push(
          `Not kept for next time (${(error as Error).message}); it applies until the pane closes.`
        );
      }
    } else parts.push("This browser has no storage for it: it applies until the pane closes.");
    setScreeningList(list);
    try {
      if (await env.recalculate()) parts.push("Formulas recalculated.");
    } catch (error) {
      parts.push(`Recalculation failed (${(error as Error).message}); press Ctrl+Alt+F9 in Excel.`);
    }
    say(parts.join(" "), true);
  };
  const onLoad = () => void env.track(load());
  loadButton.addEventListener("click", onLoad);

  const onColumn = () =>
    void env.track(
      (async () => {
        const result = await runSheetAction(env.excel, addScreeningColumn);
        say(result.message, result.ok);
      })()
    );
  columnButton.addEventListener("click", onColumn);

  return {
    dispose() {
      unsubscribe();
      loadButton.removeEventListener("click", onLoad);
      columnButton.removeEventListener("click", onColumn);
    },
  };
}

const SCREENING_HEADER = "Screening";

/**
 * Adds (or rewrites) a "Screening" column right of the selected table: =EXPORTCTL.SCREEN_PARTY
 * over the Consignee column, one spilling formula (one per row in an Excel table). Never
 * overwrites cells that hold something else.
 */
export async function addScreeningColumn(context: Excel.RequestContext): Promise<ActionResult> {
  const { table, sheet, range } = await readSelectedTable(context);
  const consignee = table.columns.consignee;
  if (consignee === undefined)
    throw new TableError(
      "The table has no Consignee column: add one (Consignee, Ultimate consignee, End user or Customer) to screen the parties."
    );
  const n = table.rows.length;
  const key = (v: unknown) =>
    String(v ?? "")
      .trim()
      .toLowerCase();
  const existing = table.header.findIndex((v) => key(v) === "screening");
  const lastHeader = table.header.reduce((last: number, v, i) => (isBlank(v) ? last : i), 0);
  const col = table.left + (existing >= 0 ? existing : lastHeader + 1);
  if (existing < 0) {
    const block = sheet.getRangeByIndexes(table.top, col, n + 1, 1);
    block.load("values");
    await context.sync();
    if ((block.values as unknown[][]).some((r) => !isBlank(r[0])))
      throw new TableError(
        `Cells ${address(table.top, col, n + 1, 1)} next to the table are not empty. Clear them or move the table, then try again.`
      );
  } else sheet.getRangeByIndexes(table.top + 1, col, n, 1).clear("Contents");
  const first = table.top + 1;
  const source = table.left + consignee;
  const perRow = await inExcelTable(context, range);
  const formulas = perRow
    ? table.rows.map((_, i) => [`=EXPORTCTL.SCREEN_PARTY(${address(first + i, source)})`])
    : [[`=EXPORTCTL.SCREEN_PARTY(${address(first, source, n, 1)})`]];
  sheet.getRangeByIndexes(table.top, col, 1, 1).values = [[SCREENING_HEADER]];
  await writeBlock(context, sheet, first, col, formulas, "formulas");
  await context.sync();
  return {
    ok: true,
    message: `${existing >= 0 ? "Updated" : "Added"} the Screening column in ${address(table.top, col)}: each consignee against the loaded list. A match is a lead for due diligence, not a legal conclusion.`,
  };
}
