import { LIMITS, ModelArtifactSchema, type ModelArtifact } from "../../lib/model/artifact";
import { refuse, type ModelCheck } from "../../lib/model/rejections";
import { modelSizeBytes } from "../../lib/model/size";
import { inspectTopology, type TopologySummary } from "../../lib/model/topology";
import { bytesPerElement, elementCount } from "../../lib/model/weights";

export type Gate = ModelCheck<{ artifact: ModelArtifact; summary: TopologySummary }>;

/**
 * The checks that decide whether TF.js may see a model at all, run in the server before anything
 * reaches the child: the schema (which bounds every size before anything is decoded), then the
 * topology (allow-list, shape inference, parameter and per-layer caps, weight names and shapes),
 * then the weight byte count. All of it costs O(topology), not O(weights): a compute bomb such as
 * UpSampling2D is refused here in well under a millisecond, and the event loop stays free.
 *
 * The O(weights) checks run once each, where their result is used: the child decodes the weights
 * with lib/model/weights.ts (NON_FINITE_WEIGHTS, MALFORMED base64) before building the model, and
 * the server computes the size rule while the child predicts (see ModelEvaluator.evaluate).
 */
export function gateArtifact(input: unknown): Gate {
  const parsed = ModelArtifactSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join(".") || "(root)";
    return refuse("MALFORMED", issue ? `${where}: ${issue.message}` : "not a model artifact");
  }
  const artifact = parsed.data;
  const topology = inspectTopology(artifact.modelTopology, artifact.weightSpecs);
  if (!topology.ok) return topology;
  const bytes = decodedLength(artifact.weightData);
  if (bytes === undefined) return refuse("MALFORMED", "weightData is not canonical base64");
  if (bytes > LIMITS.maxWeightBytes) {
    return refuse("TOO_LARGE", `${bytes} weight bytes, limit ${LIMITS.maxWeightBytes}`);
  }
  const expected = artifact.weightSpecs.reduce(
    (sum, spec) => sum + elementCount(spec.shape) * bytesPerElement(spec),
    0,
  );
  if (bytes !== expected) {
    return refuse("BAD_WEIGHT_BYTES", `specs describe ${expected} bytes, weightData has ${bytes}`);
  }
  return { ok: true, artifact, summary: topology.summary };
}

// A regex scan costs a few ms on the largest allowed string; full decoding is left to the child,
// whose decoder also insists on canonical padding bits.
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Bytes that base64 text decodes to, or undefined if it is not base64 at all. */
function decodedLength(text: string): number | undefined {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return undefined;
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

/** The size rule (lib/model/size.ts): the one O(weights) step the server itself runs. */
export function sizeOf(artifact: ModelArtifact): ModelCheck<{ sizeBytes: number }> {
  const size = modelSizeBytes(artifact);
  return size.ok ? { ok: true, sizeBytes: size.bytes } : size;
}
