import { shrinkTargetMet } from "@/lib/model/scoring";
import { BYTES_PER_KB, formatKb } from "@/lib/model/size";
import type { Row } from "./scorer";

/** The two goals, judged on the evaluator's private-split accuracy and the size rule. */
export const GOAL_BYTES = 4 * BYTES_PER_KB;
export const GOAL_ACCURACY = 0.98;
/** One accuracy point, as the shrink round's rule takes it (lib/model/scoring.ts). */
export const MAX_DROP = 0.01;

const pct = (fraction: number) => `${(fraction * 100).toFixed(2)}%`;
const points = (delta: number) => `${delta >= 0 ? "+" : ""}${(delta * 100).toFixed(2)} pts`;
const sized = (bytes: number) => `${bytes} B (${formatKb(bytes)})`;

export function judgeTiny(rows: readonly Row[]) {
  const best = rows
    .filter((r) => r.bytes <= GOAL_BYTES)
    .sort((a, b) => b.privateAccuracy - a.privateAccuracy || a.bytes - b.bytes)[0];
  const smallestAtGoal = rows
    .filter((r) => r.privateAccuracy >= GOAL_ACCURACY)
    .sort((a, b) => a.bytes - b.bytes)[0];
  const met = best !== undefined && best.privateAccuracy >= GOAL_ACCURACY;
  const lines = [
    best
      ? `GOAL 1 (>= 98% private in <= 4 KB): ${met ? "MET" : "NOT MET"}: best in 4 KB is "${best.version}", ${pct(best.privateAccuracy)} private at ${sized(best.bytes)}`
      : "GOAL 1 (>= 98% private in <= 4 KB): NOT MET: no version fits in 4 KB",
  ];
  if (smallestAtGoal) {
    lines.push(
      `  smallest at >= 98%: "${smallestAtGoal.version}", ${pct(smallestAtGoal.privateAccuracy)} private at ${sized(smallestAtGoal.bytes)}`,
    );
  }
  return { met, best: best ?? null, smallestAtGoal: smallestAtGoal ?? null, lines };
}

/**
 * Met by a version at most half the baseline's size whose private accuracy is within one point
 * of the baseline's (shrinkTargetMet, the rule the shrink round itself applies).
 */
export function judgeShrink(baseline: Row, rows: readonly Row[]) {
  const versions = rows.map((row) => {
    const t = shrinkTargetMet({
      baselineAccuracy: baseline.privateAccuracy,
      baselineBytes: baseline.bytes,
      accuracy: row.privateAccuracy,
      bytes: row.bytes,
      maxAccuracyDrop: MAX_DROP,
    });
    return {
      version: row.version,
      bytes: row.bytes,
      privateAccuracy: row.privateAccuracy,
      sizeRatio: t.sizeRatio,
      accuracyDrop: t.accuracyDrop,
      met: t.met && t.sizeRatio <= 0.5,
    };
  });
  const winners = versions.filter((v) => v.met).sort((a, b) => a.sizeRatio - b.sizeRatio);
  const smallest = winners[0];
  const head = "GOAL 2 (baseline halved, within 1 point by shrinkTargetMet)";
  const lines = [
    smallest
      ? `${head}: MET by ${winners.length} of ${versions.length} versions; smallest: "${smallest.version}", ${sized(smallest.bytes)} = ${smallest.sizeRatio.toFixed(3)} x the baseline's ${sized(baseline.bytes)}, ${pct(smallest.privateAccuracy)} private vs ${pct(baseline.privateAccuracy)} (${points(-smallest.accuracyDrop)})`
      : `${head}: NOT MET`,
    ...versions.map(
      (v) =>
        `  ${v.met ? "meets " : "misses"} "${v.version}": ${v.sizeRatio.toFixed(3)} x size, ${points(-v.accuracyDrop)}`,
    ),
  ];
  return { met: smallest !== undefined, baseline, versions, lines };
}
