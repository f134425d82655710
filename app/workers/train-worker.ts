/// <reference lib="webworker" />
import * as tf from "@tensorflow/tfjs";
import { chooseBackend } from "./backend";
import { buildGuidedModel } from "./build-model";
import { runUserCode, UserCodeError } from "./code-runner";
import { distill, measure, prune, quantize } from "./compress";
import { Dataset, validationAccuracy } from "./dataset";
import { saveWeights, toArtifact } from "./model-io";
import {
  ReasonError,
  reasonOf,
  type BackendInfo,
  type FromWorker,
  type LabJob,
  type Progress,
  type ToWorker,
} from "./protocol";
import { trainLoop } from "./train-loop";

/**
 * The lab's training worker: TF.js lives here and only here, so the quiz screens and even the
 * lab's main thread never load it, and a long fit never blocks the page. Jobs run one at a time;
 * Stop sets a flag the training loops check between batches.
 */

declare const self: DedicatedWorkerGlobalScope;

let info: BackendInfo | null = null;
let data: Dataset | null = null;
let running: number | null = null;
let stopRequested = false;

const post = (message: FromWorker) => self.postMessage(message);

const hasConv = (model: tf.LayersModel) =>
  model.layers.some((l) => l.getClassName() === "Conv2D" || l.getClassName() === "DepthwiseConv2D");

async function run(jobId: number, job: LabJob) {
  if (!data || !info) throw new ReasonError({ key: "reason.noData" }, "the worker has no data yet");
  const d = data;
  let lastRate = 0;
  const hooks = {
    progress: (progress: Progress) => {
      lastRate = progress.samplesPerSec;
      post({ type: "progress", jobId, progress });
    },
    epochEnd: (epoch: number, validationAccuracy: number) =>
      post({ type: "epoch", jobId, epoch, validationAccuracy }),
    shouldStop: () => stopRequested,
  };
  const backend = info.backend;
  switch (job.type) {
    case "train": {
      let model: tf.LayersModel;
      let outcome = { stopped: false, samplesPerSec: 0 };
      if (job.source.kind === "guided") {
        model = buildGuidedModel(job.source.spec);
        outcome = await withConvBackend(model, () => trainLoop(model, d, job.settings, hooks));
      } else {
        model = await runUserCode(job.source.code, {
          data: d,
          trainCount: job.settings.trainCount,
          log: (message) => post({ type: "log", jobId, message }),
          progress: hooks.progress,
          onEpoch: async (epoch, m) => hooks.epochEnd(epoch, await validationAccuracy(m, d)),
          shouldStop: hooks.shouldStop,
        });
        outcome = { stopped: stopRequested, samplesPerSec: lastRate };
      }
      const saved = await saveWeights(model);
      model.dispose();
      const measured = await measure(toArtifact(saved), d);
      return { ...measured, ...outcome, backend };
    }
    case "measure": {
      const measured = await measure(job.from, d);
      return { ...measured, stopped: false, samplesPerSec: 0, backend };
    }
    case "quantize": {
      const measured = await quantize(job.from, job.dtype, d);
      return { ...measured, stopped: false, samplesPerSec: 0, backend };
    }
    case "prune": {
      const result = await prune(job.from, job.sparsity, job.minWeights, job.settings, d, hooks);
      return { ...result, backend };
    }
    case "distill": {
      const r = await distill(
        job.from,
        job.student,
        job.temperature,
        job.alpha,
        job.settings,
        d,
        hooks,
      );
      return { ...r, backend };
    }
  }
}

/** Conv gradients on a wasm backend without our kernel: train that job on the CPU backend. */
async function withConvBackend<T>(model: tf.LayersModel, work: () => Promise<T>): Promise<T> {
  if (info?.convTraining !== "cpu-fallback" || !hasConv(model)) return work();
  await tf.setBackend("cpu");
  try {
    return await work();
  } finally {
    await tf.setBackend(info.backend);
  }
}

async function handle(message: ToWorker) {
  switch (message.type) {
    case "init":
      info = await chooseBackend(message.backend, message.wasmPath);
      return post({ type: "ready", info });
    case "data":
      data = new Dataset(message.images, message.labels, message.validationCount);
      return;
    case "stop":
      if (running === message.jobId) stopRequested = true;
      return;
    case "job": {
      running = message.jobId;
      stopRequested = false;
      try {
        const result = await run(message.jobId, message.job);
        // The chart's last held-out point: the saved model's own measurement.
        if (message.job.type !== "quantize" && message.job.type !== "measure") {
          post({
            type: "epoch",
            jobId: message.jobId,
            epoch: -1,
            validationAccuracy: result.validationAccuracy,
          });
        }
        post({ type: "done", jobId: message.jobId, result });
      } catch (error) {
        const line = error instanceof UserCodeError ? error.line : null;
        post({ type: "failed", jobId: message.jobId, reason: reasonOf(error), line });
      } finally {
        running = null;
      }
    }
  }
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  handle(event.data).catch((error: unknown) => {
    post({
      type: "failed",
      jobId: null,
      reason: reasonOf(error),
      line: null,
    });
  });
};
