import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { RoomSettingsSchema } from "@/lib/contract/schemas";
import { createRoomState } from "@/lib/game/create-room";
import { step } from "@/lib/game/engine";
import type { EngineEvent, RoomState } from "@/lib/game/types";
import type { RedisClient } from "@/server/redis/client";
import { RedisRoomStore } from "@/server/redis/redis-room-store";
import { InMemoryRoomStore, type RoomCommit, type RoomStore } from "@/server/realtime/room-store";
import { singleChoice } from "../support/questions";
import { dropPrefix, testPrefix, testRedis } from "../support/redis";

/**
 * One contract, two stores: whatever the runtime relies on (create-if-absent, the fenced
 * compare-and-set commit, leases) must hold for the in-memory default and for Redis alike. The
 * Redis store runs on the shared instance under a per-test key prefix, removed afterwards.
 */

const CODE = "QWE234";

function room(code = CODE): RoomState {
  return createRoomState({
    roomId: `room-${code}`,
    code,
    hostUserId: "host",
    settings: RoomSettingsSchema.parse({ defaultTimeLimitSec: 20 }),
    questions: [0, 1].map((i) => ({
      id: `q${i}`,
      question: singleChoice({ options: 2, correct: 1 }),
    })),
    now: 1_700_000_000_000,
    random: () => 0.5,
    hashSeed: [3, 4],
  });
}

function stepped(state: RoomState, event: EngineEvent): RoomState {
  const result = step(state, event, 1_700_000_001_000);
  if (!result.ok) throw new Error(result.error);
  return result.state;
}

const join = (id: string): EngineEvent => ({
  type: "player:join",
  playerId: id,
  nickname: id,
  userId: null,
});
const commitOf = (state: RoomState, activeAt = 1): RoomCommit => ({ state, timers: {}, activeAt });

interface Backend {
  name: string;
  /** `clock` drives the memory store's lease expiry; Redis expires keys on its own clock. */
  make(clock: { now: number }): Promise<RoomStore>;
  /** Waits until a lease of `ttlMs` taken now has expired. */
  expire(clock: { now: number }, ttlMs: number): Promise<void>;
  cleanup(): Promise<void>;
}

let redis: RedisClient;
let prefix = "";

const BACKENDS: Backend[] = [
  {
    name: "memory",
    make: (clock) => Promise.resolve(new InMemoryRoomStore(() => clock.now)),
    expire: (clock, ttlMs) => {
      clock.now += ttlMs + 1;
      return Promise.resolve();
    },
    cleanup: () => Promise.resolve(),
  },
  {
    name: "redis",
    make: () => {
      prefix = testPrefix();
      return Promise.resolve(new RedisRoomStore(redis, prefix));
    },
    expire: (_clock, ttlMs) => new Promise((resolve) => setTimeout(resolve, ttlMs + 20)),
    cleanup: () => dropPrefix(redis, prefix),
  },
];

beforeAll(async () => {
  redis = await testRedis();
});
afterAll(() => redis.destroy());

