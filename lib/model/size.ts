import { gzip } from "pako";
import type { ModelArtifact } from "./artifact";
import { decodeBase64 } from "./base64";
import { refuse, type ModelCheck } from "./rejections";

/**
 * THE SIZE RULE. A model's size is what ranks it, so it is defined once, here, and the browser
 * lab and the server evaluator both call this code on the same artifact.
 *
 *   1. Canonical JSON of `{ format, modelTopology, weightSpecs }`: object keys sorted
 *      recursively (ascending UTF-16 code units, as Array.prototype.sort compares strings), no
 *      whitespace, strings and numbers written as JSON.stringify writes them, object members
 *      whose value is undefined left out. Non-finite numbers are refused (JSON has none).
 *   2. Canonical bytes = the UTF-8 encoding of that JSON, then one 0x0A byte, then the raw
 *      weight bytes (weightData base64-decoded: quantized bytes count as stored).
 *   3. Size = the length in bytes of pako 3.0.3 `gzip(canonicalBytes, { level: 9 })`, gzip
 *      header and trailer included. pako is a line-for-line port of zlib: its level 9 output is
 *      byte-identical to Node's zlib `gzipSync(bytes, { level: 9 })` (tests/unit/model-size.test.ts
 *      checks this on float32, uint8 and pruned models). Its header is fixed, 1f 8b 08 00
 *      00000000 02 03 (no name, mtime 0, "max compression", OS "Unix" whatever the platform), so
 *      the same artifact gives the same number in every browser and on the server. (fflate,
 *      used before, made pruned models ~10% larger than zlib -9: it penalised pruning.)
 *
 * The topology counts because at these sizes it matters: the default TF.js topology is about
 * 0.9 KB of a 3 KB CNN. Key order and whitespace do not count, so nobody wins by reformatting;
 * dropping default-valued keys does count, which is fair: those bytes really are gone.
 *
 * 1 KB = 1000 bytes everywhere in Kilobyte Arena (display, accuracy per KB, limits in prose).
 */
export { BYTES_PER_KB, formatKb } from "./kb";

export function canonicalJson(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not JSON`);
      return JSON.stringify(value);
    case "object": {
      if (Array.isArray(value)) {
        // JSON.stringify writes undefined array items as null; so do we.
        return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
      }
      const record = value as Record<string, unknown>;
      const members = Object.keys(record)
        .sort()
        .filter((k) => record[k] !== undefined)
        .map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`);
      return `{${members.join(",")}}`;
    }
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} is not JSON`);
  }
}

/** Step 2 of the rule: what gets compressed. */
export function canonicalModelBytes(artifact: ModelArtifact, weightBytes: Uint8Array): Uint8Array {
  const { format, modelTopology, weightSpecs } = artifact;
  const head = new TextEncoder().encode(canonicalJson({ format, modelTopology, weightSpecs }));
  const out = new Uint8Array(head.length + 1 + weightBytes.length);
  out.set(head, 0);
  out[head.length] = 0x0a;
  out.set(weightBytes, head.length + 1);
  return out;
}

export type ModelSize = ModelCheck<{
  /** The size that ranks the model (step 3). */
  bytes: number;
  /** Canonical bytes before gzip, for the lab's "what compression bought you" view. */
  rawBytes: number;
  /** Canonical JSON bytes alone (the topology's share), uncompressed. */
  jsonBytes: number;
}>;

/** Step 3 of the rule on its own: the gzip -9 bytes whose length is the size. */
export function gzip9(bytes: Uint8Array): Uint8Array {
  return gzip(bytes, { level: 9 });
}

export function modelSizeBytes(artifact: ModelArtifact): ModelSize {
  const weights = decodeBase64(artifact.weightData);
  if (!weights.ok)
    return refuse("MALFORMED", `weightData is not base64 (${weights.error} at ${weights.at})`);
  return sizeOfDecoded(artifact, weights.bytes);
}

/** The size rule for a caller that has already decoded the weight bytes (lib/model/gate.ts). */
export function sizeOfDecoded(artifact: ModelArtifact, weightBytes: Uint8Array): ModelSize {
  let canonical: Uint8Array;
  try {
    canonical = canonicalModelBytes(artifact, weightBytes);
  } catch (e) {
    return refuse("MALFORMED", e instanceof Error ? e.message : "topology is not JSON");
  }
  return {
    ok: true,
    bytes: gzip9(canonical).length,
    rawBytes: canonical.length,
    jsonBytes: canonical.length - 1 - weightBytes.length,
  };
}
