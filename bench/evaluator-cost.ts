/**
 * Calibrates the scoring-time model (lib/model/cost.ts) against the real evaluator child: builds
 * a spread of models (every layer kind; 1x1 to 28x28 kernels; 1 to 32 channels; the seven 28x28
 * Conv2D layers that passed every static cap and could not be scored in 20 s), scores each in
 * the child exactly as the server does (10,000 images, wasm backend), and prints measured against
 * predicted seconds, then the weights re-fitted on this machine in the form of COST_NS, ready to
 * paste. Prints figures; never fails on a time.
 *
 *   npm run bench:cost              (BENCH_ROUNDS=2 by default: the best of 2 runs per model)
 *   npm run bench:cost -- --refit   (no scoring: re-fit on the mean of every saved run's times)
 *
 * The child is driven directly, without ModelEvaluator's gate and time limit: those would refuse
 * (or kill) the slow models that the fit needs to see. The fit is on the child's CPU time (see
 * cpuMs). ~2 minutes of CPU; longer in wall time on a busy machine.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as tf from "@tensorflow/tfjs";
import type { ModelArtifact } from "../lib/model/artifact";
import {
  COST_FEATURES,
  COST_NS,
  MAX_PREDICTED_SCORING_MS,
  predictScoring,
  type CostFeature,
} from "../lib/model/cost";
import { inspectTopology } from "../lib/model/topology";
import { startEvaluatorChild } from "../server/evaluator/child-process";
import type { ChildMessage, ScoreFailure, ScoreSuccess } from "../server/evaluator/protocol";
import { createLogger } from "../server/logger";
import { toArtifact } from "../tests/support/tfjs-models";
import { BENCH_MODELS } from "./support/cost-models";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
/** A model slower than this is scored once whatever ROUNDS says. */
const ONCE_ABOVE_MS = 3_000;

interface Row {
  name: string;
  kind: string;
  verdict: string;
  /** CPU time the child spent on the job (user + system): what the fit uses. */
  measuredMs: number;
  wallMs: number;
  totals: Record<CostFeature, number>;
}

/** Each run's times are saved here (git-ignored), for `npm run bench:cost -- --refit`. */
const RESULTS_DIR = fileURLToPath(new URL("./results/", import.meta.url));
const RESULTS_FILE = /^evaluator-cost-\d+\.json$/;

const TICKS_PER_S = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());

/**
 * CPU time of a process so far, from /proc (Linux). The bench fits on CPU time, not wall time:
 * on a shared machine the child may get a quarter of a core, which would make every wall figure
 * (and so the table) 4x too slow; on an idle machine, scoring is one thread and wall = CPU.
 */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_S;
}

interface Measured {
  cpuMs: number;
  wallMs: number;
}

/** Builds every model and its features; a model the shape checks refuse stops the bench. */
async function prepare() {
  const prepared = [];
  for (const spec of BENCH_MODELS) {
    const model = spec.build();
    const artifact = await toArtifact(model);
    model.dispose();
    const gate = inspectTopology(artifact.modelTopology, artifact.weightSpecs);
    const open = inspectTopology(artifact.modelTopology, artifact.weightSpecs, {
      enforceCompute: false,
    });
    if (!open.ok) throw new Error(`${spec.name}: ${open.error.code} ${open.error.detail}`);
    const largest = Math.max(
      784,
      ...open.summary.layers.map((l) => l.outputShape.reduce<number>((n, d) => n * (d ?? 1), 1)),
    );
    const { totals } = predictScoring(
      open.summary.layers.map((l) => l.cost),
      largest,
    );
    prepared.push({ spec, artifact, totals, verdict: gate.ok ? "accepted" : gate.error.code });
  }
  return prepared;
}

