import type { GuidedLayer, GuidedSpec } from "../workers/protocol";

/**
 * Guided mode's model description, checked and measured without TF.js (the main thread never
 * loads it): the shape each layer produces, its parameters, and the Flatten layers the builder
 * inserts before the first Dense that follows a feature map. The worker builds from `plan`, so
 * what the form shows is exactly what trains.
 */

export type PlannedLayer = GuidedLayer | { kind: "output"; units: 10 };

export interface PlanStep {
  layer: PlannedLayer;
  /** Without the batch dimension. */
  outputShape: number[];
  params: number;
  /** Inserted by the builder, not chosen by the player. */
  implicit: boolean;
}

export type Plan =
  | { ok: true; steps: PlanStep[]; params: number; input: number[] }
  | { ok: false; error: PlanError; at: number };
export type PlanError = "convAfterFlat" | "mapTooSmall" | "tooWide";

export const usesFeatureMaps = (spec: GuidedSpec) =>
  spec.layers.some((l) => l.kind === "conv2d" || l.kind === "maxPool" || l.kind === "avgPool");

export function plan(spec: GuidedSpec): Plan {
  const input = usesFeatureMaps(spec) ? [28, 28, 1] : [784];
  let shape = input;
  const steps: PlanStep[] = [];
  const push = (layer: PlannedLayer, outputShape: number[], params: number, implicit = false) => {
    steps.push({ layer, outputShape, params, implicit });
    shape = outputShape;
  };
  const flattenIfMap = () => {
    if (shape.length === 3) push({ kind: "flatten" }, [shape.reduce((a, b) => a * b, 1)], 0, true);
  };
  for (const [at, layer] of spec.layers.entries()) {
    switch (layer.kind) {
      case "conv2d":
      case "maxPool":
      case "avgPool": {
        if (shape.length !== 3) return { ok: false, error: "convAfterFlat", at };
        const [h, w, c] = shape as [number, number, number];
        const k = layer.kind === "conv2d" ? layer.kernelSize : layer.poolSize;
        // Conv: valid padding, stride 1. Pooling: stride = pool size (the TF.js default).
        const oh = layer.kind === "conv2d" ? h - k + 1 : Math.floor(h / k);
        const ow = layer.kind === "conv2d" ? w - k + 1 : Math.floor(w / k);
        if (oh < 1 || ow < 1) return { ok: false, error: "mapTooSmall", at };
        if (layer.kind === "conv2d") {
          push(layer, [oh, ow, layer.filters], k * k * c * layer.filters + layer.filters);
        } else push(layer, [oh, ow, c], 0);
        break;
      }
      case "dense": {
        flattenIfMap();
        const inUnits = shape[0]!;
        push(layer, [layer.units], inUnits * layer.units + layer.units);
        break;
      }
      case "flatten":
        push(layer, [shape.reduce((a, b) => a * b, 1)], 0);
        break;
      case "dropout":
        push(layer, shape, 0);
        break;
    }
    if (shape.reduce((a, b) => a * b, 1) > 50_000) return { ok: false, error: "tooWide", at };
  }
  flattenIfMap();
  push({ kind: "output", units: 10 }, [10], shape[0]! * 10 + 10);
  return { ok: true, steps, params: steps.reduce((sum, s) => sum + s.params, 0), input };
}

/** Defaults that reach ~97% quickly: a 784-32-10 MLP, or the 2,346-parameter CNN. */
export const PRESETS: Record<"mlp" | "cnn" | "tinyMlp", GuidedSpec> = {
  mlp: { layers: [{ kind: "dense", units: 32 }] },
  tinyMlp: { layers: [{ kind: "dense", units: 16 }] },
  cnn: {
    layers: [
      { kind: "conv2d", filters: 4, kernelSize: 3 },
      { kind: "maxPool", poolSize: 2 },
      { kind: "conv2d", filters: 8, kernelSize: 3 },
      { kind: "maxPool", poolSize: 2 },
    ],
  },
};

export function defaultLayer(kind: GuidedLayer["kind"]): GuidedLayer {
  switch (kind) {
    case "dense":
      return { kind, units: 32 };
    case "conv2d":
      return { kind, filters: 8, kernelSize: 3 };
    case "maxPool":
    case "avgPool":
      return { kind, poolSize: 2 };
    case "dropout":
      return { kind, rate: 0.2 };
    case "flatten":
      return { kind };
  }
}
