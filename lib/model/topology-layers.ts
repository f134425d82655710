import {
  activationFeatures,
  COSTED_ACTIVATIONS,
  addFeatures,
  convFeatures,
  depthwiseFeatures,
  poolFeatures,
  type CostFeatures,
} from "./cost";
import { rejection, type ModelRejection, type ModelRejectionCode } from "./rejections";
import { elementCount } from "./weights";

/**
 * Shape and weight inference for each allow-listed layer, on configs already converted to the
 * camelCase form tfjs-layers reads (see toTfjsConfig in topology.ts). Defaults mirror the TF.js
 * 4.22 constructors (`args.x == null ? default : args.x`); any option we do not evaluate is
 * refused rather than guessed at. Shapes here are per image, without the batch dimension.
 */

export type Dict = Record<string, unknown>;

export interface InferredLayer {
  output: number[];
  /** Weight names as tfjs suffixes them to the layer name, with their shapes. */
  weights: { name: string; shape: number[] }[];
  multiplyAdds: number;
  /** Work per image by kind of kernel, for the scoring-time model (lib/model/cost.ts). */
  cost: CostFeatures;
  /** Largest intermediate a layer builds besides its output (SeparableConv2D's depthwise stage). */
  peakElements?: number;
}

/** Thrown inside the topology checks only; inspectTopology turns it into a result. */
export class Refusal extends Error {
  constructor(readonly rejection: ModelRejection) {
    super(`${rejection.code}: ${rejection.detail}`);
  }
}

export function fail(code: ModelRejectionCode, detail: string): never {
  throw new Refusal(rejection(code, detail));
}

export const isDict = (v: unknown): v is Dict =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Every activation with a cost of its own (gelu included: tfjs-layers 4.22 registers it), and linear. */
export const ALLOWED_ACTIVATIONS = ["linear", ...COSTED_ACTIVATIONS] as const;

// Built-in classes only, by tfjs class name or tfjs string identifier: anything else would be a
// custom class, i.e. code we would be asked to find and run.
const REGULARIZERS = { classes: ["L1L2"], identifiers: ["l1l2", "L1L2"] };
const CONSTRAINTS = {
  classes: ["MaxNorm", "MinMaxNorm", "NonNeg", "UnitNorm"],
  identifiers: [
    "maxNorm",
    "minMaxNorm",
    "nonNeg",
    "unitNorm",
    "MaxNorm",
    "MinMaxNorm",
    "NonNeg",
    "UnitNorm",
  ],
};

function checkSerializable(key: string, value: unknown, allowed: typeof REGULARIZERS) {
  if (value == null) return;
  if (typeof value === "string" && allowed.identifiers.includes(value)) return;
  if (
    isDict(value) &&
    typeof value.className === "string" &&
    allowed.classes.includes(value.className)
  )
    return;
  const shown = isDict(value) ? String(value.className) : JSON.stringify(value);
  fail("UNSUPPORTED_CONFIG", `${key}: ${shown} (only built-in regularizers and constraints)`);
}

/** Options every layer may carry that would change what TF.js computes or loads. */
function checkCommon(config: Dict) {
  for (const [key, value] of Object.entries(config)) {
    if (key.endsWith("Regularizer")) checkSerializable(key, value, REGULARIZERS);
    if (key.endsWith("Constraint")) checkSerializable(key, value, CONSTRAINTS);
  }
  if (config.dtype != null && config.dtype !== "float32")
    fail("UNSUPPORTED_CONFIG", `dtype ${JSON.stringify(config.dtype)}`);
  if (config.dataFormat != null && config.dataFormat !== "channelsLast") {
    fail(
      "UNSUPPORTED_CONFIG",
      `data_format ${JSON.stringify(config.dataFormat)} (channels_last only)`,
    );
  }
  const activation = config.activation;
  if (activation != null && !(ALLOWED_ACTIVATIONS as readonly unknown[]).includes(activation)) {
    fail(
      "ACTIVATION_NOT_ALLOWED",
      typeof activation === "string" ? activation : JSON.stringify(activation),
    );
  }
  const dilation = config.dilationRate;
  if (
    dilation != null &&
    dilation !== 1 &&
    !(Array.isArray(dilation) && dilation.every((d) => d === 1))
  ) {
    fail("UNSUPPORTED_CONFIG", `dilation_rate ${JSON.stringify(dilation)} (1 only)`);
  }
}

const isPositiveInt = (v: unknown): v is number =>
  typeof v === "number" && Number.isSafeInteger(v) && v >= 1;

