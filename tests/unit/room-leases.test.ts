import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RoomSettingsSchema } from "@/lib/contract/schemas";
import { createRoomState } from "@/lib/game/create-room";
import type { EngineEvent } from "@/lib/game/types";
import { createLogger } from "@/server/logger";
import { RoomRuntime } from "@/server/realtime/room-runtime";
import { InMemoryRoomStore } from "@/server/realtime/room-store";
import { singleChoice } from "../support/questions";
import {
  FakeRoomRepository,
  LocalBusNetwork,
  RecordingTransport,
  noSubmissions,
} from "../support/runtime-fakes";

/**
 * Two runtimes ("nodes") over one store, on a fake clock: the lease makes one of them the room's
 * only writer, a lapsed lease moves the room (and its pending timers) to the other, and a node
 * that lost its lease cannot commit. The Redis store passes the same contract
 * (tests/integration/room-store-contract.test.ts); two real nodes are in redis-nodes.test.ts.
 */

const CODE = "LSE234";
const LIFETIMES = { leaseMs: 1_000, sweepMs: 200 };
const join = (id: string): EngineEvent => ({
  type: "player:join",
  playerId: id,
  nickname: id,
  userId: null,
});

function node(store: InMemoryRoomStore, nodeId: string, network?: LocalBusNetwork) {
  const transport = new RecordingTransport();
  const runtime = new RoomRuntime({
    ...(network && { bus: network.bus(nodeId) }),
    store,
    rooms: new FakeRoomRepository(),
    submissions: noSubmissions,
    transport,
    logger: createLogger("silent"),
    nodeId,
    lifetimes: LIFETIMES,
  });
  return { runtime, transport };
}

const room = () =>
  createRoomState({
    roomId: "room-1",
    code: CODE,
    hostUserId: "host",
    settings: RoomSettingsSchema.parse({ defaultTimeLimitSec: 20 }),
    questions: [0, 1].map((i) => ({
      id: `q${i}`,
      question: singleChoice({ options: 2, correct: 1 }),
    })),
    now: Date.now(),
    random: () => 0.5,
    hashSeed: [1, 2],
  });

/** Two nodes on one bus: ann joins on A, A's lease lapses, and B takes the room for bob's join. */
async function bobJoinsOnBWhileAStalls() {
  const store = new InMemoryRoomStore();
  const network = new LocalBusNetwork();
  const a = node(store, "a", network);
  const b = node(store, "b", network);
  await a.runtime.open(room());
  expect((await a.runtime.dispatch(CODE, join("ann"))).ok).toBe(true);
  await store.releaseLease(CODE, "a");
  expect((await b.runtime.dispatch(CODE, join("bob"))).ok).toBe(true);
  return { store, a, b };
}

