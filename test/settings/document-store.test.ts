// The workbook's choice survives a save and a reopen, and bad saved values are not trusted.
import { DocumentSettingsStore, restoreFromDocument, saveToDocument } from "../../src/settings/document-store";
import {
  SETTINGS_KEYS,
  effectiveAsOf,
  effectiveRegime,
  getSettings,
  onSettingsChanged,
  resetSettings,
  restoreBeforeFirstUse,
  updateSettings,
} from "../../src/settings/settings";
import { connectWorkbook } from "../../src/functions/host";

function fakeStore(initial: Record<string, unknown> = {}, status = "succeeded") {
  const data = new Map<string, unknown>(Object.entries(initial));
  let saves = 0;
  const store: DocumentSettingsStore = {
    get: (k) => (data.has(k) ? data.get(k) : null),
    set: (k, v) => void data.set(k, v),
    remove: (k) => void data.delete(k),
    saveAsync: (cb) => {
      saves++;
      cb?.({ status });
    },
  };
  return { store, data, saves: () => saves };
}

beforeEach(() => resetSettings());

test("nothing chosen: enforced and today's local date", () => {
  expect(effectiveRegime()).toBe("enforced");
  expect(effectiveAsOf(new Date(2026, 10, 27, 23, 59))).toBe("2026-11-27");
});

test("a fixed as-of date wins over today", () => {
  updateSettings({ asOf: "2025-06-01" });
  expect(effectiveAsOf(new Date(2026, 0, 1))).toBe("2025-06-01");
});

test("save then restore round-trips the choice", async () => {
  const { store, data, saves } = fakeStore();
  updateSettings({ regime: "diffusion-2025", asOf: "2025-06-01" });
  await expect(saveToDocument(store)).resolves.toBe(true);
  expect(saves()).toBe(1);
  expect(data.get(SETTINGS_KEYS.regime)).toBe("diffusion-2025");
  resetSettings();
  expect(effectiveRegime()).toBe("enforced");
  restoreFromDocument(store);
  expect(getSettings()).toEqual({ regime: "diffusion-2025", asOf: "2025-06-01" });
});

test("clearing the choice removes the saved keys", async () => {
  const { store, data } = fakeStore({ [SETTINGS_KEYS.regime]: "baseline-2023", [SETTINGS_KEYS.asOf]: "2024-01-01" });
  await saveToDocument(store);
  expect(data.has(SETTINGS_KEYS.regime)).toBe(false);
  expect(data.has(SETTINGS_KEYS.asOf)).toBe(false);
});

test("unknown or malformed saved values are ignored", () => {
  const { store } = fakeStore({ [SETTINGS_KEYS.regime]: "made-up", [SETTINGS_KEYS.asOf]: "2025-02-30" });
  restoreFromDocument(store);
  expect(getSettings()).toEqual({ regime: null, asOf: null });
});

test("a failed save resolves false rather than throwing", async () => {
  const { store } = fakeStore({}, "failed");
  await expect(saveToDocument(store)).resolves.toBe(false);
  const throwing: DocumentSettingsStore = { ...store, saveAsync: () => { throw new Error("offline"); } };
  await expect(saveToDocument(throwing)).resolves.toBe(false);
});

test("listeners hear every change until they unsubscribe", () => {
  const seen: string[] = [];
  const off = onSettingsChanged((s) => seen.push(String(s.regime)));
  updateSettings({ regime: "proposal-500" });
  off();
  updateSettings({ regime: "baseline-2023" });
  expect(seen).toEqual(["proposal-500"]);
});

describe("corrupted saved values are ignored and named", () => {
  test.each([
    [{ [SETTINGS_KEYS.regime]: "bogus" }, "regime 'bogus'"],
    [{ [SETTINGS_KEYS.regime]: 42 }, "regime 42"],
    [{ [SETTINGS_KEYS.asOf]: "not a date" }, "as-of date 'not a date'"],
    [{ [SETTINGS_KEYS.asOf]: 42 }, "as-of date 42"],
    [{ [SETTINGS_KEYS.asOf]: "1900-01-01" }, "before 2000-01-01"],
    [{ [SETTINGS_KEYS.asOf]: "1999-12-31" }, "before 2000-01-01"],
  ])("%j", (saved, says) => {
    const { store } = fakeStore(saved);
    const { ignored } = restoreFromDocument(store);
    expect(ignored).toHaveLength(1);
    expect(ignored[0]).toContain(says);
    expect(getSettings()).toEqual({ regime: null, asOf: null });
  });

  test("a long corrupted value is quoted short", () => {
    const { store } = fakeStore({ [SETTINGS_KEYS.regime]: "x".repeat(5000) });
    expect(restoreFromDocument(store).ignored[0].length).toBeLessThan(120);
  });

  test("valid values are restored with nothing ignored; the first valid date (2000-01-01) is kept", () => {
    const { store } = fakeStore({ [SETTINGS_KEYS.regime]: "diffusion-2025", [SETTINGS_KEYS.asOf]: "2000-01-01" });
    expect(restoreFromDocument(store).ignored).toEqual([]);
    expect(getSettings()).toEqual({ regime: "diffusion-2025", asOf: "2000-01-01" });
  });
});

describe("the saved choice is read before the first formula needs a default", () => {
  test("a formula calculated before the pane restores uses the saved regime and date", () => {
    const { store } = fakeStore({ [SETTINGS_KEYS.regime]: "diffusion-2025", [SETTINGS_KEYS.asOf]: "2025-06-01" });
    restoreBeforeFirstUse(() => {
      restoreFromDocument(store);
      return true;
    });
    expect(effectiveRegime()).toBe("diffusion-2025");
    expect(effectiveAsOf(new Date(2026, 0, 1))).toBe("2025-06-01");
  });

  test("a read that cannot happen yet is tried again on the next use", () => {
    const { store } = fakeStore({ [SETTINGS_KEYS.regime]: "baseline-2023" });
    let ready = false;
    let tries = 0;
    restoreBeforeFirstUse(() => {
      tries++;
      if (!ready) throw new Error("Office not initialised");
      restoreFromDocument(store);
      return true;
    });
    expect(effectiveRegime()).toBe("enforced");
    ready = true;
    expect(effectiveRegime()).toBe("baseline-2023");
    expect(effectiveRegime()).toBe("baseline-2023");
    expect(tries).toBe(2);
  });

  test("a choice made in the pane first wins over a pending restore", () => {
    const { store } = fakeStore({ [SETTINGS_KEYS.regime]: "baseline-2023" });
    restoreBeforeFirstUse(() => {
      restoreFromDocument(store);
      return true;
    });
    updateSettings({ regime: "proposal-500" });
    expect(effectiveRegime()).toBe("proposal-500");
  });

  test("connectWorkbook reads Office's document settings before the first default", () => {
    const { store } = fakeStore({ [SETTINGS_KEYS.regime]: "diffusion-2025" });
    connectWorkbook({ Office: { context: { document: { settings: store } } } });
    expect(effectiveRegime()).toBe("diffusion-2025");
  });
});
