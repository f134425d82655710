import { readFile } from "node:fs/promises";
import { createServer, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { build } from "vite";
import { IMAGE_PIXELS, trainingSplit } from "../../server/evaluator/mnist";
import { MNIST_IMAGES_PATH, MNIST_LABELS_PATH, WASM_PATH } from "./protocol";

/**
 * Node side of the browser bench: bundles bench/browser (page + worker, importing the lab's code
 * through the `@` alias, as tsconfig's paths do) with Vite's production build, and serves it with
 * the MNIST bytes and the wasm binaries from one origin on 127.0.0.1. Nothing else is served.
 */

const HERE = import.meta.dirname;
const ROOT = path.resolve(HERE, "..", "..");

/** The same three files app/tfjs-wasm serves, from the installed package. */
const WASM_FILES = new Set([
  "tfjs-backend-wasm.wasm",
  "tfjs-backend-wasm-simd.wasm",
  "tfjs-backend-wasm-threaded-simd.wasm",
]);
const WASM_DIST = path.dirname(
  createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm"),
);

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".map": "application/json",
};

export async function buildPage(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: HERE,
    logLevel: "warn",
    resolve: { alias: { "@": ROOT } },
    worker: { format: "es" },
    build: {
      outDir,
      emptyOutDir: true,
      // The page awaits its data at the top level.
      target: "es2022",
      reportCompressedSize: false,
      // TF.js is ~2 MB minified: a warning about it would only be noise.
      chunkSizeWarningLimit: 4096,
      // Rolldown's report of slow plugins (Vite's worker bundling) would only be noise here.
      rolldownOptions: { checks: { bundlerTimings: false } },
    },
  });
}

export interface PageServer {
  origin: string;
  /** Requests the server refused (404): a page that asks for more than this is a bug. */
  misses: string[];
  close(): Promise<void>;
}

/**
 * Serves the first `count` images of the training split (the lab downloads them as a round's
 * shards), as raw bytes: 784 a image, then one a label. Loading is not what this bench measures.
 */
export async function servePage(outDir: string, count: number): Promise<PageServer> {
  const split = trainingSplit();
  if (count > split.count) throw new Error(`only ${split.count} training images`);
  const routes = new Map<string, { body: Uint8Array; type: string }>([
    [
      MNIST_IMAGES_PATH,
      { body: split.images.subarray(0, count * IMAGE_PIXELS), type: "application/octet-stream" },
    ],
    [
      MNIST_LABELS_PATH,
      { body: split.labels.subarray(0, count), type: "application/octet-stream" },
    ],
  ]);
  const misses: string[] = [];

  const send = (res: ServerResponse, body: Uint8Array, type: string) => {
    res.writeHead(200, { "content-type": type, "content-length": body.length });
    res.end(body);
  };
  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    const fixed = routes.get(pathname);
    if (fixed) return send(res, fixed.body, fixed.type);
    let file: string | null = null;
    if (pathname.startsWith(WASM_PATH)) {
      const name = pathname.slice(WASM_PATH.length);
      if (WASM_FILES.has(name)) file = path.join(WASM_DIST, name);
    } else {
      const candidate = path.join(outDir, pathname === "/" ? "index.html" : pathname);
      if (candidate.startsWith(outDir + path.sep)) file = candidate;
    }
    const type = file ? TYPES[path.extname(file)] : undefined;
    if (!file || !type) {
      misses.push(pathname);
      res.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) => send(res, body, type),
      () => {
        misses.push(pathname);
        res.writeHead(404).end();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    misses,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
