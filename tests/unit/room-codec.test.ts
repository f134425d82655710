import { describe, expect, it } from "vitest";
import { RoomSettingsSchema } from "@/lib/contract/schemas";
import { createRoomState } from "@/lib/game/create-room";
import { step } from "@/lib/game/engine";
import type { EngineEvent, RoomState } from "@/lib/game/types";
import { decodeJson, encodeJson, RoomCodecError } from "@/server/realtime/room-codec";
import { singleChoice } from "../support/questions";

/** What a Redis store or a forwarded event carries between nodes must come back identical. */

function playedRoom(): RoomState {
  let state = createRoomState({
    roomId: "room-1",
    code: "ABC234",
    hostUserId: "host",
    settings: RoomSettingsSchema.parse({ defaultTimeLimitSec: 20 }),
    questions: [0, 1].map((i) => ({
      id: `q${i}`,
      question: singleChoice({ options: 2, correct: 1 }),
    })),
    now: 1_700_000_000_000,
    random: () => 0.5,
    hashSeed: [0xdeadbeef, 7],
  });
  const events: EngineEvent[] = [
    { type: "player:join", playerId: "ann", nickname: "Ann", userId: "u1" },
    { type: "player:join", playerId: "bob", nickname: "Bób 😀", userId: null },
    { type: "host:mute", playerId: "bob", muted: true },
    { type: "host:start" },
    {
      type: "player:answer",
      playerId: "ann",
      questionIndex: 0,
      answer: { type: "single", choice: 1 },
    },
  ];
  for (const event of events) {
    const result = step(state, event, 1_700_000_001_000);
    if (!result.ok) throw new Error(`${event.type}: ${result.error}`);
    state = result.state;
  }
  return state;
}

describe("room codec", () => {
  it("round-trips a room mid-question exactly (keyed maps, seeds, answers, unicode)", () => {
    const state = playedRoom();
    const back = decodeJson<RoomState>(encodeJson(state));
    expect(back).toEqual(state);
    // Another step on the decoded copy gives what it gives on the original.
    const event: EngineEvent = {
      type: "player:answer",
      playerId: "bob",
      questionIndex: 0,
      answer: { type: "single", choice: 0 },
    };
    expect(step(back, event, 1_700_000_002_000)).toEqual(step(state, event, 1_700_000_002_000));
  });

  it("carries a submission's bytes as bytes", () => {
    const body = new Uint8Array([0, 1, 2, 250, 255]);
    const event = { type: "coding:submit", submission: { id: "s", body } };
    const back = decodeJson<typeof event>(encodeJson(event));
    expect(back.submission.body).toBeInstanceOf(Uint8Array);
    expect([...back.submission.body]).toEqual([0, 1, 2, 250, 255]);
  });

  it("finds the tagged form however the text spells it (the fast path skips only plain text)", () => {
    const escaped = '{"body":{"\\u0024bytes":"AAH/"}}';
    expect(decodeJson<{ body: Uint8Array }>(escaped).body).toEqual(new Uint8Array([0, 1, 255]));
    expect(decodeJson('{"nick":"B\\u00f3b","n":[1,2]}')).toEqual({ nick: "Bób", n: [1, 2] });
  });

  it("refuses what JSON would silently change", () => {
    for (const bad of [
      { players: new Map([["a", 1]]) },
      { kicked: new Set(["a"]) },
      { score: Number.NaN },
      { score: Infinity },
      { list: [1, undefined] },
      { at: new Date(0) },
      { big: 1n },
      { f: () => 1 },
    ]) {
      expect(() => encodeJson(bad), JSON.stringify(Object.keys(bad))).toThrow(RoomCodecError);
    }
  });

  it("refuses text that is not JSON with a typed error", () => {
    expect(() => decodeJson("{nope")).toThrow(RoomCodecError);
  });
});
