import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import type { IncomingMessage, ServerResponse } from "node:http";
import { trainingSplit } from "../evaluator/mnist";

/**
 * The MNIST training split for the browser lab, in one compact binary file:
 *   "KBAMNIST" (8 bytes) | count (uint32 LE) | pixels per image (uint32 LE, 784)
 *   | images (count × 784 bytes, row-major, 0-255) | labels (count bytes, 0-9)
 * served gzip-compressed (~10 MB instead of 47 MB) with an ETag so the browser caches it. Only
 * the training split is ever served; the scoring images stay on the server.
 */
export const TRAINING_DATA_MAGIC = "KBAMNIST";

interface Packed {
  gz: Buffer;
  etag: string;
  rawBytes: number;
}
let packed: Promise<Packed> | undefined;

/** Compressed once per process, off the event loop (zlib's thread pool): ~47 MB in, ~10 MB out. */
async function build(): Promise<Packed> {
  const { images, labels, count } = trainingSplit();
  const header = Buffer.alloc(16);
  header.write(TRAINING_DATA_MAGIC, 0, "ascii");
  header.writeUInt32LE(count, 8);
  header.writeUInt32LE(784, 12);
  const raw = Buffer.concat([
    header,
    Buffer.from(images.buffer, images.byteOffset, images.byteLength),
    Buffer.from(labels.buffer, labels.byteOffset, labels.byteLength),
  ]);
  const gz = await promisify(gzip)(raw, { level: 9 });
  const etag = `"${createHash("sha256").update(raw).digest("hex").slice(0, 32)}"`;
  return { gz, etag, rawBytes: raw.length };
}

/**
 * Compressing takes 10-20 s of CPU (in zlib's threads) on a small machine: do it once per data
 * directory, in the background after start-up, so the first player of a coding round does not
 * wait for it. The cached file is keyed by the raw data's hash (the ETag).
 */
export function prepareTrainingData(dataDir: string): Promise<void> {
  const file = path.join(dataDir, "cache", "training-data.bin.gz");
  packed ??= (async () => {
    try {
      const [gz, meta] = await Promise.all([readFile(file), readFile(`${file}.json`, "utf8")]);
      const { etag, rawBytes } = JSON.parse(meta) as { etag: string; rawBytes: number };
      return { gz, etag, rawBytes };
    } catch {
      const built = await build();
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(`${file}.tmp`, built.gz);
      await rename(`${file}.tmp`, file);
      await writeFile(
        `${file}.json`,
        JSON.stringify({ etag: built.etag, rawBytes: built.rawBytes }),
      );
      return built;
    }
  })();
  return packed.then(() => undefined);
}

export async function serveTrainingData(req: IncomingMessage, res: ServerResponse): Promise<void> {
  packed ??= build();
  const cached = await packed;
  if (req.headers["if-none-match"] === cached.etag) {
    res.writeHead(304, { etag: cached.etag });
    res.end();
    return;
  }
  res.writeHead(200, {
    "content-type": "application/octet-stream",
    "content-encoding": "gzip",
    "content-length": cached.gz.length,
    "x-uncompressed-length": String(cached.rawBytes),
    etag: cached.etag,
    "cache-control": "public, max-age=86400",
  });
  res.end(req.method === "HEAD" ? undefined : cached.gz);
}
