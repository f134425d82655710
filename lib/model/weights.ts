import {
  LIMITS,
  MODEL_FORMAT,
  type ModelArtifact,
  type Quantization,
  type WeightSpec,
} from "./artifact";
import { decodeBase64, encodeBase64 } from "./base64";
import { refuse, type ModelCheck } from "./rejections";

/**
 * Weight codecs on plain typed arrays, matching tfjs-core's loader bit for bit
 * (tfjs-core/src/io/io_utils.ts `decodeWeight`): uint8/uint16 dequantize as
 * `Float32(q * scale + min)` computed in double precision, float16 is IEEE binary16. Multi-byte
 * values are little-endian, which is what tfjs's typed-array views read on every platform it runs on.
 */

export type QuantizedDtype = "uint8" | "uint16" | "float16";
export type QuantizeChoice = QuantizedDtype | "none";

const BYTES_PER_ELEMENT: Record<QuantizedDtype | "float32", number> = {
  float32: 4,
  uint16: 2,
  float16: 2,
  uint8: 1,
};

export const elementCount = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

export function countParameters(specs: readonly Pick<WeightSpec, "shape">[]): number {
  return specs.reduce((sum, s) => sum + elementCount(s.shape), 0);
}

export function bytesPerElement(spec: Pick<WeightSpec, "quantization">): number {
  return BYTES_PER_ELEMENT[spec.quantization?.dtype ?? "float32"];
}

// ---- float16 ----------------------------------------------------------------------------------

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The binary16 bit pattern nearest to `value` (ties to even); `value` is first made a float32. */
export function float32ToFloat16(value: number): number {
  f32[0] = value;
  const x = u32[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exponent = (x >>> 23) & 0xff;
  const mantissa = x & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa !== 0 ? 0x200 : 0);
  const e = exponent - 112; // rebias 127 -> 15
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    // Subnormal half: drop 14 - e bits of the 24-bit significand, rounding half to even.
    if (e < -10) return sign;
    const full = mantissa | 0x800000;
    const shift = 14 - e;
    const rest = full & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    let m = full >>> shift;
    if (rest > halfway || (rest === halfway && (m & 1) === 1)) m++;
    return sign | m;
  }
  let h = (e << 10) | (mantissa >>> 13);
  const rest = mantissa & 0x1fff;
  // A carry out of the mantissa correctly bumps the exponent (up to infinity).
  if (rest > 0x1000 || (rest === 0x1000 && (h & 1) === 1)) h++;
  return sign | h;
}

export function float16ToFloat32(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa !== 0 ? NaN : sign * Infinity;
  return sign * (1024 + mantissa) * 2 ** (exponent - 25);
}

// ---- quantization -----------------------------------------------------------------------------

/**
 * Per-tensor affine quantization with zero exactly representable. The range is widened to include
 * 0, then `min` is nudged to `-zeroPoint * scale` with an integer zeroPoint, so q = zeroPoint
 * dequantizes to exactly 0 (x + -x in double precision): pruned weights stay pruned and gzip
 * still sees their runs. Error bound for every value: scale / 2 (plus float32 rounding), because
 * the nudge moves the range by at most half a step. float16 keeps zeros by construction.
 *
 * Throws RangeError on non-finite input, or on float16 overflow (|v| > 65504): a model like that
 * should not be submitted, and the lab says so rather than shipping infinities.
 */
export function quantizeTensor(
  values: Float32Array,
  dtype: QuantizedDtype,
): { bytes: Uint8Array; quantization: Quantization } {
  let lo = 0;
  let hi = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) throw new RangeError(`quantizeTensor: non-finite value ${v}`);
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const out = new Uint8Array(values.length * BYTES_PER_ELEMENT[dtype]);
  const view = new DataView(out.buffer);
  if (dtype === "float16") {
    values.forEach((v, i) => {
      const bits = float32ToFloat16(v);
      if ((bits & 0x7c00) === 0x7c00)
        throw new RangeError(`quantizeTensor: ${v} overflows float16`);
      view.setUint16(i * 2, bits, true);
    });
    return { bytes: out, quantization: { dtype: "float16" } };
  }
  const qmax = dtype === "uint8" ? 255 : 65535;
  // All zeros: any scale works; 1 keeps the metadata readable.
  const scale = hi > lo ? (hi - lo) / qmax : 1;
  const zeroPoint = Math.min(qmax, Math.max(0, Math.round(-lo / scale)));
  const min = zeroPoint === 0 ? 0 : -(zeroPoint * scale);
  values.forEach((v, i) => {
    const q = Math.min(qmax, Math.max(0, Math.round((v - min) / scale)));
    if (dtype === "uint8") out[i] = q;
    else view.setUint16(i * 2, q, true);
  });
  return { bytes: out, quantization: { dtype, scale, min } };
}

