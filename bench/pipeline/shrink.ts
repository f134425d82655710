import { readFile } from "node:fs/promises";
import { PRESETS } from "@/app/lab/guided-spec";
import { distill, prune, quantize } from "@/app/workers/compress";
import type { Dataset } from "@/app/workers/dataset";
import type { GuidedSpec } from "@/app/workers/protocol";
import type { ModelArtifact } from "@/lib/model/artifact";
import { BASELINE_PATH } from "@/server/coding/baseline";
import { quietHooks, seedEverything, timed } from "./runtime";
import type { Row, Scorer } from "./scorer";
import { phase, type BenchSettings } from "./settings";

/**
 * Goal 2: the "shrink the baseline" round. The baseline is the article's 784-128-10 MLP as the
 * server ships it; every version below starts from that artifact and uses one lab tool, as a
 * player would, and the baseline itself is scored by the same evaluator in the same run.
 */
export const SHRINK = "shrink";

export async function shrinkBaseline(
  bench: BenchSettings,
  data: Dataset,
  scorer: Scorer,
): Promise<{ baseline: Row; rows: Row[] }> {
  const baselineArtifact = JSON.parse(await readFile(BASELINE_PATH, "utf8")) as ModelArtifact;
  const baseline = await scorer.score(SHRINK, "baseline 784-128-10 float32", baselineArtifact, 0);
  const rows: Row[] = [];

  for (const dtype of ["float16", "uint8"] as const) {
    const q = await timed(() => quantize(baselineArtifact, dtype, data));
    rows.push(await scorer.score(SHRINK, `baseline ${dtype}`, q.value.artifact, q.ms));
  }

  // Gradual magnitude pruning of the 784x128 kernel only (the 128x10 one is 1% of the weights),
  // fine-tuned at a low rate, then uint8: zeros stay exact and gzip eats their runs.
  seedEverything(bench.seed);
  const pruned = await timed(async () => {
    const p = await prune(baselineArtifact, 0.9, 2000, phase(bench, 2, 0.0005), data, quietHooks);
    return quantize(p.artifact, "uint8", data);
  });
  rows.push(
    await scorer.score(SHRINK, "prune 90% (784x128) + uint8", pruned.value.artifact, pruned.ms),
  );

  // Distillation (the lab's distill: soft targets at temperature T, weight alpha, plus the true
  // labels) into two guided students: a 4x narrower MLP, and the guided CNN preset, which the
  // MLP teacher can teach because distill reshapes the images for each model.
  const students: [string, GuidedSpec][] = [
    ["distill -> 784-32-10 + uint8", { layers: [{ kind: "dense", units: 32 }] }],
    ["distill -> CNN preset + uint8", PRESETS.cnn],
  ];
  for (const [version, student] of students) {
    seedEverything(bench.seed);
    const distilled = await timed(async () => {
      const settings = phase(bench, 4, 0.003);
      const d = await distill(baselineArtifact, student, 2, 0.3, settings, data, quietHooks);
      return quantize(d.artifact, "uint8", data);
    });
    rows.push(
      await scorer.score(SHRINK, version, distilled.value.artifact, distilled.ms, "T 2, alpha 0.3"),
    );
  }
  return { baseline, rows };
}
