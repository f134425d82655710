import type { CodingRound } from "../coding/round";
import { keyedGet, keyedValues } from "./keyed-map";
import type {
  AnswerRecord,
  CodingPlayerState,
  PlayerState,
  RoomQuestion,
  RoomState,
} from "./types";

/**
 * Reading the room state: the look-ups every part of the engine and the views share. They change
 * nothing and import nothing of the game's rules, so any module may use them without a circle.
 */

// Own-property lookups, so an id such as "constructor" never finds Object.prototype's members.
export function findPlayer(state: RoomState, playerId: string): PlayerState | undefined {
  return keyedGet(state.players, playerId);
}

export function findAnswer(state: RoomState, playerId: string): AnswerRecord | undefined {
  return keyedGet(state.answers, playerId);
}

/** Every player, in no particular order. O(players): for sends and transitions, not per event. */
export function allPlayers(state: RoomState): PlayerState[] {
  return keyedValues(state.players);
}

/** Every player by join time (ties by id, so the order is the same on every server). */
export function inJoinOrder(state: RoomState): PlayerState[] {
  return allPlayers(state).sort(
    (a, b) => a.joinedAt - b.joinedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

export function currentQuestion(state: RoomState): RoomQuestion | undefined {
  return state.questions[state.questionIndex];
}

/**
 * Answers of connected players out of the connected players, and how many are offline. Both
 * numbers leave together when a player drops, so the host never sees "0 / 5" turn into "1 / 4".
 * O(1): read from the counts every event keeps.
 */
export function answerProgress(state: RoomState): {
  answered: number;
  connected: number;
  offline: number;
} {
  const { players, connected, answeredConnected } = state.counts;
  return { answered: answeredConnected, connected, offline: players - connected };
}

/** Whether the question can close early: nobody connected is still to answer. O(1). */
export function everyConnectedPlayerAnswered(state: RoomState): boolean {
  return state.counts.answeredConnected === state.counts.connected;
}

export function isCodingRound(
  rq: RoomQuestion | undefined,
): rq is RoomQuestion & { question: CodingRound } {
  return rq?.question.type === "coding";
}

/** A player's submissions in the current coding round (none yet: an empty record). */
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
