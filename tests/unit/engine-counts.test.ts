import { describe, expect, it } from "vitest";
import { RoomSettingsSchema } from "@/lib/contract/schemas";
import { createRoomState } from "@/lib/game/create-room";
import { step } from "@/lib/game/engine";
import {
  emptyKeyedMap,
  keyedDelete,
  keyedGet,
  keyedHas,
  keyedKeys,
  keyedSet,
  keyedValues,
  type KeyedMap,
} from "@/lib/game/keyed-map";
import { nicknamesCollide } from "@/lib/game/nickname";
import type { EngineEvent, RoomState } from "@/lib/game/types";
import {
  allPlayers,
  answerProgress,
  everyConnectedPlayerAnswered,
  findAnswer,
} from "@/lib/game/room-state";
import { deepFreeze } from "../support/deep-freeze";
import { seededRandom } from "../support/seeded-random";
import { singleChoice } from "../support/questions";

/**
 * The counts and indexes that make answers and joins O(1) must say exactly what a scan of the
 * room would say, after any mix of events. Each check recomputes the answer the slow way.
 */

describe("KeyedMap", () => {
  it("behaves like a Map under random sets and deletes, and never changes an old version", () => {
    const random = seededRandom(7);
    const model = new Map<string, number>();
    let map: KeyedMap<number> = deepFreeze(emptyKeyedMap<number>([1, 2]));
    const keys = [
      "__proto__",
      "constructor",
      "toString",
      "",
      ...Array.from({ length: 300 }, (_, i) => `k${i}`),
    ];
    for (let i = 0; i < 3000; i++) {
      const key = keys[Math.floor(random() * keys.length)]!;
      const before = JSON.stringify(map);
      const previous = map;
      if (random() < 0.7) {
        map = deepFreeze(keyedSet(map, key, i));
        model.set(key, i);
      } else {
        map = deepFreeze(keyedDelete(map, key));
        model.delete(key);
      }
      expect(JSON.stringify(previous)).toBe(before);
      expect(map.size).toBe(model.size);
      expect(keyedGet(map, key)).toBe(model.get(key));
      expect(keyedHas(map, key)).toBe(model.has(key));
    }
    expect(new Map(keyedKeys(map).map((k) => [k, keyedGet(map, k)]))).toEqual(model);
    expect(keyedValues(map).sort()).toEqual([...model.values()].sort());
    expect(Object.getPrototypeOf(map.root)).toBe(Object.prototype);
  });

  it("survives a JSON round trip (a RoomStore may serialise the state)", () => {
    let map = emptyKeyedMap<{ n: number }>([1, 2]);
    for (let i = 0; i < 100; i++) map = keyedSet(map, `p${i}`, { n: i });
    const copy = JSON.parse(JSON.stringify(map)) as KeyedMap<{ n: number }>;
    expect(keyedGet(copy, "p42")).toEqual({ n: 42 });
    expect(keyedGet(copy, "constructor")).toBeUndefined();
    expect(copy.size).toBe(100);
  });
});

const SINGLE = singleChoice({ options: 2, correct: 0 });

function room(): RoomState {
  return createRoomState({
    roomId: "r1",
    code: "ABCDEF",
    hostUserId: "h1",
    settings: RoomSettingsSchema.parse({ maxPlayers: 40 }),
    questions: Array.from({ length: 30 }, (_, i) => ({ id: `q${i}`, question: SINGLE })),
    now: 0,
    random: () => 0.5,
    hashSeed: [1, 2],
  });
}

/** The counts, recomputed by scanning every player. */
function recount(state: RoomState) {
  const players = allPlayers(state);
  const answered = (id: string) => findAnswer(state, id) !== undefined;
  return {
    counts: {
      players: players.length,
      connected: players.filter((p) => p.connected).length,
      answeredConnected: players.filter((p) => p.connected && answered(p.id)).length,
    },
    progress: {
      answered: players.filter((p) => p.connected && answered(p.id)).length,
      connected: players.filter((p) => p.connected).length,
      offline: players.filter((p) => !p.connected).length,
    },
    everyone: players.every((p) => !p.connected || answered(p.id)),
  };
}

