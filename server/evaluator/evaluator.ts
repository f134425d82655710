import { fork, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ModelArtifact } from "../../lib/model/artifact";
import { createLogger, type Logger } from "../logger";
import type {
  ChildMessage,
  ChildReady,
  EvaluationRejection,
  ScoreFailure,
  ScoreSuccess,
} from "./protocol";
import type { TopologySummary } from "../../lib/model/topology";
import { checkArtifact } from "./static-checks";

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
      /** Static checks plus the child's round trip (queue wait and child start-up excluded). */
      ms: number;
      /** Where `ms` went; the round trip includes the child's load and predict. */
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

/** The evaluator child could not be started: a server fault, not the model's. */
export class EvaluatorUnavailableError extends Error {
  override name = "EvaluatorUnavailableError";
}

type Outcome = ScoreSuccess | ScoreFailure;

interface Child {
  process: ChildProcess;
  ready: Promise<ChildReady>;
}

const here = fileURLToPath(import.meta.url);
// Run from source (tsx, vitest) the child is a .ts file that needs the tsx loader; compiled, .js.
const childEntry = here.replace(/evaluator\.(ts|js)$/, (_, ext: string) => `evaluate-child.${ext}`);
const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

function readRssBytes(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

/**
 * Scores submitted models on the hidden MNIST test split in one warm child process, one job at a
 * time. The parent only runs the static checks (pure JS over the JSON); TF.js runs in the child,
 * which is SIGKILLed on a time or memory overrun and started again for the next job. Worker
 * threads would be lighter, but their resourceLimits do not bound ArrayBuffer or wasm memory.
 */
export class ModelEvaluator {
  private readonly timeLimitMs: number;
  private readonly memoryLimitBytes: number;
  private readonly memoryPollMs: number;
  private readonly startTimeoutMs: number;
  private readonly maxOldSpaceMb: number;
  private readonly log: Logger;
  private child: Child | undefined;
  private queue: Promise<unknown> = Promise.resolve();
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
    options: { timeLimitMs?: number } = {},
  ): Promise<EvaluationResult> {
    if (this.closed) throw new EvaluatorUnavailableError("ModelEvaluator is closed");
    const checkStarted = performance.now();
    const checked = checkArtifact(input);
    if (!checked.ok) return { ok: false, rejection: checked.error };
    const checkMs = performance.now() - checkStarted;
    const job = this.queue.then(() =>
      this.runJob(checked.artifact, options.timeLimitMs ?? this.timeLimitMs),
    );
    this.queue = job.catch(() => undefined);
    const { outcome, ms } = await job;
    if (!outcome.ok) return { ok: false, rejection: outcome.rejection };
    return {
      ok: true,
      publicAccuracy: outcome.publicAccuracy,
      privateAccuracy: outcome.privateAccuracy,
      sizeBytes: checked.sizeBytes,
      parameters: checked.parameters,
      summary: checked.summary,
      evaluatorVersion: EVALUATOR_VERSION,
      ms: checkMs + ms,
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

  private ensureChild(): Child {
    if (this.child) return this.child;
    const isTs = childEntry.endsWith(".ts");
    if (!existsSync(childEntry)) throw new EvaluatorUnavailableError(`missing ${childEntry}`);
    const proc = fork(childEntry, [], {
      cwd: repoRoot,
      execArgv: [
        ...(isTs ? ["--import", "tsx"] : []),
        `--max-old-space-size=${this.maxOldSpaceMb}`,
      ],
      // Structured clone instead of JSON: the weights string crosses once, without re-escaping.
      serialization: "advanced",
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    // An idle warm child must not keep the server (or a test run) alive; a job's timer does.
    proc.unref();
    proc.channel?.unref();
    const ready = new Promise<ChildReady>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(
          new EvaluatorUnavailableError(`evaluator child not ready in ${this.startTimeoutMs} ms`),
        );
        this.discard(child);
      }, this.startTimeoutMs);
      const onMessage = (message: ChildMessage) => {
        if (message.type !== "ready") return;
        cleanup();
        this.log.info("evaluator: child ready", {
          pid: proc.pid,
          backend: message.backend,
          warmUpMs: Math.round(message.warmUpMs),
        });
        resolve(message);
      };
      const onExit = (code: number | null, signal: string | null) => {
        cleanup();
        reject(
          new EvaluatorUnavailableError(
            `evaluator child exited during start-up (${signal ?? code})`,
          ),
        );
      };
      const cleanup = () => {
        clearTimeout(timer);
        proc.off("message", onMessage);
        proc.off("exit", onExit);
      };
      proc.on("message", onMessage);
      proc.on("exit", onExit);
    });
    ready.catch(() => undefined); // observed by runJob; this only silences the unhandled case
    const child: Child = { process: proc, ready };
    // Without a listener, a failed spawn or a broken channel would throw in the server.
    proc.on("error", (error) => this.log.error("evaluator: child error", { error: error.message }));
    proc.once("exit", (code, signal) => {
      if (this.child === child) this.child = undefined;
      if (code !== 0 && signal !== "SIGKILL")
        this.log.warn("evaluator: child exited", { code, signal });
    });
    this.child = child;
    return child;
  }

  /** Kills a child for good; the next job starts a fresh one. */
  private discard(child: Child): void {
    if (this.child === child) this.child = undefined;
    child.process.kill("SIGKILL");
  }

  private async runJob(
    artifact: ModelArtifact,
    timeLimitMs: number,
  ): Promise<{ outcome: Outcome; ms: number }> {
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
    return { outcome, ms: performance.now() - started };
  }
}
