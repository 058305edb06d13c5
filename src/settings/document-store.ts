// Saves and restores the workbook's choice in Office document settings, which travel with the file.
// The Office settings object is passed in, so this runs against Office, a test double or nothing.
import { isRegimeId, parseDate } from "../rules";
import {
  EARLIEST_AS_OF,
  SETTINGS_KEYS,
  WorkbookSettings,
  getSettings,
  updateSettings,
} from "./settings";

/** The part of Office.Settings this module uses. */
export interface DocumentSettingsStore {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  remove(name: string): void;
  saveAsync(callback?: (result: { status: unknown; error?: { message?: string } }) => void): void;
}

export interface RestoreResult {
  settings: Readonly<WorkbookSettings>;
  /** Each saved value that was not used, and why ("regime 'bogus': not a regime id"). */
  ignored: string[];
}

/** A saved value as a message quotes it (at most 60 characters). */
function saved(value: unknown): string {
  const text = typeof value === "string" ? `'${value}'` : (JSON.stringify(value) ?? String(value));
  return text.length > 62 ? text.slice(0, 60) + "…" : text;
}

/**
 * Reads the saved choice. A malformed saved value is not trusted: it is ignored, and the result
 * says which one and why, so the pane can tell the user instead of silently using the default.
 */
export function restoreFromDocument(store: DocumentSettingsStore): RestoreResult {
  const regime = store.get(SETTINGS_KEYS.regime);
  const asOf = store.get(SETTINGS_KEYS.asOf);
  const ignored: string[] = [];
  const absent = (v: unknown) => v === null || v === undefined || v === "";
  let regimeValue: WorkbookSettings["regime"] = null;
  if (typeof regime === "string" && isRegimeId(regime)) regimeValue = regime;
  else if (!absent(regime)) ignored.push(`regime ${saved(regime)}: not a regime id`);
  let asOfValue: WorkbookSettings["asOf"] = null;
  if (!absent(asOf)) {
    const parsed = typeof asOf === "string" ? parseDate(asOf) : null;
    if (!parsed || !parsed.ok) ignored.push(`as-of date ${saved(asOf)}: not a date (YYYY-MM-DD)`);
    else if (parsed.value < EARLIEST_AS_OF)
      ignored.push(`as-of date ${saved(asOf)}: before ${EARLIEST_AS_OF}`);
    else asOfValue = parsed.value;
  }
  return { settings: updateSettings({ regime: regimeValue, asOf: asOfValue }), ignored };
}

/** Writes the current choice into the document and saves it. Resolves false when saving failed. */
export function saveToDocument(store: DocumentSettingsStore): Promise<boolean> {
  const { regime, asOf } = getSettings();
  if (regime) store.set(SETTINGS_KEYS.regime, regime);
  else store.remove(SETTINGS_KEYS.regime);
  if (asOf) store.set(SETTINGS_KEYS.asOf, asOf);
  else store.remove(SETTINGS_KEYS.asOf);
  return new Promise((resolve) => {
    try {
      store.saveAsync((result) => resolve(String(result?.status).toLowerCase() === "succeeded"));
    } catch {
      resolve(false);
    }
  });
}
