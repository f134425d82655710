import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ModelArtifact } from "@/lib/model/artifact";
import { createLogger } from "@/server/logger";
import {
  ModelEvaluator,
  type EvaluationRejection,
  type EvaluationResult,
} from "@/server/evaluator/evaluator";
import { gateUpload, uploadBytes, type GatedModel } from "@/lib/model/gate";
import type { ModelRejection } from "@/lib/model/rejections";
import { modelSizeBytes } from "@/lib/model/size";
import {
  artifactFromBytes,
  mlp,
  quickFit,
  saveModel,
  sevenWideConvs,
  smallCnn,
  toArtifact,
} from "../support/tfjs-models";

/**
 * The evaluator end to end: real TF.js models built and trained here (cpu backend, a few seconds),
 * scored by the real child process on the wasm backend.
 */
type Scored = Extract<EvaluationResult, { ok: true }>;
const logger = createLogger("silent");

function scored(result: EvaluationResult): Scored {
  if (!result.ok) throw new Error(`rejected: ${result.rejection.code} ${result.rejection.detail}`);
  return result;
}

function rejectionOf(result: EvaluationResult): EvaluationRejection {
  if (result.ok) throw new Error(`expected a rejection, got ${result.publicAccuracy} accuracy`);
  return result.rejection;
}

/** The upload gate's verdict on `artifact`, as the server's worker computes it. */
function gate(
  artifact: unknown,
): { ok: true; model: GatedModel } | { ok: false; error: ModelRejection } {
  return gateUpload(new TextEncoder().encode(JSON.stringify(artifact)));
}

/** `artifact` through the gate, for a test that expects it to pass. */
function gated(artifact: ModelArtifact): GatedModel {
  const result = gateUpload(uploadBytes(artifact));
  if (!result.ok) throw new Error(`gate refused: ${result.error.code} ${result.error.detail}`);
  return result.model;
}

/** The scores that must not move between runs (ms and timings may). */
const fingerprint = (r: Scored) => ({
  publicAccuracy: r.publicAccuracy,
  privateAccuracy: r.privateAccuracy,
  predictionDigest: r.predictionDigest,
  predictionCounts: r.predictionCounts,
  sizeBytes: r.sizeBytes,
});

function editTopology(artifact: ModelArtifact, edit: (layers: { class_name: string }[]) => void) {
  const copy = structuredClone(artifact);
  edit((copy.modelTopology.config as { layers: { class_name: string }[] }).layers);
  return copy;
}

async function withWeights(model: tf.Sequential, values: tf.Tensor[]): Promise<ModelArtifact> {
  model.setWeights(values);
  tf.dispose(values);
  return toArtifact(model);
}