describe("room counts", () => {
  it("stay exact across joins, leaves, reconnects, kicks, answers and questions", () => {
    for (const seed of [1, 2, 3]) {
      const random = seededRandom(seed);
      const pick = <T>(xs: readonly T[]): T | undefined => xs[Math.floor(random() * xs.length)];
      let state = room();
      let now = 1;
      let nextId = 0;
      let accepted = 0;
      for (let i = 0; i < 1500; i++) {
        now += 10;
        const ids = allPlayers(state).map((p) => p.id);
        const roll = random();
        const event: EngineEvent | undefined =
          roll < 0.25
            ? {
                type: "player:join",
                playerId: `p${nextId++}`,
                nickname: `n${nextId}`,
                userId: null,
              }
            : roll < 0.5 && ids.length > 0
              ? { type: "player:connection", playerId: pick(ids)!, connected: random() < 0.5 }
              : roll < 0.55 && ids.length > 0
                ? { type: "host:kick", playerId: pick(ids)! }
                : roll < 0.85 && ids.length > 0
                  ? {
                      type: "player:answer",
                      playerId: pick(ids)!,
                      questionIndex: state.questionIndex,
                      answer: { type: "single", choice: random() < 0.5 ? 0 : 1 },
                    }
                  : state.phase === "lobby"
                    ? { type: "host:start" }
                    : { type: "host:next" };
        if (!event) continue;
        const result = step(deepFreeze(state), event, now);
        if (!result.ok) continue;
        accepted++;
        state = result.state;
        const truth = recount(state);
        expect(state.counts, `seed ${seed} step ${i} ${event.type}`).toEqual(truth.counts);
        expect(answerProgress(state)).toEqual(truth.progress);
        if (state.phase === "question") {
          expect(everyConnectedPlayerAnswered(state)).toBe(truth.everyone);
        }
        if (state.phase === "podium") state = room();
      }
      expect(accepted).toBeGreaterThan(500);
    }
  });
});

describe("nickname index", () => {
  const joinAll = (names: string[]) => {
    let state = room();
    const verdicts: boolean[] = [];
    names.forEach((nickname, i) => {
      const result = step(
        state,
        { type: "player:join", playerId: `p${i}`, nickname, userId: null },
        i,
      );
      verdicts.push(result.ok);
      if (result.ok) state = result.state;
      else expect(result.error).toBe("NICKNAME_TAKEN");
    });
    return { state, verdicts };
  };

  it("refuses exactly the names a scan with nicknamesCollide would refuse", () => {
    const names = [
      "Alice",
      "alice",
      "ALICE",
      "\u0410lice",
      "Αlice",
      "AIice",
      "A1ice",
      "Alíce",
      "Alicia",
      "Ana",
      "Anna",
      "ANA",
      "Ian",
      "Lan",
      "ian",
      "Bob0",
      "BobO",
      "modern",
      "rnodern",
      "张伟",
      "张三",
      "Zoë",
      "Zoe",
      "x",
      "X",
    ];
    const { verdicts } = joinAll(names);
    const kept: string[] = [];
    const expected = names.map((name) => {
      if (kept.some((k) => nicknamesCollide(k, name))) return false;
      kept.push(name);
      return true;
    });
    expect(verdicts).toEqual(expected);
  });

  it("frees a kicked player's name, and only theirs", () => {
    const { state } = joinAll(["Alice", "Bob"]);
    const kicked = step(state, { type: "host:kick", playerId: "p0" }, 10);
    if (!kicked.ok) throw new Error(kicked.error);
    const rejoin = (nickname: string) =>
      step(kicked.state, { type: "player:join", playerId: "p9", nickname, userId: null }, 11);
    expect(rejoin("\u0410lice").ok).toBe(true);
    expect(rejoin("BOB")).toEqual({ ok: false, error: "NICKNAME_TAKEN" });
  });
});