describe.each(BACKENDS)("RoomStore contract: $name", (backend) => {
  let store: RoomStore;
  const clock = { now: 1_000 };
  beforeEach(async () => {
    store = await backend.make(clock);
  });
  afterEach(() => backend.cleanup());

  it("creates a room once and reads back exactly what was written", async () => {
    const state = stepped(room(), join("ann"));
    expect(await store.has(CODE)).toBe(false);
    expect(await store.create(commitOf(state, 42))).toBe(true);
    expect(await store.create(commitOf(room()))).toBe(false);
    expect(await store.get(CODE)).toEqual(state);
    const record = await store.load(CODE);
    expect(record).toEqual({ state, timers: {}, activeAt: 42, version: 1 });
    expect(await store.has(CODE)).toBe(true);
    expect(await store.get("NOPE23")).toBeNull();
  });

  it("commits only on the version read, and each commit bumps it", async () => {
    await store.create(commitOf(room()));
    const first = stepped(room(), join("ann"));
    const timers = { question: { at: 5, event: { type: "timer:progress" as const } } };
    expect(await store.commit(CODE, 1, { state: first, timers, activeAt: 7 })).toBe("ok");
    // A writer that read version 1 too lost the race: nothing of it is written.
    expect(await store.commit(CODE, 1, commitOf(stepped(room(), join("bob"))))).toBe("conflict");
    expect(await store.load(CODE)).toEqual({ state: first, timers, activeAt: 7, version: 2 });
    expect(await store.version(CODE)).toBe(2);
    expect(await store.version("NOPE23")).toBeNull();
    expect(await store.commit("NOPE23", 1, commitOf(room("NOPE23")))).toBe("missing");
  });

  it("applies concurrent read-step-commit loops without losing an update", async () => {
    await store.create(commitOf(room()));
    const ids = Array.from({ length: 12 }, (_, i) => `p${i}`);
    // Every writer retries on conflict, as a stale reader must.
    await Promise.all(
      ids.map(async (id) => {
        for (;;) {
          const record = await store.load(CODE);
          if (!record) throw new Error("gone");
          const next = commitOf(stepped(record.state, join(id)));
          if ((await store.commit(CODE, record.version, next)) === "ok") return;
        }
      }),
    );
    const final = await store.load(CODE);
    expect(final?.state.counts.players).toBe(ids.length);
    expect(final?.version).toBe(ids.length + 1);
  });

  it("reads back every commit given its base exactly, whatever it wrote", async () => {
    // A game's worth of changes: joins, answers, a kick (nickname keys deleted), the reveal (every
    // player's score), the next question (answers cleared). A store may write only the delta
    // from the base; a full write (no base) must read back the same.
    const answer = (id: string, choice: number): EngineEvent => ({
      type: "player:answer",
      playerId: id,
      questionIndex: 0,
      answer: { type: "single", choice },
    });
    const events: EngineEvent[] = [
      ...["ann", "bob", "cy", "dee", "eve"].map(join),
      { type: "host:kick", playerId: "dee" },
      { type: "host:start" },
      answer("ann", 1),
      answer("bob", 0),
      { type: "player:connection", playerId: "cy", connected: false },
      answer("eve", 1),
      { type: "host:next" },
    ];
    let base: RoomCommit = commitOf(room());
    await store.create(base);
    for (const [i, event] of events.entries()) {
      const next = { ...commitOf(stepped(base.state, event), i), timers: {} };
      const withBase = i % 3 !== 2; // every third commit without a base: a full write
      const outcome = await store.commit(CODE, i + 1, next, undefined, withBase ? base : undefined);
      expect(outcome).toBe("ok");
      expect(await store.load(CODE)).toEqual({ ...next, version: i + 2 });
      base = next;
    }
    // Everyone connected answered, so the question closed; host:next showed the leaderboard.
    expect(base.state.phase).toBe("leaderboard");
    const opened = commitOf(stepped(base.state, { type: "host:next" }));
    expect(opened.state.questionIndex).toBe(1);
    expect(await store.commit(CODE, events.length + 1, opened, undefined, base)).toBe("ok");
    expect(await store.get(CODE)).toEqual(opened.state);
    expect(opened.state.answers.size).toBe(0);
  });

  it("writes nothing of a refused delta", async () => {
    const first = commitOf(stepped(room(), join("ann")));
    await store.create(first);
    const second = commitOf(stepped(first.state, join("bob")));
    expect(await store.commit(CODE, 1, second, undefined, first)).toBe("ok");
    // A writer still on version 1 (stale): its delta from `first` must not land.
    const stale = commitOf(stepped(first.state, join("cy")));
    expect(await store.commit(CODE, 1, stale, undefined, first)).toBe("conflict");
    expect(await store.acquireLease(CODE, "a", 10_000)).toBe(true);
    const third = commitOf(stepped(second.state, join("dee")));
    expect(await store.commit(CODE, 2, third, "b", second)).toBe("not-owner");
    expect(await store.load(CODE)).toEqual({ ...second, version: 2 });
  });

  it("lists summaries and forgets deleted rooms", async () => {
    await store.create(commitOf(stepped(room(), join("ann")), 9));
    await store.create(commitOf(room("ZXC234")));
    const summaries = await store.summaries();
    expect(summaries.map((s) => s.code).sort()).toEqual([CODE, "ZXC234"]);
    expect(summaries.find((s) => s.code === CODE)).toEqual({
      code: CODE,
      roomId: `room-${CODE}`,
      phase: "lobby",
      connected: 1,
      endedAt: null,
      activeAt: 9,
    });
    await store.acquireLease(CODE, "node-a", 10_000);
    await store.delete(CODE);
    expect(await store.get(CODE)).toBeNull();
    expect(await store.leaseHolder(CODE)).toBeNull();
    expect((await store.summaries()).map((s) => s.code)).toEqual(["ZXC234"]);
  });

  it("gives the lease to one node at a time, renewed and released by its owner only", async () => {
    const taken = await Promise.all(
      ["a", "b", "c", "d"].map((node) => store.acquireLease(CODE, node, 10_000)),
    );
    expect(taken.filter(Boolean)).toHaveLength(1);
    const owner = ["a", "b", "c", "d"][taken.indexOf(true)]!;
    const other = owner === "a" ? "b" : "a";
    expect(await store.leaseHolder(CODE)).toBe(owner);
    expect(await store.acquireLease(CODE, owner, 10_000)).toBe(true);
    expect(await store.renewLease(CODE, other, 10_000)).toBe(false);
    await store.releaseLease(CODE, other);
    expect(await store.leaseHolder(CODE)).toBe(owner);
    await store.releaseLease(CODE, owner);
    expect(await store.leaseHolder(CODE)).toBeNull();
    expect(await store.acquireLease(CODE, other, 10_000)).toBe(true);
  });

  it("lets another node take the lease over once its holder stops renewing", async () => {
    expect(await store.acquireLease(CODE, "a", 150)).toBe(true);
    expect(await store.renewLease(CODE, "a", 150)).toBe(true);
    expect(await store.acquireLease(CODE, "b", 150)).toBe(false);
    await backend.expire(clock, 150);
    expect(await store.leaseHolder(CODE)).toBeNull();
    expect(await store.acquireLease(CODE, "b", 10_000)).toBe(true);
    // The old holder has not noticed: its renewal fails and so does a fenced commit.
    expect(await store.renewLease(CODE, "a", 150)).toBe(false);
    await store.create(commitOf(room()));
    const next = commitOf(stepped(room(), join("ann")));
    expect(await store.commit(CODE, 1, next, "a")).toBe("not-owner");
    expect(await store.commit(CODE, 1, next, "b")).toBe("ok");
  });
});
