import { LIMITS, type ModelArtifact } from "@/lib/model/artifact";
import { encodeArtifact, type QuantizeChoice } from "@/lib/model/weights";

/**
 * A Dense 784-h-10 MLP with pseudo-random weights, built without TF.js: random float32 bytes are
 * what gzip compresses worst, so hidden = 620 (492,910 parameters, ~1.97 MB of weights, a ~2.6 MB
 * body) is the most expensive valid upload the size rule can be handed (issue 7, item 3).
 */
export function randomMlp(
  hidden: number,
  opts: { quantize?: QuantizeChoice; seed?: number } = {},
): ModelArtifact {
  const dense = (name: string, units: number, extra: object = {}) => ({
    class_name: "Dense",
    config: { units, activation: "relu", use_bias: true, name, trainable: true, ...extra },
  });
  const modelTopology = {
    class_name: "Sequential",
    config: {
      name: "sequential_1",
      layers: [
        dense("d1", hidden, { batch_input_shape: [null, 784], dtype: "float32" }),
        dense("d2", 10, { activation: "softmax" }),
      ],
    },
    keras_version: "tfjs-layers 4.22.0",
    backend: "tensor_flow.js",
  };
  let s = opts.seed ?? 1;
  const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32 - 0.5) * 0.2;
  const specs = [
    { name: "d1/kernel", shape: [784, hidden] },
    { name: "d1/bias", shape: [hidden] },
    { name: "d2/kernel", shape: [hidden, 10] },
    { name: "d2/bias", shape: [10] },
  ];
  const values = specs.map((sp) =>
    Float32Array.from({ length: sp.shape.reduce((a, b) => a * b) }, next),
  );
  return encodeArtifact({ modelTopology, specs, values, quantize: opts.quantize });
}

/** The upload: the largest float32 MLP under the parameter and byte limits. */
export const LARGEST_RANDOM_HIDDEN = 620;

/** A body of exactly the upload cap that is nothing but nesting: `[[[[...]]]]`. */
export function deepestBody(bytes = LIMITS.maxBodyBytes): string {
  const half = Math.floor(bytes / 2);
  return "[".repeat(half) + "]".repeat(bytes - half);
}
