import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { GateResult } from "../../lib/model/gate";
import type { Logger } from "../logger";

/** Main thread -> gate worker: one upload's bytes, transferred. */
export interface GateRequest {
  id: number;
  body: ArrayBuffer;
}

/** Gate worker -> main thread: the verdict, the body's SHA-256 and the body, transferred back. */
export interface GateReply {
  id: number;
  result: GateResult;
  sha256: string;
  /** The worker thread that ran the gate (never the main thread's 0). */
  threadId: number;
  body: ArrayBuffer;
}

export interface GateOutcome {
  result: GateResult;
  sha256: string;
  threadId: number;
  /** The bytes that were gated, handed back (the caller's array was transferred away). */
  body: Uint8Array;
}

/** Too many uploads are waiting for the gate: refuse this one now rather than queue without end. */
export class GateBusyError extends Error {
  override name = "GateBusyError";
}

/** The gate thread died or overran its time: a server fault, not the model's. */
export class GateUnavailableError extends Error {
  override name = "GateUnavailableError";
}

interface Job {
  id: number;
  body: ArrayBuffer;
  resolve: (outcome: GateOutcome) => void;
  reject: (error: Error) => void;
}

const here = fileURLToPath(import.meta.url);
const workerEntry = here.replace(/gate-pool\.(ts|js)$/, "gate-worker.$1");

/**
 * A worker started on the .ts source (tsx, vitest) needs tsx's loader. `--import tsx` in a
 * worker's execArgv is not honoured on Node 20 (tsx's loader skips non-main threads), so the
 * worker starts from a one-line ES module that registers tsx's ESM hooks in that thread first;
 * the child process in server/evaluator/child-process.ts gets the same loader by `--import tsx`.
 */
function startWorker(): Worker {
  if (!workerEntry.endsWith(".ts")) return new Worker(workerEntry);
  // tsx/esm/api resolves to its CommonJS build from here; the thread needs the ES module beside it.
  const api = createRequire(import.meta.url)
    .resolve("tsx/esm/api")
    .replace(/\.cjs$/, ".mjs");
  const boot =
    `import { register } from ${JSON.stringify(pathToFileURL(api).href)};\n` +
    `register();\nawait import(${JSON.stringify(pathToFileURL(workerEntry).href)});\n`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`));
}

/**
 * Runs the upload gate (lib/model/gate.ts) on worker threads, so a 3 MB upload's parse, weight
 * decoding and gzip -9 (up to a second or more of pure JavaScript) never block the event loop
 * every room shares. Jobs queue in arrival order; the queue is bounded (GateBusyError) and each
 * job has a time limit after which its thread is terminated and replaced. The gate is pure and
 * bounded by the body cap, so neither should happen; they keep a bug from wedging uploads.
 */
export class GatePool {
  private readonly size: number;
  private readonly maxQueue: number;
  private readonly jobTimeoutMs: number;
  private readonly idle: Worker[] = [];
  private readonly running = new Map<Worker, { job: Job; timer: NodeJS.Timeout }>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  /** Every thread that has gated an upload, for tests and the benchmark to check. */
  readonly gatedOnThreads = new Set<number>();
  completed = 0;

  constructor(
    private readonly options: {
      /** Threads. Default 1: uploads are rare next to socket traffic and each is bounded. */
      size?: number;
      /** Uploads waiting beyond the running ones. Default 32 (at most ~100 MB of bodies). */
      maxQueue?: number;
      jobTimeoutMs?: number;
      logger?: Logger;
    } = {},
  ) {
    this.size = Math.max(1, options.size ?? 1);
    this.maxQueue = options.maxQueue ?? 32;
    this.jobTimeoutMs = options.jobTimeoutMs ?? 30_000;
  }

  /**
   * Gates `body` off the main thread. The array's buffer is transferred to the worker (copied
   * first if it is a view into a larger buffer), so `body` is unusable afterwards: use the
   * outcome's `body`, which holds the same bytes.
   */
  gate(body: Uint8Array): Promise<GateOutcome> {
    if (this.closed) return Promise.reject(new GateUnavailableError("the gate pool is closed"));
    // Decided before the body is touched: a refused upload is neither copied nor transferred.
    const free = this.idle.length > 0 || this.idle.length + this.running.size < this.size;
    if (!free && this.queue.length >= this.maxQueue) {
      return Promise.reject(new GateBusyError(`${this.queue.length} uploads already waiting`));
    }
    const whole = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength;
    const buffer = (whole ? body : body.slice()).buffer as ArrayBuffer;
    return new Promise<GateOutcome>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, body: buffer, resolve, reject });
      this.pump();
    });
  }

  /** Starts the threads now (server start, benchmarks) instead of on the first upload. */
  warmUp(): void {
    while (!this.closed && this.idle.length + this.running.size < this.size) {
      this.idle.push(this.spawn());
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) {
      job.reject(new GateUnavailableError("the gate pool is closed"));
    }
    const workers = [...this.idle.splice(0), ...this.running.keys()];
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.closed) {
      let worker = this.idle.pop();
      if (!worker && this.running.size < this.size) worker = this.spawn();
      if (!worker) return;
      const job = this.queue.shift()!;
      const timer = setTimeout(() => {
        this.fail(worker, new GateUnavailableError(`no verdict within ${this.jobTimeoutMs} ms`));
        void worker.terminate();
      }, this.jobTimeoutMs);
      this.running.set(worker, { job, timer });
      worker.ref();
      const request: GateRequest = { id: job.id, body: job.body };
      worker.postMessage(request, [job.body]);
    }
  }

  private spawn(): Worker {
    const worker = startWorker();
    worker.unref();
    worker.on("message", (reply: GateReply) => {
      const current = this.running.get(worker);
      if (!current || current.job.id !== reply.id) return;
      clearTimeout(current.timer);
      this.running.delete(worker);
      worker.unref();
      this.idle.push(worker);
      this.completed += 1;
      this.gatedOnThreads.add(reply.threadId);
      current.job.resolve({
        result: reply.result,
        sha256: reply.sha256,
        threadId: reply.threadId,
        body: new Uint8Array(reply.body),
      });
      this.pump();
    });
    worker.on("error", (error) => {
      this.options.logger?.error("gate worker failed", { error: String(error) });
      this.fail(worker, new GateUnavailableError(`the gate worker failed: ${error.message}`));
    });
    worker.on("exit", () => this.fail(worker, new GateUnavailableError("the gate worker exited")));
    return worker;
  }

  /** Drops a dead or overrun worker, failing its job; the next job starts a fresh one. */
  private fail(worker: Worker, error: Error): void {
    const current = this.running.get(worker);
    this.running.delete(worker);
    const at = this.idle.indexOf(worker);
    if (at >= 0) this.idle.splice(at, 1);
    if (current) {
      clearTimeout(current.timer);
      current.job.reject(error);
    }
    this.pump();
  }
}
