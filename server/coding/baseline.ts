import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Evaluator } from "./coding-service";

/** The "shrink" round's baseline model (server/coding/train-baseline-cli.ts writes it). */
export const BASELINE_PATH = fileURLToPath(
  new URL("../../public/models/baseline-mlp.json", import.meta.url),
);

export interface BaselineScore {
  privateAccuracy: number;
  publicAccuracy: number;
  sizeBytes: number;
}

/**
 * The baseline's scores, measured by the same evaluator as every submission (once per process),
 * so the "within N points of the baseline" rule compares like with like.
 */
export function baselineScorer(evaluator: Evaluator): () => Promise<BaselineScore> {
  let score: Promise<BaselineScore> | undefined;
  return () => {
    score ??= (async () => {
      const artifact: unknown = JSON.parse(await readFile(BASELINE_PATH, "utf8"));
      const result = await evaluator.evaluate(artifact);
      if (!result.ok) throw new Error(`baseline model rejected: ${result.rejection.code}`);
      return {
        privateAccuracy: result.privateAccuracy,
        publicAccuracy: result.publicAccuracy,
        sizeBytes: result.sizeBytes,
      };
    })();
    score.catch(() => (score = undefined));
    return score;
  };
}
