import type { ModelArtifact } from "../../lib/model/artifact";
import type { GatedModel } from "../../lib/model/gate";
import type { TopologySummary } from "../../lib/model/topology";
import { processLogger, type Logger } from "../logger";
import {
  EvaluatorUnavailableError,
  readRssBytes,
  startEvaluatorChild,
  type EvaluatorChild,
} from "./child-process";
import { FairQueue } from "./fair-queue";
import { checkLiveness, type EvaluatorLiveness } from "./liveness";
import type {
  ChildMessage,
  ChildReady,
  EvaluationRejection,
  ScoreFailure,
  ScoreSuccess,
} from "./protocol";

export { EvaluatorUnavailableError } from "./child-process";
export type { EvaluatorLiveness, EvaluatorState } from "./liveness";
export { EVALUATION_REJECTION_CODES, type EvaluationRejection } from "./protocol";
export type { TopologySummary } from "../../lib/model/topology";

/**
 * Bump whenever a change could move a score: the split, preprocessing, batching, backend, the
 * argmax tie rule. Stored beside every score so old and new figures are never compared.
 */
export const EVALUATOR_VERSION = 1;

export type EvaluationResult =
  | {
      ok: true;
      publicAccuracy: number;
      privateAccuracy: number;
      sizeBytes: number;
      parameters: number;
      summary: TopologySummary;
      evaluatorVersion: number;
      /** Wall time of this evaluation, less any wait for the queue or for the child to start. */
      ms: number;
      /** Where `ms` went: the round trip to the child, which includes load and predict. */
      timings: { roundTripMs: number; loadMs: number; predictMs: number };
      predictionCounts: number[];
      predictionDigest: string;
    }
  | { ok: false; rejection: EvaluationRejection };

export interface ModelEvaluatorOptions {
  /** Per job, from dispatch to reply. Default 20 s. */
  timeLimitMs?: number;
  /** Child resident memory (VmRSS) cap. Default 1.5 GiB. */
  memoryLimitBytes?: number;
  /** How often VmRSS is read. Default 50 ms. */
  memoryPollMs?: number;
  /** Child start-up (TF.js, wasm, scoring tensors). Default 60 s. */
  startTimeoutMs?: number;
  /** V8 heap cap for the child; wasm and ArrayBuffers are outside it, hence the RSS poll. */
  maxOldSpaceMb?: number;
  logger?: Logger;
  /** Told of every finished job (metrics: server/observability/metrics.ts). */
  observer?: EvaluationObserver;
}

export interface EvaluationObserver {
  /** `outcome` is "ok" or the rejection code: a closed list, so a safe metric label. */
  evaluated(seconds: number, outcome: string): void;
}

type Outcome = ScoreSuccess | ScoreFailure;

/** The turn shared by jobs that name no owner (re-scores, the baseline). */
const UNOWNED = "";

/**
 * Scores submitted models on the hidden MNIST test split in one warm child process, one job at a
 * time. It takes only models that passed the upload gate (lib/model/gate.ts, run on a worker
 * thread by server/coding/gate-pool.ts), which already checked and sized them; the server's own
 * event loop never runs TF.js. The child, which decodes the weights, loads and
 * predicts, is SIGKILLed on a time or memory overrun and started afresh for the next job. Worker
 * threads would be lighter, but their resourceLimits do not bound ArrayBuffer or wasm memory.
 *
 * Jobs wait in a FairQueue: players take turns, one job each (fair-queue.ts), and a model whose
 * predicted scoring time is over budget never queues: the gate refuses it (TOO_SLOW, cost.ts).
 */
export class ModelEvaluator {
  private readonly timeLimitMs: number;
  private readonly memoryLimitBytes: number;
  private readonly memoryPollMs: number;
  private readonly startTimeoutMs: number;
  private readonly maxOldSpaceMb: number;
  private readonly log: Logger;
  private child: EvaluatorChild | undefined;
  /** One job at a time, players served in turn (see fair-queue.ts). */
  private readonly queue = new FairQueue();
  private nextJobId = 1;
  private closed = false;
  private warnedNoProc = false;
  /** Whether the current child has said it is ready; why the last one failed to start. */
  private childReady = false;
  private startFailure: string | undefined;
  /** The job running in the child now: when it was dispatched and its time limit. */
  private running: { startedAt: number; timeLimitMs: number } | undefined;

