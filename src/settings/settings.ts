// The workbook's chosen regime and as-of date: one module instance shared by the task pane and the
// custom functions (webpack's single runtime chunk guarantees one instance in the shared runtime).
// Formulas without an explicit regime or as_of argument use these; nothing set means "enforced"
// and today.
import type { IsoDate, RegimeId } from "../rules";

export interface WorkbookSettings {
  /** null: the default regime ("enforced"). */
  regime: RegimeId | null;
  /** null: today (the date of each calculation). */
  asOf: IsoDate | null;
}

export const DEFAULT_REGIME: RegimeId = "enforced";

/** Keys under which the choice is saved in the workbook (Office document settings). */
export const SETTINGS_KEYS = { regime: "exportctl.regime", asOf: "exportctl.asOf" } as const;

/** The earliest as-of date accepted anywhere (saved, typed or in a cell): no AI-chip rule is older. */
export const EARLIEST_AS_OF: IsoDate = "2000-01-01";

type Listener = (settings: Readonly<WorkbookSettings>) => void;

let current: WorkbookSettings = { regime: null, asOf: null };
const listeners = new Set<Listener>();

let pendingRestore: (() => boolean) | null = null;

/**
 * Registers how to read the workbook's saved choice. At workbook open Excel may calculate formulas
 * before the task pane runs: the first default a formula asks for reads the saved choice first,
 * so no cell is calculated under "enforced" and today by mistake. `read` returns false when it
 * could not read yet (Office not ready): it is tried again on the next use.
 */
export function restoreBeforeFirstUse(read: () => boolean): void {
  pendingRestore = read;
}

function ensureRestored(): void {
  const read = pendingRestore;
  if (!read) return;
  pendingRestore = null;
  let done = false;
  try {
    done = read();
  } catch {
    done = false;
  }
  if (!done && pendingRestore === null) pendingRestore = read;
}

export function getSettings(): Readonly<WorkbookSettings> {
  ensureRestored();
  return current;
}

export function effectiveRegime(): RegimeId {
  ensureRestored();
  return current.regime ?? DEFAULT_REGIME;
}

/** The as-of date formulas use when none is given: the fixed date, else today's local date. */
export function effectiveAsOf(now: Date = new Date()): IsoDate {
  ensureRestored();
  return current.asOf ?? localIsoDate(now);
}

export function localIsoDate(d: Date): IsoDate {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function updateSettings(patch: Partial<WorkbookSettings>): Readonly<WorkbookSettings> {
  pendingRestore = null; // a choice made or restored now wins over a restore still pending
  current = { ...current, ...patch };
  for (const listener of listeners) listener(current);
  return current;
}

export function onSettingsChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Back to nothing chosen (tests, or a workbook without saved settings). */
export function resetSettings(): void {
  updateSettings({ regime: null, asOf: null });
}
