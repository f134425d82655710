import type { Answer, Difficulty, LocalizedText, QuestionTopic } from "../questions/schema";
import type { Phase } from "../game/types";
import type { TeamColor } from "./team-constants";

/**
 * What clients are sent. Nothing here may reveal an answer key before the reveal phase:
 * `PublicQuestion` has no key, and `RevealView` exists only from the reveal on.
 * Every broadcast carries `sentAt` (server ms since epoch) for clock correction and latency.
 */

interface PublicQuestionBase {
  index: number;
  total: number;
  /** One of TOPICS (translated by key) or a host's own tag (shown as written). */
  topic: QuestionTopic;
  difficulty: Difficulty;
  prompt: LocalizedText;
  code?: string;
  timeLimitSec: number;
}

export type PublicQuestion =
  | (PublicQuestionBase & { type: "single"; options: LocalizedText[] })
  | (PublicQuestionBase & { type: "multiple"; options: LocalizedText[]; correctCount: number })
  | (PublicQuestionBase & { type: "truefalse" })
  /** Items in shown (shuffled) order; answers list shown positions. */
  | (PublicQuestionBase & { type: "ordering"; items: LocalizedText[] })
  | (PublicQuestionBase & { type: "numeric"; unit?: LocalizedText })
  | (PublicQuestionBase & { type: "text" })
  /** A coding round: train, compress and submit a model (lib/coding/round.ts). */
  | (PublicQuestionBase & { type: "coding"; coding: CodingRoundInfo });

export interface CodingRoundInfo {
  variant: "scratch" | "shrink";
  accuracyFloor: number;
  maxSubmissions: number;
  trainingBudget: number;
  maxAccuracyDrop: number;
  /** "shrink" only: the model to start from (a ModelArtifact JSON on this server). */
  baselineUrl?: string;
}

export type RevealKey =
  | { type: "single"; correct: number }
  | { type: "multiple"; correct: number[] }
  | { type: "truefalse"; correct: boolean }
  /** Shown positions in the correct order. */
  | { type: "ordering"; order: number[] }
  | { type: "numeric"; correct: number; tolerance: number }
  | { type: "text"; accepted: string[] }
  | { type: "coding" };

export interface DistributionBucket {
  /** Option index ("0".."5"), "true"/"false", or "correct"/"partial"/"wrong". */
  key: string;
  count: number;
  correct: boolean;
}

export interface RevealView {
  key: RevealKey;
  explanation: LocalizedText;
  distribution: DistributionBucket[];
  answered: number;
  fullyCorrect: number;
}

export interface LeaderboardEntry {
  playerId: string;
  nickname: string;
  /** Set when the host hid this nickname: `nickname` is then "Player N"; word it as the UI's language. */
  hiddenAs?: number;
  score: number;
  /** Competition ranking: equal scores share a rank (1, 1, 3). */
  rank: number;
  streak: number;
}

export interface CodingBoardEntry {
  playerId: string;
  nickname: string;
  /** Set when the host hid this nickname: `nickname` is then "Player N"; word it as the UI's language. */
  hiddenAs?: number;
  /** Public-split accuracy during the round, private-split accuracy from the reveal on. */
  accuracy: number;
  sizeBytes: number;
  accuracyPerKb: number;
  /** Meets the round's task: at or above the floor and, in a shrink round, within maxBytes. */
  aboveFloor: boolean;
  /** Over the round's size cap (shrink: more than half the baseline): earns nothing. */
  tooLarge: boolean;
  rank: number;
  /** Room points, once the round closed. */
  points: number | null;
  /** Not beaten on both size and accuracy by any other entry. */
  pareto: boolean;
}

export interface CodingBoardView {
  split: "public" | "private";
  floor: number;
  /** The size cap in bytes (inclusive): half the baseline's size in a shrink round, else null. */
  maxBytes: number | null;
  /** Every player's representative model, ranked (floor first, then accuracy per KB). */
  entries: CodingBoardEntry[];
  submissions: number;
  /** Acknowledged submissions still being scored (the whole room's). */
  pending: number;
  /**
   * The round is closed and waits for every acknowledged evaluation ("scoring N models"): the
   * phase is still "question" but nothing new is accepted; the standings follow the last verdict.
   */
  draining: boolean;
}

export interface PlayerCodingView {
  submitted: number;
  remaining: number;
  pending: number;
  /** Own best on the public split. */
  best: { accuracy: number; sizeBytes: number } | null;
}

