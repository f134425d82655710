/**
 * What the lab keeps in IndexedDB between visits, so a player who reloads mid-round loses neither
 * time nor work: the round's shards of the training split, each with the server's ETag (no second download), and
 * each round's versions (trained and compressed models with their figures). Every failure
 * (private mode, quota, an old browser) just means "not kept": the lab then works as on a first
 * visit.
 */
const DB = "kba-lab";
const DATA_STORE = "training-data";
const VERSIONS_STORE = "versions";
const LEGACY_KEY = "mnist-train";

interface Entry {
  etag: string;
  bytes: ArrayBuffer;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 2);
    request.onupgradeneeded = () => {
      for (const name of [DATA_STORE, VERSIONS_STORE]) {
        if (!request.result.objectStoreNames.contains(name)) request.result.createObjectStore(name);
      }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error("indexedDB.open failed"));
  });
}

async function withStore<T>(
  name: string,
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = work(db.transaction(name, mode).objectStore(name));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error("indexedDB request failed"));
    });
  } finally {
    db.close();
  }
}

/** One training shard, keyed by its place and length in the split (lib/coding/training-slices.ts). */
export async function readCached(key: string): Promise<Entry | null> {
  try {
    const entry = (await withStore(DATA_STORE, "readonly", (s) => s.get(key))) as Entry | undefined;
    return entry && typeof entry.etag === "string" && entry.bytes instanceof ArrayBuffer
      ? entry
      : null;
  } catch {
    return null;
  }
}

export async function writeCached(key: string, entry: Entry): Promise<void> {
  try {
    await withStore(DATA_STORE, "readwrite", (s) => s.put(entry, key));
    // The whole split as one entry (before shards): 47 MB that nothing reads any more.
    await withStore(DATA_STORE, "readwrite", (s) => s.delete(LEGACY_KEY));
  } catch {
    // Not cached: the next visit downloads again.
  }
}

/** One round's lab work, keyed by room code and round index (versions are plain, cloneable data). */
export interface SavedLab<V> {
  versions: V[];
  selectedId: number | null;
}

export async function readLab<V>(key: string): Promise<SavedLab<V> | null> {
  try {
    const saved = (await withStore(VERSIONS_STORE, "readonly", (s) => s.get(key))) as
      SavedLab<V> | undefined;
    return saved && Array.isArray(saved.versions) ? saved : null;
  } catch {
    return null;
  }
}

export async function writeLab<V>(key: string, lab: SavedLab<V>): Promise<void> {
  try {
    await withStore(VERSIONS_STORE, "readwrite", (s) => s.put(lab, key));
  } catch {
    // Not kept: a reload starts this round's lab empty.
  }
}
