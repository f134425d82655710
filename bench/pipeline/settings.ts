import type { TrainSettings } from "@/app/workers/protocol";
import type { LearningRateSchedule } from "@/lib/model/schedule";

/**
 * How much training each stage gets. The full run is the measured recipe; `--quick` (or
 * PIPELINE_QUICK=1) is a smoke run of the same steps on fewer images and epochs, to check the
 * plumbing in a minute or two. Its figures are not the recipe's.
 */
export interface BenchSettings {
  quick: boolean;
  seed: number;
  /** Images the training jobs draw from (the lab's trainCount); the held-out 5,000 never train. */
  trainCount: number;
  /** Epochs per training phase are multiplied by this (at least one epoch each). */
  epochScale: number;
}

export function benchSettings(argv: readonly string[], env: NodeJS.ProcessEnv): BenchSettings {
  const quick = argv.includes("--quick") || env.PIPELINE_QUICK === "1";
  const seed = Number(env.PIPELINE_SEED ?? 1);
  return quick
    ? { quick, seed, trainCount: 8_000, epochScale: 0 }
    : { quick, seed, trainCount: 55_000, epochScale: 1 };
}

/** A lab TrainSettings for `epochs` of the recipe, scaled for a quick run. */
export function phase(
  bench: BenchSettings,
  epochs: number,
  learningRate: number,
  schedule: LearningRateSchedule = "constant",
  batchSize = 64,
): TrainSettings {
  return {
    epochs: Math.max(1, Math.round(epochs * bench.epochScale)),
    batchSize,
    learningRate,
    schedule,
    trainCount: bench.trainCount,
  };
}
