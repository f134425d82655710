import * as tf from "@tensorflow/tfjs";
import { learningRateAt, schedulePhase } from "@/lib/model/schedule";
import { Dataset, imageShapeOf, range, shuffled, validationAccuracy } from "./dataset";
import type { Progress, TrainSettings } from "./protocol";

/**
 * One training loop for every job that trains (guided training, pruning fine-tune, distillation)
 * instead of model.fit: the loss can use a teacher's soft targets, the pruning mask is re-applied
 * after each optimizer step (fit has no hook between the update and the next batch), and the loop
 * yields to the worker's event loop often enough for a Stop message to be seen within ~0.1 s.
 */

export interface LoopHooks {
  /** Loss for one batch; the default is categorical cross-entropy on the true labels. */
  loss?: (xs: tf.Tensor, ys: tf.Tensor2D, predicted: tf.Tensor) => tf.Scalar;
  /** Runs after every optimizer step (step is 1-based). */
  afterStep?: (step: number, steps: number) => Promise<void> | void;
  progress: (p: Progress) => void;
  epochEnd: (epoch: number, validationAccuracy: number) => void;
  shouldStop: () => boolean;
}

export interface LoopOutcome {
  stopped: boolean;
  samplesPerSec: number;
}

const YIELD_EVERY_MS = 100;
const REPORT_EVERY_MS = 150;

export function crossEntropy(ys: tf.Tensor, predicted: tf.Tensor): tf.Scalar {
  return tf.neg(tf.mean(tf.sum(ys.mul(predicted.clipByValue(1e-7, 1).log()), -1))) as tf.Scalar;
}

export const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function trainLoop(
  model: tf.LayersModel,
  data: Dataset,
  settings: TrainSettings,
  hooks: LoopHooks,
): Promise<LoopOutcome> {
  const count = Math.max(1, Math.min(settings.trainCount, data.trainable));
  const batchSize = Math.max(1, Math.min(settings.batchSize, count));
  const batchesPerEpoch = Math.ceil(count / batchSize);
  const steps = batchesPerEpoch * settings.epochs;
  // A schedule's step-down starts a fresh Adam at the lower rate: tf.train.adam takes its rate
  // at construction only (its learningRate field is protected).
  const rateFor = (step: number) =>
    learningRateAt(settings.schedule, settings.learningRate, step, steps);
  let phase = 0;
  let optimizer = tf.train.adam(rateFor(0));
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const shape = imageShapeOf(model);
  const lossOf = hooks.loss ?? ((_xs, ys, predicted) => crossEntropy(ys, predicted));
  const started = performance.now();
  let lastYield = started;
  let lastReport = 0;
  let step = 0;
  let samples = 0;
  let stopped = false;
  let validationMs = 0;

  try {
    for (let epoch = 0; epoch < settings.epochs && !stopped; epoch++) {
      const order = shuffled(range(0, count));
      for (let b = 0; b < batchesPerEpoch; b++) {
        if (hooks.shouldStop()) {
          stopped = true;
          break;
        }
        const next = schedulePhase(settings.schedule, step, steps);
        if (next !== phase) {
          phase = next;
          optimizer.dispose();
          optimizer = tf.train.adam(rateFor(step));
        }
        const { xs, ys } = data.batch(order.subarray(b * batchSize, (b + 1) * batchSize), shape);
        let hits: tf.Tensor | undefined;
        const loss = optimizer.minimize(
          () => {
            const predicted = model.apply(xs, { training: true }) as tf.Tensor;
            hits = tf.keep(predicted.argMax(-1).equal(ys.argMax(-1)).mean());
            return lossOf(xs, ys, predicted);
          },
          true,
          variables,
        );
        step++;
        samples += ys.shape[0];
        await hooks.afterStep?.(step, steps);
        const now = performance.now();
        if (now - lastReport >= REPORT_EVERY_MS || step === steps) {
          lastReport = now;
          const [lossValue, accValue] = await Promise.all([loss!.data(), hits!.data()]);
          hooks.progress({
            epoch: epoch + 1,
            epochs: settings.epochs,
            step,
            steps,
            loss: lossValue[0]!,
            accuracy: accValue[0]!,
            samplesPerSec: samples / ((now - started - validationMs) / 1000),
            elapsedMs: now - started,
          });
        }
        tf.dispose([xs, ys, loss!, hits!]);
        if (now - lastYield >= YIELD_EVERY_MS) {
          await yieldToEvents();
          lastYield = performance.now();
        }
      }
      // The last epoch's figure comes from measuring the saved artifact (compress.ts `measure`),
      // which the job does anyway: validating here too would double the wait at the end.
      if (!stopped && epoch + 1 < settings.epochs) {
        const t = performance.now();
        hooks.epochEnd(epoch + 1, await validationAccuracy(model, data));
        validationMs += performance.now() - t;
      }
    }
  } finally {
    optimizer.dispose();
  }
  // Training throughput: the held-out evaluations between epochs are not training.
  const seconds = (performance.now() - started - validationMs) / 1000;
  return { stopped, samplesPerSec: seconds > 0 ? samples / seconds : 0 };
}
