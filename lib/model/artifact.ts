import { z } from "zod";

/**
 * The model a player submits: a TF.js LayersModel as `model.save(tf.io.withSaveHandler(...))`
 * produces it, with the weights base64-encoded so one JSON body carries everything. Weights may
 * be quantized per tensor in the format tfjs-core dequantizes on load
 * (`value = q * scale + min` for uint8/uint16, or float16).
 *
 * Everything here is untrusted input: the schema bounds sizes before anything is decoded, and
 * the upload gate (lib/model/gate.ts) checks nesting, layer classes, shapes, parameters and every
 * weight before anything is stored or computed.
 */
export const MODEL_FORMAT = "kba-model/1";

export const LIMITS = {
  /** Request body (JSON with base64 weights). */
  maxBodyBytes: 3 * 1024 * 1024,
  /** Decoded weight bytes. */
  maxWeightBytes: 2 * 1024 * 1024,
  /** Topology JSON, serialised. */
  maxTopologyBytes: 64 * 1024,
  maxParameters: 500_000,
  maxLayers: 32,
  /** Elements one layer may output for one image (28*28*32 = 25,088 fits). */
  maxLayerOutputElements: 50_000,
  /**
   * Compute per image: multiply-adds plus a charge per output value (lib/model/topology.ts).
   * Parameters and output sizes alone do not bound compute (a wide conv on a full-size map, or a
   * stack of element-wise layers, stays under both); this keeps scoring 10,000 images within
   * seconds while allowing LeNet-sized CNNs (~3M).
   */
  maxMultiplyAdds: 5_000_000,
} as const;

export const QuantizationSchema = z.discriminatedUnion("dtype", [
  z.object({ dtype: z.literal("uint8"), scale: z.number().finite(), min: z.number().finite() }),
  z.object({ dtype: z.literal("uint16"), scale: z.number().finite(), min: z.number().finite() }),
  z.object({ dtype: z.literal("float16") }),
]);
export type Quantization = z.infer<typeof QuantizationSchema>;

export const WeightSpecSchema = z.object({
  name: z.string().min(1).max(200),
  shape: z.array(z.number().int().min(1).max(100_000)).max(6),
  dtype: z.literal("float32"),
  quantization: QuantizationSchema.optional(),
});
export type WeightSpec = z.infer<typeof WeightSpecSchema>;

export const ModelArtifactSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  /** Keras-style topology JSON as TF.js writes it (class_name + config). */
  modelTopology: z.record(z.string(), z.unknown()),
  weightSpecs: z.array(WeightSpecSchema).max(256),
  /** Base64 of the concatenated weight buffers, in weightSpecs order. */
  weightData: z.string().max(Math.ceil((LIMITS.maxWeightBytes * 4) / 3) + 4),
});
export type ModelArtifact = z.infer<typeof ModelArtifactSchema>;
