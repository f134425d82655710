import { readFile } from "node:fs/promises";
import path from "node:path";

/**
 * The TF.js wasm backend's binaries, served from our own origin (no CDN: the arena must work on
 * an offline LAN). Only the three files the backend asks for, read from the installed package.
 * The lab requests them as `?v=<tfjs-backend-wasm version>`, so they can be cached for a year:
 * an upgrade changes the URL.
 */
const FILES = new Set([
  "tfjs-backend-wasm.wasm",
  "tfjs-backend-wasm-simd.wasm",
  "tfjs-backend-wasm-threaded-simd.wasm",
]);

const DIST = path.join(process.cwd(), "node_modules", "@tensorflow", "tfjs-backend-wasm", "dist");

const cache = new Map<string, Promise<Buffer>>();

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  if (!FILES.has(file)) return new Response("Not found", { status: 404 });
  let bytes = cache.get(file);
  if (!bytes) {
    bytes = readFile(path.join(DIST, file));
    cache.set(file, bytes);
    bytes.catch(() => cache.delete(file));
  }
  const body = await bytes;
  return new Response(new Uint8Array(body), {
    headers: {
      "content-type": "application/wasm",
      "content-length": String(body.length),
      "cache-control": "public, max-age=31536000, immutable",
    },
  });
}