describe("room leases", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"], now: 1_700_000_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("moves a room and its pending timer to another node once its node stops renewing", async () => {
    const store = new InMemoryRoomStore();
    const a = node(store, "a");
    const b = node(store, "b");
    await a.runtime.open(room());
    expect((await a.runtime.dispatch(CODE, join("ann"))).ok).toBe(true);
    expect((await a.runtime.dispatch(CODE, { type: "host:start" })).ok).toBe(true);
    const startedAt = Date.now();
    // Renewals keep A the holder far past one lease; B has no bus to forward on, so it waits.
    await vi.advanceTimersByTimeAsync(3 * LIFETIMES.leaseMs);
    expect(await store.leaseHolder(CODE)).toBe("a");
    expect(await b.runtime.dispatch(CODE, join("bob"))).toEqual({ ok: false, error: "BUSY" });
    expect((await store.get(CODE))?.counts.players).toBe(1);

    await a.runtime.close({ handOver: false }); // A dies: nothing is handed back
    await vi.advanceTimersByTimeAsync(LIFETIMES.leaseMs + 2 * LIFETIMES.sweepMs);
    expect(await store.leaseHolder(CODE)).toBe("b");
    expect((await store.get(CODE))?.phase).toBe("question");

    // The question's timer, set by A, fires on B at the deadline.
    await vi.advanceTimersByTimeAsync(startedAt + 20_000 - Date.now() - 1);
    expect((await store.get(CODE))?.phase).toBe("question");
    await vi.advanceTimersByTimeAsync(2);
    expect((await store.get(CODE))?.phase).toBe("reveal");
    expect(b.transport.sent.some((s) => "room" in s && s.room.phase === "reveal")).toBe(true);
    expect((await store.load(CODE))?.timers.question).toBeUndefined();
    await b.runtime.close();
  });

  it("refuses a commit from a node whose lease was taken, and changes nothing", async () => {
    const store = new InMemoryRoomStore();
    const a = node(store, "a");
    await a.runtime.open(room());
    const before = await store.load(CODE);
    // A stalls (say a long GC pause) and its lease passes to Z before A notices.
    await store.releaseLease(CODE, "a");
    expect(await store.acquireLease(CODE, "z", 60_000)).toBe(true);
    expect(await a.runtime.dispatch(CODE, join("ann"))).toEqual({ ok: false, error: "BUSY" });
    expect(await store.load(CODE)).toEqual(before);
    // From then on A forwards (no bus here: BUSY) instead of writing.
    expect(await a.runtime.dispatch(CODE, join("ann"))).toEqual({ ok: false, error: "BUSY" });
    expect(await store.load(CODE)).toEqual(before);
    await a.runtime.close();
  });

  it("writes a room back from its holder's copy when the store lost it (Redis came back empty)", async () => {
    const store = new InMemoryRoomStore();
    const a = node(store, "a");
    await a.runtime.open(room());
    expect((await a.runtime.dispatch(CODE, join("ann"))).ok).toBe(true);
    // Lost between two events: the next commit writes the copy back, then itself.
    await store.delete(CODE);
    expect((await a.runtime.dispatch(CODE, join("bob"))).ok).toBe(true);
    expect((await store.get(CODE))?.counts.players).toBe(2);
    expect(await store.leaseHolder(CODE)).toBe("a");
    // Lost while nothing happens: the lease renewal notices and writes it back.
    await store.delete(CODE);
    await vi.advanceTimersByTimeAsync(LIFETIMES.leaseMs);
    expect((await store.get(CODE))?.counts.players).toBe(2);
    expect(await store.leaseHolder(CODE)).toBe("a");
    await a.runtime.close();
  });

  it("answers an event reaching a node whose copy fell behind from the current state", async () => {
    // A stalls past its lease; B takes the room over for bob's join. A has not noticed yet.
    const { store, a, b } = await bobJoinsOnBWhileAStalls();
    // Bob's next intent reaches A, whose copy has no bob: not PLAYER_NOT_FOUND, but B's verdict.
    const dropped = { type: "player:connection", playerId: "bob", connected: false } as const;
    expect(await a.runtime.dispatch(CODE, dropped)).toEqual({ ok: true, data: null });
    expect(await a.runtime.get(CODE)).toMatchObject({ counts: { players: 2, connected: 1 } });
    expect(await store.leaseHolder(CODE)).toBe("b");
    await a.runtime.close();
    await b.runtime.close();
  });

  it("takes a lapsed lease back from the store's state, not its own older copy", async () => {
    // A stalls; B drives the room for a while (bob joins), then hands it back and leaves.
    const { store, a, b } = await bobJoinsOnBWhileAStalls();
    await b.runtime.close();
    // A's renewal finds the lease free and takes it again: its copy must be the store's.
    await vi.advanceTimersByTimeAsync(LIFETIMES.leaseMs / 2);
    expect(await store.leaseHolder(CODE)).toBe("a");
    expect((await a.runtime.get(CODE))?.counts.players).toBe(2);
    const dropped = { type: "player:connection", playerId: "bob", connected: false } as const;
    expect(await a.runtime.dispatch(CODE, dropped)).toEqual({ ok: true, data: null });
    expect((await store.get(CODE))?.counts.connected).toBe(1);
    await a.runtime.close();
  });

  it("hands its rooms back on a graceful close, so another node takes over at once", async () => {
    const store = new InMemoryRoomStore();
    const a = node(store, "a");
    const b = node(store, "b");
    await a.runtime.open(room());
    await a.runtime.close();
    expect(await store.leaseHolder(CODE)).toBeNull();
    expect((await b.runtime.dispatch(CODE, join("ann"))).ok).toBe(true);
    expect(await store.leaseHolder(CODE)).toBe("b");
    await b.runtime.close();
  });
});