function positiveInt(config: Dict, key: string, fallback?: number): number {
  const v = config[key] ?? fallback;
  if (!isPositiveInt(v))
    fail("MALFORMED", `${key} must be a positive integer, got ${JSON.stringify(v)}`);
  return v;
}

/** tfjs `normalizeArray(value, 2, key)`: a number means the same on both axes. */
function pair(config: Dict, key: string, fallback?: number | number[]): [number, number] {
  const v = config[key] ?? fallback;
  const arr: unknown = typeof v === "number" ? [v, v] : v;
  if (!Array.isArray(arr) || arr.length !== 2 || !arr.every(isPositiveInt)) {
    fail("MALFORMED", `${key} must be a positive integer or a pair, got ${JSON.stringify(v)}`);
  }
  return [arr[0] as number, arr[1] as number];
}

function flag(config: Dict, key: string, fallback: boolean): boolean {
  const v = config[key] ?? fallback;
  if (typeof v !== "boolean") fail("MALFORMED", `${key} must be true or false`);
  return v;
}

function padding(config: Dict): "valid" | "same" {
  const v = config.padding ?? "valid";
  if (v !== "valid" && v !== "same")
    fail("UNSUPPORTED_CONFIG", `padding ${JSON.stringify(v)} (valid or same)`);
  return v;
}

function image(dims: number[], className: string): [number, number, number] {
  if (dims.length !== 3)
    fail(
      "MALFORMED",
      `${className} needs [height, width, channels] input, got [${dims.join(", ")}]`,
    );
  return dims as [number, number, number];
}

/** tfjs `convOutputLength` with dilation 1; a window larger than a valid input is refused. */
function windowOutput(size: number, window: number, pad: "valid" | "same", stride: number): number {
  const length = pad === "same" ? size : size - window + 1;
  if (length < 1)
    fail("MALFORMED", `window ${window} does not fit input ${size} with valid padding`);
  return Math.floor((length + stride - 1) / stride);
}

/**
 * Spatial part shared by the convolutions (kernel_size required, strides default 1) and the
 * pooling layers (pool_size default 2, strides default pool_size).
 */
function sliding(config: Dict, dims: number[], className: string, pooling: boolean) {
  const [h, w, c] = image(dims, className);
  const [kh, kw] = pooling ? pair(config, "poolSize", 2) : pair(config, "kernelSize");
  const [sh, sw] = pair(config, "strides", pooling ? [kh, kw] : 1);
  const pad = padding(config);
  return { c, kh, kw, oh: windowOutput(h, kh, pad, sh), ow: windowOutput(w, kw, pad, sw) };
}

function channelAxis(
  config: Dict,
  key: string,
  fallback: number,
  dims: number[],
  className: string,
) {
  const axis = config[key] ?? fallback;
  if (axis !== -1 && axis !== dims.length) {
    fail("UNSUPPORTED_CONFIG", `${className} ${key} ${JSON.stringify(axis)} (last axis only)`);
  }
}

export function inferLayer(className: string, config: Dict, dims: number[]): InferredLayer {
  const inferred = inferShapes(className, config, dims);
  const activation = activationFeatures(config.activation, elementCount(inferred.output));
  return { ...inferred, cost: addFeatures(inferred.cost, activation) };
}

