import * as tf from "@tensorflow/tfjs";
import { leNet5, mlp, sevenWideConvs, smallCnn } from "../../tests/support/tfjs-models";
import { COSTED_ACTIVATIONS } from "../../lib/model/cost";

/**
 * The spread of models bench/evaluator-cost.ts times: each one dominated by one kind of layer, so
 * that each weight of the cost model has models that pin it down. Weights are TF.js's random
 * initialisation: the time does not depend on the values.
 */
export interface BenchModel {
  name: string;
  /**
   * The layer kind whose weights the model mostly exercises (the report groups by it);
   * "holdout": a mixed model left out of the fit, to see how the table does on what it was
   * not fitted to.
   */
  kind: string;
  build: () => tf.Sequential;
}

const L = tf.layers;

/** [28, 28, 1] in, `body`, then GlobalAveragePooling2D and a 10-way Dense head. */
function image(body: tf.layers.Layer[], head: "gap" | "flatten" = "gap"): tf.Sequential {
  return tf.sequential({
    layers: [
      L.inputLayer({ inputShape: [28, 28, 1] }),
      ...body,
      head === "gap" ? L.globalAveragePooling2d({}) : L.flatten(),
      L.dense({ units: 10, activation: "softmax" }),
    ],
  });
}

const conv = (filters: number, kernelSize: number, extra: Record<string, unknown> = {}) =>
  L.conv2d({ filters, kernelSize, padding: "same", ...extra });
const depthwise = (kernelSize: number, depthMultiplier = 1) =>
  L.depthwiseConv2d({ kernelSize, depthMultiplier, padding: "same" });
const repeat = (n: number, make: () => tf.layers.Layer) => Array.from({ length: n }, make);

const ACTIVATIONS = COSTED_ACTIVATIONS;

