/**
 * THE SCORING-TIME MODEL: how long the evaluator will take to score a model on the 10,000 test
 * images (2,000 public + 8,000 private), predicted from the topology alone, before TF.js sees it.
 *
 * Multiply-adds alone do not predict it: on the wasm backend a multiply-add costs ~0.07 ns in a
 * 3x3 convolution with 32 channels, ~0.75 ns with one input and one output channel (a 28x28
 * kernel on a 28x28 map: seven such layers have 4.3M multiply-adds per image, under the compute
 * cap, and took 32-80 s to score), and ~1 ns in any depthwise convolution; pooling windows,
 * batch norm and tanh cost per value what a large convolution costs per multiply-add. So each
 * layer is turned into FEATURES (work units per image that one kind of kernel spends its time
 * on), and the predicted time is a weighted sum of them, with one weight per feature.
 *
 * The weights were measured on the evaluator itself: `npm run bench:cost` scores a spread of
 * models (every layer kind, 1x1 to 28x28 kernels, 1 to 32 channels) in the real evaluator child,
 * fits the weights by non-negative least squares on relative error (pulled towards the current
 * table so a feature few models exercise stays put), and prints a table in the form of COST_NS.
 * To re-calibrate on another machine, run it there and paste the printed table here.
 *
 * Pure and isomorphic: the lab shows the same prediction and verdict as the server.
 */

/** Images the evaluator scores per model (the whole MNIST test split). */
export const SCORED_IMAGES = 10_000;

/**
 * Refuse a model predicted to take longer than this to score. Well under the evaluator's 20 s
 * kill: the table is fitted on one machine (2 shared cores) and a slower or busier machine may
 * take 2-3x longer; a model refused here costs nothing, one killed at 20 s costs a submission.
 */
export const MAX_PREDICTED_SCORING_MS = 5_000;

/**
 * The batch sizes the evaluator child scores in, largest first: a model gets the largest batch
 * whose largest layer output (batch x values per image) fits ACTIVATION_BUDGET. Here so that the
 * child and this model agree on how many batches (and so how many kernel calls) a model costs.
 */
export const BATCH_SIZES = [10_000, 2_000, 500] as const;
export const ACTIVATION_BUDGET = 32_000_000;

export function scoringBatchSize(largestValuesPerImage: number): number {
  return BATCH_SIZES.find((n) => n * largestValuesPerImage <= ACTIVATION_BUDGET) ?? 500;
}

export const COST_FEATURES = [
  /** Per model, in ms: IPC, decoding and loading the weights, argmax over the 10,000 outputs. */
  "model",
  /** Per layer and batch, in ms: one kernel call's fixed cost. */
  "layerCall",
  /** Dense: multiply-adds, and output values (bias, write-back). */
  "denseMacs",
  "denseOutputs",
  /**
   * Conv2D (and the pointwise half of SeparableConv2D), per output pixel x kernel tap: the
   * product of (inChannels + a) and (filters + b), expanded. Few channels leave the wasm SIMD
   * lanes idle, so a tap costs far more per multiply-add with 1 channel than with 32.
   */
  "convMacs",
  "convTapInputs",
  "convTapFilters",
  "convTaps",
  "convOutputs",
  /** DepthwiseConv2D (and SeparableConv2D's depthwise half): multiply-adds, and taps per pixel. */
  "depthwiseMacs",
  "depthwiseTaps",
  /** Max/AveragePooling2D: window taps, and output values. */
  "poolTaps",
  "poolOutputs",
  /** GlobalAverage/MaxPooling2D: input values (the reduction transposes first). */
  "globalPoolInputs",
  "batchNormValues",
  /** Activations: output values weighted by ACTIVATION_NS, so its weight is a scale (~1). */
  "activationNs",
] as const;

export type CostFeature = (typeof COST_FEATURES)[number];
export type CostFeatures = Partial<Record<CostFeature, number>>;

/**
 * ns per unit per image ("model" and "layerCall": ms per model / per layer call). Fitted by
 * `npm run bench:cost` on the project machine (2 cores, Node 20, tfjs-backend-wasm 4.22 simd,
 * one thread), 2026-12-07.
 */