export interface RoomView {
  code: string;
  phase: Phase;
  locked: boolean;
  scoring: "speed" | "accuracy";
  streakBonus: boolean;
  playerCount: number;
  questionCount: number;
  /** Present in question, reveal and leaderboard phases. */
  question: PublicQuestion | null;
  questionStartedAt: number | null;
  questionDeadline: number | null;
  reveal: RevealView | null;
  /** Top 10; present from the first reveal on. */
  leaderboard: LeaderboardEntry[];
  /** Top 3, in the podium phase. */
  podium: LeaderboardEntry[];
  /** Present while a coding round is current (question, reveal and leaderboard phases). */
  coding: CodingBoardView | null;
  /** The answer count as of this snapshot, in the question phase (a reloaded host needs it). */
  progress: ProgressView | null;
  /** Team mode only (absent when it is off). */
  teams?: TeamsView;
  /** A self-paced attempt's solo room (no host): its player may close a coding round early. */
  selfPaced?: true;
  sentAt: number;
}

/** One team as every screen shows it; `name` null: word the colour in the UI's language. */
export interface TeamInfo {
  team: number;
  color: TeamColor;
  name: string | null;
  members: number;
}

/** A team's place: score = the mean of its members' points, to one decimal; ties share a rank. */
export interface TeamStandingEntry extends TeamInfo {
  score: number;
  rank: number;
}

export interface TeamsView {
  mode: "host" | "random" | "pick";
  /** Every team in index order, empty ones included. */
  teams: TeamInfo[];
  /** Non-empty teams ranked, from the first reveal on (reveal, leaderboard and podium phases). */
  standings: TeamStandingEntry[];
  /** The top three teams, in the podium phase. */
  podium: TeamStandingEntry[];
}

/**
 * A `room:update` as sent. When a change also moved a player's own view (a reveal: their result;
 * the podium: their final rank), their copy carries it as `me`, so that phase costs them one frame
 * rather than a room frame plus a player frame. The host's copy never has `me`.
 */
export interface RoomUpdate extends RoomView {
  me?: PlayerView;
}

export interface LastResultView {
  questionIndex: number;
  answered: boolean;
  correctness: number;
  correct: boolean;
  points: number;
  streakBonus: number;
  /** The player's own answer to a quiz question, shown beside the correct one at the reveal. */
  answer: Answer | null;
  /**
   * A coding round has no "correct": its verdict is whether the final model met the round's task
   * (above the accuracy floor, and in a shrink round at most the size limit). Null for a quiz.
   */
  codingOutcome: "above-floor" | "below-floor" | "too-large" | null;
}

export interface PlayerView {
  playerId: string;
  nickname: string;
  /** Set when the host hid this nickname: `nickname` is then "Player N"; word it as the UI's language. */
  hiddenAs?: number;
  score: number;
  rank: number;
  streak: number;
  /** The question this view was made at (-1 in the lobby): `answeredCurrent` is about it. */
  questionIndex: number;
  /** Whether this player has answered question `questionIndex`. */
  answeredCurrent: boolean;
  /** Own result of the latest revealed question (null before the first reveal). */
  lastResult: LastResultView | null;
  /** Own submissions in the current coding round. */
  coding: PlayerCodingView | null;
  /** Team mode only: the player's team index (RoomView.teams names it). */
  team?: number;
  /** Team mode only, from the first reveal on: the rank of the player's team. */
  teamRank?: number;
  sentAt: number;
}

export interface LobbyPlayer {
  playerId: string;
  nickname: string;
  /** Set when the host hid this nickname: `nickname` is then "Player N"; word it as the UI's language. */
  hiddenAs?: number;
  connected: boolean;
  /** Team mode only: the player's team index. */
  team?: number;
}

export interface LobbyView {
  count: number;
  /** The first 200 players in join order (a big room's host list is truncated). */
  players: LobbyPlayer[];
  /** Host only (players get []): the first 200 disconnected players, in join order. */
  offline: LobbyPlayer[];
  sentAt: number;
}

/** The evaluator's verdict on one of the player's own submissions (public split only). */
export type SubmissionResultView =
  | { submissionId: string; ok: true; publicAccuracy: number; sizeBytes: number; sentAt: number }
  | {
      submissionId: string;
      ok: false;
      rejection: { code: string; detail: string };
      sentAt: number;
    };

/**
 * Answers to the current question, counted over connected players only ("N of M connected
 * answered"): a player who drops leaves both numbers, so the count never reads "1 / 4" after
 * "0 / 5". `offline` is how many joined players are disconnected (their names go to the host
 * only, in LobbyView.offline).
 */
export interface ProgressView {
  questionIndex: number;
  answered: number;
  connected: number;
  offline: number;
  sentAt: number;
}
