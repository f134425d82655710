import { LIMITS, ModelArtifactSchema, type ModelArtifact } from "@/lib/model/artifact";
import { rejection, type ModelRejection } from "@/lib/model/rejections";
import { accuracyPerKb } from "@/lib/model/scoring";
import { modelSizeBytes } from "@/lib/model/size";
import { inspectTopology } from "@/lib/model/topology";
import { decodeWeights } from "@/lib/model/weights";
import type { BackendName, JobResult } from "../workers/protocol";

/**
 * Every model the player produced in this round, with the figures that decide a submission: the
 * size by THE size rule (lib/model/size.ts, the exact number the server records), the accuracy on
 * the held-out images, and the server's static checks run locally, so a model the server would
 * refuse is marked with the reason before anyone uploads it.
 */

export type VersionKind = "baseline" | "trained" | "code" | "quantized" | "pruned" | "distilled";

export interface LabVersion {
  id: number;
  kind: VersionKind;
  /** e.g. "uint8", "90%", "784-16-10": what a compression step did (not translated: data). */
  detail: string;
  parentId: number | null;
  artifact: ModelArtifact;
  validationAccuracy: number;
  sizeBytes: number | null;
  accuracyPerKb: number | null;
  parameters: number;
  sparsity: number;
  stopped: boolean;
  backend: BackendName;
  samplesPerSec: number;
  check: { ok: true } | { ok: false; rejection: ModelRejection };
}

/** What the server's gate (server/evaluator/static-checks.ts) and evaluator would say. */
export function precheck(
  artifact: ModelArtifact,
): { ok: true; sizeBytes: number } | { ok: false; rejection: ModelRejection } {
  const body = JSON.stringify(artifact);
  if (body.length > LIMITS.maxBodyBytes) {
    return {
      ok: false,
      rejection: rejection("TOO_LARGE", `${body.length} bytes, limit ${LIMITS.maxBodyBytes}`),
    };
  }
  const parsed = ModelArtifactSchema.safeParse(JSON.parse(body));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      rejection: rejection(
        "MALFORMED",
        issue ? `${issue.path.join(".")}: ${issue.message}` : "schema",
      ),
    };
  }
  const topology = inspectTopology(parsed.data.modelTopology, parsed.data.weightSpecs);
  if (!topology.ok) return { ok: false, rejection: topology.error };
  const weights = decodeWeights(parsed.data);
  if (!weights.ok) return { ok: false, rejection: weights.error };
  const size = modelSizeBytes(parsed.data);
  if (!size.ok) return { ok: false, rejection: size.error };
  return { ok: true, sizeBytes: size.bytes };
}

export function makeVersion(
  id: number,
  kind: VersionKind,
  detail: string,
  parentId: number | null,
  result: JobResult,
): LabVersion {
  const checked = precheck(result.artifact);
  const sizeBytes = checked.ok ? checked.sizeBytes : null;
  return {
    id,
    kind,
    detail,
    parentId,
    artifact: result.artifact,
    validationAccuracy: result.validationAccuracy,
    sizeBytes,
    accuracyPerKb: sizeBytes === null ? null : accuracyPerKb(result.validationAccuracy, sizeBytes),
    parameters: result.parameters,
    sparsity: result.sparsity,
    stopped: result.stopped,
    backend: result.backend,
    samplesPerSec: result.samplesPerSec,
    check: checked.ok ? { ok: true } : { ok: false, rejection: checked.rejection },
  };
}

export const formatPercent = (fraction: number, digits = 1) =>
  `${(fraction * 100).toFixed(digits)}%`;
