/**
 * Magnitude pruning on plain typed arrays, for the browser lab's fine-tuning loop: compute a mask
 * from the weights, re-apply it after every batch, raise the sparsity on a schedule. Zeros cost
 * almost nothing after gzip, and quantizeTensor keeps them exactly zero.
 */

/**
 * Mask (1 = keep, 0 = prune) that zeroes exactly k = floor(sparsity * n) entries: the k smallest
 * by |w|, ties broken by lower index first, so the same weights always give the same mask.
 *
 * k is computed as floor(sparsity * n + 1e-9): 0.29 * 100 is 28.999999999999996 in binary
 * floating point, and a player asking for 29% of 100 weights means 29.
 *
 * Already-zero weights have the smallest magnitude, so raising the sparsity never revives them.
 * NaN counts as the largest magnitude (never pruned first): a NaN weight is a training bug that
 * decodeWeights will refuse anyway, and sorting must stay total.
 */
export function magnitudePruneMask(values: Float32Array, sparsity: number): Uint8Array {
  if (Number.isNaN(sparsity)) throw new RangeError("magnitudePruneMask: sparsity is NaN");
  const n = values.length;
  const k = Math.min(n, Math.max(0, Math.floor(Math.min(1, sparsity) * n + 1e-9)));
  const mask = new Uint8Array(n).fill(1);
  if (k === 0) return mask;
  const magnitudes = Float32Array.from(values, (v) => (Number.isNaN(v) ? Infinity : Math.abs(v)));
  // Typed-array sort is numeric and native: fast enough to run after every batch.
  const threshold = magnitudes.slice().sort()[k - 1]!;
  let below = 0;
  for (const m of magnitudes) if (m < threshold) below++;
  let tiesToPrune = k - below;
  for (let i = 0; i < n; i++) {
    const m = magnitudes[i]!;
    if (m < threshold) mask[i] = 0;
    else if (m === threshold && tiesToPrune > 0) {
      mask[i] = 0;
      tiesToPrune--;
    }
  }
  return mask;
}

export function applyMask(values: Float32Array, mask: Uint8Array): Float32Array {
  if (values.length !== mask.length) {
    throw new RangeError(`applyMask: ${values.length} values, ${mask.length} mask entries`);
  }
  return values.map((v, i) => (mask[i] === 0 ? 0 : v));
}

/** Fraction of entries that are exactly zero (either sign); 0 for an empty tensor. */
export function sparsityOf(values: Float32Array): number {
  if (values.length === 0) return 0;
  let zeros = 0;
  for (const v of values) if (v === 0) zeros++;
  return zeros / values.length;
}

export interface PruningScheduleOptions {
  /** Sparsity at step 0 (TF MOT `initial_sparsity`); default 0. */
  initialSparsity?: number;
  /** Exponent of the decay (TF MOT `power`); default 3. */
  power?: number;
}

/**
 * Target sparsity at `step` of `totalSteps`, TF Model Optimization's PolynomialDecay:
 * s(t) = final + (initial - final) * (1 - t / totalSteps)^3, with t clamped to [0, totalSteps].
 * It prunes fast while many redundant weights remain and slowly near the end, when each removal
 * hurts and the network needs steps to recover.
 */
export function pruningSchedule(
  step: number,
  totalSteps: number,
  finalSparsity: number,
  options: PruningScheduleOptions = {},
): number {
  const { initialSparsity = 0, power = 3 } = options;
  if (totalSteps <= 0) return finalSparsity;
  const progress = Math.min(1, Math.max(0, step / totalSteps));
  return finalSparsity + (initialSparsity - finalSparsity) * (1 - progress) ** power;
}
