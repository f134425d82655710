import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { ModelArtifactSchema } from "@/lib/model/artifact";
import { modelSizeBytes } from "@/lib/model/size";
import type { Evaluator } from "./coding-service";

/** The "shrink" round's baseline model (server/coding/train-baseline-cli.ts writes it). */
export const BASELINE_PATH = fileURLToPath(
  new URL("../../public/models/baseline-mlp.json", import.meta.url),
);

export interface BaselineScore {
  privateAccuracy: number;
  publicAccuracy: number;
  /** The size rule's bytes: a shrink-round model may be at most half of this to count. */
  sizeBytes: number;
}

/**
 * The baseline's scores, measured by the same evaluator as every submission (once per process),
 * so the "within N points of the baseline" rule compares like with like. Its size comes from the
 * size rule itself (modelSizeBytes, the function the lab and the upload path call), so the
 * "at most half the baseline" cap is the same number the lab shows.
 */
export function baselineScorer(evaluator: Evaluator): () => Promise<BaselineScore> {
  let score: Promise<BaselineScore> | undefined;
  return () => {
    score ??= (async () => {
      const artifact = ModelArtifactSchema.parse(JSON.parse(await readFile(BASELINE_PATH, "utf8")));
      const size = modelSizeBytes(artifact);
      if (!size.ok) throw new Error(`baseline model has no size: ${size.error.code}`);
      const result = await evaluator.evaluate(artifact);
      if (!result.ok) throw new Error(`baseline model rejected: ${result.rejection.code}`);
      return {
        privateAccuracy: result.privateAccuracy,
        publicAccuracy: result.publicAccuracy,
        sizeBytes: size.bytes,
      };
    })();
    score.catch(() => (score = undefined));
    return score;
  };
}
