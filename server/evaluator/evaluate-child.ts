import { createRequire } from "node:module";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { LIMITS, type ModelArtifact } from "../../lib/model/artifact";
import { BATCH_SIZES, scoringBatchSize } from "../../lib/model/cost";
import { ALLOWED_LAYERS } from "../../lib/model/topology";
import { decodeWeights } from "../../lib/model/weights";
import { createLogger } from "../logger";
import { IMAGE_PIXELS, PUBLIC_SCORING_COUNT, scoringSplits } from "./mnist";
import type {
  ChildMessage,
  EvaluationRejection,
  ParentMessage,
  ScoreJob,
  ScoreSuccess,
} from "./protocol";

/**
 * The evaluator's child process: the only place TF.js runs on the server. It is disposable on
 * purpose: the parent SIGKILLs it on a time or memory overrun, and it exits itself after any
 * unexpected error, since a wasm heap that threw mid-kernel is not worth trusting again.
 */
const startedAt = performance.now();
// The parent passes its environment on: LOG_LEVEL (or quiet under tests) holds here too.
const log = createLogger();
tf.enableProdMode();

/**
 * The scoring images are kept in each of BATCH_SIZES (lib/model/cost.ts, where the time model
 * counts batches too). A model gets the largest batch whose biggest layer output (batch x values
 * per image) fits the activation budget, which bounds activation memory whatever the model (the
 * limits allow 50,000 values per image: 500 x 50,000 fits). The batches are built once from the
 * pixel array: slicing a resident tensor per job costs ~60 ms a slice on the wasm backend, and
 * every predict call has a fixed cost, so fewer calls is faster.
 */
interface ScoringSet {
  batches: Map<number, tf.Tensor2D[]>;
  labels: Uint8Array;
}

async function initBackend(): Promise<string> {
  try {
    const require = createRequire(import.meta.url);
    const dist = path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm"));
    // A file path prefix: the wasm binaries ship in the package; nothing is fetched.
    setWasmPaths(`${dist}${path.sep}`);
    if (await tf.setBackend("wasm")) return "wasm";
    log.warn("evaluator: wasm backend refused to start, falling back to cpu");
  } catch (e) {
    log.warn("evaluator: wasm backend failed, falling back to cpu", { error: String(e) });
  }
  await tf.setBackend("cpu");
  return "cpu";
}

/** The 10,000 scoring images as pixel / 255 in each batch size, created once for every job. */
function createScoringSet(): ScoringSet {
  const splits = scoringSplits();
  const count = splits.public.count + splits.private.count;
  const pixels = new Float32Array(count * IMAGE_PIXELS);
  const labels = new Uint8Array(count);
  pixels.set(splits.public.images, 0);
  pixels.set(splits.private.images, splits.public.count * IMAGE_PIXELS);
  for (let i = 0; i < pixels.length; i++) pixels[i]! /= 255;
  labels.set(splits.public.labels, 0);
  labels.set(splits.private.labels, splits.public.count);
  const batches = new Map<number, tf.Tensor2D[]>();
  for (const size of BATCH_SIZES) {
    const list: tf.Tensor2D[] = [];
    for (let start = 0; start < count; start += size) {
      const rows = Math.min(size, count - start);
      const slice = pixels.subarray(start * IMAGE_PIXELS, (start + rows) * IMAGE_PIXELS);
      list.push(tf.tensor2d(slice, [rows, IMAGE_PIXELS]));
    }
    batches.set(size, list);
  }
  return { batches, labels };
}

class Rejected extends Error {
  constructor(readonly rejection: EvaluationRejection) {
    super(rejection.detail);
  }
}

const elements = (shape: readonly (number | null)[]) =>
  shape.reduce<number>((n, d) => n * (d ?? 1), 1);

/**
 * The static checks ran in the parent on the JSON; these run on what TF.js actually built, so a
 * disagreement between our shape inference and TF.js's cannot slip a large layer through.
 * Returns the largest per-image layer output, which sets the batch size.
 */
