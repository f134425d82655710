import type { ModelArtifact } from "../../lib/model/artifact";
import type { ModelRejection } from "../../lib/model/rejections";

/**
 * What the evaluator parent and its child process say to each other over IPC, and the
 * rejections only a run can find (the static ones live in lib/model/rejections.ts, shared with
 * the browser lab, which can check those before submitting but cannot know these).
 */
export const EVALUATION_REJECTION_CODES = [
  /** The model ran but produced NaN or an infinity for some image. */
  "NON_FINITE_OUTPUT",
  /** Scoring took longer than the time limit; the child was killed. */
  "EVALUATION_TIMEOUT",
  /** The child's resident memory went over the cap; it was killed. */
  "EVALUATION_MEMORY",
  /** The child died or failed while scoring this model. */
  "EVALUATION_CRASHED",
] as const;

export type EvaluationRejectionCode = (typeof EVALUATION_REJECTION_CODES)[number];

export type EvaluationRejection =
  ModelRejection | { code: EvaluationRejectionCode; detail: string };

/** Parent -> child. The artifact has passed every static check in the parent. */
export interface ScoreJob {
  type: "score";
  jobId: number;
  artifact: ModelArtifact;
}

/** Child -> parent, once, when the backend and the scoring tensors are ready. */
export interface ChildReady {
  type: "ready";
  backend: string;
  /** From process start to ready, measured in the child. */
  warmUpMs: number;
}

export interface ScoreSuccess {
  type: "scored";
  jobId: number;
  ok: true;
  publicAccuracy: number;
  privateAccuracy: number;
  /** Predicted digit counts over the 10,000 test images: a cheap fingerprint for reproducibility. */
  predictionCounts: number[];
  /** FNV-1a (32-bit, hex) over the 10,000 predicted digits in order: equal runs, equal digests. */
  predictionDigest: string;
  evaluatedAt: number;
  /** Decode + load + predict in the child. */
  ms: number;
  /** Decoding the weights and building the model. */
  loadMs: number;
  /** Predicting and reading back all 10,000 outputs. */
  predictMs: number;
}

export interface ScoreFailure {
  type: "scored";
  jobId: number;
  ok: false;
  rejection: EvaluationRejection;
}

/** Parent -> child: a liveness probe (/api/health); answered with a Pong of the same id. */
export interface Ping {
  type: "ping";
  id: number;
}

/** Child -> parent: the answer to a Ping, sent from the child's event loop. */
export interface Pong {
  type: "pong";
  id: number;
}

export type ParentMessage = ScoreJob | Ping;
export type ChildMessage = ChildReady | ScoreSuccess | ScoreFailure | Pong;
