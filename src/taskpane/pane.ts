/* global globalThis, document, Document, HTMLFormElement, HTMLInputElement, HTMLButtonElement, HTMLDataListElement */
// The task pane: wires taskpane.html to the settings, the checker and the sheet actions. Nothing
// runs at import; index.ts calls init() once Office is ready (or at once outside Office).
import { CHIPS, RULES_DATA_HASH, RULES_DATA_VERSION, parseDate } from "../rules";
import { countryNames, listRegimes, sources } from "../rules/pane-api";
import type { RegimeId, RegimeInfo } from "../rules";
import {
  DocumentSettingsStore,
  restoreFromDocument,
  saveToDocument,
} from "../settings/document-store";
import {
  EARLIEST_AS_OF,
  WorkbookSettings,
  effectiveAsOf,
  effectiveRegime,
  getSettings,
  localIsoDate,
  onSettingsChanged,
  updateSettings,
} from "../settings/settings";
import { initScreeningSection } from "./screening-section";
import { ScreeningStorage, indexedDbScreeningStorage } from "./screening-storage";
import { CheckField, CheckInput, CheckOutcome, checkShipment } from "./checker";
import { COMPARE_DATES_BUTTON, mountCompareDates } from "./compare-dates";
import { byId, fill, h } from "./dom";
import {
  FIELD_IDS,
  chipSuggestions,
  fillDatalist,
  renderFieldErrors,
  renderProvenance,
  renderRegimeChoices,
  renderRegimeDetail,
  renderResults,
  shipmentTitle,
} from "./render";
import {
  ActionResult,
  ExcelApi,
  SheetAction,
  addComplianceColumns,
  auditSnapshot,
  compareRegimes,
  recalculate,
  runSheetAction,
} from "./sheet-actions";

/** What Office.onReady reports (host null outside Office). */
export interface HostInfo {
  host: string | null | undefined;
  platform?: string | null;
}

/** What the pane needs from its surroundings; tests pass their own. */
export interface PaneEnv {
  /** Office.context.document.settings; null outside Office. */
  settings: DocumentSettingsStore | null;
  /** The Excel namespace (Excel.run); undefined outside Excel. */
  excel: ExcelApi | undefined;
  now: () => Date;
  /** Office.context.requirements.isSetSupported; absent: assume supported. */
  supports?: (set: string, version: string) => boolean;
  /** Where a loaded screening list is kept; default the browser's IndexedDB, null: none. */
  screeningStorage?: ScreeningStorage | null;
}

/** The Excel API requirement set the sheet actions need (getRangeByIndexes). */
export const SHEET_API: [string, string] = ["ExcelApi", "1.7"];

export function envFromGlobals(): PaneEnv {
  const g = globalThis as {
    Office?: {
      context?: {
        document?: { settings?: DocumentSettingsStore };
        requirements?: { isSetSupported?: (set: string, version: string) => boolean };
      };
    };
    Excel?: ExcelApi;
  };
  const isSetSupported = g.Office?.context?.requirements?.isSetSupported;
  return {
    settings: g.Office?.context?.document?.settings ?? null,
    excel: g.Excel && typeof g.Excel.run === "function" ? g.Excel : undefined,
    now: () => new Date(),
    supports: isSetSupported
      ? (set, version) => isSetSupported.call(g.Office!.context!.requirements, set, version)
      : undefined,
  };
}

export interface HostState {
  inExcel: boolean;
  /** Shown at the top of the pane when not inside Excel. */
  notice: string | null;
  /** Why the sheet actions are off; null when they work. */
  actionsOff: string | null;
}