// ---- decoding ---------------------------------------------------------------------------------

export interface DecodedTensor {
  name: string;
  shape: number[];
  values: Float32Array;
}

/** Decodes raw weight bytes against the specs, as tfjs would, then insists every value is finite. */
export function decodeWeightBytes(
  specs: readonly WeightSpec[],
  bytes: Uint8Array,
): ModelCheck<{ tensors: DecodedTensor[] }> {
  const expected = specs.reduce((sum, s) => sum + elementCount(s.shape) * bytesPerElement(s), 0);
  if (bytes.length !== expected) {
    return refuse(
      "BAD_WEIGHT_BYTES",
      `specs describe ${expected} bytes, weightData has ${bytes.length}`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tensors: DecodedTensor[] = [];
  let offset = 0;
  for (const spec of specs) {
    const n = elementCount(spec.shape);
    const values = new Float32Array(n);
    const q = spec.quantization;
    for (let i = 0; i < n; i++) {
      if (q === undefined) values[i] = view.getFloat32(offset + i * 4, true);
      else if (q.dtype === "uint8") values[i] = view.getUint8(offset + i) * q.scale + q.min;
      else if (q.dtype === "uint16")
        values[i] = view.getUint16(offset + i * 2, true) * q.scale + q.min;
      else values[i] = float16ToFloat32(view.getUint16(offset + i * 2, true));
    }
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) return refuse("NON_FINITE_WEIGHTS", `${spec.name}[${bad}] is ${values[bad]}`);
    tensors.push({ name: spec.name, shape: [...spec.shape], values });
    offset += n * bytesPerElement(spec);
  }
  return { ok: true, tensors };
}

/** The artifact's weights as the evaluator will load them, or why they cannot be loaded. */
export function decodeWeights(artifact: ModelArtifact): ModelCheck<{ tensors: DecodedTensor[] }> {
  const decoded = decodeBase64(artifact.weightData);
  if (!decoded.ok)
    return refuse("MALFORMED", `weightData is not base64 (${decoded.error} at ${decoded.at})`);
  if (decoded.bytes.length > LIMITS.maxWeightBytes) {
    return refuse(
      "TOO_LARGE",
      `${decoded.bytes.length} weight bytes, limit ${LIMITS.maxWeightBytes}`,
    );
  }
  return decodeWeightBytes(artifact.weightSpecs, decoded.bytes);
}

// ---- encoding ---------------------------------------------------------------------------------

export interface EncodeInput {
  /** `modelTopology` exactly as `model.save(tf.io.withSaveHandler(...))` hands it over. */
  modelTopology: Record<string, unknown>;
  /** Names and shapes, in the order the values come (tfjs's `weightSpecs` fit). */
  specs: readonly { name: string; shape: readonly number[] }[];
  values: readonly Float32Array[];
  /** One choice for every tensor, or one per tensor; default "none" (float32). */
  quantize?: QuantizeChoice | readonly QuantizeChoice[];
}

/**
 * Builds a submission in the browser lab from a trained model's weights. Throws RangeError on a
 * programming error (values that do not fit their shapes) or on values quantizeTensor refuses.
 */
export function encodeArtifact(input: EncodeInput): ModelArtifact {
  const { specs, values } = input;
  if (specs.length !== values.length) {
    throw new RangeError(`encodeArtifact: ${specs.length} specs but ${values.length} tensors`);
  }
  const chunks: Uint8Array[] = [];
  const weightSpecs: WeightSpec[] = specs.map((spec, i) => {
    const tensor = values[i]!;
    if (tensor.length !== elementCount(spec.shape)) {
      throw new RangeError(
        `encodeArtifact: ${spec.name} has ${tensor.length} values for [${spec.shape.join(",")}]`,
      );
    }
    const q = input.quantize;
    const choice = (typeof q === "string" ? q : q?.[i]) ?? "none";
    const out: WeightSpec = { name: spec.name, shape: [...spec.shape], dtype: "float32" };
    if (choice === "none") {
      const raw = new Uint8Array(tensor.length * 4);
      const view = new DataView(raw.buffer);
      tensor.forEach((v, j) => view.setFloat32(j * 4, v, true));
      chunks.push(raw);
      return out;
    }
    const { bytes, quantization } = quantizeTensor(tensor, choice);
    chunks.push(bytes);
    return { ...out, quantization };
  });
  const total = new Uint8Array(chunks.reduce((sum, c) => sum + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    total.set(c, offset);
    offset += c.length;
  }
  return {
    format: MODEL_FORMAT,
    modelTopology: input.modelTopology,
    weightSpecs,
    weightData: encodeBase64(total),
  };
}
