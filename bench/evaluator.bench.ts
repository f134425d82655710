/**
 * Scoring time per model: ModelEvaluator (IPC + load + predict in the warm child) against raw
 * `model.predict` on the same 10,000 test images, in this process, on the same wasm backend, in
 * the same run, beside the upload gate's time (lib/model/gate.ts; the server runs it on a worker
 * thread before evaluate). Prints figures; never fails on a time.
 *
 *   node --import tsx bench/evaluator.bench.ts
 */
import { createRequire } from "node:module";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import type { ModelArtifact } from "../lib/model/artifact";
import { gateUpload, uploadBytes } from "../lib/model/gate";
import { ModelEvaluator } from "../server/evaluator/evaluator";
import { IMAGE_PIXELS, scoringSplits } from "../server/evaluator/mnist";
import { mlp, smallCnn, toArtifact } from "../tests/support/tfjs-models";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Runs each contender once per round, in turn, so that load from other processes on a shared
 * machine hits them alike; one warm-up round first (first-time kernel set-up is not what a warm
 * server pays).
 */
async function interleave(rounds: number, runs: (() => Promise<unknown>)[]): Promise<number[][]> {
  const times = runs.map(() => [] as number[]);
  for (let round = -1; round < rounds; round++) {
    for (const [i, run] of runs.entries()) {
      const started = performance.now();
      await run();
      if (round >= 0) times[i]!.push(performance.now() - started);
    }
  }
  return times;
}

function testImages(): tf.Tensor2D {
  const { public: pub, private: priv } = scoringSplits();
  const pixels = new Float32Array((pub.count + priv.count) * IMAGE_PIXELS);
  pixels.set(pub.images, 0);
  pixels.set(priv.images, pub.images.length);
  for (let i = 0; i < pixels.length; i++) pixels[i]! /= 255;
  return tf.tensor2d(pixels, [pub.count + priv.count, IMAGE_PIXELS]);
}

async function main(): Promise<void> {
  const dist = path.dirname(
    createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm"),
  );
  setWasmPaths(`${dist}${path.sep}`);
  tf.enableProdMode();
  await tf.setBackend("wasm");

  const evaluator = new ModelEvaluator();
  const startedAt = performance.now();
  const ready = await evaluator.warmUp();
  const warmUpWall = performance.now() - startedAt;
  const idleRss = evaluator.childRssBytes();

  const images = testImages();
  const rows: string[][] = [];
  const models: [string, tf.Sequential][] = [
    ["MLP 784-32-10", mlp(32)],
    ["CNN conv4-conv8-dense10", smallCnn()],
  ];
  let peakRss = idleRss ?? 0;
  for (const [name, model] of models) {
    const artifact: ModelArtifact = await toArtifact(model);
    const input = images.reshape([-1, ...(model.inputs[0]!.shape.slice(1) as number[])]);
    const phases: number[][] = [];
    // evaluate() takes a gated model; the gate (parse, checks, size rule) is timed on its own.
    const gate = gateUpload(uploadBytes(artifact));
    if (!gate.ok) throw new Error(`${name}: the gate refused it (${gate.error.code})`);
    const gated = gate.model;
    const [raw, rawOnBatch, viaEvaluator, gating] = await interleave(ROUNDS, [
      async () => {
        const y = model.predict(input, { batchSize: 10_000 }) as tf.Tensor;
        await y.data();
        y.dispose();
      },
      async () => {
        const y = model.predictOnBatch(input) as tf.Tensor;
        await y.data();
        y.dispose();
      },
      async () => {
        const result = await evaluator.evaluate(gated);
        if (!result.ok)
          throw new Error(`${name}: ${result.rejection.code} ${result.rejection.detail}`);
        peakRss = Math.max(peakRss, evaluator.childRssBytes() ?? 0);
        const t = result.timings;
        phases.push([t.roundTripMs - t.loadMs - t.predictMs, t.loadMs, t.predictMs]);
      },
      () => Promise.resolve(gateUpload(uploadBytes(artifact))),
    ]);
    const runs = [raw!, rawOnBatch!, viaEvaluator!, gating!];
    const [r, b, e, k] = runs.map(median) as [number, number, number, number];
    const [rMin, bMin, eMin, kMin] = runs.map((t) => Math.min(...t)) as [
      number,
      number,
      number,
      number,
    ];
    const split = [0, 1, 2].map((i) => median(phases.map((p) => p[i]!)).toFixed(0)).join("/");
    rows.push([
      name,
      String(model.countParams()),
      `${r.toFixed(0)} (${rMin.toFixed(0)})`,
      `${b.toFixed(0)} (${bMin.toFixed(0)})`,
      `${e.toFixed(0)} (${eMin.toFixed(0)})`,
      `${(e / r).toFixed(2)} (${(eMin / rMin).toFixed(2)})`,
      `${(e / b).toFixed(2)} (${(eMin / bMin).toFixed(2)})`,
      `${k.toFixed(0)} (${kMin.toFixed(0)})`,
      `${(k / r).toFixed(2)} (${(kMin / rMin).toFixed(2)})`,
      split,
    ]);
    input.dispose();
  }
  await evaluator.close();

  const mib = (bytes: number | undefined) =>
    bytes === undefined ? "n/a" : `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  console.log(
    `child: ${ready.backend} backend, ready after ${warmUpWall.toFixed(0)} ms wall (${ready.warmUpMs.toFixed(0)} ms after its imports); RSS idle ${mib(idleRss)}, after scoring ${mib(peakRss)}`,
  );
  console.log(
    `10,000 images; median (best) of ${ROUNDS} interleaved rounds after a warm-up round;`,
  );
  console.log("raw = one batch of 10,000 in this process; evaluator = the whole evaluate() call;");
  console.log(
    "gate = gateUpload on the upload bytes (parse, checks, size rule; a worker thread in the server)",
  );
  const header = [
    "model",
    "params",
    "predict ms",
    "predictOnBatch ms",
    "evaluator ms",
    "ratio/predict",
    "ratio/onBatch",
    "gate ms",
    "ratio/predict",
    "evaluator split: ipc/load/predict ms",
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  for (const row of [header, ...rows])
    console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join("  "));
}

await main();