  constructor(options: ModelEvaluatorOptions = {}) {
    this.timeLimitMs = options.timeLimitMs ?? 20_000;
    this.memoryLimitBytes = options.memoryLimitBytes ?? 1.5 * 1024 ** 3;
    this.memoryPollMs = options.memoryPollMs ?? 50;
    this.startTimeoutMs = options.startTimeoutMs ?? 60_000;
    this.maxOldSpaceMb = options.maxOldSpaceMb ?? 512;
    this.log = options.logger ?? processLogger();
    this.observer = options.observer;
  }

  private readonly observer: EvaluationObserver | undefined;

  /**
   * Scores a model that has passed the upload gate (lib/model/gate.ts): nothing is checked or
   * sized again here, the gate's verdict and size are the ones recorded. Never throws for anything
   * about the model: every problem a run can find is a typed rejection. Throws
   * EvaluatorUnavailableError only if the child cannot start, or after close().
   */
  async evaluate(
    model: GatedModel,
    /**
     * owner: who the job is for (the player); owners are served in turn, so one player's backlog
     * never delays another's score by more than one evaluation. Jobs without one share a turn.
     */
    options: { timeLimitMs?: number; owner?: string } = {},
  ): Promise<EvaluationResult> {
    if (this.closed) throw new EvaluatorUnavailableError("ModelEvaluator is closed");
    const { artifact, summary, sizeBytes } = model;
    const job = this.queue.run(options.owner ?? UNOWNED, () =>
      this.runJob(artifact, options.timeLimitMs ?? this.timeLimitMs),
    );
    const { outcome, ms } = await job;
    this.observer?.evaluated(ms / 1000, outcome.ok ? "ok" : outcome.rejection.code);
    if (!outcome.ok) return { ok: false, rejection: outcome.rejection };
    return {
      ok: true,
      publicAccuracy: outcome.publicAccuracy,
      privateAccuracy: outcome.privateAccuracy,
      sizeBytes,
      parameters: summary.parameters,
      summary,
      evaluatorVersion: EVALUATOR_VERSION,
      ms,
      timings: { roundTripMs: ms, loadMs: outcome.loadMs, predictMs: outcome.predictMs },
      predictionCounts: outcome.predictionCounts,
      predictionDigest: outcome.predictionDigest,
    };
  }

  /** Starts the child now (server start, benchmarks) instead of on the first submission. */
  async warmUp(): Promise<ChildReady> {
    return this.ensureChild().ready;
  }

  /** Jobs waiting for their turn, not counting the one running. */
  queueLength(): number {
    return this.queue.waitingCount();
  }

  /** Whether a job is running in the child now. */
  get busy(): boolean {
    return this.queue.busy;
  }

  /**
   * A cheap liveness check (liveness.ts says what each state means). Never starts a child: a
   * health probe must not spend a TF.js start-up, and an idle evaluator is a healthy one.
   */
  liveness(timeoutMs: number): Promise<EvaluatorLiveness> {
    return checkLiveness(
      {
        closed: this.closed,
        child: this.child,
        childReady: this.childReady,
        startFailure: this.startFailure,
        running: this.running,
        queued: this.queueLength(),
      },
      timeoutMs,
    );
  }

  /** The warm child's process id, if one is running. */
  childPid(): number | undefined {
    return this.child?.process.pid;
  }

  /** Resident memory of the child, or undefined when none runs (or /proc is unavailable). */
  childRssBytes(): number | undefined {
    const pid = this.child?.process.pid;
    return pid === undefined ? undefined : readRssBytes(pid);
  }

