import { describe, expect, it } from "vitest";
import { RoomSettingsSchema } from "@/lib/contract/schemas";
import { createRoomState } from "@/lib/game/create-room";
import { step } from "@/lib/game/engine";
import { findPlayer } from "@/lib/game/room-state";
import type { AnswerVerdict, BatchedJoin, Effect, RoomState, StepResult } from "@/lib/game/types";
import { deepFreeze } from "../support/deep-freeze";
import { singleChoice } from "../support/questions";

/**
 * player:joins seats a burst of joins in one step. Join by join it must say exactly what joining
 * them one at a time would say (a refused one changes nothing), and send the lobby's frames once.
 */

function ok(result: StepResult) {
  if (!result.ok) throw new Error(result.error);
  return result;
}

function lobby(maxPlayers = 50): RoomState {
  return createRoomState({
    roomId: "r1",
    code: "ABCDEF",
    hostUserId: "h1",
    settings: RoomSettingsSchema.parse({ maxPlayers }),
    questions: [{ id: "a", question: singleChoice({ options: 2, correct: 1 }) }],
    now: 0,
    random: () => 0.5,
    hashSeed: [1, 2],
  });
}

const j = (playerId: string, nickname: string, at: number): BatchedJoin => ({
  playerId,
  nickname,
  userId: null,
  receivedAt: at,
});

/** The same joins one by one, as the runtime stepped them before the batch event. */
function oneByOne(state: RoomState, joins: BatchedJoin[]) {
  let current = state;
  const persisted: Effect[] = [];
  const verdicts: AnswerVerdict[] = joins.map(({ receivedAt, ...join }) => {
    const result = step(current, { type: "player:join", ...join }, receivedAt);
    if (!result.ok) return { ok: false, error: result.error };
    current = result.state;
    persisted.push(...result.effects.filter((e) => e.type === "persist"));
    return { ok: true };
  });
  return { state: current, persisted, verdicts };
}

describe("player:joins (a burst in one step)", () => {
  it("seats each valid join and refuses each invalid one with its own code", () => {
    const s = ok(
      step(lobby(4), { type: "player:join", playerId: "p0", nickname: "Ana", userId: null }, 1),
    ).state;
    const joins = [
      j("p1", "Bo", 10),
      j("p2", "ＡＮＡ", 11), // looks the same as Ana, who is already in
      j("p3", "bo", 12), // taken a moment ago, in this very burst
      j("p1", "Cy", 13), // a player id seated already
      j("p4", "  ", 14), // no nickname
      j("p5", "Dee", 15),
      j("p6", "Eve", 16),
      j("p7", "Flo", 17), // the room holds four
    ];
    const before = JSON.stringify(s);
    const result = ok(step(deepFreeze(s), { type: "player:joins", joins }, 99));
    expect(JSON.stringify(s)).toBe(before);
    expect(result.verdicts).toEqual([
      { ok: true },
      { ok: false, error: "NICKNAME_TAKEN" },
      { ok: false, error: "NICKNAME_TAKEN" },
      { ok: false, error: "INVALID_PAYLOAD" },
      { ok: false, error: "NICKNAME_INVALID" },
      { ok: true },
      { ok: true },
      { ok: false, error: "ROOM_FULL" },
    ]);
    const expected = oneByOne(s, joins);
    expect(result.state).toEqual(expected.state);
    expect(result.verdicts).toEqual(expected.verdicts);
    // Each join is dated by its own arrival, not by the batch.
    expect(findPlayer(result.state, "p5")?.joinedAt).toBe(15);
    expect(result.state.counts).toMatchObject({ players: 4, connected: 4 });
    // One write's worth of rows, and the lobby's frames once for the lot.
    expect(result.effects.filter((e) => e.type === "persist")).toEqual(expected.persisted);
    expect(result.effects.filter((e) => e.type !== "persist")).toEqual([
      { type: "lobby" },
      { type: "publish" },
    ]);
  });

  it("changes nothing and sends nothing when every join is refused", () => {
    const s = lobby();
    const locked = ok(step(s, { type: "host:lock", locked: true }, 1)).state;
    const result = ok(step(locked, { type: "player:joins", joins: [j("p1", "Bo", 5)] }, 9));
    expect(result.verdicts).toEqual([{ ok: false, error: "ROOM_LOCKED" }]);
    expect(result.state).toBe(locked);
    expect(result.effects).toEqual([]);
  });
});
