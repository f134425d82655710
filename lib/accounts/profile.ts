import type { BoardKind } from "../boards/query";
import type { BoardWindow } from "../boards/windows";
import type { Role } from "./roles";

/** A profile page's data (app/profile), as the account repository reads it. */

export interface ProfileGame {
  roomCode: string;
  /** The room's first set's title, both languages (a one-language set repeats its one title). */
  title: { zh: string; en: string };
  nickname: string;
  playedAt: string;
  status: "LOBBY" | "RUNNING" | "FINISHED" | "ABORTED";
  /** Null while the room runs, or when it ended without results (aborted). */
  score: number | null;
  rank: number | null;
  players: number;
  correctCount: number | null;
  answeredCount: number | null;
}

export interface ProfileModel {
  roomCode: string;
  variant: string;
  /** Accuracy on the hidden split; only of closed rounds (final models), never of a live one. */
  privateAccuracy: number | null;
  sizeBytes: number;
  finalRank: number | null;
  metTarget: boolean | null;
  createdAt: string;
}

/**
 * A standing on one persistent board, for the profile (repos.boards.ranksForUser, set through the
 * slot in server/accounts/board-ranks.ts; without it the list is empty).
 */
export interface ProfileBoardRank {
  board: BoardKind;
  window: BoardWindow;
  /** Null when the account has nothing on that board; for a hidden account, where it would stand. */
  rank: number | null;
  /** Accounts on that board: the shown ones, plus the account itself when it hides. */
  total: number;
}

export interface ProfileData {
  id: string;
  name: string;
  email: string;
  role: Role;
  image: string | null;
  hiddenFromBoards: boolean;
  createdAt: string;
  /** Linked OAuth providers ("github", "google", "oidc"). */
  providers: string[];
  hasPassword: boolean;
  games: ProfileGame[];
  bestModels: ProfileModel[];
  boardRanks: ProfileBoardRank[];
}

export interface ProfileSummary {
  gamesPlayed: number;
  wins: number;
  podiums: number;
  bestRank: number | null;
  totalScore: number;
}

/** The profile's headline figures, from its history: only games that ended with a result count. */
export function summariseGames(games: readonly ProfileGame[]): ProfileSummary {
  const ranked = games.filter((g) => g.rank !== null && g.score !== null);
  const ranks = ranked.map((g) => g.rank ?? Infinity);
  return {
    gamesPlayed: ranked.length,
    wins: ranks.filter((r) => r === 1).length,
    podiums: ranks.filter((r) => r <= 3).length,
    bestRank: ranks.length ? Math.min(...ranks) : null,
    totalScore: ranked.reduce((sum, g) => sum + (g.score ?? 0), 0),
  };
}
