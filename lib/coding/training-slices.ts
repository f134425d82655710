/**
 * The lab's training data, cut to the round's budget. A round lets each player train on its first
 * `trainingBudget` images of the MNIST training split, so that is all a phone downloads: the split
 * is served in shards of TRAINING_SHARD_SIZE images, each gzip-compressed on its own, and a round
 * of N images needs the first ceil(N / size) of them, the last cut to what the budget leaves.
 * Thirty phones on venue Wi-Fi fetch 30 × ~0.16 MB per thousand images, not 30 × 9.6 MB.
 *
 * One shard, before compression ("KBAMNIST" header as the whole split used to have):
 *   "KBAMNIST" (8 bytes) | count (uint32 LE) | pixels per image (uint32 LE, 784)
 *   | images (count × 784 bytes, row-major, 0-255) | labels (count bytes, 0-9)
 * Shared by the server (which cuts and serves) and the lab (which checks and joins).
 */
export const TRAINING_DATA_MAGIC = "KBAMNIST";
export const TRAINING_SHARD_SIZE = 1000;
export const TRAINING_IMAGE_PIXELS = 784;
const HEADER_BYTES = 16;

export interface ShardSpec {
  index: number;
  /** Index of its first image in the training split. */
  first: number;
  count: number;
}

/** The shards a budget of `budget` images needs, in order; their counts add up to `budget`. */
export function trainingShards(budget: number): ShardSpec[] {
  const shards: ShardSpec[] = [];
  for (let first = 0; first < budget; first += TRAINING_SHARD_SIZE) {
    shards.push({
      index: first / TRAINING_SHARD_SIZE,
      first,
      count: Math.min(TRAINING_SHARD_SIZE, budget - first),
    });
  }
  return shards;
}

export interface DecodedShard {
  count: number;
  images: Uint8Array;
  labels: Uint8Array;
}

export function encodeShard(images: Uint8Array, labels: Uint8Array): Uint8Array {
  const count = labels.length;
  if (images.length !== count * TRAINING_IMAGE_PIXELS) throw new Error("images and labels differ");
  const out = new Uint8Array(HEADER_BYTES + count * (TRAINING_IMAGE_PIXELS + 1));
  for (let i = 0; i < TRAINING_DATA_MAGIC.length; i++) out[i] = TRAINING_DATA_MAGIC.charCodeAt(i);
  const view = new DataView(out.buffer);
  view.setUint32(8, count, true);
  view.setUint32(12, TRAINING_IMAGE_PIXELS, true);
  out.set(images, HEADER_BYTES);
  out.set(labels, HEADER_BYTES + images.length);
  return out;
}

/** Checks a shard's header and length; views into `bytes`, no copy. */
export function decodeShard(bytes: Uint8Array): DecodedShard {
  if (bytes.length < HEADER_BYTES) throw new Error("truncated training data");
  const magic = String.fromCharCode(...bytes.subarray(0, 8));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (magic !== TRAINING_DATA_MAGIC) throw new Error("not a KBAMNIST file");
  const count = view.getUint32(8, true);
  const pixels = view.getUint32(12, true);
  if (pixels !== TRAINING_IMAGE_PIXELS || bytes.length !== HEADER_BYTES + count * (pixels + 1))
    throw new Error("truncated training data");
  return {
    count,
    images: bytes.subarray(HEADER_BYTES, HEADER_BYTES + count * pixels),
    labels: bytes.subarray(HEADER_BYTES + count * pixels),
  };
}
