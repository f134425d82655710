"use client";

import { useI18n } from "../lib/i18n";
import { TrainingChart } from "./training-chart";
import type { RunState } from "./use-lab-worker";

function formatSeconds(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s >= 60 ? `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}` : `${s} s`;
}

/** The running job: progress bar with ETA, samples per second, Stop, and the live chart. */
export function TrainingPanel({
  run,
  onStop,
  logs,
}: {
  run: RunState | null;
  onStop: () => void;
  logs: string[];
}) {
  const { t } = useI18n();
  if (!run) return null;
  const p = run.progress;
  const fraction = run.finished ? 1 : p ? p.step / Math.max(1, p.steps) : 0;
  const eta = p && p.step > 0 ? (p.elapsedMs / p.step) * (p.steps - p.step) : null;
  return (
    <section className="lab-training" aria-label={t("lab.training")} data-testid="lab-training">
      <div className="lab-progress-row">
        <progress
          max={1}
          value={fraction}
          data-testid="lab-progress"
          aria-label={t("lab.trainingProgress")}
        />
        {!run.finished && (
          <button
            type="button"
            className="button"
            data-testid="lab-stop"
            onClick={onStop}
            disabled={run.stopping}
          >
            {run.stopping ? t("lab.stopping") : t("lab.stop")}
          </button>
        )}
      </div>
      <p className="lab-progress-text" role="status">
        {run.finished
          ? p
            ? t("lab.finished", {
                kind: t(`lab.job.${run.kind}`),
                rate: Math.round(p.samplesPerSec).toLocaleString(),
              })
            : t("lab.finishedPlain", { kind: t(`lab.job.${run.kind}`) })
          : p
            ? t("lab.progressLine", {
                kind: t(`lab.job.${run.kind}`),
                epoch: p.epoch,
                epochs: p.epochs,
                percent: Math.round(fraction * 100),
                rate: Math.round(p.samplesPerSec).toLocaleString(),
                eta: eta === null ? "…" : formatSeconds(eta),
              })
            : t("lab.starting", { kind: t(`lab.job.${run.kind}`) })}
      </p>
      {run.series.length > 1 && <TrainingChart series={run.series} />}
      {logs.length > 0 && (
        <pre className="lab-log" data-testid="lab-log">
          {logs.join("\n")}
        </pre>
      )}
    </section>
  );
}
