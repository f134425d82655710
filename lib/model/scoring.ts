import { BYTES_PER_KB } from "./kb";

/**
 * Ranking for coding rounds. Accuracy is a fraction (0..1) and bytes come from the size rule
 * (lib/model/size.ts), with 1 KB = 1000 bytes.
 *
 * The bare ratio rewards useless models: an avgpool7 -> dense10 model scores 73% at 0.8 KB, three
 * times the ratio of a 98% CNN at 3 KB, and an "always 1" model gets 11% at a few bytes. So a
 * round has an accuracy floor: every model at or above it ranks before every model below it, and
 * the ratio only orders models within each group.
 *
 * A round may also cap the size (the "shrink" round: at most half the baseline's bytes). A model
 * over the cap has not done the task whatever its accuracy: it ranks after every other model and
 * earns nothing (see codingRoundPoints).
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
  /**
   * Meets the round's task: at or above the accuracy floor AND within the size cap, if the round
   * has one. This is what "correct" means for a coding round (points, correct count, boards).
   */
  aboveFloor: boolean;
  /** Over the round's size cap ("shrink": more than half the baseline): does not meet the task. */
  tooLarge: boolean;
  accuracyPerKb: number;
};

/** What a model must reach in a round: an accuracy floor and, for "shrink", a size cap. */
export interface RoundTarget {
  accuracyFloor: number;
  /** Inclusive; null = no cap. */
  maxBytes: number | null;
}

/** 0: meets the task; 1: under the floor but within the cap; 2: over the size cap. */
const tier = (e: { aboveFloor: boolean; tooLarge: boolean }) =>
  e.aboveFloor ? 0 : e.tooLarge ? 2 : 1;

/**
 * Order: models that meet the task first, then those under the floor, then those over the size
 * cap; within each group accuracy per KB, higher first; then accuracy, higher first (the same
 * ratio from a better model is the harder feat); then earlier submission; then id, so the order
 * never depends on the input order. A bare number is read as a floor without a size cap.
 */
export function rankSubmissions<E extends SubmissionEntry>(
  entries: readonly E[],
  target: number | RoundTarget,
): RankedEntry<E>[] {
  const { accuracyFloor, maxBytes } =
    typeof target === "number" ? { accuracyFloor: target, maxBytes: null } : target;
  const scored = entries.map((e) => {
    const tooLarge = maxBytes !== null && e.bytes > maxBytes;
    return {
      ...e,
      // Same 1e-9 slack as shrinkTargetMet: a floor computed as baseline - margin must not shut
      // out a model that sits exactly on it.
      aboveFloor: e.accuracy >= accuracyFloor - 1e-9 && !tooLarge,
      tooLarge,
      accuracyPerKb: accuracyPerKb(e.accuracy, e.bytes),
    };
  });
  scored.sort(
    (a, b) =>
      tier(a) - tier(b) ||
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
 * - models that meet the task: 1000 for the first, then linearly down to 500 for the last one
 *   (rounded to whole points); a lone one gets 1000;
 * - below-floor models within the size cap: 250 each, for having shipped something that runs;
 * - models over the size cap: 0. In a "shrink" round every player is handed the baseline, so
 *   uploading it again (or anything not at least halved) proves nothing; 250 would pay for a click
 *   and put a player who did no work above one who did not submit at all;
 * - players without a submission: 0, which the caller applies (they are not in `ranked`).
 * Points are absolute, not scaled by room size, so a round is worth the same to 5 players as to
 * 2,000; `totalPlayers` is accepted so call sites can pass it, but it does not change the result.
 */
export function codingRoundPoints(
  ranked: readonly Pick<RankedEntry, "id" | "rank" | "aboveFloor" | "tooLarge">[],
  _totalPlayers?: number,
): Map<string, number> {
  const above = [...ranked].filter((e) => e.aboveFloor).sort((a, b) => a.rank - b.rank);
  const points = new Map<string, number>();
  const span = POINTS_FIRST - POINTS_LAST_ABOVE_FLOOR;
  above.forEach((e, i) => {
    const step = above.length > 1 ? (span * i) / (above.length - 1) : 0;
    points.set(e.id, Math.round(POINTS_FIRST - step));
  });
  for (const e of ranked) {
    if (!e.aboveFloor) points.set(e.id, e.tooLarge ? 0 : POINTS_BELOW_FLOOR);
  }
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

/** "Shrink the baseline" asks for a model at most half the baseline's size (the article's task). */
export const SHRINK_MAX_SIZE_RATIO = 0.5;

/** The shrink round's size cap in bytes (inclusive), by the size rule of lib/model/size.ts. */
export function shrinkMaxBytes(baselineBytes: number): number {
  return Math.floor(baselineBytes * SHRINK_MAX_SIZE_RATIO);
}

/**
 * The "shrink the baseline" variant: the target is met when the model is at most half the
 * baseline's size and its accuracy is within maxAccuracyDrop of the baseline's; the size ratio
 * (bytes / baselineBytes, smaller is better) is what then ranks.
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
    met:
      accuracyDrop <= attempt.maxAccuracyDrop + 1e-9 &&
      attempt.bytes <= shrinkMaxBytes(attempt.baselineBytes),
    accuracyDrop,
    sizeRatio: attempt.bytes / Math.max(1, attempt.baselineBytes),
  };
}
