import { createRoomState } from "@/lib/game/create-room";
import { step } from "@/lib/game/engine";
import type { EngineEvent, RoomState } from "@/lib/game/types";
import { deepFreeze } from "./deep-freeze";
import { singleChoice } from "./questions";

/** The clock of the self-paced engine tests: the room opens at T0 and closes an hour later. */
export const T0 = 1_700_000_000_000;
export const CLOSES = T0 + 3_600_000;
export const REVEAL = 4_000;

/**
 * A one-player room (an attempt, lib/game/self-paced.ts) of two-option single-choice questions,
 * 20 s each: `correct[i]` is question i's right option, its id `ids[i]`. `selfPaced: false` gives
 * the same room run live (for what a live room must refuse).
 */
export function soloRoom(opts: {
  correct: readonly number[];
  ids?: readonly string[];
  codingRounds?: Parameters<typeof createRoomState>[0]["codingRounds"];
  random?: number;
  selfPaced?: boolean;
}): RoomState {
  const state = createRoomState({
    roomId: "room-1",
    code: "ABC234",
    hostUserId: "owner-1",
    settings: { scoring: "speed", streakBonus: true, defaultTimeLimitSec: 20, maxPlayers: 1 },
    questions: opts.correct.map((correct, i) => {
      const id = opts.ids?.[i] ?? `q${i}`;
      return { id, question: { ...singleChoice({ options: 2, correct }), id } };
    }),
    codingRounds: opts.codingRounds ?? [],
    now: T0,
    random: () => opts.random ?? 0.5,
    hashSeed: [1, 2],
  });
  return opts.selfPaced === false
    ? state
    : { ...state, selfPaced: { revealMs: REVEAL, closesAt: CLOSES } };
}

/** One engine step on a frozen state (the engine never mutates); a refusal fails the test. */
export function stepOrThrow(state: RoomState, event: EngineEvent, now: number) {
  const result = step(deepFreeze(state), event, now);
  if (!result.ok) throw new Error(`${event.type} refused: ${result.error}`);
  return result;
}
