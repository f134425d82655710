import { describe, expect, it } from "vitest";
import { encodeBase64 } from "@/lib/model/base64";
import { applyMask, magnitudePruneMask, pruningSchedule, sparsityOf } from "@/lib/model/pruning";
import { decodeWeights, quantizeTensor } from "@/lib/model/weights";

/** Deterministic values in (-1, 1) with distinct magnitudes. */
const values = (n: number, seed = 1) =>
  Float32Array.from({ length: n }, (_, i) => Math.sin(seed * 1000 + i * 12.9898) * 0.999);

const pruned = (mask: Uint8Array) => mask.reduce((sum, keep) => sum + (keep === 0 ? 1 : 0), 0);

describe("magnitudePruneMask", () => {
  it.each([
    [100, 0.29, 29], // 0.29 * 100 is 28.999999999999996 in binary floating point
    [100, 0.7, 70],
    [25450, 0.95, 24177],
    [2010, 0.8, 1608],
    [7, 0.5, 3],
    [10, 0, 0],
    [10, 1, 10],
    [10, 1.5, 10],
    [10, -0.2, 0],
    [0, 0.5, 0],
  ])("n=%i at sparsity %d prunes exactly %i", (n, sparsity, k) => {
    const mask = magnitudePruneMask(values(n), sparsity);
    expect(mask.length).toBe(n);
    expect(pruned(mask)).toBe(k);
    expect(sparsityOf(applyMask(values(n), mask))).toBe(n === 0 ? 0 : k / n);
  });

  it("prunes the smallest magnitudes, not the most negative values", () => {
    const w = Float32Array.from([-5, 0.1, 3, -0.2, 0.05, -4]);
    expect([...magnitudePruneMask(w, 0.5)]).toEqual([1, 0, 1, 0, 0, 1]);
  });

  it("breaks ties by lower index first", () => {
    expect([...magnitudePruneMask(new Float32Array(6).fill(0.3), 0.5)]).toEqual([0, 0, 0, 1, 1, 1]);
    const w = Float32Array.from([0.3, -0.1, 0.1, 0.2, -0.1, 0.9]);
    expect([...magnitudePruneMask(w, 0.5)]).toEqual([1, 0, 0, 1, 0, 1]);
    expect([...magnitudePruneMask(w, 0.34)]).toEqual([1, 0, 0, 1, 1, 1]);
  });

  it("never revives weights as sparsity rises (gradual pruning)", () => {
    let w: Float32Array = values(1000, 3);
    let previous: Uint8Array = new Uint8Array(1000).fill(1);
    for (const sparsity of [0.1, 0.3, 0.5, 0.8, 0.95]) {
      const mask = magnitudePruneMask(w, sparsity);
      previous.forEach((keep, i) => {
        if (keep === 0) expect(mask[i]).toBe(0);
      });
      w = applyMask(w, mask);
      previous = mask;
      expect(sparsityOf(w)).toBeCloseTo(sparsity, 10);
    }
  });

  it("treats NaN as the largest magnitude and refuses a NaN sparsity", () => {
    expect([...magnitudePruneMask(Float32Array.from([NaN, 1, 2]), 2 / 3)]).toEqual([1, 0, 0]);
    expect(() => magnitudePruneMask(values(4), NaN)).toThrow(RangeError);
  });
});

describe("pruning survives quantization", () => {
  it.each(["uint8", "uint16", "float16"] as const)(
    "%s keeps every pruned zero and the exact sparsity",
    (dtype) => {
      const w = applyMask(values(2010, 5), magnitudePruneMask(values(2010, 5), 0.8));
      const { bytes, quantization } = quantizeTensor(w, dtype);
      const decoded = decodeWeights({
        format: "kba-model/1",
        modelTopology: {},
        weightSpecs: [{ name: "dense/kernel", shape: [201, 10], dtype: "float32", quantization }],
        weightData: encodeBase64(bytes),
      });
      if (!decoded.ok) throw new Error(decoded.error.detail);
      const out = decoded.tensors[0]!.values;
      expect(sparsityOf(out)).toBe(sparsityOf(w));
      expect(sparsityOf(out)).toBe(1608 / 2010);
      w.forEach((v, i) => {
        if (v === 0) expect(out[i]).toBe(0);
      });
    },
  );
});

describe("applyMask and sparsityOf", () => {
  it("returns a new array and leaves the input alone", () => {
    const w = Float32Array.from([1, 2, 3]);
    expect([...applyMask(w, Uint8Array.from([1, 0, 1]))]).toEqual([1, 0, 3]);
    expect([...w]).toEqual([1, 2, 3]);
    expect(() => applyMask(w, new Uint8Array(2))).toThrow(RangeError);
  });

  it("counts both zeros", () => {
    expect(sparsityOf(Float32Array.from([0, -0, 1, 2]))).toBe(0.5);
    expect(sparsityOf(new Float32Array(0))).toBe(0);
  });
});

describe("pruningSchedule (TF MOT PolynomialDecay, power 3)", () => {
  it("ramps from 0 to the final sparsity on a cubic curve", () => {
    expect(pruningSchedule(0, 1000, 0.8)).toBe(0);
    expect(pruningSchedule(500, 1000, 0.8)).toBeCloseTo(0.8 * (1 - 0.5 ** 3), 12);
    expect(pruningSchedule(250, 1000, 0.8)).toBeCloseTo(0.8 * (1 - 0.75 ** 3), 12);
    expect(pruningSchedule(1000, 1000, 0.8)).toBe(0.8);
    expect(pruningSchedule(5000, 1000, 0.8)).toBe(0.8);
    expect(pruningSchedule(-10, 1000, 0.8)).toBe(0);
  });

  it("prunes fastest early and never goes backwards", () => {
    const s = Array.from({ length: 101 }, (_, step) => pruningSchedule(step, 100, 0.95));
    s.slice(1).forEach((v, i) => expect(v).toBeGreaterThanOrEqual(s[i]!));
    expect(s[10]! - s[0]!).toBeGreaterThan(s[100]! - s[90]!);
  });

  it("supports an initial sparsity and a degenerate schedule", () => {
    expect(pruningSchedule(0, 100, 0.9, { initialSparsity: 0.5 })).toBe(0.5);
    expect(pruningSchedule(100, 100, 0.9, { initialSparsity: 0.5 })).toBe(0.9);
    expect(pruningSchedule(3, 0, 0.9)).toBe(0.9);
  });
});
