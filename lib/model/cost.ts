/**
 * THE SCORING-TIME MODEL: how long the evaluator will take to score a model on the 10,000 test
 * images (2,000 public + 8,000 private), predicted from the topology alone, before TF.js sees it.
 *
 * Multiply-adds alone do not predict it. On the wasm backend (one thread, SIMD) a multiply-add
 * costs ~0.07 ns in a 3x3 convolution with 32 channels in and out, but ~0.8 ns with one channel
 * in and one filter (a 28x28 kernel on the 28x28 map: issue 7's seven such layers have 4.3M
 * multiply-adds per image, under the compute cap, and take ~36 s of CPU to score), ~0.35 ns in a
 * depthwise convolution; a pooling-window tap, a batch-norm value or a softplus value costs what
 * 10, 50 or 200 multiply-adds of a wide convolution cost. So each layer is turned into FEATURES
 * (units of work per image that one kind of kernel spends its time on), and the predicted time
 * is their weighted sum, one weight per feature (COST_NS).
 *
 * The weights are measured on the evaluator itself: `npm run bench:cost` scores ~50 models (each
 * layer kind and activation, 1x1 to 28x28 kernels, 1 to 32 channels, issue 7's model, and a few
 * mixed models it does not fit on) in the real evaluator child, takes the child's CPU time per
 * model, fits the weights by non-negative least squares on relative error (pulled gently towards
 * the current table, so a weight few models exercise stays put) and prints the table in the form
 * of COST_NS. To re-calibrate on another machine, run it there and paste the printed table here
 * (`npm run bench:cost -- --refit` re-fits the mean of the saved runs' times, e.g. after a change
 * to the features, without scoring anything again).
 *
 * Pure and isomorphic: the lab shows the same prediction and verdict as the server.
 */

/** Images the evaluator scores per model (the whole MNIST test split). */
export const SCORED_IMAGES = 10_000;

/**
 * Refuse a model predicted to take longer than this to score: a quarter of the evaluator's 20 s
 * kill, because the table is fitted on one machine and a slower or busier one may take 2-4x
 * longer (a model refused here costs nothing; one killed at 20 s costs a submission and holds
 * the evaluator for 20 s). LeNet-5 is predicted at 0.5 s, the notes' 2,346-parameter CNN 0.13 s.
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

/** Activations with a cost of their own (linear is free), each a feature: "tanhValues"... */
export const COSTED_ACTIVATIONS = [
  "relu",
  "relu6",
  "sigmoid",
  "tanh",
  "softmax",
  "elu",
  "selu",
  "softplus",
  "softsign",
  "swish",
  "gelu",
] as const;
type ActivationFeature = `${(typeof COSTED_ACTIVATIONS)[number]}Values`;

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
   * product of (inChannels + a) and (filter lanes + b), expanded, where filters are counted in
   * tiles of 8 (the width XNNPACK's wasm SIMD kernels compute at once: 1 filter costs as 8).
   * So a tap with 1 channel and 1 filter costs ~20x per multiply-add what it does with 32 x 32.
   */
  "convMacs",
  "convTapInputs",
  "convTapFilters",
  "convTaps",
  "convOutputs",
  /**
   * DepthwiseConv2D (and SeparableConv2D's depthwise half): multiply-adds, taps per pixel (what
   * one channel costs), and the extra multiply-adds of a depth multiplier above 1 (slower path).
   */
  "depthwiseMacs",
  "depthwiseTaps",
  "depthwiseMultiplierMacs",
  /** Max/AveragePooling2D: window taps x channels, and window taps per pixel (as depthwise). */
  "maxPoolTaps",
  "maxPoolWindowTaps",
  "avgPoolTaps",
  "avgPoolWindowTaps",
  /** GlobalAverage/MaxPooling2D: input values (the reduction transposes first). */
  "globalPoolInputs",
  "batchNormValues",
  /** An activation's output values, per function: tanh costs ~10x sigmoid on the wasm backend. */
  ...COSTED_ACTIVATIONS.map((a): ActivationFeature => `${a}Values`),
] as const;

export type CostFeature = (typeof COST_FEATURES)[number];
export type CostFeatures = Partial<Record<CostFeature, number>>;

/**
 * ns per unit per image ("model" and "layerCall": ms per model / per layer call). Fitted by
 * `npm run bench:cost` on the project machine (2 cores shared with other jobs, Node 20,
 * tfjs-backend-wasm 4.22 simd, one thread), 2026-12-07, on the child's CPU time averaged over
 * four runs: fitted models predicted at 0.79-1.15x their measured time, the mixed models left
 * out of the fit at 0.85-1.05x. One run alone moved by up to 2x with the neighbours' load, and
 * wall time was 1-4x CPU time there: MAX_PREDICTED_SCORING_MS leaves room for both.
 */
export const COST_NS: Record<CostFeature, number> = {
  model: 22,
  layerCall: 1.07,
  denseMacs: 0.0678,
  denseOutputs: 0.122,
  convMacs: 0.0689,
  convTapInputs: 0.0246,
  convTapFilters: 0.000909,
  convTaps: 0.248,
  convOutputs: 0.209,
  depthwiseMacs: 0.287,
  depthwiseTaps: 0.707,
  depthwiseMultiplierMacs: 0.455,
  maxPoolTaps: 0.0673,
  maxPoolWindowTaps: 0.799,
  avgPoolTaps: 0.152,
  avgPoolWindowTaps: 0.4,
  globalPoolInputs: 1.76,
  batchNormValues: 3.77,
  reluValues: 0.147,
  relu6Values: 3.83,
  sigmoidValues: 0.96,
  tanhValues: 2.87,
  softmaxValues: 3.61,
  eluValues: 0.561,
  seluValues: 5.62,
  softplusValues: 13.9,
  softsignValues: 1.18,
  swishValues: 1.8,
  geluValues: 3.53,
};

/** Features of an activation applied to `values` outputs per image (linear is free). */
export function activationFeatures(activation: unknown, values: number): CostFeatures {
  const name = COSTED_ACTIVATIONS.find((a) => a === activation);
  return name === undefined ? {} : { [`${name}Values`]: values };
}

/** Conv2D over `pixels` output pixels, `taps` = kernel height x width (see convMacs). */
export function convFeatures(pixels: number, taps: number, inputs: number, filters: number) {
  const pt = pixels * taps;
  const lanes = Math.ceil(filters / 8) * 8;
  return {
    convMacs: pt * inputs * lanes,
    convTapInputs: pt * inputs,
    convTapFilters: pt * lanes,
    convTaps: pt,
    convOutputs: pixels * filters,
  } satisfies CostFeatures;
}

export function depthwiseFeatures(
  pixels: number,
  taps: number,
  channels: number,
  multiplier: number,
): CostFeatures {
  const macs = pixels * taps * channels * multiplier;
  return {
    depthwiseMacs: macs,
    depthwiseTaps: pixels * taps,
    ...(multiplier > 1 ? { depthwiseMultiplierMacs: macs } : {}),
  };
}

export function poolFeatures(kind: "max" | "avg", pixels: number, taps: number, channels: number) {
  return kind === "max"
    ? { maxPoolTaps: pixels * taps * channels, maxPoolWindowTaps: pixels * taps }
    : { avgPoolTaps: pixels * taps * channels, avgPoolWindowTaps: pixels * taps };
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
