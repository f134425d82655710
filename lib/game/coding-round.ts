import type { CodingRound } from "../coding/round";
import { codingRoundPoints } from "../model/scoring";
import { assertNever } from "../contract/errors";
import { chosenEntries, rankCodingEntries, roundTarget, submissionRefusal } from "./coding";
import { keyedGet, keyedSet } from "./keyed-map";
import { codingPlayer, drainComplete, isCodingRound, pendingEvaluations } from "./room-state";
import { withTeamGains } from "./teams";
import type { Effect, EngineEvent, RoomQuestion, RoomState, StepResult, Transition } from "./types";

/**
 * Coding rounds as a sub-reducer of the room engine. Submissions arrive over HTTP, are stored,
 * then scored by the evaluator process; this counts them against the round's cap, keeps each
 * player's evaluated entries, and turns the final ranking into room points when the round closes.
 *
 * A round that closes while evaluations are still running waits for every one of them, however
 * long that takes: an acknowledged (202) submission is always ranked, never dropped. There is no
 * cut-off because the evaluator answers every job (a rejection on a crash or a time-out), so the
 * wait is bounded by the evaluator's own limits, not by a timer here. Meanwhile the views carry
 * the number of models still being scored, and no new submission is accepted.
 */

export type CodingEvent = Extract<EngineEvent, { type: "coding:submit" | "coding:evaluated" }>;

/** The round's own events; its close comes through the engine's closeQuestion (closeCodingRound). */
export function stepCodingRound(state: RoomState, event: CodingEvent, now: number): StepResult {
  switch (event.type) {
    case "coding:submit":
      return submitModel(state, event, now);
    case "coding:evaluated":
      return recordEvaluation(state, event, now);
    default:
      return assertNever(event, "coding event");
  }
}

/** A stored submission takes one of the player's slots in the current coding round. */
function submitModel(
  state: RoomState,
  event: Extract<EngineEvent, { type: "coding:submit" }>,
  now: number,
): StepResult {
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
function recordEvaluation(
  state: RoomState,
  event: Extract<EngineEvent, { type: "coding:evaluated" }>,
  now: number,
): StepResult {
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

/**
 * Final standings of a coding round: chosen entries ranked on the private split, with points.
 * Kicked players are left out: their models must not take a rank (and points) from the others.
 */
export function finalStandings(state: RoomState, round: CodingRound) {
  const chosen = chosenEntries(state, roundTarget(round, state.codingBaseline, "public"));
  const ranked = rankCodingEntries(
    chosen,
    "private",
    roundTarget(round, state.codingBaseline, "private"),
  );
  const points = codingRoundPoints(ranked, state.counts.players);
  return ranked.map((r) => ({
    entry: r.entry,
    rank: r.rank,
    aboveFloor: r.aboveFloor,
    tooLarge: r.tooLarge,
    points: points.get(r.id) ?? 0,
  }));
}

/**
 * Closing a coding round. With evaluations still running it only starts the drain (nothing new is
 * accepted; the views show how many models are being scored); the engine calls it again once the
 * last verdict is in (drainComplete). Then it ranks on the private split and adds the points.
 * `endGame`: the host ended the game; remembered through the drain so the caller can go on to the
 * podium once the standings are in.
 */
export function closeCodingRound(
  state: RoomState,
  round: CodingRound,
  now: number,
  opts: { endGame?: boolean } = {},
): Transition {
  if (pendingEvaluations(state) > 0) {
    const endGame = (state.codingDrain?.endGame ?? false) || (opts.endGame ?? false);
    if (state.codingDrain !== null) {
      // Already draining: host:next, a stale timer or a repeated close change nothing.
      if (endGame === state.codingDrain.endGame) return { state, effects: [] };
      return {
        state: { ...state, codingDrain: { ...state.codingDrain, endGame } },
        effects: [{ type: "publish" }],
      };
    }
    return {
      // The deadline moves to now: the clocks stop and nothing new is accepted while draining.
      state: {
        ...state,
        codingDrain: { startedAt: now, endGame },
        questionDeadline: Math.min(state.questionDeadline ?? now, now),
      },
      effects: [{ type: "cancel", key: "question" }, { type: "publish" }],
    };
  }

  const standings = finalStandings(state, round);
  let players = state.players;
  const coding = { ...state.coding };
  // Team mode: each team's gain, added to its sum once (teams.ts).
  const gains: number[] = [];
  for (const s of standings) {
    const p = keyedGet(players, s.entry.playerId);
    if (!p) continue;
    if (p.team !== undefined) gains[p.team] = (gains[p.team] ?? 0) + s.points;
    players = keyedSet(players, p.id, {
      ...p,
      score: p.score + s.points,
      answeredCount: p.answeredCount + 1,
      correctCount: p.correctCount + (s.aboveFloor ? 1 : 0),
    });
    coding[p.id] = {
      ...codingPlayer(state, p.id),
      result: {
        submissionId: s.entry.submissionId,
        rank: s.rank,
        aboveFloor: s.aboveFloor,
        tooLarge: s.tooLarge,
        points: s.points,
      },
    };
  }
  return {
    state: {
      ...state,
      players,
      coding,
      codingDrain: null,
      phase: "reveal",
      ...(state.teams && { teams: withTeamGains(state.teams, gains) }),
    },
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
      { type: "publish", ownViews: "all" },
    ],
  };
}
