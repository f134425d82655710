import * as tf from "@tensorflow/tfjs";
import { ReasonError } from "./protocol";

/**
 * The downloaded MNIST images as the worker keeps them: raw bytes (1 byte a pixel), turned into
 * float tensors one batch at a time. Holding 55,000 images as a float tensor would cost 172 MB of
 * GPU or wasm memory; a batch of 64 costs 200 KB and is rebuilt in well under a millisecond.
 * The last `validationCount` images are held out: the lab's accuracy figures come from them.
 */
export const PIXELS = 784;

export class Dataset {
  readonly trainable: number;

  constructor(
    readonly images: Uint8Array,
    readonly labels: Uint8Array,
    readonly validationCount: number,
  ) {
    this.trainable = labels.length - validationCount;
    if (this.trainable <= 0)
      throw new ReasonError(
        { key: "reason.noTrainingImages" },
        "no training images left after the validation split",
      );
  }

  /** Pixels 0..1 and one-hot labels for the images at `indices`, shaped for the model's input. */
  batch(indices: ArrayLike<number>, imageShape: number[]): { xs: tf.Tensor; ys: tf.Tensor2D } {
    const n = indices.length;
    const pixels = new Float32Array(n * PIXELS);
    const oneHot = new Float32Array(n * 10);
    for (let i = 0; i < n; i++) {
      const k = indices[i]!;
      const src = this.images.subarray(k * PIXELS, (k + 1) * PIXELS);
      for (let p = 0; p < PIXELS; p++) pixels[i * PIXELS + p] = src[p]! / 255;
      oneHot[i * 10 + this.labels[k]!] = 1;
    }
    return {
      xs: tf.tensor(pixels, [n, ...imageShape]),
      ys: tf.tensor2d(oneHot, [n, 10]),
    };
  }

  /** The first `count` trainable images as whole tensors (for code mode's `data`). */
  whole(count: number, imageShape: number[]) {
    const n = Math.min(count, this.trainable);
    return this.batch(range(0, n), imageShape);
  }

  validationIndices(): Int32Array {
    return range(this.trainable, this.labels.length);
  }
}

export function range(from: number, to: number): Int32Array {
  return Int32Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

/** Fisher-Yates over a copy. */
export function shuffled(values: Int32Array): Int32Array {
  const out = values.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    const a = out[i]!;
    out[i] = out[j]!;
    out[j] = a;
  }
  return out;
}

/** The model's per-image input shape: [784] for an MLP, [28, 28, 1] for a CNN. */
export function imageShapeOf(model: tf.LayersModel): number[] {
  const shape = model.inputs[0]?.shape ?? [null, PIXELS];
  return shape.slice(1).map((d) => d ?? 1);
}

/** Accuracy on the held-out images, predicted in chunks so memory stays flat. */
export async function validationAccuracy(model: tf.LayersModel, data: Dataset): Promise<number> {
  const indices = data.validationIndices();
  if (indices.length === 0) return 0;
  const shape = imageShapeOf(model);
  let correct = 0;
  for (let start = 0; start < indices.length; start += 1000) {
    const chunk = indices.subarray(start, start + 1000);
    const { xs, ys } = data.batch(chunk, shape);
    const hits = tf.tidy(() => {
      const predicted = (model.predict(xs) as tf.Tensor).argMax(-1);
      return predicted.equal(ys.argMax(-1)).sum();
    });
    correct += (await hits.data())[0]!;
    tf.dispose([xs, ys, hits]);
  }
  return correct / indices.length;
}
