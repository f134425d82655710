import { describe, expect, it } from "vitest";
import { LIMITS, type ModelArtifact } from "@/lib/model/artifact";
import { decodeBase64, encodeBase64 } from "@/lib/model/base64";
import { gateUpload, MAX_JSON_DEPTH, nestsDeeperThan, uploadBytes } from "@/lib/model/gate";
import { modelSizeBytes } from "@/lib/model/size";
import type { QuantizeChoice } from "@/lib/model/weights";
import { randomMlp } from "../support/random-model";
import { precheck } from "@/app/lab/versions";

/** A Dense 784-h-10 MLP with deterministic pseudo-random weights, as the lab encodes it. */
const mlp = (hidden = 8, quantize: QuantizeChoice = "none"): ModelArtifact =>
  randomMlp(hidden, { quantize, seed: 5 });

/** `artifact` with float32 weight number `index` replaced by `value`. */
function withWeight(artifact: ModelArtifact, index: number, value: number): ModelArtifact {
  const decoded = decodeBase64(artifact.weightData);
  if (!decoded.ok) throw new Error(decoded.error);
  new DataView(decoded.bytes.buffer).setFloat32(index * 4, value, true);
  return { ...artifact, weightData: encodeBase64(decoded.bytes) };
}

const text = (s: string) => new TextEncoder().encode(s);

describe("gateUpload: the one upload gate for the lab and the server", () => {
  it("passes a valid model with the size rule's figure and the topology summary", () => {
    const artifact = mlp(8, "uint8");
    const gate = gateUpload(uploadBytes(artifact));
    if (!gate.ok) throw new Error(gate.error.detail);
    const size = modelSizeBytes(artifact);
    expect(size.ok && size.bytes).toBe(gate.model.sizeBytes);
    expect(gate.model.summary.parameters).toBe(784 * 8 + 8 + 8 * 10 + 10);
    expect(gate.model.artifact).toEqual(artifact);
  });

  it.each([
    ["NaN", NaN],
    ["Infinity", Infinity],
    ["-Infinity", -Infinity],
  ])("refuses a %s weight synchronously (item 6)", (_name, value) => {
    const gate = gateUpload(uploadBytes(withWeight(mlp(), 17, value)));
    expect(gate).toEqual({
      ok: false,
      error: { code: "NON_FINITE_WEIGHTS", detail: `d1/kernel[17] is ${value}` },
    });
  });

  it("refuses a quantization whose dequantized values overflow float32", () => {
    const artifact = mlp(4, "uint8");
    const specs = artifact.weightSpecs.map((s) =>
      s.quantization?.dtype === "uint8"
        ? { ...s, quantization: { ...s.quantization, scale: 1e38 } }
        : s,
    );
    const gate = gateUpload(uploadBytes({ ...artifact, weightSpecs: specs }));
    expect(gate.ok || gate.error.code).toBe("NON_FINITE_WEIGHTS");
  });

  it("refuses deep nesting by an explicit limit, with its own reason (item 7)", () => {
    const topology = mlp().modelTopology;
    for (const depth of [MAX_JSON_DEPTH + 1, 100_000]) {
      const deep = `${"[".repeat(depth)}${"]".repeat(depth)}`;
      const body = JSON.stringify({ ...mlp(), modelTopology: { ...topology, note: "DEEP" } });
      const gate = gateUpload(text(body.replace('"DEEP"', deep)));
      expect(gate).toEqual({
        ok: false,
        error: { code: "TOO_DEEP", detail: `nested deeper than ${MAX_JSON_DEPTH} levels` },
      });
    }
  });

  it("counts brackets outside strings only, escapes included", () => {
    expect(nestsDeeperThan(text('{"a":[[1]]}'), 3)).toBe(false);
    expect(nestsDeeperThan(text('{"a":[[[1]]]}'), 3)).toBe(true);
    expect(nestsDeeperThan(text(JSON.stringify({ a: '[[[[\\"[[[[' })), 1)).toBe(false);
    expect(nestsDeeperThan(text(JSON.stringify({ "\\": [["x"]] })), 3)).toBe(false);
    // A deep but legal model name is data, not nesting.
    const named = mlp();
    const body = JSON.stringify({
      ...named,
      modelTopology: { ...named.modelTopology, n: "[".repeat(500) },
    });
    expect(gateUpload(text(body)).ok || "refused").not.toBe("refused");
  });

  it("refuses non-UTF-8, non-JSON, oversized and schema-less bodies as typed rejections", () => {
    const code = (bytes: Uint8Array) => {
      const gate = gateUpload(bytes);
      return gate.ok ? "ok" : gate.error.code;
    };
    expect(code(new Uint8Array([0x7b, 0xff, 0x7d]))).toBe("MALFORMED");
    expect(code(text("{not json"))).toBe("MALFORMED");
    expect(code(text('{"format":"nope"}'))).toBe("MALFORMED");
    expect(code(new Uint8Array(LIMITS.maxBodyBytes + 1).fill(0x20))).toBe("TOO_LARGE");
    expect(code(uploadBytes({ ...mlp(), weightData: "QR==" }))).toBe("MALFORMED");
    const short = mlp();
    expect(code(uploadBytes({ ...short, weightData: short.weightData.slice(0, 400) }))).toBe(
      "BAD_WEIGHT_BYTES",
    );
  });

  it("is what the lab shows: precheck gates the exact upload bytes", () => {
    for (const artifact of [mlp(8), mlp(8, "uint8"), withWeight(mlp(), 3, NaN)]) {
      const gate = gateUpload(uploadBytes(artifact));
      expect(precheck(artifact)).toEqual(
        gate.ok
          ? { ok: true, sizeBytes: gate.model.sizeBytes }
          : { ok: false, rejection: gate.error },
      );
    }
  });
});
