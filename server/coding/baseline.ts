import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Evaluator } from "./coding-service";
import type { GatePool } from "./gate-pool";

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
 * The baseline's scores, measured by the same gate and evaluator as every submission (once per
 * process), so the "within N points of the baseline" rule compares like with like. Its size is
 * the gate's size rule, so the "at most half the baseline" cap is the number the lab shows.
 */
export function baselineScorer(
  evaluator: Evaluator,
  gates: Pick<GatePool, "gate">,
): () => Promise<BaselineScore> {
  let score: Promise<BaselineScore> | undefined;
  return () => {
    score ??= (async () => {
      const gate = (await gates.gate(new Uint8Array(await readFile(BASELINE_PATH)))).result;
      if (!gate.ok) throw new Error(`baseline model refused: ${gate.error.code}`);
      const result = await evaluator.evaluate(gate.model);
      if (!result.ok) throw new Error(`baseline model rejected: ${result.rejection.code}`);
      return {
        privateAccuracy: result.privateAccuracy,
        publicAccuracy: result.publicAccuracy,
        sizeBytes: gate.model.sizeBytes,
      };
    })();
    score.catch(() => (score = undefined));
    return score;
  };
}
