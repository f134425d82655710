/**
 * The training split kept in IndexedDB between visits, keyed by the server's ETag, so a player who
 * reloads mid-round does not wait for 10 MB again. Every failure (private mode, quota, an old
 * browser) just means "not cached": the lab then downloads as usual.
 */
const DB = "kba-lab";
const STORE = "training-data";
const KEY = "mnist-train";

interface Entry {
  etag: string;
  bytes: ArrayBuffer;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error("indexedDB.open failed"));
  });
}

async function withStore<T>(
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = work(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error("indexedDB request failed"));
    });
  } finally {
    db.close();
  }
}

export async function readCached(): Promise<Entry | null> {
  try {
    const entry = (await withStore("readonly", (s) => s.get(KEY))) as Entry | undefined;
    return entry && typeof entry.etag === "string" && entry.bytes instanceof ArrayBuffer
      ? entry
      : null;
  } catch {
    return null;
  }
}

export async function writeCached(entry: Entry): Promise<void> {
  try {
    await withStore("readwrite", (s) => s.put(entry, KEY));
  } catch {
    // Not cached: the next visit downloads again.
  }
}
