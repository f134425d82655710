import { describe, expect, it } from "vitest";
import { RoomSettingsSchema } from "@/lib/contract/schemas";
import { createRoomState } from "@/lib/game/create-room";
import { step } from "@/lib/game/engine";
import {
  emptyKeyedMap,
  keyedChanges,
  keyedDelete,
  keyedFromEntries,
  keyedGet,
  keyedKeys,
  keyedSet,
  type KeyedMap,
} from "@/lib/game/keyed-map";
import type { EngineEvent, RoomState } from "@/lib/game/types";
import { roomWrites, writesBytes } from "@/server/redis/room-layout";
import type { RoomCommit } from "@/server/realtime/room-store";
import { seededRandom } from "../support/seeded-random";
import { singleChoice } from "../support/questions";

/**
 * The Redis store writes what changed since the commit's base. These tests pin the two halves
 * that make that safe: the changes found by identity are exactly the changes, and a map read
 * back entry by entry is the same map. (The store itself is in the RoomStore contract suite.)
 */

const entriesOf = <V>(map: KeyedMap<V>) =>
  new Map(keyedKeys(map).map((key) => [key, keyedGet(map, key)]));

describe("keyed map changes and rebuild", () => {
  it("finds exactly the keys set and deleted between two versions", () => {
    const random = seededRandom(11);
    const keys = [
      "__proto__",
      "constructor",
      "",
      ...Array.from({ length: 400 }, (_, i) => `k${i}`),
    ];
    let base: KeyedMap<number> = emptyKeyedMap([5, 6]);
    for (const key of keys) if (random() < 0.5) base = keyedSet(base, key, 0);
    for (let round = 0; round < 50; round++) {
      let next = base;
      const edits = 1 + Math.floor(random() * 30);
      for (let i = 0; i < edits; i++) {
        const key = keys[Math.floor(random() * keys.length)]!;
        next = random() < 0.6 ? keyedSet(next, key, round * 100 + i) : keyedDelete(next, key);
      }
      const changes = keyedChanges(base, next);
      if (!changes) throw new Error("same seed, so never null");
      const replayed = entriesOf(base);
      for (const key of changes.deleted) replayed.delete(key);
      for (const [key, value] of changes.set) replayed.set(key, value);
      expect(replayed).toEqual(entriesOf(next));
      // Only what moved: no key reported that holds the same value on both sides.
      for (const [key, value] of changes.set) expect(keyedGet(base, key)).not.toBe(value);
      expect(keyedFromEntries(next.seed, entriesOf(next).entries())).toEqual(next);
      base = next;
    }
    expect(keyedChanges(base, base)).toEqual({ set: [], deleted: [] });
    expect(keyedChanges(base, emptyKeyedMap([7, 8]))).toBeNull();
  });

  it("rebuilds odd keys as plain own keys", () => {
    const map = keyedSet(keyedSet(emptyKeyedMap<number>([1, 2]), "__proto__", 1), "constructor", 2);
    const rebuilt = keyedFromEntries(map.seed, [
      ["__proto__", 1],
      ["constructor", 2],
    ]);
    expect(rebuilt).toEqual(map);
    expect(keyedGet(rebuilt, "__proto__")).toBe(1);
    expect(Object.getPrototypeOf(rebuilt.root)).toBe(Object.prototype);
  });
});

describe("Redis room layout: a commit writes what changed", () => {
  const PLAYERS = 300;
  function fullRoom(): RoomState {
    let state = createRoomState({
      roomId: "r",
      code: "LAY234",
      hostUserId: "h",
      settings: RoomSettingsSchema.parse({ maxPlayers: 10_000 }),
      questions: [0, 1].map((i) => ({
        id: `q${i}`,
        question: singleChoice({ options: 2, correct: 1 }),
      })),
      now: 0,
      random: () => 0.5,
      hashSeed: [1, 2],
    });
    const apply = (event: EngineEvent) => {
      const result = step(state, event, 1_000);
      if (!result.ok) throw new Error(result.error);
      state = result.state;
    };
    for (let i = 0; i < PLAYERS; i++) {
      apply({ type: "player:join", playerId: `p${i}`, nickname: `player ${i}`, userId: null });
    }
    apply({ type: "host:start" });
    return state;
  }
  const commitOf = (state: RoomState): RoomCommit => ({ state, timers: {}, activeAt: 1 });

  it("sends one answer and the room's small fields for an answer, not the room", () => {
    const base = commitOf(fullRoom());
    const result = step(
      base.state,
      {
        type: "player:answer",
        playerId: "p7",
        questionIndex: 0,
        answer: { type: "single", choice: 1 },
      },
      2_000,
    );
    if (!result.ok) throw new Error(result.error);
    const writes = roomWrites(commitOf(result.state), base);
    expect(writes.questions).toBeNull();
    expect(writes.maps.answers).toMatchObject({ reset: false, deleted: [] });
    expect(writes.maps.answers.set.map(([key]) => key)).toEqual(["p7"]);
    expect(writes.maps.players.set).toEqual([]);
    expect(writes.maps.nicknames.set).toEqual([]);
    const full = writesBytes(roomWrites(commitOf(result.state)));
    expect(writesBytes(writes)).toBeLessThan(full / 20);
  });

  it("sends a player who dropped as that one player", () => {
    const base = commitOf(fullRoom());
    const result = step(
      base.state,
      { type: "player:connection", playerId: "p3", connected: false },
      2_000,
    );
    if (!result.ok) throw new Error(result.error);
    const writes = roomWrites(commitOf(result.state), base);
    expect(writes.maps.players.set.map(([key]) => key)).toEqual(["p3"]);
    expect(writes.maps.nicknames.set).toEqual([]);
    expect(writes.maps.answers.set).toEqual([]);
  });
});