export const COST_NS: Record<CostFeature, number> = {
  model: 120,
  layerCall: 0.3,
  denseMacs: 0.04,
  denseOutputs: 10,
  convMacs: 0.032,
  convTapInputs: 0.44,
  convTapFilters: 0.019,
  convTaps: 0.26,
  convOutputs: 2,
  depthwiseMacs: 0.96,
  depthwiseTaps: 0.66,
  poolTaps: 0.7,
  poolOutputs: 1,
  globalPoolInputs: 1.2,
  batchNormValues: 4.7,
  activationNs: 1,
};

/**
 * ns per value of each allowed activation on the wasm backend, measured by applying it alone to
 * a 500 x 28 x 28 x 8 tensor (less the ~0.5 ns per value of reading the result back). tanh is
 * ~100x relu: a kernel the wasm backend has, but without SIMD.
 */
export const ACTIVATION_NS: Record<string, number> = {
  linear: 0,
  relu: 0.15,
  relu6: 4.4,
  sigmoid: 1.6,
  tanh: 21.6,
  softmax: 4.9,
  elu: 1,
  selu: 10.4,
  softplus: 14.7,
  softsign: 2.9,
  swish: 4,
  gelu: 12.7,
};

/** Features of an activation applied to `values` outputs per image (unknown names cost as tanh). */
export function activationFeatures(activation: unknown, values: number): CostFeatures {
  const name = typeof activation === "string" ? activation : "linear";
  const ns = ACTIVATION_NS[name] ?? ACTIVATION_NS.tanh!;
  return ns === 0 ? {} : { activationNs: values * ns };
}

/** Conv2D over `pixels` output pixels, `taps` = kernel height x width. */
export function convFeatures(pixels: number, taps: number, inputs: number, filters: number) {
  const pt = pixels * taps;
  return {
    convMacs: pt * inputs * filters,
    convTapInputs: pt * inputs,
    convTapFilters: pt * filters,
    convTaps: pt,
    convOutputs: pixels * filters,
  } satisfies CostFeatures;
}

export function depthwiseFeatures(pixels: number, taps: number, outputChannels: number) {
  return {
    depthwiseMacs: pixels * taps * outputChannels,
    depthwiseTaps: pixels * taps,
  } satisfies CostFeatures;
}

export function addFeatures(...parts: CostFeatures[]): CostFeatures {
  const sum: CostFeatures = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part) as [CostFeature, number][]) {
      sum[key] = (sum[key] ?? 0) + value;
    }
  }
  return sum;
}

/**
 * Per-image features of one layer to ms for the whole test split. `model` and `layerCall` are
 * not per image: they are counted by predictScoring.
 */
export function layerMs(features: CostFeatures, table = COST_NS): number {
  let ns = 0;
  for (const [key, value] of Object.entries(features) as [CostFeature, number][]) {
    if (key !== "model" && key !== "layerCall") ns += value * table[key];
  }
  return (ns * SCORED_IMAGES) / 1e6;
}

export interface ScoringPrediction {
  /** Predicted wall time for the evaluator to score the model on the 10,000 images. */
  ms: number;
  batchSize: number;
  /** Features of the whole model over the whole test split (what the bench fits on). */
  totals: Record<CostFeature, number>;
}

/**
 * The predicted scoring time of a model given each layer's per-image features and the largest
 * number of values any layer outputs per image (which sets the batch size).
 */
export function predictScoring(
  layers: readonly CostFeatures[],
  largestValuesPerImage: number,
  table = COST_NS,
): ScoringPrediction {
  const batchSize = scoringBatchSize(largestValuesPerImage);
  const totals = Object.fromEntries(COST_FEATURES.map((f) => [f, 0])) as Record<
    CostFeature,
    number
  >;
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer) as [CostFeature, number][]) {
      totals[key] += (value * SCORED_IMAGES) / 1e6; // millions of units over the split
    }
  }
  totals.model = 1;
  totals.layerCall = layers.length * Math.ceil(SCORED_IMAGES / batchSize);
  let ms = 0;
  for (const feature of COST_FEATURES) ms += totals[feature] * table[feature];
  return { ms, batchSize, totals };
}

/** "80 s" / "1.4 s" for the rejection detail and the lab. */
export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${s >= 10 || Number.isInteger(s) ? Math.round(s) : s.toFixed(1)} s`;
}
