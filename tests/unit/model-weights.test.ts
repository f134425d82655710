import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { ModelArtifactSchema, type ModelArtifact } from "@/lib/model/artifact";
import { decodeBase64, encodeBase64 } from "@/lib/model/base64";
import {
  countParameters,
  decodeWeights,
  encodeArtifact,
  float16ToFloat32,
  float32ToFloat16,
  quantizeTensor,
  type QuantizeChoice,
} from "@/lib/model/weights";

/** Deterministic normal-ish values (mulberry32 + Box-Muller), so failures reproduce. */
function randomValues(n: number, seed: number, std = 0.1): Float32Array {
  let a = seed;
  const uniform = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Float32Array.from({ length: n }, () => {
    const r = Math.sqrt(-2 * Math.log(1 - uniform()));
    return std * r * Math.cos(2 * Math.PI * uniform());
  });
}

const dequantize = (
  bytes: Uint8Array,
  q: ReturnType<typeof quantizeTensor>["quantization"],
  n: number,
) =>
  decodeWeights({
    format: "kba-model/1",
    modelTopology: {},
    weightSpecs: [{ name: "t", shape: [n], dtype: "float32", quantization: q }],
    weightData: encodeBase64(bytes),
  });

function roundTrip(values: Float32Array, dtype: "uint8" | "uint16" | "float16") {
  const { bytes, quantization } = quantizeTensor(values, dtype);
  const decoded = dequantize(bytes, quantization, values.length);
  if (!decoded.ok) throw new Error(decoded.error.detail);
  return { quantization, out: decoded.tensors[0]!.values };
}

describe("base64", () => {
  it("round-trips every length and agrees with Node's encoder", () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n * 31) & 255);
      const text = encodeBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString("base64"));
      expect(decodeBase64(text)).toEqual({ ok: true, bytes });
    }
  });

  it.each([
    ["QUJD\n", "INVALID_LENGTH"],
    ["QUJ", "INVALID_LENGTH"],
    ["QU D", "INVALID_CHARACTER"],
    ["QU-D", "INVALID_CHARACTER"],
    ["QUé=", "INVALID_CHARACTER"],
    ["Q=JD", "INVALID_PADDING"],
    ["A===", "INVALID_PADDING"],
    ["====", "INVALID_PADDING"],
    ["QR==", "INVALID_PADDING"], // decodes to "A" too, but only "QQ==" is canonical
    ["QUJ=QUJD", "INVALID_PADDING"],
  ])("refuses %j with %s", (text, error) => {
    expect(decodeBase64(text)).toMatchObject({ ok: false, error });
  });
});

describe("float16", () => {
  it("decodes all 65,536 bit patterns exactly as tfjs-core does", () => {
    const bits = Uint16Array.from({ length: 65536 }, (_, i) => i);
    const spec = {
      name: "h",
      shape: [65536],
      dtype: "float32" as const,
      quantization: { dtype: "float16" as const },
    };
    const reference = tf.io.decodeWeights(bits.buffer, [spec]).h!.dataSync();
    const mismatches = [...bits].filter((h) => !Object.is(float16ToFloat32(h), reference[h]));
    expect(mismatches).toEqual([]);
  });

  it("encodes every finite half back to itself", () => {
    const finite = Array.from({ length: 65536 }, (_, h) => h).filter(
      (h) => (h & 0x7c00) !== 0x7c00,
    );
    expect(finite.filter((h) => float32ToFloat16(float16ToFloat32(h)) !== h)).toEqual([]);
  });

  it("rounds to nearest, ties to even, and overflows to infinity", () => {
    expect(float32ToFloat16(1 + 2 ** -11)).toBe(0x3c00); // tie -> even mantissa 0
    expect(float32ToFloat16(1 + 3 * 2 ** -11)).toBe(0x3c02); // tie -> even mantissa 2
    expect(float32ToFloat16(65504)).toBe(0x7bff);
    expect(float32ToFloat16(65520)).toBe(0x7c00);
    expect(float32ToFloat16(2 ** -24)).toBe(0x0001); // smallest subnormal
    expect(float32ToFloat16(2 ** -25)).toBe(0x0000); // tie -> even (zero)
    expect(float32ToFloat16(1.5 * 2 ** -25)).toBe(0x0001);
    expect(float32ToFloat16(-0)).toBe(0x8000);
    expect(float32ToFloat16(NaN) & 0x7e00).toBe(0x7e00);
  });
});

