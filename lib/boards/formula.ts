/**
 * The combined board's formula. Each part is normalised to a share of its own leader in the same
 * window, then the shares are added:
 *
 *   combined = round(1000 · quiz / maxQuiz) + round(1000 · coding / maxCoding)      (0 .. 2000)
 *
 * where maxQuiz and maxCoding are the best quiz and coding totals of any ranked account in that
 * window (a part with no points anywhere counts 0). Why shares rather than a raw sum: a quiz
 * night of 30 questions is worth up to ~40,000 points while a coding round pays at most 1,000
 * (lib/model/scoring.ts), so a raw sum would be a quiz board with noise. Shares weigh the two
 * skills equally whatever their point scales, stay meaningful as volumes grow, and a player who
 * leads both boards gets the full 2000. The price: a score moves when the leader's does, which a
 * relative board accepts. Accounts hidden from boards still count as leaders (hiding changes
 * nobody else's score); accounts deleted do not (their rows belong to nobody any more).
 *
 * Integer arithmetic only (round half up of a non-negative ratio), so this function and the SQL
 * in server/repositories/prisma-boards.ts give the same number to the point.
 */
export const SHARE_SCALE = 1000;

export function share(points: number, leader: number): number {
  if (leader <= 0 || points <= 0) return 0;
  // round(S·p/m) = floor((2·S·p + m) / (2·m)) for non-negative integers.
  return Math.floor((2 * SHARE_SCALE * points + leader) / (2 * leader));
}

export function combinedScore(
  parts: { quiz: number; coding: number },
  leaders: { quiz: number; coding: number },
): number {
  return share(parts.quiz, leaders.quiz) + share(parts.coding, leaders.coding);
}
