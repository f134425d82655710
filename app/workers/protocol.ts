import type { ModelArtifact } from "@/lib/model/artifact";
import type { LearningRateSchedule } from "@/lib/model/schedule";
import type { QuantizedDtype } from "@/lib/model/weights";
import type { MessageKey } from "../lib/messages/en";

/**
 * The messages between the lab (main thread) and the training worker. The worker is stateless
 * apart from the data set: every job carries the model it starts from as an artifact, so a worker
 * that had to be terminated (Stop on a runaway user loop) can be replaced without losing versions.
 */

export type BackendChoice = "auto" | "webgl" | "wasm" | "cpu";
export type BackendName = "webgl" | "wasm" | "cpu";

/** How conv layers get their gradients on the chosen backend. */
export type ConvTraining = "native" | "wasm-kernel" | "cpu-fallback";

export type GuidedLayer =
  | { kind: "dense"; units: number }
  | { kind: "conv2d"; filters: number; kernelSize: number }
  | { kind: "maxPool"; poolSize: number }
  | { kind: "avgPool"; poolSize: number }
  | { kind: "dropout"; rate: number }
  | { kind: "flatten" };

/** Hidden layers only: the lab always appends Dense(10, softmax). */
export interface GuidedSpec {
  layers: GuidedLayer[];
}

export interface TrainSettings {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** "step": 0.4x the rate from half way, 0.1x for the last eighth (lib/model/schedule.ts). */
  schedule: LearningRateSchedule;
  /** Images from the start of the downloaded split to train on (validation comes after them). */
  trainCount: number;
}

export type JobSource = { kind: "guided"; spec: GuidedSpec } | { kind: "code"; code: string };

export type LabJob =
  | { type: "train"; source: JobSource; settings: TrainSettings }
  /** A model that came from elsewhere (the "shrink" round's baseline): measure it, change nothing. */
  | { type: "measure"; from: ModelArtifact }
  | { type: "quantize"; from: ModelArtifact; dtype: QuantizedDtype }
  | {
      type: "prune";
      from: ModelArtifact;
      sparsity: number;
      /** Kernels with at least this many weights are pruned (1 = every kernel). */
      minWeights: number;
      settings: TrainSettings;
    }
  | {
      type: "distill";
      from: ModelArtifact;
      student: GuidedSpec;
      temperature: number;
      /** Weight of the soft-target loss; 1 - alpha goes to the true labels. */
      alpha: number;
      settings: TrainSettings;
    };

export type ToWorker =
  | { type: "init"; backend: BackendChoice; wasmPath: string }
  | { type: "data"; images: Uint8Array; labels: Uint8Array; validationCount: number }
  | { type: "job"; jobId: number; job: LabJob }
  | { type: "stop"; jobId: number };

export interface BackendInfo {
  backend: BackendName;
  convTraining: ConvTraining;
  /** A faster backend that was passed over, and why (the UI words it). */
  fallback: {
    from: BackendName;
    reason: "unavailable" | "software";
    renderer: string | null;
  } | null;
}

export interface Progress {
  epoch: number;
  epochs: number;
  /** Batches done in this job so far, and in total. */
  step: number;
  steps: number;
  loss: number;
  accuracy: number;
  samplesPerSec: number;
  elapsedMs: number;
}

export interface JobResult {
  artifact: ModelArtifact;
  validationAccuracy: number;
  parameters: number;
  /** Fraction of exactly-zero weights over all tensors. */
  sparsity: number;
  /** Stopped by the player before the planned end. */
  stopped: boolean;
  backend: BackendName;
  samplesPerSec: number;
}

export type FromWorker =
  | { type: "ready"; info: BackendInfo }
  | { type: "progress"; jobId: number; progress: Progress }
  | { type: "epoch"; jobId: number; epoch: number; validationAccuracy: number }
  | { type: "log"; jobId: number; message: string }
  | { type: "done"; jobId: number; result: JobResult }
  | {
      type: "failed";
      jobId: number | null;
      reason: LabReason;
      /** 1-based line in the player's code, when the error came from there. */
      line: number | null;
    };

/**
 * Why something in the lab failed, as a message key the page translates (the worker has no
 * language). Errors of the player's code, TF.js or the browser keep their own text: "reason.other".
 */
export type ReasonKey = Extract<MessageKey, `reason.${string}`>;
export interface LabReason {
  key: ReasonKey;
  params?: Record<string, string | number>;
}

/** An error the lab itself raises, with its translatable reason (the message is for logs). */
export class ReasonError extends Error {
  constructor(
    readonly reason: LabReason,
    message: string = reason.key,
  ) {
    super(message);
  }
}

export function reasonOf(error: unknown): LabReason {
  if (error instanceof Error && "reason" in error && error.reason) return error.reason as LabReason;
  return {
    key: "reason.other",
    params: { message: error instanceof Error ? error.message : String(error) },
  };
}
