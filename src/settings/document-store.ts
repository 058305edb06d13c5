// Saves and restores the workbook's choice in Office document settings, which travel with the file.
// The Office settings object is passed in, so this runs against Office, a test double or nothing.
import { isRegimeId, parseDate } from "../rules";
import { SETTINGS_KEYS, WorkbookSettings, getSettings, updateSettings } from "./settings";

/** The part of Office.Settings this module uses. */
export interface DocumentSettingsStore {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  remove(name: string): void;
  saveAsync(callback?: (result: { status: unknown; error?: { message?: string } }) => void): void;
}

/** Reads the saved choice; unknown or malformed values are ignored rather than trusted. */
export function restoreFromDocument(store: DocumentSettingsStore): Readonly<WorkbookSettings> {
  const regime = store.get(SETTINGS_KEYS.regime);
  const asOf = store.get(SETTINGS_KEYS.asOf);
  const parsedDate = typeof asOf === "string" && asOf ? parseDate(asOf) : null;
  return updateSettings({
    regime: typeof regime === "string" && isRegimeId(regime) ? regime : null,
    asOf: parsedDate && parsedDate.ok ? parsedDate.value : null,
  });
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