/** Everything but the activation, which any layer with an `activation` option adds on top. */
function inferShapes(className: string, config: Dict, dims: number[]): InferredLayer {
  checkCommon(config);
  const elements = elementCount(dims);
  const same = (multiplyAdds = 0, cost: CostFeatures = {}): InferredLayer => ({
    output: dims,
    weights: [],
    multiplyAdds,
    cost,
  });
  const bias = (n: number) => (flag(config, "useBias", true) ? [{ name: "bias", shape: [n] }] : []);
  switch (className) {
    case "InputLayer":
      if (config.sparse === true) fail("UNSUPPORTED_CONFIG", "sparse input");
      return same();
    case "Dropout":
      if (typeof (config.rate ?? 0) !== "number")
        fail("MALFORMED", "Dropout rate must be a number");
      return same(); // identity at inference
    case "Activation":
      return same(elements);
    case "ReLU":
      return same(elements, activationFeatures("relu", elements));
    case "Softmax":
      channelAxis(config, "axis", 1, dims, className); // tfjs's Softmax layer defaults to axis 1
      return same(elements, activationFeatures("softmax", elements));
    case "BatchNormalization": {
      channelAxis(config, "axis", -1, dims, className);
      const shape = [dims[dims.length - 1]!];
      const weights = [
        ...(flag(config, "scale", true) ? [{ name: "gamma", shape }] : []),
        ...(flag(config, "center", true) ? [{ name: "beta", shape }] : []),
        { name: "moving_mean", shape },
        { name: "moving_variance", shape },
      ];
      return { output: dims, weights, multiplyAdds: elements, cost: { batchNormValues: elements } };
    }
    case "Flatten":
      if (dims.length < 2) fail("MALFORMED", "Flatten needs an input of rank 2 or more per image");
      return { output: [elements], weights: [], multiplyAdds: 0, cost: {} };
    case "Reshape": {
      // No -1: tfjs 4.22 leaves it in the static shape (the batch null counts as "unknown"), so
      // the layers after it cannot build. Players write the dimension out instead.
      const target = config.targetShape;
      if (!Array.isArray(target) || target.length === 0 || !target.every(isPositiveInt)) {
        fail(
          "UNSUPPORTED_CONFIG",
          `Reshape target_shape ${JSON.stringify(target)} (positive sizes only)`,
        );
      }
      if (elementCount(target) !== elements) {
        fail("MALFORMED", `cannot reshape [${dims.join(", ")}] to [${target.join(", ")}]`);
      }
      return { output: [...target], weights: [], multiplyAdds: 0, cost: {} };
    }
    case "Dense": {
      const units = positiveInt(config, "units");
      const inLast = dims[dims.length - 1]!;
      const output = [...dims.slice(0, -1), units];
      const weights = [{ name: "kernel", shape: [inLast, units] }, ...bias(units)];
      const rows = elementCount(dims.slice(0, -1));
      const multiplyAdds = rows * inLast * units;
      const cost = { denseMacs: multiplyAdds, denseOutputs: rows * units };
      return { output, weights, multiplyAdds, cost };
    }
    case "Conv2D": {
      const filters = positiveInt(config, "filters");
      const { c, kh, kw, oh, ow } = sliding(config, dims, className, false);
      const weights = [{ name: "kernel", shape: [kh, kw, c, filters] }, ...bias(filters)];
      const multiplyAdds = oh * ow * filters * kh * kw * c;
      const cost = convFeatures(oh * ow, kh * kw, c, filters);
      return { output: [oh, ow, filters], weights, multiplyAdds, cost };
    }
    case "DepthwiseConv2D": {
      const dm = positiveInt(config, "depthMultiplier", 1);
      const { c, kh, kw, oh, ow } = sliding(config, dims, className, false);
      const weights = [{ name: "depthwise_kernel", shape: [kh, kw, c, dm] }, ...bias(c * dm)];
      const cost = depthwiseFeatures(oh * ow, kh * kw, c, dm);
      return { output: [oh, ow, c * dm], weights, multiplyAdds: oh * ow * c * dm * kh * kw, cost };
    }
    case "SeparableConv2D": {
      const filters = positiveInt(config, "filters");
      const dm = positiveInt(config, "depthMultiplier", 1);
      const { c, kh, kw, oh, ow } = sliding(config, dims, className, false);
      const weights = [
        { name: "depthwise_kernel", shape: [kh, kw, c, dm] },
        { name: "pointwise_kernel", shape: [1, 1, c * dm, filters] },
        ...bias(filters),
      ];
      const depthwise = oh * ow * c * dm;
      const multiplyAdds = depthwise * kh * kw + depthwise * filters;
      const cost = addFeatures(
        depthwiseFeatures(oh * ow, kh * kw, c, dm),
        convFeatures(oh * ow, 1, c * dm, filters),
      );
      return { output: [oh, ow, filters], weights, multiplyAdds, cost, peakElements: depthwise };
    }
    case "MaxPooling2D":
    case "AveragePooling2D": {
      const { c, kh, kw, oh, ow } = sliding(config, dims, className, true);
      const multiplyAdds = oh * ow * c * kh * kw;
      const kind = className === "MaxPooling2D" ? "max" : "avg";
      const cost = poolFeatures(kind, oh * ow, kh * kw, c);
      return { output: [oh, ow, c], weights: [], multiplyAdds, cost };
    }
    case "GlobalAveragePooling2D":
    case "GlobalMaxPooling2D": {
      const [, , c] = image(dims, className);
      const cost = { globalPoolInputs: elements };
      return { output: [c], weights: [], multiplyAdds: elements, cost };
    }
    default:
      return fail("LAYER_NOT_ALLOWED", className);
  }
}
