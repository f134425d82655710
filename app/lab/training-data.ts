import { decodeShard, TRAINING_IMAGE_PIXELS } from "@/lib/coding/training-slices";
import type { TrainingManifest } from "@/lib/contract/http";
import { ERROR_CODES, type ErrorCode } from "@/lib/contract/errors";
import { loadToken } from "../lib/player-session";
import { ReasonError } from "../workers/protocol";
import { readCached, writeCached } from "./idb-cache";

/**
 * The round's training images for the lab: only the first `trainingBudget` images of the split, in
 * the server's gzip shards (lib/coding/training-slices.ts), fetched with the player's token. The
 * bodies are gzip files, not gzip-encoded responses, so the bytes read off the network are the
 * compressed ones: progress counts what crosses the Wi-Fi, and the lab inflates each shard itself
 * (DecompressionStream). Shards are kept in IndexedDB by place and length with their tag, so a
 * reload or a later round downloads only what it has not seen; downloaded at most once per page.
 */
export interface TrainingData {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
  /** Where it came from this time, and how long it took (ms). */
  source: "network" | "indexeddb" | "memory";
  ms: number;
  /** Bytes on the wire (compressed), when anything was downloaded. */
  wireBytes: number | null;
}

/** Compressed bytes: `total` is what the shards not already kept weigh on the wire. */
export type Progress = { loaded: number; total: number | null };

/** Where shards are kept between visits (IndexedDB in the lab; a Map in tests). */
export interface ShardStore {
  read(key: string): Promise<{ etag: string; bytes: ArrayBuffer } | null>;
  write(key: string, entry: { etag: string; bytes: ArrayBuffer }): Promise<void>;
}

export interface SliceRequest {
  /** The page's own origin in the lab (""); a server's address in tests. */
  base: string;
  code: string;
  round: number;
  token: string;
  fetch?: typeof fetch;
  store?: ShardStore;
  onProgress: (p: Progress) => void;
}

/** The server refused (a code from the closed list, e.g. TRAINING_BUDGET_EXCEEDED). */
export class TrainingDataRefused extends Error {
  constructor(readonly code: ErrorCode) {
    super(code);
  }
}

function refusal(error: string | undefined, status: number): Error {
  return error && (ERROR_CODES as readonly string[]).includes(error)
    ? new TrainingDataRefused(error as ErrorCode)
    : new ReasonError({ key: "reason.http", params: { status } });
}

/** Parallel shard downloads: enough to fill a link, few enough to show steady progress. */
const PARALLEL = 4;

async function inflate(chunks: Uint8Array[]): Promise<ArrayBuffer> {
  if (typeof DecompressionStream === "undefined")
    throw new Error("this browser cannot unpack gzip (no DecompressionStream)");
  const stream = new Blob(chunks as BlobPart[])
    .stream()
    .pipeThrough(new DecompressionStream("gzip"));
  return new Response(stream).arrayBuffer();
}

/** Downloads the round's slice of the training split; the server refuses more than the budget. */
export async function downloadTrainingSlice(request: SliceRequest): Promise<TrainingData> {
  const started = performance.now();
  const get = request.fetch ?? fetch;
  const store = request.store ?? { read: readCached, write: writeCached };
  const url = `${request.base}/api/rooms/${request.code}/training-data`;
  const headers = { authorization: `Bearer ${request.token}` };
  const answer = await get(`${url}?round=${request.round}`, { headers });
  const body = (await answer.json()) as
    { ok: true; data: TrainingManifest } | { ok: false; error: string };
  if (!body.ok) throw refusal(body.error, answer.status);
  const { budget, shards } = body.data;

  const images = new Uint8Array(budget * TRAINING_IMAGE_PIXELS);
  const labels = new Uint8Array(budget);
  const key = (s: { first: number; count: number }) => `mnist-train:${s.first}+${s.count}`;
  const place = (spec: (typeof shards)[number], bytes: ArrayBuffer) => {
    const shard = decodeShard(new Uint8Array(bytes));
    if (shard.count !== spec.count) throw new Error("truncated training data");
    images.set(shard.images, spec.first * TRAINING_IMAGE_PIXELS);
    labels.set(shard.labels, spec.first);
  };
  const kept = await Promise.all(shards.map((s) => store.read(key(s))));
  const missing = shards.filter((s, i) => {
    const entry = kept[i];
    if (!entry || entry.etag !== s.etag) return true;
    try {
      place(s, entry.bytes);
      return false;
    } catch {
      return true; // a damaged copy is downloaded again, not trained on or failed on forever
    }
  });
  const total = missing.reduce((sum, s) => sum + s.bytes, 0);
  let loaded = 0;
  if (missing.length > 0) request.onProgress({ loaded, total });

  const queue = [...missing];
  const worker = async () => {
    for (let spec = queue.shift(); spec; spec = queue.shift()) {
      const response = await get(`${url}/${spec.index}?round=${request.round}`, { headers });
      if (!response.ok || !response.body) {
        const refused = (await response.json().catch(() => null)) as { error?: string } | null;
        throw refusal(refused?.error, response.status);
      }
      const chunks: Uint8Array[] = [];
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        loaded += value.length;
        request.onProgress({ loaded, total });
      }
      const bytes = await inflate(chunks);
      place(spec, bytes);
      void store.write(key(spec), { etag: response.headers.get("etag") ?? spec.etag, bytes });
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, missing.length) }, worker)).catch(
    (error: unknown) => {
      queue.length = 0; // the other downloads stop after their current shard
      throw error;
    },
  );

  return {
    images,
    labels,
    count: budget,
    source: missing.length > 0 ? "network" : "indexeddb",
    ms: performance.now() - started,
    wireBytes: missing.length > 0 ? loaded : null,
  };
}

const memory = new Map<string, TrainingData>();
const inFlight = new Map<string, Promise<TrainingData>>();
const listeners = new Map<string, Set<(p: Progress) => void>>();

/**
 * The round's slice, downloading it at most once per page however many components ask. Every
 * caller hears the progress (a remounted lab, e.g. React's StrictMode double effect, joins the
 * download under way); `unsubscribe` stops a caller that went away from hearing more.
 */
export function loadTrainingData(
  code: string,
  round: number,
  onProgress: (p: Progress) => void,
): { data: Promise<TrainingData>; unsubscribe: () => void } {
  const id = `${code}/${round}`;
  const heard = listeners.get(id) ?? new Set();
  listeners.set(id, heard);
  const unsubscribe = () => void heard.delete(onProgress);
  const done = memory.get(id);
  if (done) return { data: Promise.resolve({ ...done, source: "memory", ms: 0 }), unsubscribe };
  heard.add(onProgress);
  let data = inFlight.get(id);
  if (!data) {
    const token = loadToken(code);
    data = (
      token
        ? downloadTrainingSlice({
            base: "",
            code,
            round,
            token,
            onProgress: (p) => heard.forEach((l) => l(p)),
          })
        : Promise.reject(new TrainingDataRefused("INVALID_TOKEN"))
    ).then(
      (loaded) => {
        memory.set(id, loaded);
        inFlight.delete(id);
        heard.clear();
        return loaded;
      },
      (error: unknown) => {
        inFlight.delete(id);
        heard.clear();
        throw error;
      },
    );
    inFlight.set(id, data);
  }
  return { data, unsubscribe };
}
