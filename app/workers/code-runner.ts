import * as tf from "@tensorflow/tfjs";
import { Dataset } from "./dataset";
import type { LabReason, Progress } from "./protocol";
import { yieldToEvents } from "./train-loop";

/**
 * Code mode: the player's TF.js code runs here, in the worker, as the body of an async function
 * `(tf, data, log, callbacks) => model`. It is compiled with `new Function`, whose source starts
 * with a few lines of our own; we measure how many once (a probe that throws on its first line)
 * instead of assuming a browser's wrapper, and subtract them from the stack's line numbers.
 */

const PARAMS = ["tf", "data", "log", "callbacks"] as const;
const PRELUDE = '"use strict";\nreturn (async () => {\n';

type Compiled = (...args: unknown[]) => Promise<unknown>;

function compile(code: string): Compiled {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- running the player's code is the point of code mode
  return new Function(...PARAMS, `${PRELUDE}${code}\n})();`) as Compiled;
}

/** The line of the innermost stack frame inside Function-compiled code (V8, SpiderMonkey, JSC). */
export function evalFrameLine(error: unknown): number | null {
  const stack = error instanceof Error ? (error.stack ?? "") : "";
  for (const frame of stack.split("\n")) {
    const match = /(?:<anonymous>|> Function|Function code):(\d+):\d+\)?\s*$/.exec(frame);
    if (match) return Number(match[1]);
  }
  return null;
}

let offsetPromise: Promise<number | null> | undefined;

/** Stack line of the player's line 1, minus one. */
function lineOffset(): Promise<number | null> {
  offsetPromise ??= compile('throw new Error("probe");')().then(
    () => null,
    (error: unknown) => {
      const line = evalFrameLine(error);
      return line === null ? null : line - 1;
    },
  );
  return offsetPromise;
}

export class UserCodeError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
    /** Set when the lab, not the player's code, words the problem (translated on the page). */
    readonly reason?: LabReason,
  ) {
    super(message);
  }
}

/** Progress from inside the player's model.fit, and Stop by setting model.stopTraining. */
class LabCallback extends tf.Callback {
  private started = performance.now();
  private lastYield = performance.now();
  private samples = 0;
  private epoch = 0;

  constructor(
    private readonly report: (p: Progress) => void,
    private readonly onEpoch: (epoch: number, model: tf.LayersModel) => Promise<void>,
    private readonly shouldStop: () => boolean,
  ) {
    super();
  }

  override onTrainBegin() {
    this.started = performance.now();
    return Promise.resolve();
  }

  override onEpochBegin(epoch: number) {
    this.epoch = epoch;
    return Promise.resolve();
  }

  override async onBatchEnd(batch: number, logs?: tf.Logs) {
    const params = this.params as { epochs?: number; samples?: number; batchSize?: number };
    const batchSize = params.batchSize ?? 32;
    const perEpoch = Math.max(1, Math.ceil((params.samples ?? batchSize) / batchSize));
    const epochs = params.epochs ?? 1;
    this.samples += batchSize;
    const elapsedMs = performance.now() - this.started;
    this.report({
      epoch: this.epoch + 1,
      epochs,
      step: this.epoch * perEpoch + batch + 1,
      steps: epochs * perEpoch,
      loss: Number(logs?.loss ?? NaN),
      accuracy: Number(logs?.acc ?? logs?.accuracy ?? NaN),
      samplesPerSec: this.samples / Math.max(0.001, elapsedMs / 1000),
      elapsedMs,
    });
    if (this.shouldStop()) this.model.stopTraining = true;
    if (performance.now() - this.lastYield > 100) {
      await yieldToEvents();
      this.lastYield = performance.now();
    }
  }

  override async onEpochEnd(epoch: number) {
    const epochs = (this.params as { epochs?: number }).epochs ?? 1;
    // As in train-loop.ts: the last epoch is measured on the saved model right after.
    if (epoch + 1 < epochs && !this.model.stopTraining) await this.onEpoch(epoch + 1, this.model);
  }
}

export interface RunContext {
  data: Dataset;
  trainCount: number;
  log: (message: string) => void;
  progress: (p: Progress) => void;
  onEpoch: (epoch: number, model: tf.LayersModel) => Promise<void>;
  shouldStop: () => boolean;
}

export async function runUserCode(code: string, ctx: RunContext): Promise<tf.LayersModel> {
  const offset = await lineOffset();
  const mapLine = (error: unknown) => {
    const line = evalFrameLine(error);
    if (line === null || offset === null) return null;
    const userLine = line - offset;
    return userLine >= 1 && userLine <= code.split("\n").length ? userLine : null;
  };
  const { xs, ys } = ctx.data.whole(ctx.trainCount, [784]);
  const data = { xs, ys, count: xs.shape[0] };
  const log = (...parts: unknown[]) =>
    ctx.log(parts.map((p) => (typeof p === "string" ? p : String(p))).join(" "));
  let fn: Compiled;
  try {
    fn = compile(code);
  } catch (error) {
    tf.dispose([xs, ys]);
    // V8 gives no line for a syntax error in new Function; the editor's parser marks it instead.
    throw new UserCodeError(
      error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      null,
    );
  }
  try {
    const callbacks = new LabCallback(ctx.progress, ctx.onEpoch, ctx.shouldStop);
    const model = await fn(tf, data, log, callbacks);
    if (!(model instanceof tf.LayersModel)) {
      throw new UserCodeError("the code must return the trained model (a tf.Sequential)", null, {
        key: "reason.noModel",
      });
    }
    return model;
  } catch (error) {
    if (error instanceof UserCodeError) throw error;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new UserCodeError(message, mapLine(error));
  } finally {
    tf.dispose([xs, ys]);
  }
}
