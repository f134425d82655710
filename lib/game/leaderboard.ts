import type { LeaderboardEntry } from "../contract/views";
import { shownName } from "./shown-name";
import type { PlayerState } from "./types";

/** What a ranking needs to know of a player: the live room and the stored results both have it. */
export interface Standing {
  id: string;
  nickname: string;
  score: number;
  /** ms since epoch */
  joinedAt: number;
}

/**
 * The one ranking rule (README): best score first; equal scores share a rank and the next rank
 * skips (1, 1, 3: competition ranking); within a tie the earlier joiner is listed first, so the
 * order is stable between sends. The podium and the results page both rank with this, so they
 * cannot disagree about a tie.
 */
export function rankStandings<T extends Standing>(rows: readonly T[]): { row: T; rank: number }[] {
  const sorted = [...rows].sort(
    (a, b) =>
      b.score - a.score ||
      a.joinedAt - b.joinedAt ||
      compareText(a.nickname, b.nickname) ||
      compareText(a.id, b.id),
  );
  const ranked: { row: T; rank: number }[] = [];
  sorted.forEach((row, i) => {
    const previous = ranked[i - 1];
    const rank = previous !== undefined && previous.row.score === row.score ? previous.rank : i + 1;
    ranked.push({ row, rank });
  });
  return ranked;
}

/** Everyone in the room, best first (rankStandings' rule). */
export function rankPlayers(players: readonly PlayerState[]): LeaderboardEntry[] {
  return rankStandings(players).map(({ row: p, rank }) => ({
    playerId: p.id,
    ...shownName(p),
    score: p.score,
    rank,
    streak: p.streak,
  }));
}

// Code-unit order rather than localeCompare: the same on every server, whatever its locale.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The first `n` entries of a ranking (ties at the cut are cut, to keep broadcasts small). */
export function topEntries(ranking: readonly LeaderboardEntry[], n: number): LeaderboardEntry[] {
  return ranking.slice(0, n);
}

/** Rank by player id, built once per send so per-player views stay O(1) each. */
export function rankById(ranking: readonly LeaderboardEntry[]): Map<string, number> {
  return new Map(ranking.map((e) => [e.playerId, e.rank]));
}

/** One player's rank, or null when they are not in the ranking. */
export function rankOf(ranking: readonly LeaderboardEntry[], playerId: string): number | null {
  return ranking.find((e) => e.playerId === playerId)?.rank ?? null;
}
