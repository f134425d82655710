import { createRequire } from "node:module";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { Dataset } from "@/app/workers/dataset";
import { registerWasmConv2dFilterGrad } from "@/app/workers/wasm-conv2d-grad";
import { trainingSplit } from "@/server/evaluator/mnist";
import { seededRandom } from "../../tests/support/seeded-random";

/** The wasm backend as the lab's worker gets it, plus the conv filter-gradient kernel. */
export async function startWasm(): Promise<void> {
  const dist = path.dirname(
    createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm"),
  );
  setWasmPaths(`${dist}${path.sep}`);
  tf.enableProdMode();
  if (!(await tf.setBackend("wasm"))) throw new Error("the wasm backend did not start");
  if (!registerWasmConv2dFilterGrad()) throw new Error("no Conv2DBackpropFilter for wasm");
}

/**
 * The lab seeds nothing: its shuffles call Math.random, and TF.js initializers and dropout seed
 * themselves from Math.random when given no seed. Replacing it is the one lever that makes a run
 * repeatable without touching the lab; re-seed before each candidate so candidates do not depend
 * on what ran before them.
 */
export function seedEverything(seed: number): void {
  Math.random = seededRandom(seed);
}

/** The lab's data as the worker holds it: the 60k training split, last 5,000 held out. */
export function labDataset(validationCount = 5000): Dataset {
  const { images, labels } = trainingSplit();
  return new Dataset(images, labels, validationCount);
}

/** Training hooks for a job nobody watches: no progress, never stopped. */
export const quietHooks = {
  progress: () => undefined,
  epochEnd: () => undefined,
  shouldStop: () => false,
};

/** The value of `work` and the wall time it took. */
export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}