describe("quantizeTensor", () => {
  const values = randomValues(5000, 7);
  values.set([0, 0, -0, 0], 100); // pruned weights

  it.each(["uint8", "uint16"] as const)("%s: error <= scale/2, zeros exact", (dtype) => {
    const { quantization, out } = roundTrip(values, dtype);
    if (quantization.dtype === "float16") throw new Error("unexpected");
    values.forEach((v, i) => {
      const bound = quantization.scale / 2 + Math.abs(v) * 2 ** -23; // plus float32 rounding
      expect(Math.abs(out[i]! - v)).toBeLessThanOrEqual(bound);
      if (v === 0) expect(out[i]).toBe(0);
    });
  });

  it("float16: relative error <= 1e-3, zeros exact", () => {
    const { out } = roundTrip(values, "float16");
    values.forEach((v, i) => {
      if (v === 0) expect(Math.abs(out[i]!)).toBe(0);
      else if (Math.abs(v) >= 2 ** -14)
        expect(Math.abs(out[i]! - v) / Math.abs(v)).toBeLessThanOrEqual(1e-3);
      else expect(Math.abs(out[i]! - v)).toBeLessThanOrEqual(2 ** -25); // subnormal spacing
    });
  });

  it("handles all-zero, all-equal, one-signed and single-value tensors", () => {
    const zeros = roundTrip(new Float32Array(8), "uint8");
    expect(zeros.quantization).toEqual({ dtype: "uint8", scale: 1, min: 0 });
    expect([...zeros.out]).toEqual(new Array(8).fill(0));
    for (const v of [0.5, -3, 1e-30, 1e30]) {
      for (const dtype of ["uint8", "uint16"] as const) {
        const { quantization, out } = roundTrip(new Float32Array(4).fill(v), dtype);
        if (quantization.dtype === "float16") throw new Error("unexpected");
        for (const x of out)
          expect(Math.abs(x - v)).toBeLessThanOrEqual(
            quantization.scale / 2 + Math.abs(v) * 2 ** -23,
          );
      }
    }
    const negative = roundTrip(Float32Array.from([-1, -0.5, 0]), "uint8");
    expect(negative.out[2]).toBe(0);
    expect(negative.out[0]).toBeCloseTo(-1, 6);
  });

  it("refuses non-finite input and float16 overflow", () => {
    expect(() => quantizeTensor(Float32Array.from([1, NaN]), "uint8")).toThrow(RangeError);
    expect(() => quantizeTensor(Float32Array.from([Infinity]), "float16")).toThrow(RangeError);
    expect(() => quantizeTensor(Float32Array.from([70000]), "float16")).toThrow(RangeError);
  });
});