/** Scores each model in a real evaluator child: the best of ROUNDS, CPU and wall time. */
async function measure(artifacts: { name: string; artifact: ModelArtifact }[]) {
  const log = createLogger("warn");
  const child = startEvaluatorChild({ maxOldSpaceMb: 512, startTimeoutMs: 120_000, log });
  const ready = await child.ready;
  child.process.ref();
  let nextJob = 1;
  const score = (artifact: ModelArtifact) =>
    new Promise<Measured & { outcome: ScoreSuccess | ScoreFailure }>((resolve) => {
      const jobId = nextJob++;
      const pid = child.process.pid!;
      const started = performance.now();
      const cpuStarted = cpuMs(pid);
      const onMessage = (message: ChildMessage) => {
        if (message.type !== "scored" || message.jobId !== jobId) return;
        child.process.off("message", onMessage);
        const wallMs = performance.now() - started;
        resolve({ cpuMs: cpuMs(pid) - cpuStarted, wallMs, outcome: message });
      };
      child.process.on("message", onMessage);
      child.process.send({ type: "score", jobId, artifact });
    });
  // Warm-up: the first job pays for kernel set-up that a warm server never pays again.
  await score(artifacts[0]!.artifact);
  const measured: Record<string, Measured> = {};
  for (const { name, artifact } of artifacts) {
    const best = { cpuMs: Infinity, wallMs: Infinity };
    for (let round = 0; round < ROUNDS; round++) {
      const run = await score(artifact);
      if (!run.outcome.ok) console.warn(`${name}: ${run.outcome.rejection.code} (timed anyway)`);
      best.cpuMs = Math.min(best.cpuMs, run.cpuMs);
      best.wallMs = Math.min(best.wallMs, run.wallMs);
      if (run.cpuMs > ONCE_ABOVE_MS) break;
    }
    measured[name] = best;
    console.log(`  ${name}: CPU ${seconds(best.cpuMs)} s, wall ${seconds(best.wallMs)} s`);
  }
  child.process.kill("SIGKILL");
  return { backend: ready.backend, rounds: ROUNDS, measured, runs: 1 };
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);

type Run = Awaited<ReturnType<typeof measure>>;

function averageRuns(runs: Run[]): Run {
  if (runs.length === 0) throw new Error(`no saved runs in ${RESULTS_DIR}: run bench:cost first`);
  const measured: Record<string, Measured> = {};
  for (const name of new Set(runs.flatMap((r) => Object.keys(r.measured)))) {
    const times = runs.flatMap((r) => (r.measured[name] ? [r.measured[name]] : []));
    const mean = (pick: (m: Measured) => number) =>
      times.reduce((sum, m) => sum + pick(m), 0) / times.length;
    measured[name] = { cpuMs: mean((m) => m.cpuMs), wallMs: mean((m) => m.wallMs) };
  }
  return { backend: runs[0]!.backend, rounds: runs[0]!.rounds, measured, runs: runs.length };
}

async function main(): Promise<void> {
  const prepared = await prepare();
  const started = performance.now();
  let run: Awaited<ReturnType<typeof measure>>;
  if (process.argv.includes("--refit")) {
    // No scoring: the current features against the mean of every saved run. On a shared machine
    // one run's CPU times move by up to 2x with the neighbours' load; several runs average it.
    run = averageRuns(
      readdirSync(RESULTS_DIR)
        .filter((f) => RESULTS_FILE.test(f))
        .map((f) => JSON.parse(readFileSync(RESULTS_DIR + f, "utf8")) as typeof run),
    );
  } else {
    run = await measure(prepared.map(({ spec, artifact }) => ({ name: spec.name, artifact })));
    const file = `${RESULTS_DIR}evaluator-cost-${Date.now()}.json`;
    writeFileSync(file, JSON.stringify(run, null, 1));
  }
  const rows: Row[] = prepared
    .filter(({ spec }) => run.measured[spec.name])
    .map(({ spec, totals, verdict }) => ({
      name: spec.name,
      kind: spec.kind,
      verdict,
      measuredMs: run.measured[spec.name]!.cpuMs,
      wallMs: run.measured[spec.name]!.wallMs,
      totals,
    }));
  const fitted = fit(
    rows.filter((r) => r.kind !== "holdout"),
    COST_NS,
  );
  console.log(
    `\nchild: ${run.backend} backend; ${rows.length} models, best of ${run.rounds}, mean of ${run.runs} run(s); ${((performance.now() - started) / 1000).toFixed(0)} s; budget ${MAX_PREDICTED_SCORING_MS / 1000} s`,
  );
  printTable(rows, fitted);
  console.log("\nre-fitted COST_NS for this machine (paste into lib/model/cost.ts):");
  console.log(`export const COST_NS: Record<CostFeature, number> = {`);
  for (const feature of COST_FEATURES)
    console.log(`  ${feature}: ${Number(fitted[feature].toPrecision(3))},`);
  console.log("};");
}

