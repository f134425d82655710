import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import {
  convFeatures,
  COST_NS,
  MAX_PREDICTED_SCORING_MS,
  predictScoring,
  scoringBatchSize,
} from "@/lib/model/cost";
import { inspectTopology, type TopologyInspection } from "@/lib/model/topology";
import { leNet5, mlp, saveModel, sevenWideConvs, smallCnn } from "../support/tfjs-models";

/** The topology check on a real TF.js model, as the server and the lab run it. */
async function inspect(
  model: tf.LayersModel,
  options: { enforceCompute?: boolean } = {},
): Promise<TopologyInspection> {
  const saved = await saveModel(model);
  const specs = saved.weightSpecs.map((s) => ({ ...s, dtype: "float32" as const }));
  model.dispose();
  return inspectTopology(saved.modelTopology, specs, options);
}

async function predictedMs(model: tf.LayersModel): Promise<number> {
  const result = await inspect(model);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.detail}`);
  return result.summary.predictedScoringMs;
}

const L = tf.layers;
/** [28,28,1] -> one Conv2D -> global average pooling -> 10. */
const oneConv = (kernelSize: number, filters: number, inputFilters = 0) =>
  tf.sequential({
    layers: [
      L.inputLayer({ inputShape: [28, 28, 1] }),
      ...(inputFilters > 0 ? [L.conv2d({ filters: inputFilters, kernelSize: 1 })] : []),
      L.conv2d({ filters, kernelSize, padding: "same" }),
      L.globalAveragePooling2d({}),
      L.dense({ units: 10 }),
    ],
  });

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("the scoring-time model", () => {
  it("refuses issue 7's seven 28x28 Conv2D layers as TOO_SLOW, though under the compute cap", async () => {
    const result = await inspect(sevenWideConvs());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("TOO_SLOW");
    expect(result.error.detail).toMatch(
      /^predicted \d+ s to score 10,000 images, limit 5 s; conv2d_\w+ \(Conv2D\) alone \d/,
    );
    // The multiply-add cap alone let it through: 4.3M per image, under 5M.
    const uncapped = await inspect(sevenWideConvs(), { enforceCompute: false });
    expect(uncapped.ok && uncapped.summary.multiplyAdds).toBeLessThan(5_000_000);
    expect(uncapped.ok && uncapped.summary.predictedScoringMs).toBeGreaterThan(
      4 * MAX_PREDICTED_SCORING_MS,
    );
  });

  it.each([
    ["the 784-128-10 baseline MLP", () => mlp(128)],
    ["the notes' conv4-conv8 CNN", () => smallCnn()],
    ["LeNet-5", () => leNet5()],
  ])("accepts %s, well inside the budget", async (_name, build) => {
    const ms = await predictedMs(build());
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThan(MAX_PREDICTED_SCORING_MS / 2);
  });

  it("predicts more time for larger kernels and for more channels", async () => {
    const byKernel = [];
    for (const k of [1, 3, 5, 9, 15]) byKernel.push(await predictedMs(oneConv(k, 4)));
    const byFilters = [];
    for (const f of [1, 4, 8, 16, 24]) byFilters.push(await predictedMs(oneConv(3, f)));
    const byInputs = [];
    for (const c of [1, 4, 8, 16]) byInputs.push(await predictedMs(oneConv(3, 8, c)));
    for (const series of [byKernel, byFilters, byInputs]) {
      for (let i = 1; i < series.length; i++) expect(series[i]!).toBeGreaterThan(series[i - 1]!);
    }
  });

  it("costs a multiply-add more with one channel than with many (the wasm SIMD lanes idle)", () => {
    const perMac = (inputs: number, filters: number) => {
      const p = predictScoring([{ ...convFeatures(28 * 28, 9, inputs, filters) }], 784);
      return (p.ms - COST_NS.model - p.totals.layerCall * COST_NS.layerCall) / (inputs * filters);
    };
    expect(perMac(1, 1)).toBeGreaterThan(5 * perMac(32, 32));
  });

  it("counts batches the way the evaluator child batches", () => {
    expect(scoringBatchSize(784)).toBe(10_000);
    expect(scoringBatchSize(28 * 28 * 8)).toBe(2_000);
    expect(scoringBatchSize(28 * 28 * 32)).toBe(500);
    const layers = [{ denseMacs: 7840 }, {}];
    expect(predictScoring(layers, 784).totals.layerCall).toBe(2);
    expect(predictScoring(layers, 28 * 28 * 32).totals.layerCall).toBe(2 * 20);
  });
});