describe("decodeWeights", () => {
  const specs = [
    { name: "a", shape: [2, 3] },
    { name: "b", shape: [3] },
  ];
  const f32 = (bytes: number[] | Float32Array): string =>
    encodeBase64(new Uint8Array(Float32Array.from(bytes).buffer));
  const artifact = (
    weightData: string,
    quantization?: ModelArtifact["weightSpecs"][number]["quantization"],
  ) => ({
    format: "kba-model/1" as const,
    modelTopology: {},
    weightSpecs: specs.map((s) => ({
      ...s,
      dtype: "float32" as const,
      ...(quantization ? { quantization } : {}),
    })),
    weightData,
  });

  it("decodes float32 tensors in spec order", () => {
    const result = decodeWeights(artifact(f32([1, 2, 3, 4, 5, 6, 7, 8, 9])));
    expect(result.ok && result.tensors.map((t) => [t.name, t.shape, [...t.values]])).toEqual([
      ["a", [2, 3], [1, 2, 3, 4, 5, 6]],
      ["b", [3], [7, 8, 9]],
    ]);
  });

  it("refuses byte counts that do not match the specs", () => {
    const short = decodeWeights(artifact(f32([1, 2, 3, 4, 5, 6, 7, 8])));
    expect(short).toMatchObject({ ok: false, error: { code: "BAD_WEIGHT_BYTES" } });
    const long = decodeWeights(artifact(f32(new Float32Array(10))));
    expect(long).toMatchObject({ ok: false, error: { code: "BAD_WEIGHT_BYTES" } });
    // 9 uint8 values are 9 bytes, not 36: a float32 buffer under uint8 specs is refused.
    const mislabelled = decodeWeights(
      artifact(f32(new Float32Array(9)), { dtype: "uint8", scale: 1, min: 0 }),
    );
    expect(mislabelled).toMatchObject({ ok: false, error: { code: "BAD_WEIGHT_BYTES" } });
  });

  it.each([NaN, Infinity, -Infinity])("refuses %s weights", (bad) => {
    const result = decodeWeights(artifact(f32([1, 2, 3, 4, 5, 6, 7, bad, 9])));
    expect(result).toMatchObject({
      ok: false,
      error: { code: "NON_FINITE_WEIGHTS", detail: `b[1] is ${bad}` },
    });
  });

  it("refuses dequantized overflow, float16 NaN and bad base64", () => {
    const huge = decodeWeights(
      artifact(encodeBase64(new Uint8Array(9).fill(255)), { dtype: "uint8", scale: 1e38, min: 0 }),
    );
    expect(huge).toMatchObject({ ok: false, error: { code: "NON_FINITE_WEIGHTS" } });
    const halfNaN = new Uint8Array(new Uint16Array(9).fill(0x7e00).buffer);
    const nan16 = decodeWeights(artifact(encodeBase64(halfNaN), { dtype: "float16" }));
    expect(nan16).toMatchObject({ ok: false, error: { code: "NON_FINITE_WEIGHTS" } });
    expect(decodeWeights(artifact("not base64!"))).toMatchObject({
      ok: false,
      error: { code: "MALFORMED" },
    });
  });

  it("counts parameters", () => {
    expect(countParameters(specs)).toBe(9);
    expect(
      countParameters([
        { shape: [784, 32] },
        { shape: [32] },
        { shape: [32, 10] },
        { shape: [10] },
      ]),
    ).toBe(25450);
  });
});

describe("encodeArtifact against tfjs (the reference loader)", () => {
  let model: tf.Sequential;
  beforeAll(async () => {
    await tf.setBackend("cpu");
    model = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [784], units: 32, activation: "relu", name: "hidden" }),
        tf.layers.dense({ units: 10, activation: "softmax", name: "out" }),
      ],
    });
  });

  it.each<QuantizeChoice | QuantizeChoice[]>([
    "none",
    "uint8",
    "uint16",
    "float16",
    ["uint8", "none", "float16", "uint16"],
  ])(
    "decodeWeights(%j) equals what tf.loadLayersModel loads from the same bytes",
    async (quantize) => {
      let saved: tf.io.ModelArtifacts | undefined;
      await model.save(
        tf.io.withSaveHandler((a) => {
          saved = a;
          return Promise.resolve({
            modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" },
          });
        }),
      );
      const values = model.weights.map((w) => w.read().dataSync() as Float32Array);
      values[0]!.fill(0, 0, 5000); // pruned block: must survive quantization exactly
      const artifact = ModelArtifactSchema.parse(
        encodeArtifact({
          modelTopology: saved!.modelTopology as Record<string, unknown>,
          specs: saved!.weightSpecs!,
          values,
          quantize,
        }),
      );
      const ours = decodeWeights(artifact);
      if (!ours.ok) throw new Error(ours.error.detail);

      const bytes = decodeBase64(artifact.weightData);
      if (!bytes.ok) throw new Error(bytes.error);
      const loaded = await tf.loadLayersModel(
        tf.io.fromMemory({
          modelTopology: artifact.modelTopology,
          weightSpecs: artifact.weightSpecs,
          weightData: bytes.bytes.slice().buffer,
        }),
      );
      const theirs = new Map(loaded.weights.map((w) => [w.originalName, w.read().dataSync()]));
      for (const t of ours.tensors) expect(t.values).toEqual(theirs.get(t.name));
      expect(ours.tensors[0]!.values.subarray(0, 5000).every((v) => v === 0)).toBe(true);
      loaded.dispose();
    },
  );
});