  async close(): Promise<void> {
    this.closed = true;
    const child = this.child;
    if (!child) return;
    this.discard(child);
    if (child.process.exitCode === null && child.process.signalCode === null) {
      // The child is unref'd; without this, awaiting its exit would not keep the loop alive.
      child.process.ref();
      await new Promise((resolve) => child.process.once("exit", resolve));
    }
  }

  private ensureChild(): EvaluatorChild {
    if (this.child) return this.child;
    let child: EvaluatorChild;
    try {
      child = startEvaluatorChild({
        maxOldSpaceMb: this.maxOldSpaceMb,
        startTimeoutMs: this.startTimeoutMs,
        log: this.log,
      });
    } catch (error) {
      this.startFailure = error instanceof Error ? error.message : String(error);
      throw error;
    }
    child.process.once("exit", () => {
      if (this.child === child) this.child = undefined;
    });
    this.child = child;
    this.childReady = false;
    child.ready.then(
      () => {
        if (this.child === child) this.childReady = true;
        this.startFailure = undefined;
      },
      (error: unknown) => {
        this.startFailure = error instanceof Error ? error.message : String(error);
        // Dropped now, not on its exit event: health must say "failed", not "starting".
        if (this.child === child) this.discard(child);
      },
    );
    return child;
  }

  /** Kills a child for good; the next job starts a fresh one. */
  private discard(child: EvaluatorChild): void {
    if (this.child === child) this.child = undefined;
    child.process.kill("SIGKILL");
  }

  private async runJob(
    artifact: ModelArtifact,
    timeLimitMs: number,
  ): Promise<{ outcome: Outcome; ms: number; dispatchedAt: number }> {
    if (this.closed) throw new EvaluatorUnavailableError("ModelEvaluator is closed");
    const child = this.ensureChild();
    try {
      await child.ready;
    } catch (e) {
      this.discard(child);
      throw e;
    }
    const jobId = this.nextJobId++;
    const pid = child.process.pid!;
    const started = performance.now();
    this.running = { startedAt: started, timeLimitMs };
    const outcome = await new Promise<Outcome>((resolve) => {
      let settled = false;
      const fail = (
        code: "EVALUATION_TIMEOUT" | "EVALUATION_MEMORY" | "EVALUATION_CRASHED",
        detail: string,
      ) => finish({ type: "scored", jobId, ok: false, rejection: { code, detail } });
      const finish = (result: Outcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearInterval(poll);
        child.process.off("message", onMessage);
        child.process.off("exit", onExit);
        this.running = undefined;
        resolve(result);
      };
      const onMessage = (message: ChildMessage) => {
        if (message.type === "scored" && message.jobId === jobId) finish(message);
      };
      const onExit = (code: number | null, signal: string | null) =>
        fail("EVALUATION_CRASHED", `the evaluator process died (${signal ?? `exit ${code}`})`);
      const timer = setTimeout(() => {
        this.discard(child);
        fail("EVALUATION_TIMEOUT", `no result within ${timeLimitMs} ms`);
      }, timeLimitMs);
      const poll = setInterval(() => {
        const rss = readRssBytes(pid);
        if (rss === undefined) {
          if (!this.warnedNoProc)
            this.log.warn("evaluator: cannot read VmRSS; memory cap not enforced");
          this.warnedNoProc = true;
          return;
        }
        if (rss <= this.memoryLimitBytes) return;
        this.discard(child);
        fail(
          "EVALUATION_MEMORY",
          `${Math.round(rss / 2 ** 20)} MiB resident, limit ${Math.round(this.memoryLimitBytes / 2 ** 20)} MiB`,
        );
      }, this.memoryPollMs);
      child.process.on("message", onMessage);
      child.process.on("exit", onExit);
      child.process.send({ type: "score", jobId, artifact }, (error) => {
        if (error)
          fail("EVALUATION_CRASHED", `could not reach the evaluator process: ${error.message}`);
      });
    });
    return { outcome, ms: performance.now() - started, dispatchedAt: started };
  }
}
