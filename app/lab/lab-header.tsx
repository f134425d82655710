"use client";

import { useI18n } from "../lib/i18n";
import type { BackendChoice, BackendInfo, BackendName, LabReason } from "../workers/protocol";
import type { Progress, TrainingData } from "./training-data";

const MB = 1_000_000;

export const BACKEND_LABEL: Record<BackendName, string> = {
  webgl: "WebGL",
  wasm: "WebAssembly",
  cpu: "CPU",
};

/** Megabytes, with two decimals below 10 MB: a round's slice is often a fraction of one. */
const mb = (bytes: number, scale: number) => (bytes / MB).toFixed(scale < 10 * MB ? 2 : 1);

/**
 * Download progress in compressed bytes (what crosses the network: training-data.ts), then what
 * the round lets the player use.
 */
export function DataStatus({
  data,
  progress,
  error,
  budget,
  trainable,
  held,
  onRetry,
}: {
  data: TrainingData | null;
  progress: Progress | null;
  error: string | null;
  budget: number;
  trainable: number;
  held: number;
  onRetry: () => void;
}) {
  const { t } = useI18n();
  if (error) {
    return (
      <p className="lab-error" role="alert">
        {t("lab.dataFailed", { reason: error })}{" "}
        <button type="button" className="button" onClick={onRetry}>
          {t("retry")}
        </button>
      </p>
    );
  }
  if (!data) {
    const fraction = progress?.total ? progress.loaded / progress.total : null;
    return (
      <div className="lab-data" data-testid="lab-data-loading">
        <progress
          max={1}
          value={fraction ?? undefined}
          data-testid="lab-data-progress"
          data-loaded={progress?.loaded}
          data-total={progress?.total ?? undefined}
          aria-label={t("lab.downloading")}
        />
        <span role="status">
          {t("lab.downloading")}{" "}
          {progress &&
            `${mb(progress.loaded, progress.total ?? 0)} / ${progress.total ? mb(progress.total, progress.total) : "?"} MB`}
        </span>
      </div>
    );
  }
  const how =
    data.source === "network"
      ? t("lab.downloaded", {
          mb: mb(data.wireBytes ?? 0, data.wireBytes ?? 0),
          s: (data.ms / 1000).toFixed(1),
        })
      : t("lab.fromCache");
  return (
    <p className="lab-data" data-testid="lab-data-ready">
      {t("lab.dataReady", {
        budget: budget.toLocaleString(),
        train: trainable.toLocaleString(),
        held: held.toLocaleString(),
      })}{" "}
      <span className="muted">{how}</span>
    </p>
  );
}

/** Which backend trains, how conv gradients are computed there, and a way to choose another. */
export function BackendStatus({
  info,
  failure,
  choice,
  onChoice,
  disabled,
}: {
  info: BackendInfo | null;
  failure: LabReason | null;
  choice: BackendChoice;
  onChoice: (c: BackendChoice) => void;
  disabled: boolean;
}) {
  const { t } = useI18n();
  return (
    <div className="lab-backend">
      <span data-testid="lab-backend" data-backend={info?.backend ?? ""}>
        {failure
          ? t("lab.workerFailed", { reason: t(failure.key, failure.params) })
          : info
            ? t("lab.backendIs", {
                backend: BACKEND_LABEL[info.backend],
                conv: t(`lab.conv.${info.convTraining}`),
              })
            : t("lab.backendStarting")}
      </span>
      {info?.fallback && (
        <span className="muted" title={info.fallback.renderer ?? undefined}>
          (
          {t(`lab.fallback.${info.fallback.reason}`, {
            backend: BACKEND_LABEL[info.fallback.from],
          })}
          )
        </span>
      )}
      <label className="lab-inline-field">
        <span>{t("lab.backendChoice")}</span>
        <select
          value={choice}
          onChange={(e) => onChoice(e.target.value as BackendChoice)}
          disabled={disabled}
          data-testid="lab-backend-choice"
        >
          <option value="auto">{t("lab.backendAuto")}</option>
          {(["webgl", "wasm", "cpu"] as const).map((b) => (
            <option key={b} value={b}>
              {BACKEND_LABEL[b]}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