describe("ModelEvaluator", () => {
  let evaluator: ModelEvaluator;
  let trained: GatedModel;
  let trainedUint8: GatedModel;
  let baseline: Scored;
  const hostile: Record<string, ModelArtifact> = {};

  beforeAll(async () => {
    await tf.setBackend("cpu");
    const model = mlp(32);
    await quickFit(model, 1000, 2);
    const trainedArtifact = await toArtifact(model);
    trained = gated(trainedArtifact);
    trainedUint8 = gated(await toArtifact(model, "uint8"));
    evaluator = new ModelEvaluator({ logger });

    const saved = await saveModel(model);
    const bytes = new Uint8Array(saved.weightData);
    hostile.truncated = artifactFromBytes(saved, bytes.subarray(0, bytes.length - 4));
    const nan = bytes.slice();
    new DataView(nan.buffer).setFloat32(40, NaN, true);
    hostile.nan = artifactFromBytes(saved, nan);
    hostile.lambda = editTopology(trainedArtifact, (layers) => (layers[0]!.class_name = "Lambda"));

    const input = tf.input({ shape: [784] });
    const output = tf.layers.dense({ units: 10, activation: "softmax" }).apply(input);
    hostile.functional = await toArtifact(
      tf.model({ inputs: input, outputs: output as tf.SymbolicTensor }),
    );
    const dense = (inputShape: number[], units: number) =>
      tf.sequential({ layers: [tf.layers.dense({ inputShape, units, activation: "softmax" })] });
    hostile.wrongInput = await toArtifact(dense([100], 10));
    hostile.wrongOutput = await toArtifact(dense([784], 5));
    // 508,810 parameters, quantized so the bytes stay under the weight limit.
    hostile.tooManyParameters = await toArtifact(mlp(640), "uint8");
    // Finite weights whose logits overflow to Infinity: softmax turns them into NaN.
    const huge = dense([784], 10);
    hostile.nonFiniteOutput = await withWeights(huge, [tf.fill([784, 10], 1e38), tf.zeros([10])]);
  }, 120_000);

  afterAll(async () => {
    await evaluator?.close();
  });

  it("scores a briefly trained MLP plausibly, and identically twice", async () => {
    baseline = scored(await evaluator.evaluate(trained));
    const again = scored(await evaluator.evaluate(trained));
    expect(baseline.publicAccuracy).toBeGreaterThan(0.5);
    expect(baseline.privateAccuracy).toBeGreaterThan(0.5);
    expect(fingerprint(again)).toEqual(fingerprint(baseline));
    expect(baseline.parameters).toBe(784 * 32 + 32 + 32 * 10 + 10);
    expect(baseline.summary.layers.map((l) => l.className)).toEqual(["Dense", "Dense"]);
    expect(baseline.predictionCounts.reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(baseline.evaluatorVersion).toBeGreaterThan(0);
    // The size is the shared rule's number, the one the lab shows before submitting.
    const size = modelSizeBytes(trained.artifact);
    expect(size.ok && size.bytes).toBe(baseline.sizeBytes);
  });

  it("scores an image-shaped CNN ([28, 28, 1] input) deterministically", async () => {
    const cnn = gated(await toArtifact(smallCnn(), "uint8"));
    const first = scored(await evaluator.evaluate(cnn));
    expect(first.parameters).toBe(2346);
    expect(first.summary.inputShape).toEqual([null, 28, 28, 1]);
    expect(fingerprint(scored(await evaluator.evaluate(cnn)))).toEqual(fingerprint(first));
  });

  it("scores a uint8-quantized copy within one point, at about a quarter of the size", async () => {
    const quantized = scored(await evaluator.evaluate(trainedUint8));
    expect(Math.abs(quantized.publicAccuracy - baseline.publicAccuracy)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(quantized.privateAccuracy - baseline.privateAccuracy)).toBeLessThanOrEqual(
      0.01,
    );
    expect(quantized.sizeBytes).toBeLessThan(baseline.sizeBytes / 3);
  });

  // The gate (lib/model/gate.ts) refuses these before the evaluator could be asked: NaN weights
  // included, so such a model is never stored and costs no submission slot.
  const gateCases: [string, ModelRejection["code"]][] = [
    ["lambda", "LAYER_NOT_ALLOWED"],
    ["functional", "NOT_SEQUENTIAL"],
    ["wrongInput", "BAD_INPUT_SHAPE"],
    ["wrongOutput", "BAD_OUTPUT_SHAPE"],
    ["tooManyParameters", "TOO_MANY_PARAMETERS"],
    ["truncated", "BAD_WEIGHT_BYTES"],
    ["nan", "NON_FINITE_WEIGHTS"],
  ];
  it.each(gateCases)("the gate refuses %s with %s", (name, code) => {
    expect(gate(hostile[name])).toMatchObject({ ok: false, error: { code } });
  });

  it("rejects a model whose outputs are not finite, then scores the next as before", async () => {
    const rejection = rejectionOf(await evaluator.evaluate(gated(hostile.nonFiniteOutput!)));
    expect(rejection).toMatchObject({ code: "NON_FINITE_OUTPUT" });
    expect(fingerprint(scored(await evaluator.evaluate(trained)))).toEqual(fingerprint(baseline));
  });

  it("refuses an UpSampling2D memory bomb statically, at the gate", async () => {
    const bomb = tf.sequential({
      layers: [
        tf.layers.reshape({ inputShape: [784], targetShape: [28, 28, 1] }),
        tf.layers.upSampling2d({ size: [100, 100] }),
        tf.layers.globalAveragePooling2d({}),
        tf.layers.dense({ units: 10, activation: "softmax" }),
      ],
    });
    const refused = gate(await toArtifact(bomb));
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(["LAYER_NOT_ALLOWED", "LAYER_OUTPUT_TOO_LARGE"]).toContain(refused.error.code);
    // The same bomb built from allow-listed layers only: 28x28x64 values per image is too many.
    const wide = tf.sequential({
      layers: [
        tf.layers.reshape({ inputShape: [784], targetShape: [28, 28, 1] }),
        tf.layers.conv2d({ filters: 64, kernelSize: 1 }),
        tf.layers.globalAveragePooling2d({}),
        tf.layers.dense({ units: 10 }),
      ],
    });
    expect(gate(await toArtifact(wide))).toMatchObject({
      ok: false,
      error: { code: "LAYER_OUTPUT_TOO_LARGE" },
    });
  });

  it("the gate refuses issue 7's seven 28x28 convs as TOO_SLOW: they never reach the child", async () => {
    const refused = gate(await toArtifact(sevenWideConvs()));
    expect(refused).toMatchObject({ ok: false, error: { code: "TOO_SLOW" } });
    if (refused.ok) return;
    expect(refused.error.detail).toContain("to score 10,000 images, limit 5 s");
  });

  it("scores player B's model before player A's backlog of four is done", async () => {
    const finished: string[] = [];
    const submit = (owner: string, label: string) =>
      evaluator.evaluate(trained, { owner }).then((result) => {
        finished.push(label);
        return scored(result);
      });
    const backlog = ["a1", "a2", "a3", "a4"].map((label) => submit("player-a", label));
    const late = submit("player-b", "b1");
    const results = await Promise.all([...backlog, late]);
    // a1 was already running when b1 arrived; b1 goes next, before the rest of A's backlog.
    expect(finished).toEqual(["a1", "b1", "a2", "a3", "a4"]);
    for (const r of results) expect(fingerprint(r)).toEqual(fingerprint(baseline));
  });

  it("the gate refuses malformed input as typed rejections", () => {
    expect(gate({ format: "nope" })).toMatchObject({ ok: false, error: { code: "MALFORMED" } });
    expect(gate({ ...trained.artifact, weightData: "@@@@" })).toMatchObject({
      ok: false,
      error: { code: "MALFORMED" },
    });
  });

  it("kills a job over its time limit, then starts a fresh child for the next", async () => {
    const slowPid = evaluator.childPid();
    const timedOut = rejectionOf(await evaluator.evaluate(trained, { timeLimitMs: 1 }));
    expect(timedOut.code).toBe("EVALUATION_TIMEOUT");
    expect(fingerprint(scored(await evaluator.evaluate(trained)))).toEqual(fingerprint(baseline));
    expect(evaluator.childPid()).not.toBe(slowPid);
  });

  it("kills a child whose memory goes over the cap", async () => {
    // Any real child is far above 64 MiB, so the first poll trips the cap.
    const tight = new ModelEvaluator({ logger, memoryLimitBytes: 64 * 2 ** 20, memoryPollMs: 5 });
    expect(rejectionOf(await tight.evaluate(trained))).toMatchObject({ code: "EVALUATION_MEMORY" });
    await tight.close();
  });

  it("reports a child that dies mid-job as a crash, and recovers", async () => {
    await evaluator.warmUp();
    const pending = evaluator.evaluate(trained);
    process.kill(evaluator.childPid()!, "SIGKILL");
    expect(rejectionOf(await pending)).toMatchObject({ code: "EVALUATION_CRASHED" });
    expect(fingerprint(scored(await evaluator.evaluate(trained)))).toEqual(fingerprint(baseline));
  });
});
