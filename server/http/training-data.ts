import { createHash } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import {
  encodeShard,
  TRAINING_IMAGE_PIXELS,
  TRAINING_SHARD_SIZE,
  trainingShards,
  type ShardSpec,
} from "@/lib/coding/training-slices";
import type { TrainingManifest } from "@/lib/contract/http";
import { trainingSplit } from "../evaluator/mnist";

/**
 * The lab's training data in shards (lib/coding/training-slices.ts), each gzip-compressed once and
 * sent as it is: the body is the gzip file itself (application/gzip, no Content-Encoding), so the
 * lab counts the bytes that really cross the network and inflates them itself. Only the training
 * split is ever cut here; the scoring images stay on the server. Which shards a player may have is
 * decided by the caller (the round's budget: app/api/rooms/[code]/training-data): this module
 * serves what it is told.
 */
interface PackedShard {
  gz: Buffer;
  etag: string;
  rawBytes: number;
}

const deflate = promisify(gzip);
/** Bumped when the shard format or size changes, so a data directory's old cache is not read. */
const CACHE_NAME = `training-shards-${TRAINING_SHARD_SIZE}-v1`;
const LEGACY_CACHE = "training-data.bin.gz";

async function pack(spec: ShardSpec): Promise<PackedShard> {
  const { images, labels } = trainingSplit();
  const raw = encodeShard(
    images.subarray(
      spec.first * TRAINING_IMAGE_PIXELS,
      (spec.first + spec.count) * TRAINING_IMAGE_PIXELS,
    ),
    labels.subarray(spec.first, spec.first + spec.count),
  );
  const gz = await deflate(raw, { level: 9 });
  const etag = `"${createHash("sha256").update(raw).digest("hex").slice(0, 32)}"`;
  return { gz, etag, rawBytes: raw.length };
}

// Full shards, by index: filled from the data directory's cache at start-up, or packed on first
// request (a round of 2,000 images waits for two shards, not for the whole split).
const full = new Map<number, Promise<PackedShard>>();
let prepared: Promise<void> | undefined;

function fullShard(spec: ShardSpec): Promise<PackedShard> {
  let packed = full.get(spec.index);
  if (!packed) {
    packed = pack(spec);
    full.set(spec.index, packed);
    packed.catch(() => full.delete(spec.index));
  }
  return packed;
}

/**
 * The cache's index file. It is written last, so once it exists the cache is complete (what the
 * load bench waits for: a first start's background compression would otherwise be measured as
 * the game's CPU).
 */
export function trainingDataCacheIndex(dataDir: string): string {
  return `${cacheFile(dataDir)}.json`;
}

const cacheFile = (dataDir: string): string => path.join(dataDir, "cache", `${CACHE_NAME}.bin`);

/**
 * Compressing the whole split takes 10-20 s of CPU on a small machine: do it once per data
 * directory, in the background after start-up, so the first players of a coding round do not
 * wait. The cache is one file of the shards back to back and an index of their sizes and tags.
 */
export function prepareTrainingData(dataDir: string): Promise<void> {
  const file = cacheFile(dataDir);
  const specs = trainingShards(trainingSplit().count);
  prepared ??= (async () => {
    try {
      const [bytes, meta] = await Promise.all([readFile(file), readFile(`${file}.json`, "utf8")]);
      const index = JSON.parse(meta) as { etag: string; rawBytes: number; gzBytes: number }[];
      if (index.length !== specs.length) throw new Error("training data cache is of another split");
      let offset = 0;
      const shards = index.map(({ etag, rawBytes, gzBytes }) => {
        const gz = bytes.subarray(offset, (offset += gzBytes));
        return { gz, etag, rawBytes };
      });
      if (offset !== bytes.length) throw new Error("training data cache does not match its index");
      shards.forEach((shard, i) => full.set(i, Promise.resolve(shard)));
    } catch {
      // One after another: the packing runs in zlib's threads, which other work shares.
      const shards: PackedShard[] = [];
      for (const spec of specs) shards.push(await fullShard(spec));
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(`${file}.tmp`, Buffer.concat(shards.map((s) => s.gz)));
      await rename(`${file}.tmp`, file);
      const index = shards.map((s) => ({
        etag: s.etag,
        rawBytes: s.rawBytes,
        gzBytes: s.gz.length,
      }));
      await writeFile(`${file}.json`, JSON.stringify(index));
      // The whole split as one file (before shards): 10 MB nothing reads any more.
      await rm(path.join(dataDir, "cache", LEGACY_CACHE), { force: true });
      await rm(path.join(dataDir, "cache", `${LEGACY_CACHE}.json`), { force: true });
    }
  })();
  return prepared;
}

// A budget that is not a multiple of the shard size ends in a short shard, cut on first request.
// Budgets are the rooms' settings, never a client's number, so few distinct ones exist; the cap
// only bounds memory in a long-running server.
const partial = new Map<string, Promise<PackedShard>>();
const PARTIAL_CAP = 32;

async function shard(spec: ShardSpec): Promise<PackedShard> {
  if (spec.count === TRAINING_SHARD_SIZE) return fullShard(spec);
  const key = `${spec.index}:${spec.count}`;
  let packed = partial.get(key);
  if (!packed) {
    const oldest = partial.keys().next();
    if (partial.size >= PARTIAL_CAP && !oldest.done) partial.delete(oldest.value);
    packed = pack(spec);
    partial.set(key, packed);
    packed.catch(() => partial.delete(key));
  }
  return packed;
}

/** The shards a round's budget allows, with their compressed sizes: the lab's progress total. */
export async function trainingManifest(budget: number): Promise<TrainingManifest> {
  const specs = trainingShards(budget);
  const packed = await Promise.all(specs.map(shard));
  return {
    budget,
    shards: specs.map((spec, i) => ({
      ...spec,
      bytes: packed[i]!.gz.length,
      etag: packed[i]!.etag,
    })),
  };
}

/**
 * One shard, which the caller has checked the round allows. Its bytes never change (the tag is
 * their hash), so the browser may keep it for good; `private` because the URL needs a player's
 * token, and a shared cache must not hand it to anyone else.
 */
export async function trainingShardResponse(request: Request, spec: ShardSpec): Promise<Response> {
  const packed = await shard(spec);
  const headers = {
    etag: packed.etag,
    "cache-control": "private, max-age=31536000, immutable",
  };
  if (request.headers.get("if-none-match") === packed.etag) {
    return new Response(null, { status: 304, headers });
  }
  const body = new Uint8Array(
    packed.gz.buffer as ArrayBuffer,
    packed.gz.byteOffset,
    packed.gz.length,
  );
  return new Response(request.method === "HEAD" ? null : body, {
    status: 200,
    headers: {
      ...headers,
      "content-type": "application/gzip",
      "content-length": String(packed.gz.length),
      "x-uncompressed-length": String(packed.rawBytes),
    },
  });
}

/**
 * What the route handlers reach through the app context (server/context.ts): they are bundled by
 * Next apart from this process's modules, so importing this file there would pack and hold a
 * second copy of the split instead of using the one prepared at start-up.
 */
export const trainingData = { manifest: trainingManifest, shardResponse: trainingShardResponse };
export type TrainingDataService = typeof trainingData;
