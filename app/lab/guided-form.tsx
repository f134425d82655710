"use client";

import { useI18n } from "../lib/i18n";
import type { GuidedLayer, GuidedSpec } from "../workers/protocol";
import { defaultLayer, plan, PRESETS, type PlannedLayer } from "./guided-spec";

/**
 * Guided mode: a model built from a short list of layers, each with its one or two knobs. The
 * plan (shapes, parameters, implicit Flatten) is recomputed on every edit, so the player sees the
 * cost of a choice before training it.
 */

const KINDS: GuidedLayer["kind"][] = [
  "dense",
  "conv2d",
  "maxPool",
  "avgPool",
  "dropout",
  "flatten",
];

function NumberInput(props: {
  label: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  onChange: (v: number) => void;
  disabled: boolean;
}) {
  return (
    <label className="lab-inline-field">
      <span>{props.label}</span>
      <input
        type="number"
        inputMode="decimal"
        min={props.min}
        max={props.max}
        step={props.step ?? 1}
        value={props.value}
        disabled={props.disabled}
        onChange={(e) => {
          const v = Number(e.target.value);
          if (Number.isFinite(v)) props.onChange(Math.min(props.max, Math.max(props.min, v)));
        }}
      />
    </label>
  );
}

function LayerKnobs({
  layer,
  onChange,
  disabled,
}: {
  layer: GuidedLayer;
  onChange: (l: GuidedLayer) => void;
  disabled: boolean;
}) {
  const { t } = useI18n();
  switch (layer.kind) {
    case "dense":
      return (
        <NumberInput
          label={t("lab.units")}
          value={layer.units}
          min={1}
          max={512}
          onChange={(units) => onChange({ ...layer, units })}
          disabled={disabled}
        />
      );
    case "conv2d":
      return (
        <>
          <NumberInput
            label={t("lab.filters")}
            value={layer.filters}
            min={1}
            max={64}
            onChange={(filters) => onChange({ ...layer, filters })}
            disabled={disabled}
          />
          <NumberInput
            label={t("lab.kernel")}
            value={layer.kernelSize}
            min={1}
            max={7}
            onChange={(kernelSize) => onChange({ ...layer, kernelSize })}
            disabled={disabled}
          />
        </>
      );
    case "maxPool":
    case "avgPool":
      return (
        <NumberInput
          label={t("lab.pool")}
          value={layer.poolSize}
          min={2}
          max={7}
          onChange={(poolSize) => onChange({ ...layer, poolSize })}
          disabled={disabled}
        />
      );
    case "dropout":
      return (
        <NumberInput
          label={t("lab.rate")}
          value={layer.rate}
          min={0}
          max={0.9}
          step={0.05}
          onChange={(rate) => onChange({ ...layer, rate })}
          disabled={disabled}
        />
      );
    case "flatten":
      return null;
  }
}

export function layerName(layer: PlannedLayer, t: ReturnType<typeof useI18n>["t"]): string {
  return layer.kind === "output" ? t("lab.layer.output") : t(`lab.layer.${layer.kind}`);
}

export function GuidedForm({
  spec,
  onChange,
  disabled,
}: {
  spec: GuidedSpec;
  onChange: (s: GuidedSpec) => void;
  disabled: boolean;
}) {
  const { t } = useI18n();
  const planned = plan(spec);
  const setLayer = (i: number, layer: GuidedLayer | null) => {
    const layers = [...spec.layers];
    if (layer) layers[i] = layer;
    else layers.splice(i, 1);
    onChange({ layers });
  };
  const move = (i: number, by: -1 | 1) => {
    const layers = [...spec.layers];
    const [l] = layers.splice(i, 1);
    if (l) layers.splice(i + by, 0, l);
    onChange({ layers });
  };

  return (
    <div className="lab-guided" data-testid="lab-guided">
      <div className="button-row">
        <span className="muted">{t("lab.presets")}</span>
        <button
          type="button"
          className="button"
          data-testid="lab-preset-mlp"
          disabled={disabled}
          onClick={() => onChange(PRESETS.mlp)}
        >
          MLP 784-32-10
        </button>
        <button
          type="button"
          className="button"
          data-testid="lab-preset-cnn"
          disabled={disabled}
          onClick={() => onChange(PRESETS.cnn)}
        >
          CNN conv4-conv8-dense10
        </button>
      </div>
      <ol className="lab-layers">
        {spec.layers.map((layer, i) => (
          <li key={i} className="lab-layer" data-testid="lab-layer">
            <strong>{layerName(layer, t)}</strong>
            <LayerKnobs layer={layer} onChange={(l) => setLayer(i, l)} disabled={disabled} />
            <span className="lab-layer-actions">
              <button
                type="button"
                className="button button-icon"
                aria-label={t("lab.moveUp")}
                disabled={disabled || i === 0}
                onClick={() => move(i, -1)}
              >
                ↑
              </button>
              <button
                type="button"
                className="button button-icon"
                aria-label={t("lab.moveDown")}
                disabled={disabled || i === spec.layers.length - 1}
                onClick={() => move(i, 1)}
              >
                ↓
              </button>
              <button
                type="button"
                className="button button-icon"
                aria-label={t("lab.removeLayer")}
                disabled={disabled}
                onClick={() => setLayer(i, null)}
              >
                ×
              </button>
            </span>
          </li>
        ))}
        <li className="lab-layer lab-layer-fixed">
          <strong>{t("lab.layer.output")}</strong>
          <span className="muted">{t("lab.outputFixed")}</span>
        </li>
      </ol>
      <label className="lab-inline-field">
        <span>{t("lab.addLayer")}</span>
        <select
          value=""
          disabled={disabled || spec.layers.length >= 12}
          data-testid="lab-add-layer"
          onChange={(e) => {
            const kind = e.target.value as GuidedLayer["kind"];
            if (KINDS.includes(kind)) onChange({ layers: [...spec.layers, defaultLayer(kind)] });
          }}
        >
          <option value="">—</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`lab.layer.${k}`)}
            </option>
          ))}
        </select>
      </label>
      {planned.ok ? (
        <p className="lab-plan" data-testid="lab-plan">
          {planned.steps.map((s, i) => (
            <span key={i} className={s.implicit ? "lab-plan-step muted" : "lab-plan-step"}>
              {layerName(s.layer, t)} [{s.outputShape.join("×")}]
            </span>
          ))}
          <strong>{t("lab.parameters", { n: planned.params.toLocaleString() })}</strong>
        </p>
      ) : (
        <p className="lab-error" role="alert">
          {t(`lab.planError.${planned.error}`, { n: planned.at + 1 })}
        </p>
      )}
    </div>
  );
}
