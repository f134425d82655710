import { useCallback, useEffect, useRef, useState } from "react";
import type {
  BackendChoice,
  BackendInfo,
  FromWorker,
  JobResult,
  LabReason,
  LabJob,
  Progress,
  ToWorker,
} from "../workers/protocol";
import type { TrainingData } from "./training-data";

/**
 * The training worker's lifecycle as React state: start it (backend choice, then the data within
 * the round's budget), run one job at a time, stream its progress into a chart series, and stop
 * it. Stop first asks nicely (the loops check a flag between batches, keeping what was trained);
 * a worker that does not answer within STOP_GRACE_MS (a player's endless loop) is terminated and
 * replaced, which costs nothing because jobs carry their input model with them.
 */
const STOP_GRACE_MS = 3000;
const MAX_POINTS = 400;
export const WASM_BASE = "/tfjs-wasm/";

export interface SeriesPoint {
  step: number;
  loss: number;
  accuracy: number;
  validation?: number;
}

export interface RunState {
  jobId: number;
  kind: LabJob["type"];
  progress: Progress | null;
  series: SeriesPoint[];
  stopping: boolean;
  /** Kept on screen after the job ended, so the player can read the final curve. */
  finished: boolean;
}

export class LabJobError extends Error {
  constructor(
    readonly reason: LabReason,
    readonly line: number | null,
    readonly stopped = false,
  ) {
    super(reason.key);
  }
}

/** Held-out images: a tenth of the budget, at least 200 and at most 5,000. */
export const validationSize = (budget: number) =>
  Math.min(5000, Math.max(200, Math.floor(budget / 10)));

type Pending = { resolve: (r: JobResult) => void; reject: (e: LabJobError) => void };

function addPoint(series: SeriesPoint[], point: SeriesPoint): SeriesPoint[] {
  // Thin the history when it grows: a chart of 400 points shows the trend as well as 10,000 would.
  const kept = series.length >= MAX_POINTS ? series.filter((_, i) => i % 2 === 0) : series;
  return [...kept, point];
}

export function useLabWorker(data: TrainingData | null, budget: number, backend: BackendChoice) {
  const worker = useRef<Worker | null>(null);
  const pending = useRef(new Map<number, Pending>());
  const nextId = useRef(1);
  const [generation, setGeneration] = useState(0);
  const [info, setInfo] = useState<BackendInfo | null>(null);
  const [failure, setFailure] = useState<LabReason | null>(null);
  const [run, setRun] = useState<RunState | null>(null);
  const [logs, setLogs] = useState<string[]>([]);

  useEffect(() => {
    if (!data) return;
    const w = new Worker(new URL("../workers/train-worker.ts", import.meta.url), {
      type: "module",
    });
    worker.current = w;
    const jobs = pending.current;
    const send = (m: ToWorker) => w.postMessage(m);
    w.onmessage = (event: MessageEvent<FromWorker>) => {
      const m = event.data;
      switch (m.type) {
        case "ready":
          return setInfo(m.info);
        case "progress":
          return setRun((r) =>
            r && r.jobId === m.jobId
              ? {
                  ...r,
                  progress: m.progress,
                  series: addPoint(r.series, {
                    step: m.progress.step,
                    loss: m.progress.loss,
                    accuracy: m.progress.accuracy,
                  }),
                }
              : r,
          );
        case "epoch":
          return setRun((r) => {
            if (!r || r.jobId !== m.jobId) return r;
            const step = r.progress?.step ?? 0;
            return {
              ...r,
              series: addPoint(r.series, {
                ...(r.series.at(-1) ?? { loss: NaN, accuracy: NaN }),
                step,
                validation: m.validationAccuracy,
              }),
            };
          });
        case "log":
          return setLogs((l) => [...l.slice(-199), m.message]);
        case "done":
          jobs.get(m.jobId)?.resolve(m.result);
          jobs.delete(m.jobId);
          return setRun((r) => (r && r.jobId === m.jobId ? { ...r, finished: true } : r));
        case "failed":
          if (m.jobId === null) return setFailure(m.reason);
          jobs.get(m.jobId)?.reject(new LabJobError(m.reason, m.line));
          jobs.delete(m.jobId);
          // The error message replaces the panel; a "done" bar would contradict it.
          return setRun((r) => (r && r.jobId === m.jobId ? null : r));
      }
    };
    w.onerror = (event) =>
      setFailure(
        event.message
          ? { key: "reason.other", params: { message: event.message } }
          : { key: "reason.workerStart" },
      );
    send({ type: "init", backend, wasmPath: WASM_BASE });
    const usable = Math.min(budget, data.count);
    // Copies (structured clone), so the page keeps its own for the next worker.
    send({
      type: "data",
      images: data.images.slice(0, usable * 784),
      labels: data.labels.slice(0, usable),
      validationCount: validationSize(usable),
    });
    return () => {
      w.terminate();
      worker.current = null;
      for (const [, job] of jobs)
        job.reject(new LabJobError({ key: "reason.workerRestarted" }, null, true));
      jobs.clear();
      setInfo(null);
      setFailure(null);
      setRun(null);
    };
  }, [data, budget, backend, generation]);

  const start = useCallback((job: LabJob): Promise<JobResult> => {
    const w = worker.current;
    if (!w) return Promise.reject(new LabJobError({ key: "reason.workerDown" }, null));
    const jobId = nextId.current++;
    setRun({ jobId, kind: job.type, progress: null, series: [], stopping: false, finished: false });
    setLogs([]);
    return new Promise<JobResult>((resolve, reject) => {
      pending.current.set(jobId, { resolve, reject });
      w.postMessage({ type: "job", jobId, job } satisfies ToWorker);
    });
  }, []);

  const stop = useCallback(() => {
    const current = run;
    const w = worker.current;
    if (!current || current.finished || !w) return;
    setRun({ ...current, stopping: true });
    w.postMessage({ type: "stop", jobId: current.jobId } satisfies ToWorker);
    setTimeout(() => {
      if (!pending.current.has(current.jobId)) return;
      // Still busy: the code is not reaching a batch boundary. Replace the worker.
      setGeneration((g) => g + 1);
    }, STOP_GRACE_MS);
  }, [run]);

  const busy = run !== null && !run.finished;
  return { info, failure, run, busy, logs, start, stop, ready: info !== null };
}