function recheckLoaded(model: tf.LayersModel): number {
  if (!(model instanceof tf.Sequential)) {
    throw new Rejected({ code: "NOT_SEQUENTIAL", detail: model.getClassName() });
  }
  if (model.layers.length > LIMITS.maxLayers) {
    throw new Rejected({ code: "TOO_MANY_LAYERS", detail: `${model.layers.length} layers` });
  }
  const parameters = model.countParams();
  if (parameters > LIMITS.maxParameters) {
    throw new Rejected({ code: "TOO_MANY_PARAMETERS", detail: `${parameters} parameters` });
  }
  const input = model.inputs[0]?.shape.slice(1) ?? [];
  if (model.inputs.length !== 1 || elements(input) !== IMAGE_PIXELS || input.includes(null)) {
    throw new Rejected({ code: "BAD_INPUT_SHAPE", detail: JSON.stringify(input) });
  }
  const output = model.outputs[0]?.shape ?? [];
  if (model.outputs.length !== 1 || output.length !== 2 || output[1] !== 10) {
    throw new Rejected({ code: "BAD_OUTPUT_SHAPE", detail: JSON.stringify(output) });
  }
  let largest = IMAGE_PIXELS;
  for (const layer of model.layers) {
    const className = layer.getClassName();
    if (!(ALLOWED_LAYERS as readonly string[]).includes(className)) {
      throw new Rejected({ code: "LAYER_NOT_ALLOWED", detail: className });
    }
    const shape = layer.outputShape;
    const size = Array.isArray(shape[0]) ? Infinity : elements((shape as tf.Shape).slice(1));
    if (!(size <= LIMITS.maxLayerOutputElements)) {
      throw new Rejected({ code: "LAYER_OUTPUT_TOO_LARGE", detail: `${layer.name}: ${size}` });
    }
    largest = Math.max(largest, size);
  }
  return largest;
}

async function loadModel(artifact: ModelArtifact): Promise<tf.LayersModel> {
  // The server's gate never decodes the weights; this does, once: our codec (bit for bit what
  // tfjs-core does) is the only dequantization path and refuses NaN or infinite weights, so TF.js
  // sees plain finite float32 and dequantizes nothing itself.
  const decoded = decodeWeights(artifact);
  if (!decoded.ok) throw new Rejected(decoded.error);
  const values = new Float32Array(decoded.tensors.reduce((n, t) => n + t.values.length, 0));
  let offset = 0;
  for (const t of decoded.tensors) {
    values.set(t.values, offset);
    offset += t.values.length;
  }
  const weightSpecs = decoded.tensors.map(({ name, shape }) => ({
    name,
    shape,
    dtype: "float32" as const,
  }));
  try {
    return await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: artifact.modelTopology,
        weightSpecs,
        weightData: values.buffer,
      }),
    );
  } catch (e) {
    // Every check passed in the parent, yet TF.js refuses: report it as malformed, not a crash.
    throw new Rejected({ code: "MALFORMED", detail: `TF.js could not load it: ${String(e)}` });
  }
}

async function score(job: ScoreJob, set: ScoringSet): Promise<ScoreSuccess> {
  const started = performance.now();
  const model = await loadModel(job.artifact);
  const loadMs = performance.now() - started;
  try {
    const largest = recheckLoaded(model);
    const inputShape = model.inputs[0]!.shape.slice(1) as number[];
    const size = scoringBatchSize(largest);
    const predicted = new Uint8Array(set.labels.length);
    let offset = 0;
    for (const batch of set.batches.get(size)!) {
      const rows = batch.shape[0];
      // Reshape shares the batch's data (no copy); tidy frees the activations.
      const y = tf.tidy(
        () => model.predictOnBatch(batch.reshape([rows, ...inputShape])) as tf.Tensor,
      );
      const values = await y.data<"float32">();
      y.dispose();
      argmaxRows(values, offset, predicted);
      offset += rows;
    }
    const ms = performance.now() - started;
    return { ...summarise(job.jobId, predicted, set.labels), ms, loadMs, predictMs: ms - loadMs };
  } finally {
    model.dispose();
  }
}

