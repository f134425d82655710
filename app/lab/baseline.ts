import { ModelArtifactSchema, type ModelArtifact } from "@/lib/model/artifact";
import { ReasonError } from "../workers/protocol";

/**
 * The "shrink" round's baseline, downloaded from the server (lib/coding/round.ts
 * BASELINE_MODEL_URL) and checked against the same schema the server applies to uploads before
 * the worker loads it: a proxy's error page or a half-written file gives a readable reason
 * instead of a TF.js stack trace.
 */
export async function fetchBaseline(url: string, signal?: AbortSignal): Promise<ModelArtifact> {
  const response = await fetch(url, { signal });
  if (!response.ok)
    throw new ReasonError({ key: "reason.http", params: { status: response.status } });
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ReasonError({ key: "reason.notJson" });
  }
  const parsed = ModelArtifactSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ReasonError({
      key: "reason.notModel",
      params: { detail: issue ? issue.path.join(".") || issue.message : "schema" },
    });
  }
  return parsed.data;
}
