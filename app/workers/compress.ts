import * as tf from "@tensorflow/tfjs";
import type { ModelArtifact } from "@/lib/model/artifact";
import { magnitudePruneMask, pruningSchedule } from "@/lib/model/pruning";
import { decodeWeights, type QuantizedDtype } from "@/lib/model/weights";
import { buildGuidedModel } from "./build-model";
import { Dataset, imageShapeOf, validationAccuracy } from "./dataset";
import { loadArtifact, overallSparsity, saveWeights, toArtifact } from "./model-io";
import type { GuidedSpec, TrainSettings } from "./protocol";
import { crossEntropy, trainLoop, type LoopHooks, type LoopOutcome } from "./train-loop";

/**
 * The compression lab's three tools. Each starts from an artifact and ends with a new one, whose
 * accuracy is measured by loading that artifact back (so quantization error is in the figure).
 */

export interface Measured {
  artifact: ModelArtifact;
  validationAccuracy: number;
  parameters: number;
  sparsity: number;
}

/** The artifact as the server will load it, measured on the held-out images. */
export async function measure(artifact: ModelArtifact, data: Dataset): Promise<Measured> {
  const decoded = decodeWeights(artifact);
  if (!decoded.ok) throw new Error(`${decoded.error.code}: ${decoded.error.detail}`);
  const values = decoded.tensors.map((t) => t.values);
  const model = await loadArtifact(artifact);
  try {
    return {
      artifact,
      validationAccuracy: await validationAccuracy(model, data),
      parameters: values.reduce((sum, v) => sum + v.length, 0),
      sparsity: overallSparsity(values),
    };
  } finally {
    model.dispose();
  }
}

export async function quantize(from: ModelArtifact, dtype: QuantizedDtype, data: Dataset) {
  const model = await loadArtifact(from);
  const saved = await saveWeights(model);
  model.dispose();
  return measure(toArtifact(saved, dtype), data);
}

type TrainHooks = Omit<LoopHooks, "loss" | "afterStep">;

/** A weight's shape; weights (unlike layer outputs) have no unknown dimensions. */
const dims = (w: tf.LayerVariable) => w.shape.map((d) => d ?? 1);

/**
 * Gradual magnitude pruning (TF Model Optimization's recipe): the target sparsity rises on the
 * polynomial schedule over the first 70% of the fine-tune steps, the mask is recomputed every few
 * steps and re-applied after every step (Adam would otherwise regrow pruned weights), and the
 * last 30% fine-tunes at the final sparsity. With no fine-tune epochs it prunes in one shot.
 */
export async function prune(
  from: ModelArtifact,
  sparsity: number,
  minWeights: number,
  settings: TrainSettings,
  data: Dataset,
  hooks: TrainHooks,
): Promise<Measured & LoopOutcome> {
  const model = await loadArtifact(from);
  const kernels = model.trainableWeights.filter(
    (w) => /kernel$/.test(w.originalName) && dims(w).reduce((a, b) => a * b, 1) >= minWeights,
  );
  const masks = new Map<string, tf.Tensor>();
  const remask = async (target: number) => {
    for (const w of kernels) {
      const values = (await w.read().data()) as Float32Array;
      const mask = tf.tensor(Float32Array.from(magnitudePruneMask(values, target)), dims(w));
      masks.get(w.name)?.dispose();
      masks.set(w.name, mask);
    }
  };
  const applyMasks = () =>
    tf.tidy(() => {
      for (const w of kernels) w.write(w.read().mul(masks.get(w.name)!));
    });

  let outcome: LoopOutcome = { stopped: false, samplesPerSec: 0 };
  try {
    if (settings.epochs > 0) {
      let pruneSteps = 0;
      let every = 1;
      outcome = await trainLoop(model, data, settings, {
        ...hooks,
        afterStep: async (step, steps) => {
          pruneSteps = Math.max(1, Math.round(steps * 0.7));
          every = Math.max(1, Math.floor(pruneSteps / 40));
          if (step === 1 || (step <= pruneSteps && step % every === 0) || step === pruneSteps) {
            await remask(pruningSchedule(step, pruneSteps, sparsity));
          }
          applyMasks();
        },
      });
    }
    // Whatever happened above (stopped early, no fine-tune), ship exactly the target sparsity.
    await remask(sparsity);
    applyMasks();
    const saved = await saveWeights(model);
    return { ...(await measure(toArtifact(saved), data)), ...outcome };
  } finally {
    masks.forEach((m) => m.dispose());
    model.dispose();
  }
}

/**
 * Knowledge distillation (Hinton et al. 2015): the student learns the teacher's softened
 * distribution softmax(log p / T) plus, with weight 1 - alpha, the true labels. The T² factor
 * keeps the soft-target gradients on the same scale as the hard ones as T grows. Teacher and
 * student may take different input shapes (a CNN teacher can teach an MLP).
 */
export async function distill(
  from: ModelArtifact,
  student: GuidedSpec,
  temperature: number,
  alpha: number,
  settings: TrainSettings,
  data: Dataset,
  hooks: TrainHooks,
): Promise<Measured & LoopOutcome> {
  const teacher = await loadArtifact(from);
  const teacherShape = imageShapeOf(teacher);
  const model = buildGuidedModel(student);
  const T = temperature;
  try {
    const outcome = await trainLoop(model, data, settings, {
      ...hooks,
      loss: (xs, ys, predicted) => {
        const n = xs.shape[0];
        const teacherProbs = teacher.predict(xs.reshape([n, ...teacherShape])) as tf.Tensor;
        const soft = tf.softmax(teacherProbs.clipByValue(1e-7, 1).log().div(T));
        const studentLogSoft = tf.logSoftmax(predicted.clipByValue(1e-7, 1).log().div(T));
        const kl = tf.mean(
          tf.sum(soft.mul(soft.clipByValue(1e-7, 1).log().sub(studentLogSoft)), -1),
        );
        return kl.mul(alpha * T * T).add<tf.Scalar>(crossEntropy(ys, predicted).mul(1 - alpha));
      },
    });
    const saved = await saveWeights(model);
    return { ...(await measure(toArtifact(saved), data)), ...outcome };
  } finally {
    teacher.dispose();
    model.dispose();
  }
}