/** Writes each row's argmax into `predicted` from `offset`; any NaN or infinity rejects. */
function argmaxRows(values: Float32Array, offset: number, predicted: Uint8Array): void {
  for (let row = 0; row * 10 < values.length; row++) {
    let best = 0;
    for (let k = 0; k < 10; k++) {
      const v = values[row * 10 + k]!;
      if (!Number.isFinite(v)) {
        throw new Rejected({
          code: "NON_FINITE_OUTPUT",
          detail: `output ${v} for test image ${offset + row}`,
        });
      }
      // Strictly greater: ties go to the lowest digit, the same on every run.
      if (v > values[row * 10 + best]!) best = k;
    }
    predicted[offset + row] = best;
  }
}

function summarise(
  jobId: number,
  predicted: Uint8Array,
  labels: Uint8Array,
): Omit<ScoreSuccess, "ms" | "loadMs" | "predictMs"> {
  let publicCorrect = 0;
  let privateCorrect = 0;
  let hash = 0x811c9dc5;
  const predictionCounts = new Array<number>(10).fill(0);
  for (let i = 0; i < predicted.length; i++) {
    const digit = predicted[i]!;
    predictionCounts[digit]!++;
    hash = Math.imul(hash ^ digit, 0x01000193) >>> 0;
    if (digit !== labels[i]) continue;
    if (i < PUBLIC_SCORING_COUNT) publicCorrect++;
    else privateCorrect++;
  }
  return {
    type: "scored",
    jobId,
    ok: true,
    publicAccuracy: publicCorrect / PUBLIC_SCORING_COUNT,
    privateAccuracy: privateCorrect / (predicted.length - PUBLIC_SCORING_COUNT),
    predictionCounts,
    predictionDigest: hash.toString(16).padStart(8, "0"),
    evaluatedAt: Date.now(),
  };
}

/** Resolves once the message is handed to the channel, so an exit right after cannot drop it. */
function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve) => process.send?.(message, undefined, undefined, () => resolve()));
}

async function main(): Promise<void> {
  if (!process.send) throw new Error("evaluate-child must be started with child_process.fork");
  const backend = await initBackend();
  const set = createScoringSet();
  // One tiny prediction so the first real job does not pay for kernel set-up.
  const warm = tf.tidy(() => tf.matMul(set.batches.get(500)![0]!, tf.ones([IMAGE_PIXELS, 10])));
  warm.dataSync();
  warm.dispose();
  let queue = Promise.resolve();
  process.on("message", (message: ParentMessage) => {
    // Answered at once, not behind the queue: it proves this loop turns, which is all it asks.
    if (message?.type === "ping") return void send({ type: "pong", id: message.id });
    if (message?.type !== "score") return;
    queue = queue.then(async () => {
      try {
        await send(await score(message, set));
      } catch (e) {
        if (e instanceof Rejected) {
          await send({ type: "scored", jobId: message.jobId, ok: false, rejection: e.rejection });
          return;
        }
        const detail = e instanceof Error ? e.message : String(e);
        log.error("evaluator: scoring failed, exiting", { jobId: message.jobId, error: detail });
        const rejection = { code: "EVALUATION_CRASHED" as const, detail };
        await send({ type: "scored", jobId: message.jobId, ok: false, rejection });
        process.exit(1);
      }
    });
  });
  // The parent going away (even without killing us) must not leave a TF.js process behind.
  process.on("disconnect", () => process.exit(0));
  await send({ type: "ready", backend, warmUpMs: performance.now() - startedAt });
}

main().catch((e: unknown) => {
  log.error("evaluator: child failed to start", { error: String(e) });
  process.exit(1);
});
