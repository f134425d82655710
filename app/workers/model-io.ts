import * as tf from "@tensorflow/tfjs";
import type { ModelArtifact } from "@/lib/model/artifact";
import { decodeBase64 } from "@/lib/model/base64";
import { encodeArtifact, type QuantizeChoice } from "@/lib/model/weights";

/**
 * Between live TF.js models and submission artifacts. Saving goes through lib/model's encoder,
 * the same bytes the server decodes; loading hands the artifact to TF.js, which dequantizes
 * uint8/uint16/float16 itself, so a quantized version is measured exactly as the server will run it.
 */

export interface SavedWeights {
  modelTopology: Record<string, unknown>;
  specs: { name: string; shape: number[] }[];
  values: Float32Array[];
}

export async function saveWeights(model: tf.LayersModel): Promise<SavedWeights> {
  let saved: SavedWeights | undefined;
  await model.save(
    tf.io.withSaveHandler((artifacts) => {
      const data = artifacts.weightData ?? new ArrayBuffer(0);
      const buffer = Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data;
      const specs = (artifacts.weightSpecs ?? []).map(({ name, shape }) => ({ name, shape }));
      let offset = 0;
      const values = specs.map((spec) => {
        const n = spec.shape.reduce((a, b) => a * b, 1);
        // A copy, not a view: the artifact outlives the save handler's buffer.
        const slice = new Float32Array(buffer.slice(offset * 4, (offset + n) * 4));
        offset += n;
        return slice;
      });
      saved = {
        modelTopology: artifacts.modelTopology as Record<string, unknown>,
        specs,
        values,
      };
      return Promise.resolve({
        modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" as const },
      });
    }),
  );
  if (!saved) throw new Error("model.save did not call the save handler");
  return saved;
}

export function toArtifact(saved: SavedWeights, quantize: QuantizeChoice = "none"): ModelArtifact {
  return encodeArtifact({
    modelTopology: saved.modelTopology,
    specs: saved.specs,
    values: saved.values,
    quantize,
  });
}

export async function loadArtifact(artifact: ModelArtifact): Promise<tf.LayersModel> {
  const decoded = decodeBase64(artifact.weightData);
  if (!decoded.ok) throw new Error(`weightData is not base64 (${decoded.error})`);
  const bytes = decoded.bytes;
  const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: artifact.modelTopology,
      weightSpecs: artifact.weightSpecs,
      weightData: weightData as ArrayBuffer,
    }),
  );
}

/** Fraction of exactly-zero values over every weight tensor. */
export function overallSparsity(values: readonly Float32Array[]): number {
  let zeros = 0;
  let total = 0;
  for (const tensor of values) {
    total += tensor.length;
    for (const v of tensor) if (v === 0) zeros++;
  }
  return total === 0 ? 0 : zeros / total;
}

export const countWeights = (values: readonly Float32Array[]) =>
  values.reduce((sum, t) => sum + t.length, 0);
