/**
 * Why a submitted model is refused, as a closed list the evaluator, the lab UI (i18n keys) and the
 * tests share. Every check in lib/model returns one of these instead of throwing, so the player
 * sees the same reason in the lab before submitting as the server records afterwards.
 */
export const MODEL_REJECTION_CODES = [
  /** Not JSON-shaped the way TF.js writes a LayersModel (missing fields, wrong types, bad base64). */
  "MALFORMED",
  /** JSON nested deeper than MAX_JSON_DEPTH (lib/model/gate.ts), found before parsing. */
  "TOO_DEEP",
  /** A functional `Model` (or anything but `Sequential`): its graph is not a plain chain. */
  "NOT_SEQUENTIAL",
  /** A layer class outside the allow-list (Lambda, UpSampling2D, custom classes...). */
  "LAYER_NOT_ALLOWED",
  /** An activation function outside the allow-list. */
  "ACTIVATION_NOT_ALLOWED",
  /** A known layer with an option we do not evaluate (dilation, channels_first, custom regularizer). */
  "UNSUPPORTED_CONFIG",
  /** Input must be [null, 784] or [null, 28, 28, 1]. */
  "BAD_INPUT_SHAPE",
  /** Output must be [null, 10]. */
  "BAD_OUTPUT_SHAPE",
  /** One layer's output for one image exceeds LIMITS.maxLayerOutputElements. */
  "LAYER_OUTPUT_TOO_LARGE",
  "TOO_MANY_PARAMETERS",
  /** More multiply-adds per image than LIMITS.maxMultiplyAdds. */
  "TOO_MUCH_COMPUTE",
  /** Predicted to take longer to score than MAX_PREDICTED_SCORING_MS (lib/model/cost.ts). */
  "TOO_SLOW",
  "TOO_MANY_LAYERS",
  /** weightSpecs do not name exactly the weights the topology implies, with the same shapes. */
  "WEIGHTS_MISMATCH",
  /** A decoded weight is NaN or infinite. */
  "NON_FINITE_WEIGHTS",
  /** The decoded weight bytes do not add up to what the specs describe. */
  "BAD_WEIGHT_BYTES",
  /** Topology or weight bytes over their LIMITS. */
  "TOO_LARGE",
] as const;

export type ModelRejectionCode = (typeof MODEL_REJECTION_CODES)[number];

/** One code plus a detail for humans (a layer name, a shape); the code alone drives behaviour. */
export type ModelRejection = {
  [C in ModelRejectionCode]: { code: C; detail: string };
}[ModelRejectionCode];

export function rejection(code: ModelRejectionCode, detail: string): ModelRejection {
  return { code, detail };
}

/** A check's outcome: the fields of a success, or one rejection. */
export type ModelCheck<T extends object> =
  ({ ok: true } & T) | { ok: false; error: ModelRejection };

export const refuse = (code: ModelRejectionCode, detail: string) =>
  ({ ok: false, error: rejection(code, detail) }) as const;
