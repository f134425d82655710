import type { BackendChoice, BackendInfo } from "@/app/workers/protocol";

/**
 * What bench/browser-training.ts asks the page for, and what the page asks each of its workers.
 * Types only: Node, the page and the workers all import this file.
 */

export type BenchBackend = Exclude<BackendChoice, "auto">;
export type BenchModel = "mlp" | "cnn";

/** Where the page finds the wasm binaries; chooseBackend appends `?v=<version>`. */
export const WASM_PATH = "/tfjs-wasm/";
export const MNIST_IMAGES_PATH = "/mnist/images.bin";
export const MNIST_LABELS_PATH = "/mnist/labels.bin";

export interface BackendReport {
  requested: BenchBackend;
  /** chooseBackend's answer: `info.backend` is the backend that really runs. */
  info: BackendInfo;
  /** WebGL only: UNMASKED_RENDERER_WEBGL (SwiftShader on this machine). */
  renderer: string | null;
  /** wasm only: which of the three binaries the backend could pick. */
  wasm: { simd: boolean; threads: boolean } | null;
  tfjsVersion: string;
}

export interface TrainRequest {
  model: BenchModel;
  samples: number;
  batchSize: number;
  learningRate: number;
  /**
   * Instead of the run `samples` describes, this many full batches plus that run's last, partial
   * batch: WebGL compiles shaders per tensor shape, and the timed run must not pay for any.
   */
  warmUpBatches: number | null;
}

export interface TrainReport {
  /** tf.getBackend() after the run: a fallback inside TF.js would show here. */
  backend: string;
  params: number;
  /** Images trained on (epochs x trainCount). */
  samples: number;
  /** trainLoop's LoopOutcome.samplesPerSec: the figure the lab shows. */
  samplesPerSec: number;
  /** Model build + trainLoop + dispose, as the worker saw it. */
  wallMs: number;
}

/** Exposed by bench/browser/entry.ts as `window.kbaBench`. */
export interface BenchApi {
  /** Starts a worker on `backend` with the MNIST images the page has loaded. */
  open(backend: BenchBackend): Promise<BackendReport>;
  train(backend: BenchBackend, request: TrainRequest): Promise<TrainReport>;
  close(backend: BenchBackend): void;
}

export type ToBenchWorker =
  | { id: number; call: "init"; backend: BenchBackend; wasmPath: string }
  | { id: number; call: "data"; images: Uint8Array; labels: Uint8Array }
  | { id: number; call: "train"; request: TrainRequest };

export type FromBenchWorker =
  | { id: number; ok: true; call: "init"; report: BackendReport }
  | { id: number; ok: true; call: "data" }
  | { id: number; ok: true; call: "train"; report: TrainReport }
  | { id: number; ok: false; error: string };
