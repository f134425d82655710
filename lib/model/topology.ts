import { LIMITS, type WeightSpec } from "./artifact";
import {
  formatSeconds,
  layerMs,
  MAX_PREDICTED_SCORING_MS,
  predictScoring,
  SCORED_IMAGES,
  type CostFeatures,
} from "./cost";
import { rejection, type ModelRejection } from "./rejections";
import { canonicalJson } from "./size";
import { elementCount } from "./weights";
import {
  fail,
  inferLayer,
  isDict,
  Refusal,
  type Dict,
  type InferredLayer,
} from "./topology-layers";

/**
 * Static checks over an untrusted TF.js topology, run before TF.js ever sees it. Loading is where
 * the danger is: a Reshape -> UpSampling2D(100x100) -> GlobalAveragePooling -> Dense model has 20
 * parameters and grew to 22.9 GB before it was killed. So we infer every layer's output shape
 * and parameter shapes ourselves and refuse anything outside narrow, documented limits.
 *
 * We check exactly what TF.js will load: `model_config` is unwrapped as tfjs-layers does, and the
 * whole tree is converted the way its `convertPythonicToTs` converts it (snake_case keys AND
 * string values to camelCase, `name` strings kept). Otherwise `{"kernel_size": 3,
 * "kernelSize": 99}` would show us one kernel and TF.js another; such collisions are refused.
 */

export interface LayerSummary {
  className: string;
  name: string;
  /** With the batch dimension first, as TF.js prints it: [null, 28, 28, 4]. */
  outputShape: (number | null)[];
  params: number;
  /** Multiply-adds (or comparisons, for pooling) per image. */
  multiplyAdds: number;
  /** Work per image by kind of kernel (lib/model/cost.ts). */
  cost: CostFeatures;
  /** Predicted time this layer adds to scoring the 10,000 test images, per-call costs aside. */
  scoringMs: number;
}

export interface TopologySummary {
  layers: LayerSummary[];
  parameters: number;
  multiplyAdds: number;
  inputShape: (number | null)[];
  /** Predicted wall time for the evaluator to score it on the 10,000 test images (cost.ts). */
  predictedScoringMs: number;
}

export type TopologyInspection =
  { ok: true; summary: TopologySummary } | { ok: false; error: ModelRejection };

export const ALLOWED_LAYERS = [
  "InputLayer",
  "Dense",
  "Conv2D",
  "DepthwiseConv2D",
  "SeparableConv2D",
  "MaxPooling2D",
  "AveragePooling2D",
  "GlobalAveragePooling2D",
  "GlobalMaxPooling2D",
  "Flatten",
  "Reshape",
  "Dropout",
  "Activation",
  "BatchNormalization",
  "ReLU",
  "Softmax",
] as const;

const INPUT_SHAPES = [canonicalJson([null, 784]), canonicalJson([null, 28, 28, 1])];
const OUTPUT_SHAPE = canonicalJson([null, 10]);

/** tfjs-layers `toCamelCase`, character for character. */
export function toCamelCase(identifier: string): string {
  if (identifier.length <= 1 || !identifier.includes("_")) return identifier;
  return identifier.replace(/[_]+(\w|$)/g, (_m, p1: string) => p1.toUpperCase());
}

/**
 * tfjs-layers `convertPythonicToTs`, refusing keys that collide after conversion. Undefined is
 * read as JSON would carry it (member dropped, array item null), so the lab, which holds the
 * topology as an object, sees what the server parses from the request body.
 */
export function toTfjsConfig(value: unknown): unknown {
  if (value === null || typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "string") return toCamelCase(value);
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : toTfjsConfig(v)));
  if (!isDict(value)) fail("MALFORMED", `unexpected ${typeof value} in topology`);
  const out: Dict = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const keepName = key === "name" && typeof v === "string";
    const tsKey = keepName ? key : toCamelCase(key);
    if (Object.hasOwn(out, tsKey))
      fail("MALFORMED", `"${key}" collides with another key as "${tsKey}"`);
    out[tsKey] = keepName ? v : toTfjsConfig(v);
  }
  return out;
}