export function hostState(info: HostInfo | null | undefined, env: PaneEnv): HostState {
  const host = info?.host ?? null;
  if (host !== "Excel") {
    const where = host ? `in ${host}` : "outside Office";
    return {
      inExcel: false,
      notice:
        `Not running inside Excel (${where}). The shipment checker works here. ` +
        "Unavailable here: saving the regime and as-of date in a workbook, and the sheet actions.",
      actionsOff:
        "Sheet actions are off: they need Excel. Open EXPORTCTL from the Home tab in Excel.",
    };
  }
  if (!env.excel) {
    return {
      inExcel: true,
      notice: null,
      actionsOff:
        "Sheet actions are off: this Excel does not give add-ins access to the workbook (Excel JavaScript API).",
    };
  }
  if (env.supports && !env.supports(...SHEET_API)) {
    return {
      inExcel: true,
      notice: null,
      actionsOff: `Sheet actions are off: they need the Excel JavaScript API ${SHEET_API[1]} or later (Excel 2019, Microsoft 365, Excel on the web).`,
    };
  }
  return { inExcel: true, notice: null, actionsOff: null };
}

export interface Pane {
  state: HostState;
  /** Resolves when every change started so far (save, recalculation, sheet action) has finished. */
  idle(): Promise<void>;
  /** Runs the checker on the form's current values and shows the outcome. */
  check(): CheckOutcome;
  dispose(): void;
}

const ACTIONS: [string, string][] = [
  ["action-columns", "columns"],
  ["action-compare", "compare"],
  ["action-audit", "audit"],
];

