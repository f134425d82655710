import { fmt, table } from "../support/stats";
import type { BackendReport, BenchBackend, BenchModel, TrainReport } from "./protocol";

/** The browser bench's figures: medians, ratios against the cpu backend, the printed table. */

/** One (backend, model) pair and its timed runs. */
export interface Contender {
  backend: BenchBackend;
  model: BenchModel;
  batchSize: number;
  samples: number;
  runs: TrainReport[];
  error: string | null;
}

export interface Result {
  requested: BenchBackend;
  /** The backend the runs really trained on (tf.getBackend() in the worker). */
  used: string;
  model: BenchModel;
  params: number | null;
  batchSize: number;
  samplesPerRun: number;
  samplesPerSec: { median: number; min: number; max: number; runs: number[] } | null;
  /** Median against the cpu backend's median for the same model, in the same bench run. */
  vsCpu: number | null;
  error: string | null;
}

/** The middle value (the upper one of the middle two for an even count): a rate that was seen. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

export function summarise(
  contenders: Contender[],
  opened: Map<BenchBackend, BackendReport>,
): Result[] {
  const medianOf = (c: Contender | undefined) =>
    c && c.runs.length > 0 ? median(c.runs.map((r) => r.samplesPerSec)) : null;
  return contenders.map((c) => {
    const rates = c.runs.map((r) => r.samplesPerSec);
    const own = medianOf(c);
    const cpu = medianOf(contenders.find((b) => b.model === c.model && b.backend === "cpu"));
    return {
      requested: c.backend,
      used: c.runs[0]?.backend ?? opened.get(c.backend)?.info.backend ?? "?",
      model: c.model,
      params: c.runs[0]?.params ?? null,
      batchSize: c.batchSize,
      samplesPerRun: c.samples,
      samplesPerSec:
        own === null
          ? null
          : { median: own, min: Math.min(...rates), max: Math.max(...rates), runs: rates },
      vsCpu: own !== null && cpu ? own / cpu : null,
      error: c.error,
    };
  });
}

/** Short enough for a table cell; the full renderer string is printed under the table. */
function detail(report: BackendReport | undefined, model: BenchModel): string {
  if (!report) return "";
  if (report.renderer) {
    return /swiftshader/i.test(report.renderer) ? "SwiftShader" : report.renderer.slice(0, 40);
  }
  if (report.wasm) {
    const simd = report.wasm.simd ? "simd" : "no simd";
    const flavour = `${simd}, ${report.wasm.threads ? "threads" : "1 thread"}`;
    return model === "cnn" ? `${flavour}, conv grads: ${report.info.convTraining}` : flavour;
  }
  return "";
}

export function render(
  results: Result[],
  opened: Map<BenchBackend, BackendReport>,
  rounds: number,
): string {
  const header = ["model", "backend", "used", "detail", "params", "batch", "images/run"];
  header.push(`samples/s median (min-max of ${rounds})`, "vs cpu");
  const rows = results.map((r) => [
    r.model,
    r.requested,
    r.used,
    detail(opened.get(r.requested), r.model),
    r.params === null ? "?" : String(r.params),
    String(r.batchSize),
    String(r.samplesPerRun),
    r.samplesPerSec
      ? `${fmt(r.samplesPerSec.median)} (${fmt(r.samplesPerSec.min)}-${fmt(r.samplesPerSec.max)})`
      : "failed",
    r.vsCpu === null ? "n/a" : `${r.vsCpu.toFixed(2)}x`,
  ]);
  return table(header, rows);
}
