import type { CodingRound } from "../coding/round";
import { codingRoundPoints } from "../model/scoring";
import {
  chosenEntries,
  codingPlayer,
  pendingEvaluations,
  rankCodingEntries,
  roundTarget,
} from "./coding";
import type { Transition } from "./transitions";
import { keyedGet, keyedSet } from "./keyed-map";
import type { RoomState } from "./types";

/**
 * The end of a coding round: the drain that waits for every acknowledged evaluation, the final
 * standings on the private split, and the points they add to the room's scores. Pure, like the
 * rest of the engine; lib/game/coding.ts has the round's running part.
 */

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
  for (const s of standings) {
    const p = keyedGet(players, s.entry.playerId);
    if (!p) continue;
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
    state: { ...state, players, coding, codingDrain: null, phase: "reveal" },
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
