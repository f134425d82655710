"use client";

import { LEARNING_RATE_SCHEDULES, type LearningRateSchedule } from "@/lib/model/schedule";
import { useI18n } from "../lib/i18n";
import type { TrainSettings } from "../workers/protocol";

/** Epochs, batch size, learning rate (and its schedule) and how many of the round's images to train on. */
export function TrainSettingsFields({
  settings,
  onChange,
  maxTrain,
  disabled,
  withLoop = true,
}: {
  settings: TrainSettings;
  onChange: (s: TrainSettings) => void;
  /** The round's training budget minus the held-out validation images. */
  maxTrain: number;
  disabled: boolean;
  /** False in code mode, where the player's code sets epochs, batch size and rate. */
  withLoop?: boolean;
}) {
  const { t } = useI18n();
  const set = (patch: Partial<TrainSettings>) => onChange({ ...settings, ...patch });
  const clamp = (v: number, lo: number, hi: number) =>
    Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : lo;
  return (
    <div className="lab-settings">
      <label className="lab-inline-field lab-train-count">
        <span>{t("lab.trainCount", { max: maxTrain.toLocaleString() })}</span>
        <input
          type="range"
          min={Math.min(500, maxTrain)}
          max={maxTrain}
          step={500}
          value={Math.min(settings.trainCount, maxTrain)}
          disabled={disabled}
          aria-label={t("lab.trainCountSlider")}
          onChange={(e) => set({ trainCount: clamp(Number(e.target.value), 1, maxTrain) })}
        />
        <input
          type="number"
          inputMode="numeric"
          min={1}
          max={maxTrain}
          value={Math.min(settings.trainCount, maxTrain)}
          disabled={disabled}
          data-testid="lab-train-count"
          onChange={(e) =>
            set({ trainCount: clamp(Math.round(Number(e.target.value)), 1, maxTrain) })
          }
        />
      </label>
      {withLoop && (
        <div className="lab-settings-row">
          <label className="lab-inline-field">
            <span>{t("lab.epochs")}</span>
            <input
              type="number"
              min={1}
              max={50}
              value={settings.epochs}
              disabled={disabled}
              data-testid="lab-epochs"
              onChange={(e) => set({ epochs: clamp(Math.round(Number(e.target.value)), 1, 50) })}
            />
          </label>
          <label className="lab-inline-field">
            <span>{t("lab.batchSize")}</span>
            <select
              value={settings.batchSize}
              disabled={disabled}
              data-testid="lab-batch-size"
              onChange={(e) => set({ batchSize: Number(e.target.value) })}
            >
              {[16, 32, 64, 128, 256, 512].map((b) => (
                <option key={b} value={b}>
                  {b}
                </option>
              ))}
            </select>
          </label>
          <label className="lab-inline-field">
            <span>{t("lab.learningRate")}</span>
            <input
              type="number"
              min={0.0001}
              max={0.1}
              step={0.0005}
              value={settings.learningRate}
              disabled={disabled}
              data-testid="lab-learning-rate"
              onChange={(e) => set({ learningRate: clamp(Number(e.target.value), 0.00001, 1) })}
            />
          </label>
          <label className="lab-inline-field">
            <span>{t("lab.schedule")}</span>
            <select
              value={settings.schedule}
              disabled={disabled}
              data-testid="lab-schedule"
              title={t("lab.scheduleHint")}
              onChange={(e) => set({ schedule: e.target.value as LearningRateSchedule })}
            >
              {LEARNING_RATE_SCHEDULES.map((s) => (
                <option key={s} value={s}>
                  {t(`lab.schedule.${s}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
    </div>
  );
}
