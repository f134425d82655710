/**
 * The boards' ranking rule: the room's (lib/game/leaderboard.ts). Best score first; equal scores
 * share a rank and the next rank skips (1, 1, 3: competition ranking, SQL's RANK()). Within a tie
 * the listing order is name, then account id, in code-point order (SQL: COLLATE "C"), so pages
 * never overlap or skip a row. An account hidden from boards is left out before ranking, so the
 * ranks close up; its own rank is where it would stand: 1 + the shown accounts that beat it.
 */
export interface BoardStanding {
  userId: string;
  name: string;
  score: number;
}

export function rankBoard<T extends BoardStanding>(rows: readonly T[]): { row: T; rank: number }[] {
  const sorted = [...rows].sort(
    (a, b) =>
      b.score - a.score ||
      compareCodePoints(a.name, b.name) ||
      compareCodePoints(a.userId, b.userId),
  );
  const ranked: { row: T; rank: number }[] = [];
  sorted.forEach((row, i) => {
    const previous = ranked[i - 1];
    ranked.push({
      row,
      rank: previous && previous.row.score === row.score ? previous.rank : i + 1,
    });
  });
  return ranked;
}

/** Where a score would stand among the shown scores (also for a hidden viewer's own view). */
export function standingOf(score: number, shownScores: readonly number[]): number {
  return 1 + shownScores.filter((s) => s > score).length;
}

/** Code-point order, which is UTF-8 byte order and so Postgres's "C" collation. */
export function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
}

/** The name search as a LIKE pattern: the text anywhere in the name, its wildcards taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
