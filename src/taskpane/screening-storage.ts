/* global indexedDB, IDBDatabase, IDBTransactionMode, IDBObjectStore, IDBRequest */
// Where the loaded screening list file is kept between sessions: the add-in's own IndexedDB (the
// origin's private browser storage; the CSL runs to megabytes, past localStorage's quota). The
// file never leaves the machine; only its bytes and what the user stated about it are stored.

export interface StoredScreeningFile {
  bytes: Uint8Array;
  fileName: string;
  statedDate: string | null;
  fileModified: string | null;
}

export interface ScreeningStorage {
  load(): Promise<StoredScreeningFile | null>;
  save(file: StoredScreeningFile): Promise<void>;
  clear(): Promise<void>;
}

const DB_NAME = "exportctl-screening";
const STORE = "files";
const KEY = "current";

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error("IndexedDB refused to open"));
  });
}

async function transact<T>(
  mode: IDBTransactionMode,
  body: (store: IDBObjectStore) => IDBRequest<T>
): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = body(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error ?? new Error("IndexedDB transaction failed"));
      tx.onabort = () =>
        reject(tx.error ?? new Error("IndexedDB transaction aborted (storage full?)"));
    });
  } finally {
    db.close();
  }
}

/** The browser's IndexedDB; null where there is none (then a list lasts for the session only). */
export function indexedDbScreeningStorage(): ScreeningStorage | null {
  if (typeof indexedDB === "undefined") return null;
  return {
    async load() {
      const value = await transact<unknown>("readonly", (s) => s.get(KEY));
      if (!value || typeof value !== "object") return null;
      const v = value as StoredScreeningFile;
      return v.bytes instanceof Uint8Array ? v : null;
    },
    async save(file) {
      await transact("readwrite", (s) => s.put(file, KEY));
    },
    async clear() {
      await transact("readwrite", (s) => s.delete(KEY));
    },
  };
}

/** Keeps the file in memory only (tests, hosts without IndexedDB). */
export function memoryScreeningStorage(
  initial: StoredScreeningFile | null = null
): ScreeningStorage {
  let file = initial;
  return {
    load: async () => file,
    save: async (f) => {
      file = f;
    },
    clear: async () => {
      file = null;
    },
  };
}