function predict(totals: Record<CostFeature, number>, table: Record<CostFeature, number>) {
  return COST_FEATURES.reduce((ms, f) => ms + totals[f] * table[f], 0);
}

/**
 * Non-negative least squares on relative error, by coordinate descent on a scale per weight,
 * with a ridge pulling each scale towards 1 (the current table): a feature that no model in the
 * spread exercises keeps its weight instead of drifting to fit noise.
 */
function fit(rows: Row[], table: Record<CostFeature, number>, ridge = 0.02) {
  const features = [...COST_FEATURES];
  // a[i][j]: model i's predicted ms from feature j at scale 1, over its measured ms.
  const a = rows.map((r) => features.map((f) => (r.totals[f] * table[f]) / r.measuredMs));
  const scale = features.map(() => 1);
  for (let sweep = 0; sweep < 2000; sweep++) {
    for (let j = 0; j < features.length; j++) {
      let num = ridge; // d/ds of ridge * (s - 1)^2, at s = 0
      let den = ridge;
      for (let i = 0; i < rows.length; i++) {
        const aij = a[i]![j]!;
        if (aij === 0) continue;
        const others = a[i]!.reduce((sum, v, k) => (k === j ? sum : sum + v * scale[k]!), 0);
        num += aij * (1 - others);
        den += aij * aij;
      }
      scale[j] = Math.max(0, num / den);
    }
  }
  return Object.fromEntries(features.map((f, j) => [f, table[f] * scale[j]!])) as Record<
    CostFeature,
    number
  >;
}

function printTable(rows: Row[], fitted: Record<CostFeature, number>) {
  const header = [
    "model",
    "kind",
    "gate",
    "wall s",
    "CPU s",
    "predicted s",
    "ratio",
    "refit s",
    "ratio",
  ];
  const cells = rows.map((r) => {
    const p = predict(r.totals, COST_NS);
    const q = predict(r.totals, fitted);
    return [
      r.name,
      r.kind,
      r.verdict,
      (r.wallMs / 1000).toFixed(2),
      (r.measuredMs / 1000).toFixed(2),
      (p / 1000).toFixed(2),
      (p / r.measuredMs).toFixed(2),
      (q / 1000).toFixed(2),
      (q / r.measuredMs).toFixed(2),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  for (const row of [header, ...cells])
    console.log(row.map((c, i) => c.padEnd(widths[i]!)).join("  "));
  const kinds = [...new Set(rows.map((r) => r.kind))];
  console.log("\npredicted/measured CPU by kind, min-max (current table | re-fitted):");
  for (const kind of kinds) {
    const of = (table: Record<CostFeature, number>) => {
      const ratios = rows
        .filter((r) => r.kind === kind)
        .map((r) => predict(r.totals, table) / r.measuredMs);
      return `${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}`;
    };
    const n = rows.filter((r) => r.kind === kind).length;
    console.log(`  ${kind.padEnd(12)} ${of(COST_NS)} | ${of(fitted)}  (${n} models)`);
  }
}

await tf.ready();
await main();
