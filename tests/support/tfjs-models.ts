import * as tf from "@tensorflow/tfjs";
import { MODEL_FORMAT, type ModelArtifact } from "../../lib/model/artifact";
import { encodeBase64 } from "../../lib/model/base64";
import { encodeArtifact, type QuantizeChoice } from "../../lib/model/weights";
import { IMAGE_PIXELS, loadMnist } from "../../server/evaluator/mnist";

/**
 * Real TF.js models for the evaluator's tests and benchmark, serialised the way the browser lab
 * does it. Runs in the test process on whatever backend the caller set (cpu in tests).
 */

export function mlp(hidden = 32): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [IMAGE_PIXELS], units: hidden, activation: "relu" }),
      tf.layers.dense({ units: 10, activation: "softmax" }),
    ],
  });
}

/** conv4 - pool - conv8 - pool - dense10: 2,346 parameters. */
export function smallCnn(): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 4, kernelSize: 3, activation: "relu" }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 8, kernelSize: 3, activation: "relu" }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 10, activation: "softmax" }),
    ],
  });
}

/** The first `count` TRAIN images as pixel / 255, with one-hot labels. */
export function trainingBatch(count: number): { x: tf.Tensor2D; y: tf.Tensor2D } {
  const { trainImages, trainLabels } = loadMnist();
  const pixels = Float32Array.from(trainImages.subarray(0, count * IMAGE_PIXELS), (p) => p / 255);
  const labels = Array.from(trainLabels.subarray(0, count));
  return {
    x: tf.tensor2d(pixels, [count, IMAGE_PIXELS]),
    y: tf.oneHot(tf.tensor1d(labels, "int32"), 10) as tf.Tensor2D,
  };
}

/** A short fit, enough for well over 50% accuracy in a couple of seconds on the cpu backend. */
export async function quickFit(model: tf.Sequential, count = 1000, epochs = 2): Promise<void> {
  const { x, y } = trainingBatch(count);
  model.compile({ optimizer: tf.train.adam(0.01), loss: "categoricalCrossentropy" });
  await model.fit(x, y, { epochs, batchSize: 32, shuffle: false, verbose: 0 });
  tf.dispose([x, y]);
}

interface Saved {
  modelTopology: Record<string, unknown>;
  weightSpecs: { name: string; shape: number[] }[];
  weightData: ArrayBuffer;
}

export async function saveModel(model: tf.LayersModel): Promise<Saved> {
  let saved: Saved | undefined;
  await model.save(
    tf.io.withSaveHandler((artifacts) => {
      const data = artifacts.weightData ?? new ArrayBuffer(0);
      saved = {
        modelTopology: artifacts.modelTopology as Record<string, unknown>,
        weightSpecs: (artifacts.weightSpecs ?? []).map(({ name, shape }) => ({ name, shape })),
        weightData: Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data,
      };
      return Promise.resolve({
        modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" as const },
      });
    }),
  );
  if (!saved) throw new Error("model.save did not call the handler");
  return saved;
}

/** The submission for `model`, float32 or quantized with the lab's codec. */
export async function toArtifact(
  model: tf.LayersModel,
  quantize: QuantizeChoice = "none",
): Promise<ModelArtifact> {
  const saved = await saveModel(model);
  const floats = new Float32Array(saved.weightData);
  let offset = 0;
  const values = saved.weightSpecs.map((spec) => {
    const n = spec.shape.reduce((a, b) => a * b, 1);
    offset += n;
    return floats.subarray(offset - n, offset);
  });
  return encodeArtifact({
    modelTopology: saved.modelTopology,
    specs: saved.weightSpecs,
    values,
    quantize,
  });
}

/** Raw float32 bytes in, artifact out: for tests that tamper with the bytes themselves. */
export function artifactFromBytes(
  saved: Omit<Saved, "weightData">,
  bytes: Uint8Array,
): ModelArtifact {
  return {
    format: MODEL_FORMAT,
    modelTopology: saved.modelTopology,
    weightSpecs: saved.weightSpecs.map((s) => ({ ...s, dtype: "float32" as const })),
    weightData: encodeBase64(bytes),
  };
}

/**
 * The model from issue 7: seven Conv2D layers with 28x28 kernels ("same" padding) on the full
 * 28x28 map, one filter each. 4.3M multiply-adds per image passed the compute cap, yet scoring
 * it took 32-80 s: with one channel in and out a multiply-add costs ~10x one in a wide 3x3 conv.
 */
export function sevenWideConvs(): tf.Sequential {
  return tf.sequential({
    layers: [
      ...Array.from({ length: 7 }, (_, i) =>
        tf.layers.conv2d({
          ...(i === 0 ? { inputShape: [28, 28, 1] } : {}),
          filters: 1,
          kernelSize: 28,
          padding: "same",
          activation: "relu",
        }),
      ),
      tf.layers.flatten(),
      tf.layers.dense({ units: 10, activation: "softmax" }),
    ],
  });
}

/** LeNet-5 as usually built for 28x28 MNIST: 61,706 parameters, ~0.4M multiply-adds per image. */
export function leNet5(): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [28, 28, 1],
        filters: 6,
        kernelSize: 5,
        padding: "same",
        activation: "relu",
      }),
      tf.layers.averagePooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 16, kernelSize: 5, activation: "relu" }),
      tf.layers.averagePooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 120, activation: "relu" }),
      tf.layers.dense({ units: 84, activation: "relu" }),
      tf.layers.dense({ units: 10, activation: "softmax" }),
    ],
  });
}
