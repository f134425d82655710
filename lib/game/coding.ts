import type { CodingRound } from "../coding/round";
import { rankSubmissions, shrinkMaxBytes, type RoundTarget } from "../model/scoring";
import type { ErrorCode } from "../contract/errors";
import { keyedGet, keyedHas } from "./keyed-map";
import type {
  CodingBaseline,
  CodingEntry,
  CodingPlayerState,
  Effect,
  EngineEvent,
  RoomQuestion,
  RoomState,
} from "./types";

/**
 * Coding rounds inside the room engine. Submissions arrive over HTTP, are stored, then scored by
 * the evaluator process; the engine counts them against the round's cap, keeps each player's
 * evaluated entries, and turns the final ranking into room points when the round closes.
 *
 * A round that closes while evaluations are still running waits for every one of them, however
 * long that takes: an acknowledged (202) submission is always ranked, never dropped. There is no
 * cut-off because the evaluator answers every job (a rejection on a crash or a time-out), so the
 * wait is bounded by the evaluator's own limits, not by a timer here. Meanwhile the views carry
 * the number of models still being scored, and no new submission is accepted.
 */

export function isCodingRound(
  rq: RoomQuestion | undefined,
): rq is RoomQuestion & { question: CodingRound } {
  return rq?.question.type === "coding";
}

export function codingPlayer(state: RoomState, playerId: string): CodingPlayerState {
  return (
    (Object.hasOwn(state.coding, playerId) ? state.coding[playerId] : undefined) ?? {
      submitted: 0,
      pending: 0,
      entries: [],
      result: null,
    }
  );
}

export function pendingEvaluations(state: RoomState): number {
  return Object.values(state.coding).reduce((sum, p) => sum + p.pending, 0);
}

/** The round was closed and its last acknowledged evaluation is in: time to rank. */
export function drainComplete(state: RoomState): boolean {
  return state.codingDrain !== null && pendingEvaluations(state) === 0;
}

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

type StepOutcome =
  { ok: true; state: RoomState; effects: Effect[] } | { ok: false; error: ErrorCode };

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

/** A stored submission takes one of the player's slots in the current coding round. */
export function submitModel(
  state: RoomState,
  event: Extract<EngineEvent, { type: "coding:submit" }>,
  now: number,
): StepOutcome {
  const refusal = submissionRefusal(state, event.playerId, event.questionIndex, now);
  if (refusal !== null) return { ok: false, error: refusal };
  const player = keyedGet(state.players, event.playerId)!;
  const rq = state.questions[state.questionIndex] as RoomQuestion & { question: CodingRound };
  const mine = codingPlayer(state, player.id);
  return {
    ok: true,
    state: {
      ...state,
      coding: {
        ...state.coding,
        [player.id]: { ...mine, submitted: mine.submitted + 1, pending: mine.pending + 1 },
      },
    },
    effects: [
      {
        type: "persist",
        op: {
          kind: "submission",
          questionIndex: state.questionIndex,
          variant: rq.question.variant,
          playerId: player.id,
          submission: event.submission,
          at: now,
        },
      },
    ],
  };
}

/**
 * The evaluator's verdict on a submission of the current round. A verdict for another round (the
 * room moved on, or the server restarted) changes nothing here: it is stored with the submission.
 */
export function recordEvaluation(
  state: RoomState,
  event: Extract<EngineEvent, { type: "coding:evaluated" }>,
  now: number,
): StepOutcome {
  const rq = state.questions[state.questionIndex];
  const mine = codingPlayer(state, event.playerId);
  if (
    state.phase !== "question" ||
    event.questionIndex !== state.questionIndex ||
    !isCodingRound(rq) ||
    mine.pending === 0
  ) {
    return { ok: true, state, effects: [] };
  }
  const entries = event.result.ok
    ? [
        ...mine.entries,
        {
          submissionId: event.submissionId,
          playerId: event.playerId,
          publicAccuracy: event.result.publicAccuracy,
          privateAccuracy: event.result.privateAccuracy,
          sizeBytes: event.result.sizeBytes,
          submittedAt: event.submittedAt,
        },
      ]
    : mine.entries;
  const updated: RoomState = {
    ...state,
    coding: { ...state.coding, [event.playerId]: { ...mine, pending: mine.pending - 1, entries } },
  };
  // The board and this player's own view (pending, best) moved; nobody else's own view did.
  const published: Effect = { type: "publish", ownViews: [event.playerId] };
  if (!drainComplete(updated)) return { ok: true, state: updated, effects: [published] };
  // The last verdict a closing round waited for. The close itself (ranking, its database write,
  // maybe the podium) runs as an event of its own, right away: if that write failed, this verdict
  // must still be recorded, or the round would wait forever for a verdict it already had; the
  // host's next "next" or "end" then retries the close.
  return {
    ok: true,
    state: updated,
    effects: [
      published,
      {
        type: "schedule",
        key: "question",
        at: now,
        event: { type: "timer:question-ended", questionIndex: state.questionIndex },
      },
    ],
  };
}
