import { BYTES_PER_KB } from "./size";

/**
 * Ranking for coding rounds. Accuracy is a fraction (0..1) and bytes come from the size rule
 * (lib/model/size.ts), with 1 KB = 1000 bytes.
 *
 * The bare ratio rewards useless models: an avgpool7 -> dense10 model scores 73% at 0.8 KB, three
 * times the ratio of a 98% CNN at 3 KB, and an "always 1" model gets 11% at a few bytes. So a
 * round has an accuracy floor: every model at or above it ranks before every model below it, and
 * the ratio only orders models within each group.
 */

export function accuracyPerKb(accuracy: number, bytes: number): number {
  // The size rule's gzip framing alone is 20 bytes, so bytes < 1 never comes from a real model;
  // the guard keeps a corrupt row from dividing by zero in a ranking.
  return accuracy / (Math.max(1, bytes) / BYTES_PER_KB);
}

export interface SubmissionEntry {
  id: string;
  accuracy: number;
  bytes: number;
  /** ms since epoch; the earlier of two otherwise equal models wins. */
  submittedAt: number;
}

export type RankedEntry<E extends SubmissionEntry = SubmissionEntry> = E & {
  /** 1-based and distinct: the order below is total. */
  rank: number;
  aboveFloor: boolean;
  accuracyPerKb: number;
};

/**
 * Order: at-or-above-floor first; then accuracy per KB, higher first; then accuracy, higher first
 * (the same ratio from a better model is the harder feat); then earlier submission; then id, so
 * the order never depends on the input order.
 */
export function rankSubmissions<E extends SubmissionEntry>(
  entries: readonly E[],
  accuracyFloor: number,
): RankedEntry<E>[] {
  const scored = entries.map((e) => ({
    ...e,
    // Same 1e-9 slack as shrinkTargetMet: a floor computed as baseline - margin must not shut
    // out a model that sits exactly on it.
    aboveFloor: e.accuracy >= accuracyFloor - 1e-9,
    accuracyPerKb: accuracyPerKb(e.accuracy, e.bytes),
  }));
  scored.sort(
    (a, b) =>
      Number(b.aboveFloor) - Number(a.aboveFloor) ||
      b.accuracyPerKb - a.accuracyPerKb ||
      b.accuracy - a.accuracy ||
      a.submittedAt - b.submittedAt ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return scored.map((e, i) => ({ ...e, rank: i + 1 }));
}

/**
 * The non-dominated entries: no other entry is at most as large and at least as accurate, and
 * strictly better in one of the two. Returned smallest first, which is how the chart draws the
 * front; identical (bytes, accuracy) pairs are all kept, since neither dominates the other.
 */
export function paretoFront<E extends { accuracy: number; bytes: number }>(
  entries: readonly E[],
): E[] {
  const sorted = [...entries].sort((a, b) => a.bytes - b.bytes || b.accuracy - a.accuracy);
  const front: E[] = [];
  let bestSmaller = -Infinity; // best accuracy among strictly smaller models
  let i = 0;
  while (i < sorted.length) {
    const bytes = sorted[i]!.bytes;
    const top = sorted[i]!.accuracy; // the group's best, thanks to the sort
    for (; i < sorted.length && sorted[i]!.bytes === bytes; i++) {
      if (sorted[i]!.accuracy === top && top > bestSmaller) front.push(sorted[i]!);
    }
    bestSmaller = Math.max(bestSmaller, top);
  }
  return front;
}

export const POINTS_FIRST = 1000;
export const POINTS_LAST_ABOVE_FLOOR = 500;
export const POINTS_BELOW_FLOOR = 250;

/**
 * Room points for a coding round, from `rankSubmissions` output (one entry per player):
 * - above-floor models: 1000 for the first, then linearly down to 500 for the last above-floor
 *   model (rounded to whole points); a lone above-floor model gets 1000;
 * - below-floor models: 250 each, for having shipped something that runs;
 * - players without a submission: 0, which the caller applies (they are not in `ranked`).
 * Points are absolute, not scaled by room size, so a round is worth the same to 5 players as to
 * 2,000; `totalPlayers` is accepted so call sites can pass it, but it does not change the result.
 */
export function codingRoundPoints(
  ranked: readonly Pick<RankedEntry, "id" | "rank" | "aboveFloor">[],
  _totalPlayers?: number,
): Map<string, number> {
  const above = [...ranked].filter((e) => e.aboveFloor).sort((a, b) => a.rank - b.rank);
  const points = new Map<string, number>();
  const span = POINTS_FIRST - POINTS_LAST_ABOVE_FLOOR;
  above.forEach((e, i) => {
    const step = above.length > 1 ? (span * i) / (above.length - 1) : 0;
    points.set(e.id, Math.round(POINTS_FIRST - step));
  });
  for (const e of ranked) if (!e.aboveFloor) points.set(e.id, POINTS_BELOW_FLOOR);
  return points;
}

export interface ShrinkAttempt {
  baselineAccuracy: number;
  baselineBytes: number;
  accuracy: number;
  bytes: number;
  /** Absolute, e.g. 0.01 = one accuracy point. */
  maxAccuracyDrop: number;
}

/**
 * The "shrink the baseline" variant: the target is met when accuracy is within maxAccuracyDrop of
 * the baseline's; the size ratio (bytes / baselineBytes, smaller is better) is what then ranks.
 * A 1e-9 slack absorbs binary rounding (0.97 - 0.96 is 0.010000000000000009), far below the
 * 1e-4 resolution of an accuracy measured on 10,000 images.
 */
export function shrinkTargetMet(attempt: ShrinkAttempt): {
  met: boolean;
  accuracyDrop: number;
  sizeRatio: number;
} {
  const accuracyDrop = attempt.baselineAccuracy - attempt.accuracy;
  return {
    met: accuracyDrop <= attempt.maxAccuracyDrop + 1e-9,
    accuracyDrop,
    sizeRatio: attempt.bytes / Math.max(1, attempt.baselineBytes),
  };
}