function layerList(topology: unknown): Dict[] {
  if (!isDict(topology)) fail("MALFORMED", "topology is not an object");
  const raw = topology.model_config != null ? topology.model_config : topology;
  const top = toTfjsConfig(raw);
  if (!isDict(top) || typeof top.className !== "string") fail("MALFORMED", "no class_name");
  if (top.className !== "Sequential") {
    fail(
      "NOT_SEQUENTIAL",
      `${top.className}: only Sequential models (a plain chain of layers) are accepted`,
    );
  }
  const config = top.config;
  const layers = Array.isArray(config) ? config : isDict(config) ? config.layers : undefined;
  if (!Array.isArray(layers) || layers.length === 0)
    fail("MALFORMED", "Sequential config has no layers");
  if (layers.length > LIMITS.maxLayers) {
    fail("TOO_MANY_LAYERS", `${layers.length} layers, limit ${LIMITS.maxLayers}`);
  }
  return layers.map((layer, i) => {
    if (!isDict(layer) || typeof layer.className !== "string" || !isDict(layer.config)) {
      fail("MALFORMED", `layer ${i} needs class_name and config`);
    }
    return layer;
  });
}

const shapeText = (dims: readonly number[]) => `[${["null", ...dims].join(", ")}]`;

function inputDims(first: Dict): number[] {
  const shape = (first.config as Dict).batchInputShape;
  const key = Array.isArray(shape) ? canonicalJson(shape) : "none";
  if (!INPUT_SHAPES.includes(key)) {
    fail(
      "BAD_INPUT_SHAPE",
      `input ${key}; expected [null,784] or [null,28,28,1] on the first layer`,
    );
  }
  return (shape as number[]).slice(1);
}

function matchWeights(expected: { name: string; shape: number[] }[], specs: readonly WeightSpec[]) {
  const given = new Map<string, number[]>();
  for (const spec of specs) {
    if (given.has(spec.name)) fail("WEIGHTS_MISMATCH", `${spec.name} appears twice in weightSpecs`);
    given.set(spec.name, spec.shape);
  }
  for (const want of expected) {
    const shape = given.get(want.name);
    if (!shape) fail("WEIGHTS_MISMATCH", `${want.name} is missing from weightSpecs`);
    if (canonicalJson(shape) !== canonicalJson(want.shape)) {
      fail(
        "WEIGHTS_MISMATCH",
        `${want.name}: topology implies [${want.shape.join(",")}], spec says [${shape.join(",")}]`,
      );
    }
    given.delete(want.name);
  }
  const extra = [...given.keys()];
  if (extra.length > 0)
    fail("WEIGHTS_MISMATCH", `weightSpecs has weights no layer uses: ${extra.join(", ")}`);
}

/**
 * Checks, in order: size of the topology JSON, Sequential only, layer count, allow-listed classes
 * (all layers, before any shape work), input shape, then layer by layer the config, output size
 * and running parameter total, then the final output shape, then weightSpecs against the weights
 * the layers imply (names `${layerName}/${weight}` as tfjs loads them, and shapes), then the
 * predicted scoring time (cost.ts): the compute cap bounds multiply-adds, but what a
 * multiply-add costs varies ~20x with kernel and channels, so time is checked on its own.
 */
