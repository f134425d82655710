import { ModelArtifactSchema, type ModelArtifact } from "../../lib/model/artifact";
import { refuse, type ModelCheck } from "../../lib/model/rejections";
import { modelSizeBytes } from "../../lib/model/size";
import { inspectTopology, type TopologySummary } from "../../lib/model/topology";
import { decodeWeights } from "../../lib/model/weights";

export type StaticCheck = ModelCheck<{
  artifact: ModelArtifact;
  summary: TopologySummary;
  parameters: number;
  sizeBytes: number;
}>;

/**
 * Everything that can be decided from the JSON alone, in the parent, before any TF.js runs:
 * cheap, and it is what keeps a compute bomb (UpSampling2D and friends) from ever reaching the
 * child. The lab runs the same lib/model checks in the browser, so both sides give one reason.
 * Order: the schema bounds every size before anything is decoded; the topology (allow-list,
 * shapes, caps, weight names) before the weight bytes; the size rule last, as it gzips.
 */
export function checkArtifact(input: unknown): StaticCheck {
  const parsed = ModelArtifactSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join(".") || "(root)";
    return refuse("MALFORMED", issue ? `${where}: ${issue.message}` : "not a model artifact");
  }
  const artifact = parsed.data;
  const topology = inspectTopology(artifact.modelTopology, artifact.weightSpecs);
  if (!topology.ok) return topology;
  const weights = decodeWeights(artifact);
  if (!weights.ok) return weights;
  const size = modelSizeBytes(artifact);
  if (!size.ok) return size;
  const { summary } = topology;
  return { ok: true, artifact, summary, parameters: summary.parameters, sizeBytes: size.bytes };
}
