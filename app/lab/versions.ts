import type { ModelArtifact } from "@/lib/model/artifact";
import { gateUpload, uploadBytes } from "@/lib/model/gate";
import type { ModelRejection } from "@/lib/model/rejections";
import { accuracyPerKb } from "@/lib/model/scoring";
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

/**
 * What the server will say of this version: the one upload gate (lib/model/gate.ts) on the exact
 * bytes use-submissions.ts uploads, so the size and the verdict here are the server's own.
 */
export function precheck(
  artifact: ModelArtifact,
): { ok: true; sizeBytes: number } | { ok: false; rejection: ModelRejection } {
  const gate = gateUpload(uploadBytes(artifact));
  return gate.ok
    ? { ok: true, sizeBytes: gate.model.sizeBytes }
    : { ok: false, rejection: gate.error };
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
