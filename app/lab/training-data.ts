import { readCached, writeCached } from "./idb-cache";

/**
 * The MNIST training split for the lab: downloaded once per page session (kept in memory, and in
 * IndexedDB across reloads), with progress. The server sends it gzip-encoded; the browser inflates
 * it transparently, so progress counts inflated bytes against `x-uncompressed-length` rather than
 * the compressed content-length. Format (server/http/training-data.ts):
 *   "KBAMNIST" | count u32 LE | 784 u32 LE | count×784 pixel bytes | count label bytes
 */
export const TRAINING_DATA_URL = "/api/training-data";
const MAGIC = "KBAMNIST";

export interface TrainingData {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
  /** Where it came from this time, and how long it took (ms). */
  source: "network" | "indexeddb" | "memory";
  ms: number;
  /** Bytes on the wire (compressed), when downloaded. */
  wireBytes: number | null;
}

export type Progress = { loaded: number; total: number | null };

let memory: TrainingData | null = null;
let inFlight: Promise<TrainingData> | null = null;

export function parseTrainingData(
  buffer: ArrayBuffer,
): Pick<TrainingData, "images" | "labels" | "count"> {
  const head = new Uint8Array(buffer, 0, Math.min(16, buffer.byteLength));
  const magic = String.fromCharCode(...head.subarray(0, 8));
  const view = new DataView(buffer);
  if (magic !== MAGIC || buffer.byteLength < 16) throw new Error("not a KBAMNIST file");
  const count = view.getUint32(8, true);
  const pixels = view.getUint32(12, true);
  if (pixels !== 784 || buffer.byteLength !== 16 + count * 785)
    throw new Error("truncated training data");
  return {
    count,
    images: new Uint8Array(buffer, 16, count * 784),
    labels: new Uint8Array(buffer, 16 + count * 784, count),
  };
}

async function download(onProgress: (p: Progress) => void): Promise<TrainingData> {
  const started = performance.now();
  const cached = await readCached();
  if (cached) {
    // A HEAD costs one round trip; a changed split (new server version) must not be trained on.
    const head = await fetch(TRAINING_DATA_URL, { method: "HEAD" }).catch(() => null);
    const etag = head?.headers.get("etag") ?? null;
    if (etag === null || etag === cached.etag) {
      return {
        ...parseTrainingData(cached.bytes),
        source: "indexeddb",
        ms: performance.now() - started,
        wireBytes: null,
      };
    }
  }
  const response = await fetch(TRAINING_DATA_URL);
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
  const total = Number(response.headers.get("x-uncompressed-length")) || null;
  const wire = Number(response.headers.get("content-length")) || null;
  const out = total ? new Uint8Array(total) : null;
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (out && loaded + value.length <= out.length) out.set(value, loaded);
    else chunks.push(value);
    loaded += value.length;
    onProgress({ loaded, total });
  }
  let bytes: Uint8Array;
  if (out && loaded === out.length) bytes = out;
  else {
    // Header missing or wrong: fall back to concatenating what came.
    bytes = new Uint8Array(loaded);
    let offset = 0;
    if (out) {
      bytes.set(out.subarray(0, Math.min(loaded, out.length)));
      offset = Math.min(loaded, out.length);
    }
    for (const c of chunks) {
      bytes.set(c, offset);
      offset += c.length;
    }
  }
  const buffer = bytes.buffer as ArrayBuffer;
  const parsed = parseTrainingData(buffer);
  const etag = response.headers.get("etag");
  if (etag) void writeCached({ etag, bytes: buffer });
  return { ...parsed, source: "network", ms: performance.now() - started, wireBytes: wire };
}

const listeners = new Set<(p: Progress) => void>();

/**
 * The split, downloading it at most once per page however many components ask. Every caller
 * hears the progress (a remounted lab, e.g. React's StrictMode double effect, joins the download
 * under way); `unsubscribe` stops a caller that went away from hearing more.
 */
export function loadTrainingData(onProgress: (p: Progress) => void): {
  data: Promise<TrainingData>;
  unsubscribe: () => void;
} {
  const unsubscribe = () => void listeners.delete(onProgress);
  if (memory) return { data: Promise.resolve({ ...memory, source: "memory", ms: 0 }), unsubscribe };
  listeners.add(onProgress);
  inFlight ??= download((p) => listeners.forEach((l) => l(p))).then(
    (data) => {
      memory = data;
      listeners.clear();
      return data;
    },
    (error: unknown) => {
      inFlight = null;
      listeners.clear();
      throw error;
    },
  );
  return { data: inFlight, unsubscribe };
}
