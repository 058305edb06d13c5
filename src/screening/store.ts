// The screening list in use: one per page (pane, functions and workbench share it in Excel's shared
// runtime) or per batch run. Loading a list replaces it only once the new file has been read in
// full, so a refused file leaves the previous list in use.
import type { ScreeningList } from "./types";

let current: ScreeningList | null = null;
let pending: Promise<unknown> | null = null;
const listeners = new Set<(list: ScreeningList | null) => void>();

export function screeningList(): ScreeningList | null {
  return current;
}

export function setScreeningList(list: ScreeningList | null): void {
  current = list;
  for (const fn of listeners) fn(list);
}

/** A restore from storage in progress: functions wait for it before answering "#N/A no list". */
export function setScreeningPending(restoring: Promise<unknown> | null): void {
  pending = restoring;
}

/** The list, once any restore in progress has finished. */
export async function screeningListReady(): Promise<ScreeningList | null> {
  if (pending) {
    try {
      await pending;
    } catch {
      // A failed restore leaves no list: the function says so.
    }
  }
  return current;
}

export function onScreeningListChanged(fn: (list: ScreeningList | null) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
