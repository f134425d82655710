import { LIMITS, ModelArtifactSchema, type ModelArtifact } from "./artifact";
import { decodeBase64 } from "./base64";
import { refuse, type ModelCheck } from "./rejections";
import { sizeOfDecoded } from "./size";
import { inspectTopology, type TopologySummary } from "./topology";
import { decodeWeightBytes } from "./weights";

/**
 * THE UPLOAD GATE: every check that decides whether a model may be stored and scored, from the
 * bytes of the upload to the size that ranks it. The browser lab runs it on the exact bytes it
 * would upload and the server runs it (in a worker thread, server/coding/gate-pool.ts) on the
 * bytes it received, so both show the same verdict and the same size.
 *
 * Cheapest first, each step bounding the next: byte count, nesting depth (a linear scan, so deep
 * JSON is refused with its own reason before any recursive code sees it), UTF-8, JSON.parse, the
 * schema (which bounds every field), the topology (allow-list, shapes, parameters, compute), then
 * the O(weights) steps: strict base64, the byte count the specs imply, every weight finite (a NaN
 * model is refused here, before it is stored or costs a submission slot), and the size rule.
 */

/**
 * Deepest array/object nesting accepted anywhere in an upload. A TF.js Sequential artifact is 8
 * deep; the recursive steps after parsing (zod, topology conversion, canonical JSON) are safe far
 * beyond this, so the limit refuses nothing real and keeps the stack out of the question.
 */
export const MAX_JSON_DEPTH = 32;

declare const gatedBrand: unique symbol;

/**
 * A model that has passed gateUpload. The brand means only the gate (or the server's worker
 * adapter, which receives one across a thread boundary) makes these: ModelEvaluator.evaluate
 * takes nothing else, so nothing reaches the evaluator ungated.
 */
export interface GatedModel {
  readonly artifact: ModelArtifact;
  readonly summary: TopologySummary;
  /** The size rule (lib/model/size.ts): what ranks the model. */
  readonly sizeBytes: number;
  /** Canonical bytes before gzip, for the lab's "what compression bought you" view. */
  readonly rawBytes: number;
  /** Canonical JSON bytes alone (the topology's share), uncompressed. */
  readonly jsonBytes: number;
  readonly [gatedBrand]: true;
}

export type GateResult = ModelCheck<{ model: GatedModel }>;

/** The bytes an upload carries for `artifact`: what the lab sends and gates. */
export function uploadBytes(artifact: ModelArtifact): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(JSON.stringify(artifact));
}

/**
 * True if the JSON text in `bytes` nests arrays/objects deeper than `max`. One pass, no
 * recursion, no allocation; brackets inside strings (escapes included) do not count. UTF-8
 * continuation bytes are all >= 0x80, so they never look like a quote, backslash or bracket.
 * On invalid JSON the answer may be either; JSON.parse refuses such input anyway.
 */
export function nestsDeeperThan(bytes: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (inString) {
      if (b === 0x5c /* \ */) i++;
      else if (b === 0x22 /* " */) inString = false;
    } else if (b === 0x22) {
      inString = true;
    } else if (b === 0x7b /* { */ || b === 0x5b /* [ */) {
      if (++depth > max) return true;
    } else if (b === 0x7d /* } */ || b === 0x5d /* ] */) {
      depth--;
    }
  }
  return false;
}

export function gateUpload(body: Uint8Array): GateResult {
  if (body.length > LIMITS.maxBodyBytes) {
    return refuse("TOO_LARGE", `${body.length} bytes, limit ${LIMITS.maxBodyBytes}`);
  }
  if (nestsDeeperThan(body, MAX_JSON_DEPTH)) {
    return refuse("TOO_DEEP", `nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    return refuse("MALFORMED", "not UTF-8");
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return refuse("MALFORMED", `not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  return gateParsed(json);
}

function gateParsed(json: unknown): GateResult {
  const parsed = ModelArtifactSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join(".") || "(root)";
    return refuse("MALFORMED", issue ? `${where}: ${issue.message}` : "not a model artifact");
  }
  const artifact = parsed.data;
  const topology = inspectTopology(artifact.modelTopology, artifact.weightSpecs);
  if (!topology.ok) return topology;

  const weights = decodeBase64(artifact.weightData);
  if (!weights.ok) {
    return refuse("MALFORMED", `weightData is not base64 (${weights.error} at ${weights.at})`);
  }
  if (weights.bytes.length > LIMITS.maxWeightBytes) {
    return refuse(
      "TOO_LARGE",
      `${weights.bytes.length} weight bytes, limit ${LIMITS.maxWeightBytes}`,
    );
  }
  // Decoded exactly as the evaluator's child will decode them: BAD_WEIGHT_BYTES, NON_FINITE_WEIGHTS.
  const decoded = decodeWeightBytes(artifact.weightSpecs, weights.bytes);
  if (!decoded.ok) return decoded;

  const size = sizeOfDecoded(artifact, weights.bytes);
  if (!size.ok) return size;
  const model = {
    artifact,
    summary: topology.summary,
    sizeBytes: size.bytes,
    rawBytes: size.rawBytes,
    jsonBytes: size.jsonBytes,
  } as Omit<GatedModel, typeof gatedBrand> as GatedModel;
  return { ok: true, model };
}
