/// <reference lib="webworker" />
import * as tf from "@tensorflow/tfjs";
import { PRESETS } from "@/app/lab/guided-spec";
import { chooseBackend, webglRenderer } from "@/app/workers/backend";
import { buildGuidedModel } from "@/app/workers/build-model";
import { Dataset } from "@/app/workers/dataset";
import type { TrainSettings } from "@/app/workers/protocol";
import { trainLoop } from "@/app/workers/train-loop";
import type {
  BackendReport,
  BenchBackend,
  FromBenchWorker,
  ToBenchWorker,
  TrainReport,
  TrainRequest,
} from "./protocol";

/**
 * One backend per worker, as in the lab (app/workers/train-worker.ts): the lab's own backend
 * choice, model builder, data set and training loop, run in a dedicated worker like the real one
 * (WebGL there draws on an OffscreenCanvas, not the page's canvas). Only the job plumbing is ours.
 */

declare const self: DedicatedWorkerGlobalScope;

let data: Dataset | null = null;

async function init(requested: BenchBackend, wasmPath: string): Promise<BackendReport> {
  const info = await chooseBackend(requested, wasmPath);
  const wasm =
    info.backend === "wasm"
      ? {
          simd: Boolean(await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT")),
          threads: Boolean(await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT")),
        }
      : null;
  return { requested, info, renderer: webglRenderer(), wasm, tfjsVersion: tf.version.tfjs };
}

/**
 * One epoch over the first `samples` images, or as many equal epochs as it takes when there are
 * fewer images than that (no validation split, so nothing runs between epochs).
 */
function settingsFor(request: TrainRequest, trainable: number): TrainSettings {
  const { samples, batchSize, learningRate, warmUpBatches } = request;
  const epochs = Math.ceil(samples / trainable);
  const trainCount = Math.ceil(samples / epochs);
  // Throughput only: a constant rate (a step-down would just rebuild the optimizer mid-run).
  const schedule = "constant";
  if (warmUpBatches === null) return { epochs, batchSize, learningRate, schedule, trainCount };
  return {
    epochs: 1,
    batchSize,
    learningRate,
    schedule,
    trainCount: Math.min(trainCount, warmUpBatches * batchSize + (trainCount % batchSize)),
  };
}

async function train(request: TrainRequest): Promise<TrainReport> {
  if (!data) throw new Error("no data yet");
  const started = performance.now();
  const settings = settingsFor(request, data.trainable);
  const { epochs } = settings;
  const model = buildGuidedModel(PRESETS[request.model]);
  try {
    const outcome = await trainLoop(model, data, settings, {
      progress: () => {},
      epochEnd: () => {},
      shouldStop: () => false,
    });
    return {
      backend: tf.getBackend(),
      params: model.countParams(),
      samples: epochs * settings.trainCount,
      samplesPerSec: outcome.samplesPerSec,
      wallMs: performance.now() - started,
    };
  } finally {
    model.dispose();
  }
}

async function handle(message: ToBenchWorker): Promise<FromBenchWorker> {
  const { id } = message;
  switch (message.call) {
    case "init":
      return { id, ok: true, call: "init", report: await init(message.backend, message.wasmPath) };
    case "data":
      data = new Dataset(message.images, message.labels, 0);
      return { id, ok: true, call: "data" };
    case "train":
      return { id, ok: true, call: "train", report: await train(message.request) };
  }
}

self.onmessage = (event: MessageEvent<ToBenchWorker>) => {
  handle(event.data).then(
    (reply) => self.postMessage(reply),
    (error: unknown) =>
      self.postMessage({
        id: event.data.id,
        ok: false,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      } satisfies FromBenchWorker),
  );
};
