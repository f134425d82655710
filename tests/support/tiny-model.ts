import * as tf from "@tensorflow/tfjs";
import type { ModelArtifact } from "@/lib/model/artifact";
import { encodeArtifact, type QuantizeChoice } from "@/lib/model/weights";
import { trainingSplit } from "@/server/evaluator/mnist";

/**
 * A small MLP trained for real on a slice of the MNIST training split (CPU backend, a couple of
 * seconds), serialised the way the browser lab does: topology from `model.save`, weights through
 * lib/model's encoder, optionally quantized.
 */
export async function trainTinyMlp(
  opts: { images?: number; hidden?: number } = {},
): Promise<tf.Sequential> {
  await tf.setBackend("cpu");
  const count = opts.images ?? 2000;
  const { images, labels } = trainingSplit();
  const xs = tf.tensor2d(
    Float32Array.from(images.subarray(0, count * 784), (v) => v / 255),
    [count, 784],
  );
  const ys = tf.oneHot(tf.tensor1d(Array.from(labels.subarray(0, count)), "int32"), 10);
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [784], units: opts.hidden ?? 16, activation: "relu" }),
      tf.layers.dense({ units: 10, activation: "softmax" }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.01), loss: "categoricalCrossentropy" });
  await model.fit(xs, ys, { epochs: 3, batchSize: 64, verbose: 0 });
  xs.dispose();
  ys.dispose();
  return model;
}

export async function toArtifact(
  model: tf.LayersModel,
  quantize: QuantizeChoice = "none",
): Promise<ModelArtifact> {
  let topology: Record<string, unknown> = {};
  await model.save(
    tf.io.withSaveHandler((artifacts) => {
      topology = artifacts.modelTopology as Record<string, unknown>;
      return Promise.resolve({
        modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" },
      });
    }),
  );
  const weights = model.weights;
  return encodeArtifact({
    modelTopology: topology,
    specs: weights.map((w) => ({ name: w.name, shape: w.shape as number[] })),
    values: weights.map((w) => w.read().dataSync() as Float32Array),
    quantize,
  });
}
