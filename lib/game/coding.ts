import type { CodingRound } from "../coding/round";
import { codingRoundPoints, rankSubmissions } from "../model/scoring";
import type { ErrorCode } from "../contract/errors";
import type { Transition } from "./transitions";
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
 * evaluated entries, and turns the final ranking into room points when the round closes. A round
 * that closes while evaluations are still running waits for them (at most DRAIN_LIMIT_MS): an
 * acknowledged submission is never silently left out.
 */
export const DRAIN_LIMIT_MS = 30_000;

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

/**
 * The entry that represents a player: their best on the PUBLIC split (what they could see during
 * the round), judged by the same floor-then-accuracy-per-KB rule. Its PRIVATE accuracy decides
 * the final ranking (Kaggle's public/private leaderboard), so overfitting the public part does
 * not pay.
 */
export function chosenEntry(entries: readonly CodingEntry[], floor: number): CodingEntry | null {
  const ranked = rankSubmissions(
    entries.map((e) => ({
      id: e.submissionId,
      accuracy: e.publicAccuracy,
      bytes: e.sizeBytes,
      submittedAt: e.submittedAt,
    })),
    floor,
  );
  const best = ranked[0];
  return best ? (entries.find((e) => e.submissionId === best.id) ?? null) : null;
}

/**
 * The accuracy floor a round ranks by: fixed for "scratch"; for "shrink", the baseline's accuracy
 * on the same split minus the margin (the public split is harder than the private one for MNIST,
 * so comparing a public score with a private baseline would be unfair).
 */
export function effectiveFloor(
  round: CodingRound,
  baseline: CodingBaseline | null,
  split: "public" | "private",
): number {
  if (round.variant === "shrink" && baseline !== null) {
    const accuracy = split === "public" ? baseline.publicAccuracy : baseline.privateAccuracy;
    return Math.max(0, accuracy - round.maxAccuracyDrop);
  }
  return round.accuracyFloor;
}

/** Final standings of a coding round: chosen entries ranked on the private split, with points. */
export function finalStandings(state: RoomState, round: CodingRound) {
  const chosen = Object.keys(state.coding).flatMap((playerId) => {
    const entry = chosenEntry(
      codingPlayer(state, playerId).entries,
      effectiveFloor(round, state.codingBaseline, "public"),
    );
    return entry ? [entry] : [];
  });
  const floor = effectiveFloor(round, state.codingBaseline, "private");
  const ranked = rankSubmissions(
    chosen.map((e) => ({
      id: e.submissionId,
      accuracy: e.privateAccuracy,
      bytes: e.sizeBytes,
      submittedAt: e.submittedAt,
    })),
    floor,
  );
  const points = codingRoundPoints(ranked, Object.keys(state.players).length);
  return ranked.map((r) => {
    const entry = chosen.find((e) => e.submissionId === r.id)!;
    return { entry, rank: r.rank, aboveFloor: r.aboveFloor, points: points.get(r.id) ?? 0 };
  });
}

/**
 * Closing a coding round: wait for running evaluations (bounded), then rank on the private split
 * and add the points to the players' scores.
 */
export function closeCodingRound(state: RoomState, round: CodingRound, now: number): Transition {
  const drainUntil = state.codingDrainUntil;
  if (pendingEvaluations(state) > 0 && (drainUntil === null || now < drainUntil)) {
    // Already draining: keep waiting for the last evaluation or the drain timer.
    if (drainUntil !== null) return { state, effects: [] };
    const until = now + DRAIN_LIMIT_MS;
    return {
      // The deadline moves to now: nothing new is accepted while the queue drains.
      state: {
        ...state,
        codingDrainUntil: until,
        questionDeadline: Math.min(state.questionDeadline ?? now, now),
      },
      effects: [
        {
          type: "schedule",
          key: "question",
          at: until,
          event: { type: "timer:question-ended", questionIndex: state.questionIndex },
        },
        { type: "publish" },
      ],
    };
  }

  const standings = finalStandings(state, round);
  const players = { ...state.players };
  const coding = { ...state.coding };
  for (const s of standings) {
    const p = players[s.entry.playerId];
    if (!p) continue;
    players[p.id] = {
      ...p,
      score: p.score + s.points,
      answeredCount: p.answeredCount + 1,
      correctCount: p.correctCount + (s.aboveFloor ? 1 : 0),
    };
    coding[p.id] = {
      ...codingPlayer(state, p.id),
      result: {
        submissionId: s.entry.submissionId,
        rank: s.rank,
        aboveFloor: s.aboveFloor,
        points: s.points,
      },
    };
  }
  return {
    state: { ...state, players, coding, codingDrainUntil: null, phase: "reveal" },
    effects: [
      { type: "cancel", key: "question" },
      {
        type: "persist",
        op: {
          kind: "coding-round-closed",
          questionIndex: state.questionIndex,
          results: standings.map((s) => ({
            playerId: s.entry.playerId,
            submissionId: s.entry.submissionId,
            rank: s.rank,
            points: s.points,
            aboveFloor: s.aboveFloor,
          })),
        },
      },
      { type: "publish" },
    ],
  };
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
  const player = Object.hasOwn(state.players, playerId) ? state.players[playerId] : undefined;
  if (!player) return state.kicked.includes(playerId) ? "KICKED" : "PLAYER_NOT_FOUND";
  const rq = state.questions[state.questionIndex];
  if (state.phase !== "question" || questionIndex !== state.questionIndex || !isCodingRound(rq)) {
    return state.questionIndex === questionIndex ? "ANSWER_TOO_LATE" : "QUESTION_NOT_CURRENT";
  }
  if (
    state.questionDeadline === null ||
    now > state.questionDeadline ||
    state.codingDrainUntil !== null
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
  const player = state.players[event.playerId]!;
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
  if (updated.codingDrainUntil !== null && pendingEvaluations(updated) === 0) {
    return { ok: true, ...closeCodingRound(updated, rq.question, now) };
  }
  return { ok: true, state: updated, effects: [{ type: "publish" }] };
}
