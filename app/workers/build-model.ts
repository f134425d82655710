import * as tf from "@tensorflow/tfjs";
import { plan } from "../lab/guided-spec";
import type { GuidedSpec } from "./protocol";

/** A guided spec as a TF.js Sequential, layer for layer as `plan` describes it. */
export function buildGuidedModel(spec: GuidedSpec): tf.Sequential {
  const planned = plan(spec);
  if (!planned.ok) throw new Error(`invalid model (${planned.error} at layer ${planned.at + 1})`);
  const model = tf.sequential();
  planned.steps.forEach(({ layer }, i) => {
    const first = i === 0 ? { inputShape: planned.input } : {};
    switch (layer.kind) {
      case "dense":
        return model.add(tf.layers.dense({ ...first, units: layer.units, activation: "relu" }));
      case "conv2d":
        return model.add(
          tf.layers.conv2d({
            ...first,
            filters: layer.filters,
            kernelSize: layer.kernelSize,
            activation: "relu",
          }),
        );
      case "maxPool":
        return model.add(tf.layers.maxPooling2d({ ...first, poolSize: layer.poolSize }));
      case "avgPool":
        return model.add(tf.layers.averagePooling2d({ ...first, poolSize: layer.poolSize }));
      case "dropout":
        return model.add(tf.layers.dropout({ ...first, rate: layer.rate }));
      case "flatten":
        return model.add(tf.layers.flatten(first));
      case "output":
        return model.add(tf.layers.dense({ ...first, units: 10, activation: "softmax" }));
    }
  });
  return model;
}