function inspect(
  topology: unknown,
  specs: readonly WeightSpec[],
  enforceCompute: boolean,
): TopologySummary {
  const topologyBytes = new TextEncoder().encode(canonicalJson(topology)).length;
  if (topologyBytes > LIMITS.maxTopologyBytes) {
    fail("TOO_LARGE", `topology is ${topologyBytes} bytes, limit ${LIMITS.maxTopologyBytes}`);
  }
  const layers = layerList(topology);
  for (const layer of layers) {
    if (!(ALLOWED_LAYERS as readonly string[]).includes(layer.className as string)) {
      fail("LAYER_NOT_ALLOWED", layer.className as string);
    }
  }
  const input = inputDims(layers[0]!);
  const names = new Set<string>();
  const summaries: LayerSummary[] = [];
  const expectedWeights: { name: string; shape: number[] }[] = [];
  let dims = input;
  let parameters = 0;
  let multiplyAdds = 0;
  // Compute budget: multiply-adds plus a charge per output value. Element-wise layers (softmax,
  // batch norm) have no multiply-adds to speak of but cost ~15-40x a conv multiply-add per value
  // on the wasm backend (measured): 28 softmax layers on a 28x28x63 map took 26 s to score.
  let cost = 0;
  let largest = input.reduce((a, b) => a * b, 1);
  layers.forEach((layer, index) => {
    const className = layer.className as string;
    const config = layer.config as Dict;
    const name = config.name;
    if (typeof name !== "string" || name === "")
      fail("MALFORMED", `layer ${index} (${className}) has no name`);
    if (names.has(name)) fail("MALFORMED", `layer name ${name} is used twice`);
    names.add(name);
    if (className === "InputLayer" && index > 0)
      fail("MALFORMED", "InputLayer after the first layer");
    const inferred: InferredLayer = inferLayer(className, config, dims);
    for (const elements of [elementCount(inferred.output), inferred.peakElements ?? 0]) {
      if (elements > LIMITS.maxLayerOutputElements) {
        fail(
          "LAYER_OUTPUT_TOO_LARGE",
          `${name} (${className}) produces ${elements} values per image (${shapeText(inferred.output)}); limit ${LIMITS.maxLayerOutputElements}`,
        );
      }
    }
    const params = inferred.weights.reduce((sum, w) => sum + elementCount(w.shape), 0);
    parameters += params;
    if (parameters > LIMITS.maxParameters) {
      fail(
        "TOO_MANY_PARAMETERS",
        `${parameters} parameters by ${name}, limit ${LIMITS.maxParameters}`,
      );
    }
    multiplyAdds += inferred.multiplyAdds;
    cost += inferred.multiplyAdds + OUTPUT_VALUE_COST * elementCount(inferred.output);
    if (enforceCompute && cost > LIMITS.maxMultiplyAdds) {
      fail(
        "TOO_MUCH_COMPUTE",
        `about ${Math.round(cost)} multiply-add equivalents per image by ${name}, limit ${LIMITS.maxMultiplyAdds}`,
      );
    }
    expectedWeights.push(
      ...inferred.weights.map((w) => ({ name: `${name}/${w.name}`, shape: w.shape })),
    );
    summaries.push({
      className,
      name,
      outputShape: [null, ...inferred.output],
      params,
      multiplyAdds: inferred.multiplyAdds,
      cost: inferred.cost,
      scoringMs: layerMs(inferred.cost),
    });
    largest = Math.max(largest, elementCount(inferred.output));
    dims = inferred.output;
  });
  if (canonicalJson([null, ...dims]) !== OUTPUT_SHAPE) {
    fail("BAD_OUTPUT_SHAPE", `output ${shapeText(dims)}; expected [null, 10]`);
  }
  matchWeights(expectedWeights, specs);
  const predicted = predictScoring(
    summaries.map((l) => l.cost),
    largest,
  ).ms;
  if (enforceCompute && predicted > MAX_PREDICTED_SCORING_MS) {
    const slowest = summaries.reduce((a, b) => (b.scoringMs > a.scoringMs ? b : a));
    fail(
      "TOO_SLOW",
      `predicted ${formatSeconds(predicted)} to score ${SCORED_IMAGES.toLocaleString("en")} images, limit ${formatSeconds(MAX_PREDICTED_SCORING_MS)}; ${slowest.name} (${slowest.className}) alone ${formatSeconds(slowest.scoringMs)}`,
    );
  }
  return {
    layers: summaries,
    parameters,
    multiplyAdds,
    inputShape: [null, ...input],
    predictedScoringMs: predicted,
  };
}

/** Multiply-add equivalents charged per output value of any layer (see the compute budget). */
export const OUTPUT_VALUE_COST = 40;

export function inspectTopology(
  topology: unknown,
  weightSpecs: readonly WeightSpec[],
  /** false only for the calibration bench, which must time models the caps refuse. */
  options: { enforceCompute?: boolean } = {},
): TopologyInspection {
  try {
    return { ok: true, summary: inspect(topology, weightSpecs, options.enforceCompute ?? true) };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, error: e.rejection };
    // A RangeError from absurd nesting is still just a malformed topology.
    return {
      ok: false,
      error: rejection("MALFORMED", e instanceof Error ? e.message : "unreadable topology"),
    };
  }
}