export function init(
  info: HostInfo | null | undefined,
  env: PaneEnv = envFromGlobals(),
  doc: Document = document
): Pane {
  const state = hostState(info, env);
  const regimes = listRegimes();
  const regimeInfo = (id: RegimeId): RegimeInfo | undefined => regimes.find((r) => r.id === id);
  let pending: Promise<unknown> = Promise.resolve();
  const track = <T>(p: Promise<T>): Promise<T> => {
    pending = Promise.all([pending, p.catch(() => undefined)]);
    return p;
  };

  const settingsStatus = byId(doc, "settings-status");
  const sheetStatus = byId(doc, "sheet-status");
  const results = byId(doc, "results");
  const form = byId<HTMLFormElement>(doc, "check-form");
  const dateInput = byId<HTMLInputElement>(doc, "asof-date");
  const todayRadio = byId<HTMLInputElement>(doc, "asof-today");
  const fixedRadio = byId<HTMLInputElement>(doc, "asof-fixed");
  const asOfError = byId(doc, "asof-error");

  // Host notice and sheet actions.
  const notice = byId(doc, "host-notice");
  notice.hidden = !state.notice;
  notice.textContent = state.notice ?? "";
  const off = byId(doc, "sheet-disabled");
  off.hidden = !state.actionsOff;
  off.textContent = state.actionsOff ?? "";
  for (const [id] of ACTIONS) byId<HTMLButtonElement>(doc, id).disabled = state.actionsOff !== null;
  // Say "saved in this workbook" only where there is one.
  if (!env.settings)
    byId(doc, "defaults-saved").textContent =
      "Here there is no workbook: they apply to this page only and are not saved.";

  // The workbook's saved choice.
  if (env.settings) {
    try {
      const { ignored } = restoreFromDocument(env.settings);
      if (ignored.length)
        settingsStatus.textContent = `Ignored the saved ${ignored.join("; ")}. Using the default instead; choose again to save a valid value.`;
    } catch (error) {
      settingsStatus.textContent = `Could not read the saved choice: ${String(error)}`;
    }
  }

  renderRegimeChoices(byId(doc, "regime-choices"), regimes, effectiveRegime());
  fillDatalist(byId<HTMLDataListElement>(doc, "chip-list"), chipSuggestions(CHIPS));
  fillDatalist(
    byId<HTMLDataListElement>(doc, "country-list"),
    countryNames().map(([code, name]) => ({ value: name, label: code }))
  );
  renderProvenance(byId(doc, "provenance"), {
    version: RULES_DATA_VERSION,
    hash: RULES_DATA_HASH,
    sources: sources(),
  });

  /** Puts the controls in line with the settings (after a restore, or a change made elsewhere). */
  let shownRegime: RegimeId | null = null;
  const syncControls = (s: Readonly<WorkbookSettings>) => {
    const regime = s.regime ?? effectiveRegime();
    for (const radio of doc.querySelectorAll<HTMLInputElement>('input[name="regime"]'))
      radio.checked = radio.value === regime;
    if (regime !== shownRegime) {
      renderRegimeDetail(byId(doc, "regime-detail"), regimeInfo(regime));
      shownRegime = regime;
    }
    byId(doc, "today-date").textContent = `(${localIsoDate(env.now())})`;
    todayRadio.checked = s.asOf === null;
    fixedRadio.checked = s.asOf !== null;
    if (s.asOf !== null) dateInput.value = s.asOf;
  };
  syncControls(getSettings());
  const unsubscribe = onSettingsChanged(syncControls);

  const screening = initScreeningSection(doc, {
    storage:
      env.screeningStorage === undefined ? indexedDbScreeningStorage() : env.screeningStorage,
    excel: env.excel,
    recalculate: () => (state.inExcel ? recalculate(env.excel) : Promise.resolve(false)),
    track,
    actionsOff: state.actionsOff,
  });

  let lastInput: CheckInput | null = null;
  const apply = (patch: Partial<WorkbookSettings>, what: string) =>
    track(
      (async () => {
        updateSettings(patch);
        settingsStatus.textContent = `${what}. Saving…`;
        const parts = [what + "."];
        if (env.settings)
          parts.push(
            (await saveToDocument(env.settings))
              ? "Saved in this workbook."
              : "Could not save it in the workbook; it applies until the workbook closes."
          );
        else parts.push("Not saved: no workbook (this page only).");
        if (state.inExcel && env.excel) {
          try {
            if (await recalculate(env.excel)) parts.push("Formulas recalculated.");
          } catch (error) {
            parts.push(
              `Recalculation failed (${error instanceof Error ? error.message : String(error)}); press Ctrl+Alt+F9 in Excel.`
            );
          }
        }
        settingsStatus.textContent = parts.join(" ");
        if (lastInput) show(checkShipment(lastInput, effectiveAsOf(env.now()), regimes));
      })()
    );

  byId(doc, "regime-choices").addEventListener("change", (event) => {
    const target = event.target as HTMLInputElement;
    if (target.name !== "regime" || !target.checked) return;
    const info = regimeInfo(target.value as RegimeId);
    if (!info) return;
    void apply({ regime: info.id }, `Regime: ${info.name}`);
  });

  const applyFixedDate = (value: string) => {
    const read = parseDate(value);
    // The floor every as-of date meets, typed here, saved in the workbook or passed to a formula.
    const parsed: typeof read =
      read.ok && read.value < EARLIEST_AS_OF
        ? {
            ok: false,
            message: `Dates before ${EARLIEST_AS_OF} are not accepted.`,
            suggestions: [],
          }
        : read;
    if (!parsed.ok) {
      asOfError.hidden = false;
      asOfError.textContent = parsed.message;
      dateInput.setAttribute("aria-invalid", "true");
      return;
    }
    asOfError.hidden = true;
    asOfError.textContent = "";
    dateInput.removeAttribute("aria-invalid");
    fixedRadio.checked = true;
    void apply({ asOf: parsed.value }, `As-of date: ${parsed.value}`);
  };
  todayRadio.addEventListener("change", () => {
    if (todayRadio.checked)
      void apply({ asOf: null }, `As-of date: today (${localIsoDate(env.now())})`);
  });
  fixedRadio.addEventListener("change", () => {
    if (!fixedRadio.checked) return;
    if (!dateInput.value) dateInput.value = localIsoDate(env.now());
    applyFixedDate(dateInput.value);
  });
  dateInput.addEventListener("change", () => {
    if (dateInput.value) applyFixedDate(dateInput.value);
  });

  // The checker.
  const readForm = (): CheckInput => {
    const value = (field: CheckField) => byId<HTMLInputElement>(doc, FIELD_IDS[field]).value;
    return {
      chip: value("chip"),
      destination: value("destination"),
      quantity: value("quantity"),
      endUserHq: value("endUserHq"),
      priorTpp: value("priorTpp"),
      shipFrom: value("shipFrom"),
    };
  };
  const show = (outcome: CheckOutcome) => {
    if (!outcome.ok) {
      lastInput = null;
      renderFieldErrors(doc, outcome.errors, (field, value) => {
        byId<HTMLInputElement>(doc, FIELD_IDS[field]).value = value;
        check();
        byId<HTMLInputElement>(doc, FIELD_IDS[field]).focus();
      });
      fill(results);
      byId(doc, "check-status").textContent =
        `${outcome.errors.length === 1 ? "One field needs" : `${outcome.errors.length} fields need`} attention.`;
      return;
    }
    renderFieldErrors(doc, [], () => undefined);
    renderResults(results, outcome, effectiveRegime());
    byId(doc, "check-status").textContent = `${shipmentTitle(outcome.shipment)}: ${outcome.results
      .map((r) => `${r.regime.id} ${r.verdict ? r.verdict.label : "not evaluated"}`)
      .join("; ")}.`;
  };
  const check = (): CheckOutcome => {
    const input = readForm();
    const outcome = checkShipment(input, effectiveAsOf(env.now()), regimes);
    show(outcome);
    if (outcome.ok) lastInput = input;
    return outcome;
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const outcome = check();
    if (!outcome.ok) byId<HTMLInputElement>(doc, FIELD_IDS[outcome.errors[0].field]).focus();
  });

  // Sheet actions.
  const actions: Record<string, () => SheetAction> = {
    columns: () => addComplianceColumns,
    compare: () => (ctx) =>
      compareRegimes(ctx, { asOf: effectiveAsOf(env.now()), now: env.now(), regimes }),
    audit: () => (ctx) => {
      const s = getSettings();
      return auditSnapshot(ctx, {
        regime: regimeInfo(effectiveRegime()) ?? regimes[0],
        asOf: effectiveAsOf(env.now()),
        asOfSource: s.asOf ? "fixed in the pane" : "today",
        now: env.now(),
      });
    },
  };
  const runAction = (label: string, action: SheetAction) => {
    if (state.actionsOff) return;
    const buttons = [...ACTIONS.map(([b]) => b), COMPARE_DATES_BUTTON].map((b) =>
      byId<HTMLButtonElement>(doc, b)
    );
    buttons.forEach((b) => (b.disabled = true));
    sheetStatus.textContent = `${label}…`;
    sheetStatus.className = "status";
    void track(
      runSheetAction(env.excel, action).then((result: ActionResult) => {
        sheetStatus.textContent = result.message;
        sheetStatus.className = result.ok ? "status status-ok" : "status status-error";
        buttons.forEach((b) => (b.disabled = false));
      })
    );
  };
  for (const [id, key] of ACTIONS) {
    const button = byId<HTMLButtonElement>(doc, id);
    button.addEventListener("click", () => runAction(button.textContent ?? "", actions[key]()));
  }
  byId<HTMLButtonElement>(doc, COMPARE_DATES_BUTTON).disabled = state.actionsOff !== null;
  mountCompareDates(doc, {
    regime: () => regimeInfo(effectiveRegime()) ?? regimes[0],
    asOf: () => effectiveAsOf(env.now()),
    run: runAction,
  });

  byId(doc, "loading").remove();
  byId(doc, "app").setAttribute("aria-busy", "false");
  return {
    state,
    idle: async () => {
      let seen: Promise<unknown>;
      do {
        seen = pending;
        await seen;
      } while (seen !== pending);
    },
    check,
    dispose: () => {
      unsubscribe();
      screening.dispose();
    },
  };
}

/** Shows an unexpected start-up failure in the pane instead of a blank page. */
export function showFatal(error: unknown, doc: Document = document): void {
  const app = doc.getElementById("app");
  if (!app) return;
  fill(
    app,
    h(
      "p",
      { class: "notice", role: "alert" },
      `EXPORTCTL could not start: ${error instanceof Error ? error.message : String(error)}`
    )
  );
}
