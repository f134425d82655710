import { Server } from "socket.io";
import { describe, expect, it } from "vitest";
import { createRoomState } from "@/lib/game/create-room";
import { step } from "@/lib/game/engine";
import type { EngineEvent, RoomState } from "@/lib/game/types";
import { playerViews, roomView } from "@/lib/game/views";
import { RoomSettingsSchema } from "@/lib/contract/schemas";
import {
  encodeSharedFrame,
  installSharedFrameEncoder,
  roomWithOwnView,
} from "@/server/realtime/shared-room-frames";
import { singleChoice } from "../support/questions";

/** The spliced frame must be exactly what Socket.IO's own encoder makes of `{ ...room, me }`. */

const T0 = 1_700_000_000_000;
function run(state: RoomState, event: EngineEvent, now = T0): RoomState {
  const result = step(state, event, now);
  if (!result.ok) throw new Error(result.error);
  return result.state;
}

function revealed(): RoomState {
  let s = createRoomState({
    roomId: "r",
    code: "ABC234",
    hostUserId: "h",
    settings: RoomSettingsSchema.parse({}),
    questions: [{ id: "q", question: singleChoice({ options: 4, correct: 1 }) }],
    now: T0,
    random: () => 0.5,
    hashSeed: [1, 2],
  });
  for (const id of ["ann", "bob", 'quo"te\\'])
    s = run(s, { type: "player:join", playerId: id, nickname: id.slice(0, 3), userId: null });
  s = run(s, { type: "host:start" });
  s = run(s, {
    type: "player:answer",
    playerId: "ann",
    questionIndex: 0,
    answer: { type: "single", choice: 1 },
  });
  return run(s, { type: "host:next" }, T0 + 5_000);
}

describe("shared room frames", () => {
  // Not attached to any HTTP server: nothing listens, only the encoders are used.
  const io = new Server();
  const plain = new Server(); // keeps Socket.IO's default encoder for comparison
  installSharedFrameEncoder(io);

  it("encodes each player's frame byte for byte as the default encoder would", () => {
    const state = revealed();
    const room = roomView(state, T0 + 5_000);
    const views = playerViews(state, T0 + 5_000);
    expect(views.length).toBe(3);
    for (const me of views) {
      const update = roomWithOwnView(room, me);
      // A plain copy (what msgpack or any clone would carry) has no marker and the same JSON.
      expect(JSON.parse(JSON.stringify(update))).toEqual({ ...room, me });
      for (const packet of [
        { type: 2, nsp: "/", data: ["room:update", update] },
        // Connection-state recovery appends an offset; another namespace prefixes its name.
        { type: 2, nsp: "/", data: ["room:update", update, "1700000000000-3"] },
        { type: 2, nsp: "/admin", data: ["room:update", update] },
      ]) {
        const fast = encodeSharedFrame(packet);
        expect(fast).not.toBeNull();
        const copy = { ...packet, data: JSON.parse(JSON.stringify(packet.data)) as unknown[] };
        expect(fast).toBe(plain.encoder.encode(copy)[0]);
        expect(io.encoder.encode(packet)).toEqual([fast]);
      }
    }
  });

  it("leaves every other packet to the default encoder", () => {
    const room = roomView(revealed(), T0);
    for (const packet of [
      { type: 2, nsp: "/", data: ["room:update", room] },
      { type: 2, nsp: "/", data: ["lobby:update", { count: 1 }] },
      { type: 3, nsp: "/", id: 7, data: [{ ok: true }] },
      { type: 0, nsp: "/", data: { sid: "x" } },
    ]) {
      expect(encodeSharedFrame(packet)).toBeNull();
      expect(io.encoder.encode(packet)).toEqual(plain.encoder.encode(packet));
    }
  });
});
