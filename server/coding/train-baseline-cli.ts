import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { encodeArtifact } from "@/lib/model/weights";
import { modelSizeBytes, formatKb } from "@/lib/model/size";
import { trainingSplit } from "../evaluator/mnist";
import { BASELINE_PATH } from "./baseline";

/**
 * Trains the "shrink the baseline" round's model once and writes it to public/models/, where the
 * lab downloads it and the server scores it. It is the article's own MNIST network (Flatten ->
 * Dense(128, relu) -> Dense(10, softmax), Adam, 5 epochs), as float32: the task is to halve it.
 * Run: `npm run baseline:train` (about a minute on the wasm backend).
 */
const require = createRequire(import.meta.url);
setWasmPaths(`${path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm"))}${path.sep}`);
await tf.setBackend("wasm");

const { images, labels, count } = trainingSplit();
const xs = tf.tensor2d(
  Float32Array.from(images, (v) => v / 255),
  [count, 784],
);
const ys = tf.oneHot(tf.tensor1d(Array.from(labels), "int32"), 10);
const model = tf.sequential({
  layers: [
    tf.layers.dense({
      inputShape: [784],
      units: 128,
      activation: "relu",
      kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
    }),
    tf.layers.dense({
      units: 10,
      activation: "softmax",
      kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }),
    }),
  ],
});
model.compile({
  optimizer: tf.train.adam(0.001),
  loss: "categoricalCrossentropy",
  metrics: ["accuracy"],
});
await model.fit(xs, ys, {
  epochs: 5,
  batchSize: 64,
  shuffle: true,
  validationSplit: 0.1,
  callbacks: { onEpochEnd: (epoch, logs) => console.log(`epoch ${epoch + 1}`, logs) },
});

let topology: Record<string, unknown> = {};
await model.save(
  tf.io.withSaveHandler((artifacts) => {
    topology = artifacts.modelTopology as Record<string, unknown>;
    return Promise.resolve({
      modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" },
    });
  }),
);
const artifact = encodeArtifact({
  modelTopology: topology,
  specs: model.weights.map((w) => ({ name: w.name, shape: w.shape as number[] })),
  values: model.weights.map((w) => w.read().dataSync() as Float32Array),
});
const size = modelSizeBytes(artifact);
mkdirSync(path.dirname(BASELINE_PATH), { recursive: true });
writeFileSync(BASELINE_PATH, JSON.stringify(artifact));
console.log(`wrote ${BASELINE_PATH}: ${size.ok ? formatKb(size.bytes) : "?"} by the size rule`);
