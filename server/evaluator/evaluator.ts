import type { ModelArtifact } from "../../lib/model/artifact";
import type { TopologySummary } from "../../lib/model/topology";
import { createLogger, type Logger } from "../logger";
import {
  EvaluatorUnavailableError,
  readRssBytes,
  startEvaluatorChild,
  type EvaluatorChild,
} from "./child-process";
import { FairQueue } from "./fair-queue";
import type {
  ChildMessage,
  ChildReady,
  EvaluationRejection,
  ScoreFailure,
  ScoreSuccess,
} from "./protocol";
import { gateArtifact, sizeOf } from "./static-checks";

export { EvaluatorUnavailableError } from "./child-process";
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
      /** Where `ms` went: the server's checks overlap the round trip (which includes load and predict). */
      timings: { checkMs: number; roundTripMs: number; loadMs: number; predictMs: number };
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
}

type Outcome = ScoreSuccess | ScoreFailure;

/** The turn shared by jobs that name no owner (re-scores, the baseline). */
const UNOWNED = "";

/**
 * Scores submitted models on the hidden MNIST test split in one warm child process, one job at a
 * time. The server's own event loop never runs TF.js: it runs the gate (schema, topology, byte
 * count; see static-checks.ts) and the size rule. The child, which decodes the weights, loads and
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

  constructor(options: ModelEvaluatorOptions = {}) {
    this.timeLimitMs = options.timeLimitMs ?? 20_000;
    this.memoryLimitBytes = options.memoryLimitBytes ?? 1.5 * 1024 ** 3;
    this.memoryPollMs = options.memoryPollMs ?? 50;
    this.startTimeoutMs = options.startTimeoutMs ?? 60_000;
    this.maxOldSpaceMb = options.maxOldSpaceMb ?? 512;
    this.log = options.logger ?? createLogger("info");
  }

  /**
   * Never throws for anything about the model: every problem is a typed rejection. Throws
   * EvaluatorUnavailableError only if the child cannot start, or after close().
   */
  async evaluate(
    input: unknown,
    /**
     * knownSizeBytes: the caller already applied the size rule to this same input (the upload
     * path does, to refuse before storing); the O(weights) gzip is then not done a second time.
     * owner: who the job is for (the player); owners are served in turn, so one player's backlog
     * never delays another's score by more than one evaluation. Jobs without one share a turn.
     */
    options: { timeLimitMs?: number; knownSizeBytes?: number; owner?: string } = {},
  ): Promise<EvaluationResult> {
    if (this.closed) throw new EvaluatorUnavailableError("ModelEvaluator is closed");
    const started = performance.now();
    const gate = gateArtifact(input);
    if (!gate.ok) return { ok: false, rejection: gate.error };
    const gated = performance.now();
    const { artifact, summary } = gate;
    const job = this.queue.run(options.owner ?? UNOWNED, () =>
      this.runJob(artifact, options.timeLimitMs ?? this.timeLimitMs),
    );
    job.catch(() => undefined); // awaited below unless the size rule refuses first
    // Let an idle queue hand the job to the child first: the size rule (gzip, O(weights)) then
    // runs here while the child predicts, two cores for one wait.
    await new Promise((resolve) => setImmediate(resolve));
    const sizing = performance.now();
    const size =
      options.knownSizeBytes === undefined
        ? sizeOf(artifact)
        : { ok: true as const, sizeBytes: options.knownSizeBytes };
    const checkMs = gated - started + (performance.now() - sizing);
    if (!size.ok) return { ok: false, rejection: size.error };
    const { outcome, ms, dispatchedAt } = await job;
    if (!outcome.ok) return { ok: false, rejection: outcome.rejection };
    return {
      ok: true,
      publicAccuracy: outcome.publicAccuracy,
      privateAccuracy: outcome.privateAccuracy,
      sizeBytes: size.sizeBytes,
      parameters: summary.parameters,
      summary,
      evaluatorVersion: EVALUATOR_VERSION,
      ms: performance.now() - started - (dispatchedAt - gated),
      timings: { checkMs, roundTripMs: ms, loadMs: outcome.loadMs, predictMs: outcome.predictMs },
      predictionCounts: outcome.predictionCounts,
      predictionDigest: outcome.predictionDigest,
    };
  }

  /** Starts the child now (server start, benchmarks) instead of on the first submission. */
  async warmUp(): Promise<ChildReady> {
    return this.ensureChild().ready;
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
    const child = startEvaluatorChild({
      maxOldSpaceMb: this.maxOldSpaceMb,
      startTimeoutMs: this.startTimeoutMs,
      log: this.log,
    });
    child.process.once("exit", () => {
      if (this.child === child) this.child = undefined;
    });
    this.child = child;
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
