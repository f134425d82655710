import type { CodingRound } from "../coding/round";
import { rankSubmissions, shrinkMaxBytes, type RoundTarget } from "../model/scoring";
import type { ErrorCode } from "../contract/errors";
import { keyedGet, keyedHas } from "./keyed-map";
import { codingPlayer, isCodingRound } from "./room-state";
import type { CodingBaseline, CodingEntry, RoomState } from "./types";

/**
 * The rules of a coding round that the reducer (coding-round.ts), the views and the upload path
 * share: which model represents a player, how entries rank, what a round asks for, and who may
 * submit. Pure; no state changes here.
 */

/**
 * The entry that represents a player: their best on the PUBLIC split (what they could see during
 * the round), judged by the same target-then-accuracy-per-KB rule. Its PRIVATE accuracy decides
 * the final ranking (Kaggle's public/private leaderboard), so overfitting the public part does
 * not pay.
 */
export function chosenEntry(
  entries: readonly CodingEntry[],
  target: RoundTarget,
): CodingEntry | null {
  return rankCodingEntries(entries, "public", target)[0]?.entry ?? null;
}

/** Every player's chosen entry (chosenEntry); kicked players' models take no rank. */
export function chosenEntries(state: RoomState, target: RoundTarget): CodingEntry[] {
  return Object.keys(state.coding).flatMap((playerId) => {
    if (!keyedHas(state.players, playerId)) return [];
    const entry = chosenEntry(codingPlayer(state, playerId).entries, target);
    return entry ? [entry] : [];
  });
}

/** Entries ranked on one split by the round's rule, each carrying its entry (no look-up after). */
export function rankCodingEntries(
  entries: readonly CodingEntry[],
  split: "public" | "private",
  target: RoundTarget,
) {
  return rankSubmissions(
    entries.map((entry) => ({
      id: entry.submissionId,
      accuracy: split === "public" ? entry.publicAccuracy : entry.privateAccuracy,
      bytes: entry.sizeBytes,
      submittedAt: entry.submittedAt,
      entry,
    })),
    target,
  );
}

/**
 * What a round asks for on one split. "scratch": its fixed floor, no size cap. "shrink": the
 * baseline's accuracy on the same split minus the margin (the public split is harder than the
 * private one for MNIST, so comparing a public score with a private baseline would be unfair),
 * and at most half the baseline's bytes (the task is to halve it: the unchanged baseline must not
 * count as done).
 */
export function roundTarget(
  round: CodingRound,
  baseline: CodingBaseline | null,
  split: "public" | "private",
): RoundTarget {
  if (round.variant === "shrink" && baseline !== null) {
    const accuracy = split === "public" ? baseline.publicAccuracy : baseline.privateAccuracy;
    return {
      accuracyFloor: Math.max(0, accuracy - round.maxAccuracyDrop),
      maxBytes: shrinkMaxBytes(baseline.sizeBytes),
    };
  }
  return { accuracyFloor: round.accuracyFloor, maxBytes: null };
}

export type SubmissionRefusal = Extract<
  ErrorCode,
  "KICKED" | "PLAYER_NOT_FOUND" | "QUESTION_NOT_CURRENT" | "ANSWER_TOO_LATE" | "SUBMISSION_LIMIT"
>;

/**
 * Why `playerId` may not submit to round `questionIndex` now, or null if they may: kicked or
 * unknown, not the current coding round, past its deadline or draining, or out of slots. Pure, so
 * the upload path can refuse early from a snapshot before reading or gating a body; submitModel
 * asks it again atomically, and that answer is the one that counts.
 */
export function submissionRefusal(
  state: RoomState,
  playerId: string,
  questionIndex: number,
  now: number,
): SubmissionRefusal | null {
  const player = keyedGet(state.players, playerId);
  if (!player) return state.kicked.includes(playerId) ? "KICKED" : "PLAYER_NOT_FOUND";
  const rq = state.questions[state.questionIndex];
  if (state.phase !== "question" || questionIndex !== state.questionIndex || !isCodingRound(rq)) {
    return state.questionIndex === questionIndex ? "ANSWER_TOO_LATE" : "QUESTION_NOT_CURRENT";
  }
  if (
    state.questionDeadline === null ||
    now > state.questionDeadline ||
    state.codingDrain !== null
  ) {
    return "ANSWER_TOO_LATE";
  }
  if (codingPlayer(state, playerId).submitted >= rq.question.maxSubmissions) {
    return "SUBMISSION_LIMIT";
  }
  return null;
}

/**
 * How many training images this player may download for this coding round (its budget), or why
 * not: a player of the room, a round of the room that is a coding round. Any such round, running
 * or not: the lab may load while the round opens, and the budget, not the moment, is the limit.
 */
export function trainingBudgetFor(
  state: RoomState,
  playerId: string,
  questionIndex: number,
): number | "KICKED" | "PLAYER_NOT_FOUND" | "QUESTION_NOT_CURRENT" {
  if (!keyedGet(state.players, playerId)) {
    return state.kicked.includes(playerId) ? "KICKED" : "PLAYER_NOT_FOUND";
  }
  const rq = state.questions[questionIndex];
  return isCodingRound(rq) ? rq.question.trainingBudget : "QUESTION_NOT_CURRENT";
}
