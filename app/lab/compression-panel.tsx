"use client";

import { useState } from "react";
import type { QuantizedDtype } from "@/lib/model/weights";
import { useI18n } from "../lib/i18n";
import type { GuidedSpec, LabJob } from "../workers/protocol";
import { plan, PRESETS } from "./guided-spec";
import type { LabVersion } from "./versions";

/**
 * The three compression tools, each applied to the selected version and producing a new one:
 * quantization (no training), magnitude pruning with a short fine-tune, distillation into a
 * smaller student. Training settings (images, batch, rate) come from the training form.
 */

const STUDENTS: Record<string, GuidedSpec> = {
  "784-16-10": PRESETS.tinyMlp,
  "784-8-10": { layers: [{ kind: "dense", units: 8 }] },
  "conv4-conv8-dense10": PRESETS.cnn,
  "conv2-conv4-dense10": {
    layers: [
      { kind: "conv2d", filters: 2, kernelSize: 3 },
      { kind: "maxPool", poolSize: 2 },
      { kind: "conv2d", filters: 4, kernelSize: 3 },
      { kind: "maxPool", poolSize: 2 },
    ],
  },
};

export type CompressionRequest = { job: LabJob; detail: string };

export function CompressionPanel({
  source,
  disabled,
  onRun,
  makeSettings,
}: {
  source: LabVersion | null;
  disabled: boolean;
  onRun: (request: CompressionRequest) => void;
  /** The training form's settings with this many epochs. */
  makeSettings: (epochs: number) => Extract<LabJob, { type: "prune" }>["settings"];
}) {
  const { t } = useI18n();
  const [dtype, setDtype] = useState<QuantizedDtype>("uint8");
  const [sparsity, setSparsity] = useState(80);
  const [pruneEpochs, setPruneEpochs] = useState(1);
  const [pruneAll, setPruneAll] = useState(false);
  const [student, setStudent] = useState("784-16-10");
  const [temperature, setTemperature] = useState(4);
  const [alpha, setAlpha] = useState(0.7);
  const [distillEpochs, setDistillEpochs] = useState(2);
  const off = disabled || !source;
  const studentSpec = STUDENTS[student] ?? PRESETS.tinyMlp;
  const studentPlan = plan(studentSpec);

  return (
    <div className="lab-compress" data-testid="lab-compress">
      <p className="muted">
        {source ? t("lab.compressFrom", { n: source.id }) : t("lab.compressNothing")}
      </p>
      <div className="lab-tool">
        <h4>{t("lab.quantize")}</h4>
        <label className="lab-inline-field">
          <span>{t("lab.dtype")}</span>
          <select
            value={dtype}
            onChange={(e) => setDtype(e.target.value as QuantizedDtype)}
            data-testid="lab-quantize-dtype"
            disabled={off}
          >
            <option value="uint8">uint8 (1 B)</option>
            <option value="uint16">uint16 (2 B)</option>
            <option value="float16">float16 (2 B)</option>
          </select>
        </label>
        <button
          type="button"
          className="button"
          data-testid="lab-quantize"
          disabled={off}
          onClick={() =>
            source &&
            onRun({ job: { type: "quantize", from: source.artifact, dtype }, detail: dtype })
          }
        >
          {t("lab.quantizeRun")}
        </button>
      </div>
      <div className="lab-tool">
        <h4>{t("lab.prune")}</h4>
        <label className="lab-inline-field">
          <span>{t("lab.sparsity", { n: sparsity })}</span>
          <input
            type="range"
            min={10}
            max={99}
            value={sparsity}
            onChange={(e) => setSparsity(Number(e.target.value))}
            disabled={off}
            data-testid="lab-sparsity"
          />
        </label>
        <label className="lab-inline-field">
          <span>{t("lab.fineTuneEpochs")}</span>
          <input
            type="number"
            min={0}
            max={10}
            value={pruneEpochs}
            onChange={(e) =>
              setPruneEpochs(Math.max(0, Math.min(10, Math.round(Number(e.target.value)) || 0)))
            }
            disabled={off}
          />
        </label>
        <label className="choice">
          <input
            type="checkbox"
            checked={pruneAll}
            onChange={(e) => setPruneAll(e.target.checked)}
            disabled={off}
          />
          <span>{t("lab.pruneAll")}</span>
        </label>
        <button
          type="button"
          className="button"
          data-testid="lab-prune"
          disabled={off}
          onClick={() =>
            source &&
            onRun({
              job: {
                type: "prune",
                from: source.artifact,
                sparsity: sparsity / 100,
                minWeights: pruneAll ? 1 : 1000,
                settings: makeSettings(pruneEpochs),
              },
              detail: `${sparsity}%`,
            })
          }
        >
          {t("lab.pruneRun")}
        </button>
      </div>
      <div className="lab-tool">
        <h4>{t("lab.distill")}</h4>
        <label className="lab-inline-field">
          <span>{t("lab.student")}</span>
          <select
            value={student}
            onChange={(e) => setStudent(e.target.value)}
            disabled={off}
            data-testid="lab-student"
          >
            {Object.keys(STUDENTS).map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        {studentPlan.ok && (
          <span className="muted">
            {t("lab.parameters", { n: studentPlan.params.toLocaleString() })}
          </span>
        )}
        <label className="lab-inline-field">
          <span>{t("lab.temperature")}</span>
          <input
            type="number"
            min={1}
            max={20}
            step={0.5}
            value={temperature}
            onChange={(e) => setTemperature(Math.max(1, Math.min(20, Number(e.target.value) || 1)))}
            disabled={off}
          />
        </label>
        <label className="lab-inline-field">
          <span>{t("lab.alpha")}</span>
          <input
            type="number"
            min={0}
            max={1}
            step={0.1}
            value={alpha}
            onChange={(e) => setAlpha(Math.max(0, Math.min(1, Number(e.target.value) || 0)))}
            disabled={off}
          />
        </label>
        <label className="lab-inline-field">
          <span>{t("lab.epochs")}</span>
          <input
            type="number"
            min={1}
            max={20}
            value={distillEpochs}
            onChange={(e) =>
              setDistillEpochs(Math.max(1, Math.min(20, Math.round(Number(e.target.value)) || 1)))
            }
            disabled={off}
          />
        </label>
        <button
          type="button"
          className="button"
          data-testid="lab-distill"
          disabled={off}
          onClick={() =>
            source &&
            onRun({
              job: {
                type: "distill",
                from: source.artifact,
                student: studentSpec,
                temperature,
                alpha,
                settings: makeSettings(distillEpochs),
              },
              detail: student,
            })
          }
        >
          {t("lab.distillRun")}
        </button>
      </div>
    </div>
  );
}