export const BENCH_MODELS: BenchModel[] = [
  {
    name: "dense 784-10",
    kind: "overhead",
    build: () => tf.sequential({ layers: [L.dense({ inputShape: [784], units: 10 })] }),
  },
  { name: "MLP 784-128-10", kind: "dense", build: () => mlp(128) },
  {
    name: "MLP 784-384-256-10",
    kind: "dense",
    build: () =>
      tf.sequential({
        layers: [
          L.dense({ inputShape: [784], units: 384, activation: "relu" }),
          L.dense({ units: 256, activation: "relu" }),
          L.dense({ units: 10, activation: "softmax" }),
        ],
      }),
  },
  {
    name: "MLP 784 + 12x Dense 64",
    kind: "dense",
    build: () =>
      tf.sequential({
        layers: [
          L.dense({ inputShape: [784], units: 64, activation: "relu" }),
          ...repeat(12, () => L.dense({ units: 64, activation: "relu" })),
          L.dense({ units: 10, activation: "softmax" }),
        ],
      }),
  },
  { name: "CNN conv4-pool-conv8-pool", kind: "cnn", build: () => smallCnn() },
  { name: "LeNet-5", kind: "cnn", build: () => leNet5() },
  {
    name: "conv3 f32 valid, pool, conv3 f32",
    kind: "cnn",
    build: () =>
      image([
        L.conv2d({ filters: 32, kernelSize: 3, activation: "relu" }),
        L.maxPooling2d({ poolSize: 2 }),
        L.conv2d({ filters: 32, kernelSize: 3, activation: "relu" }),
      ]),
  },
  {
    name: "conv1x1 f16 x3",
    kind: "conv 1x1",
    build: () => image([conv(16, 1), conv(16, 1), conv(16, 1)]),
  },
  { name: "conv1x1 f8 x4", kind: "conv 1x1", build: () => image(repeat(4, () => conv(8, 1))) },
  { name: "conv3x3 f1 x4", kind: "conv 3x3", build: () => image(repeat(4, () => conv(1, 3))) },
  { name: "conv3x3 f8 x3", kind: "conv 3x3", build: () => image(repeat(3, () => conv(8, 3))) },
  { name: "conv3x3 f16 x2", kind: "conv 3x3", build: () => image([conv(16, 3), conv(16, 3)]) },
  { name: "conv3x3 f24 x2", kind: "conv 3x3", build: () => image([conv(24, 3), conv(24, 3)]) },
  { name: "conv5x5 f6 x3", kind: "conv 5x5", build: () => image(repeat(3, () => conv(6, 5))) },
  { name: "conv7x7 f1 x2", kind: "conv large", build: () => image([conv(1, 7), conv(1, 7)]) },
  { name: "conv14x14 f1", kind: "conv large", build: () => image([conv(1, 14)]) },
  { name: "conv14x14 f8", kind: "conv large", build: () => image([conv(8, 14)]) },
  {
    name: "conv1x1 f4, conv9x9 f1",
    kind: "conv large",
    build: () => image([conv(4, 1), conv(1, 9)]),
  },
  { name: "conv28x28 f1", kind: "conv large", build: () => image([conv(1, 28)], "flatten") },
  { name: "seven conv28x28 f1 (issue 7)", kind: "conv large", build: () => sevenWideConvs() },
  { name: "conv1x1 f8, dw3x3", kind: "depthwise", build: () => image([conv(8, 1), depthwise(3)]) },
  {
    name: "conv1x1 f8, dw3x3 x2 dm2",
    kind: "depthwise",
    build: () => image([conv(8, 1), depthwise(3, 2)]),
  },
  {
    name: "conv1x1 f16, dw5x5",
    kind: "depthwise",
    build: () => image([conv(16, 1), depthwise(5)]),
  },
  { name: "dw7x7 c1 x2", kind: "depthwise", build: () => image([depthwise(7), depthwise(7)]) },
  { name: "dw14x14 c1", kind: "depthwise", build: () => image([depthwise(14)]) },
  {
    name: "sep3x3 f8, sep3x3 f16",
    kind: "separable",
    build: () =>
      image([
        L.separableConv2d({ filters: 8, kernelSize: 3, padding: "same" }),
        L.separableConv2d({ filters: 16, kernelSize: 3, padding: "same" }),
      ]),
  },
  {
    name: "conv1x1 f8, maxpool3 s1 x3",
    kind: "pooling",
    build: () =>
      image([
        conv(8, 1),
        ...repeat(3, () => L.maxPooling2d({ poolSize: 3, strides: 1, padding: "same" })),
      ]),
  },
  {
    name: "conv1x1 f8, avgpool3 s1 x3",
    kind: "pooling",
    build: () =>
      image([
        conv(8, 1),
        ...repeat(3, () => L.averagePooling2d({ poolSize: 3, strides: 1, padding: "same" })),
      ]),
  },
  {
    name: "maxpool14 s1 c1",
    kind: "pooling",
    build: () => image([L.maxPooling2d({ poolSize: 14, strides: 1, padding: "same" })]),
  },
  {
    name: "avgpool14 s1 c1",
    kind: "pooling",
    build: () => image([L.averagePooling2d({ poolSize: 14, strides: 1, padding: "same" })]),
  },
  {
    name: "conv1x1 f32, gmp",
    kind: "global pool",
    build: () =>
      tf.sequential({
        layers: [
          L.inputLayer({ inputShape: [28, 28, 1] }),
          conv(32, 1),
          L.globalMaxPooling2d({}),
          L.dense({ units: 10 }),
        ],
      }),
  },
  { name: "conv1x1 f32, gap", kind: "global pool", build: () => image([conv(32, 1)]) },
  {
    name: "conv1x1 f8, batchnorm x3",
    kind: "batch norm",
    build: () => image([conv(8, 1), ...repeat(3, () => L.batchNormalization({}))]),
  },
  {
    name: "conv1x1 f8, flatten/reshape/dropout x6",
    kind: "reshape",
    build: () =>
      image([
        conv(8, 1),
        ...repeat(3, () => L.dropout({ rate: 0.5 })),
        L.reshape({ targetShape: [784, 8] }),
        L.reshape({ targetShape: [28, 28, 8] }),
      ]),
  },
  ...ACTIVATIONS.map((activation): BenchModel => ({
    name: `conv1x1 f8, 2x ${activation}`,
    kind: "activation",
    build: () => image([conv(8, 1), ...repeat(2, () => L.activation({ activation }))]),
  })),
  {
    name: "MobileNet-like: conv s2, dw, 1x1, dw s2, 1x1",
    kind: "holdout",
    build: () =>
      image([
        conv(8, 3, { strides: 2, activation: "relu" }),
        depthwise(3),
        conv(16, 1, { activation: "relu" }),
        L.depthwiseConv2d({ kernelSize: 3, strides: 2, padding: "same" }),
        conv(32, 1, { activation: "relu" }),
      ]),
  },
  {
    name: "CNN conv16-BN-relu-pool, conv32-BN-relu-pool, dense64 tanh",
    kind: "holdout",
    build: () =>
      tf.sequential({
        layers: [
          L.inputLayer({ inputShape: [28, 28, 1] }),
          conv(16, 3),
          L.batchNormalization({}),
          L.reLU({}),
          L.maxPooling2d({ poolSize: 2 }),
          conv(32, 3),
          L.batchNormalization({}),
          L.reLU({}),
          L.maxPooling2d({ poolSize: 2 }),
          L.flatten(),
          L.dense({ units: 64, activation: "tanh" }),
          L.dense({ units: 10, activation: "softmax" }),
        ],
      }),
  },
  {
    name: "conv5x5 f12 x2, avgpool2, sep5x5 f24",
    kind: "holdout",
    build: () =>
      image([
        conv(12, 5, { activation: "elu" }),
        conv(12, 5, { activation: "elu" }),
        L.averagePooling2d({ poolSize: 2 }),
        L.separableConv2d({ filters: 24, kernelSize: 5, padding: "same", activation: "swish" }),
      ]),
  },
  {
    name: "MLP 784-256-128-10 sigmoid",
    kind: "holdout",
    build: () =>
      tf.sequential({
        layers: [
          L.dense({ inputShape: [784], units: 256, activation: "sigmoid" }),
          L.dense({ units: 128, activation: "sigmoid" }),
          L.dense({ units: 10, activation: "softmax" }),
        ],
      }),
  },
  {
    name: "conv11x11 f2, conv11x11 f2",
    kind: "holdout",
    build: () => image([conv(2, 11), conv(2, 11)]),
  },
];
