import { setImmediate } from "node:timers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RoomSettingsSchema } from "@/lib/contract/schemas";
import { createRoomState } from "@/lib/game/create-room";
import { keyedKeys } from "@/lib/game/keyed-map";
import type { EngineEvent } from "@/lib/game/types";
import { createLogger } from "@/server/logger";
import { InMemoryRoomStore } from "@/server/realtime/room-store";
import { LOBBY_THROTTLE_MS, RoomRuntime } from "@/server/realtime/room-runtime";
import { LOBBY_ROOM_FRAMES_PER_SECOND, lobbyRoomIntervalMs } from "@/server/realtime/room-effects";
import { NicknameTakenError, PlayersClashError } from "@/server/repositories/types";
import { singleChoice } from "../support/questions";
import {
  FakeRoomRepository,
  RecordingTransport,
  noSubmissions,
  timeout,
} from "../support/runtime-fakes";

/**
 * The room runtime on its own: the real engine and the in-memory store, with a recording
 * transport, fake repositories and a fake clock. What it promises: a write before every commit
 * (a failed one changes nothing and tells no one), one write for a burst of answers, each answer
 * its own verdict, one frame per player per change, and the engine's timers carried out.
 */

const CODE = "ABC234";
const LIMIT_SEC = 20;
const join = (id: string, nickname = id): EngineEvent => ({
  type: "player:join",
  playerId: id,
  nickname,
  userId: null,
});
/** Frames go out on the event loop's next turn, after the step's acks (room-effects.ts). */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Turns of the event loop until `done` holds (the answer queue gathers on real timers). */
async function until(done: () => boolean): Promise<void> {
  for (let turn = 0; !done(); turn++) {
    if (turn > 1_000) throw new Error("never happened");
    await nextTurn();
  }
}
const answer = (id: string, choice = 1): EngineEvent => ({
  type: "player:answer",
  playerId: id,
  questionIndex: 0,
  answer: { type: "single", choice },
});

function setup() {
  const store = new InMemoryRoomStore();
  const rooms = new FakeRoomRepository();
  const transport = new RecordingTransport();
  const runtime = new RoomRuntime({
    store,
    rooms,
    submissions: noSubmissions,
    transport,
    logger: createLogger("silent"),
  });
  const open = () =>
    runtime.open(
      createRoomState({
        roomId: "room-1",
        code: CODE,
        hostUserId: "host",
        settings: RoomSettingsSchema.parse({ defaultTimeLimitSec: LIMIT_SEC }),
        questions: [0, 1].map((i) => ({
          id: `q${i}`,
          question: singleChoice({ options: 2, correct: 1 }),
        })),
        now: Date.now(),
        random: () => 0.5,
        hashSeed: [1, 2],
      }),
    );
  const dispatch = (event: EngineEvent) => runtime.dispatch(CODE, event);
  /** A room in its first question, the join and start broadcasts already cleared. */
  const inQuestion = async (ids: string[]) => {
    await open();
    for (const id of ids) expect((await dispatch(join(id))).ok).toBe(true);
    expect((await dispatch({ type: "host:start" })).ok).toBe(true);
    await vi.advanceTimersByTimeAsync(LOBBY_THROTTLE_MS);
    await nextTurn();
    transport.take();
  };
  return { store, rooms, transport, runtime, open, dispatch, inQuestion };
}

describe("RoomRuntime", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"], now: 1_700_000_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("commits an accepted event after its write, and a refused one changes nothing", async () => {
    const { store, rooms, transport, open, dispatch } = setup();
    await open();
    const joined = await dispatch(join("ann"));
    expect(joined.ok).toBe(true);
    expect(rooms.joined).toEqual(["ann"]);
    const before = await store.get(CODE);
    const taken = await dispatch(join("ann2", "ANN"));
    expect(taken).toEqual({ ok: false, error: "NICKNAME_TAKEN" });
    expect(await store.get(CODE)).toBe(before);
    expect(rooms.joined).toEqual(["ann"]);
    // The lobby goes out on the throttle, once.
    expect(transport.take()).toEqual({});
    await vi.advanceTimersByTimeAsync(LOBBY_THROTTLE_MS);
    // The host's list and the room's snapshot (players read the count from it).
    expect(transport.take()).toEqual({ room: 1, "lobby-host": 1 });
  });

  it("spaces the lobby's room-wide snapshot out as the room grows, never the host's list", () => {
    expect(lobbyRoomIntervalMs(3)).toBe(LOBBY_THROTTLE_MS);
    expect(lobbyRoomIntervalMs(1_000)).toBe(LOBBY_THROTTLE_MS);
    expect(lobbyRoomIntervalMs(2_000)).toBe(500);
    // At most LOBBY_ROOM_FRAMES_PER_SECOND frames a second, however big the room.
    expect(lobbyRoomIntervalMs(10_000)).toBe(2_500);
    expect((10_000 * 1_000) / lobbyRoomIntervalMs(10_000)).toBeLessThanOrEqual(
      LOBBY_ROOM_FRAMES_PER_SECOND,
    );
  });

  it("commits nothing and tells no one when the write fails", async () => {
    const { store, rooms, transport, open, dispatch } = setup();
    await open();
    const empty = await store.get(CODE);
    rooms.failNext.addPlayer = new Error("disk on fire");
    expect(await dispatch(join("ann"))).toEqual({ ok: false, error: "INTERNAL" });
    rooms.failNext.addPlayer = timeout();
    expect(await dispatch(join("ann"))).toEqual({ ok: false, error: "DB_UNAVAILABLE" });
    expect(await store.get(CODE)).toBe(empty);
    await vi.advanceTimersByTimeAsync(LOBBY_THROTTLE_MS);
    expect(transport.take()).toEqual({});
    expect((await dispatch(join("ann"))).ok).toBe(true);
  });

  it("writes a burst of answers at once and gives each its own verdict", async () => {
    const { store, rooms, inQuestion, dispatch } = setup();
    await inQuestion(["ann", "bob", "cy", "dee", "eve"]);
    const results = await Promise.all([
      dispatch(answer("ann")),
      dispatch(answer("bob", 0)),
      dispatch(answer("ann")),
      dispatch(answer("cy")),
      dispatch(answer("ghost")),
    ]);
    expect(results.map((r) => (r.ok ? "ok" : r.error))).toEqual([
      "ok",
      "ok",
      "ALREADY_ANSWERED",
      "ok",
      "PLAYER_NOT_FOUND",
    ]);
    expect(rooms.batches).toEqual([3]);
    expect((await store.get(CODE))?.counts.answeredConnected).toBe(3);
  });

  it("seats a burst of joins with one write, and retries it one by one on a clash", async () => {
    const { store, rooms, open, dispatch } = setup();
    await open();
    const first = await Promise.all([
      dispatch(join("ann")),
      dispatch(join("bob")),
      dispatch(join("ann2", "ANN")),
      dispatch(join("cy")),
    ]);
    expect(first.map((r) => (r.ok ? "ok" : r.error))).toEqual(["ok", "ok", "NICKNAME_TAKEN", "ok"]);
    expect(rooms.joinBatches).toEqual([3]);
    // The database refuses the shared write (a nickname it holds that this copy of the room
    // does not know of): nothing of it is committed, and each join gets its own verdict.
    rooms.failNext.addPlayers = new PlayersClashError();
    rooms.failNext.addPlayer = new NicknameTakenError();
    const second = await Promise.all([dispatch(join("dee")), dispatch(join("eve"))]);
    expect(second.map((r) => (r.ok ? "ok" : r.error))).toEqual(["NICKNAME_TAKEN", "ok"]);
    expect(rooms.joinBatches).toEqual([3]);
    expect(rooms.joined).toEqual(["ann", "bob", "cy", "eve"]);
    expect((await store.get(CODE))?.counts.players).toBe(4);
  });

  it("retries a burst one by one when its shared write fails, and refuses it on a timeout", async () => {
    const { store, rooms, inQuestion, dispatch } = setup();
    await inQuestion(["ann", "bob", "cy", "dee"]);
    rooms.failNext.saveAnswers = new Error("deadlock");
    const retried = await Promise.all([dispatch(answer("ann")), dispatch(answer("bob"))]);
    expect(retried.every((r) => r.ok)).toBe(true);
    expect(rooms.batches).toEqual([]);
    expect(rooms.answers.map((a) => a.playerId)).toEqual(["ann", "bob"]);

    const before = await store.get(CODE);
    rooms.failNext.saveAnswers = timeout();
    const refused = await Promise.all([dispatch(answer("cy")), dispatch(answer("dee"))]);
    expect(refused).toEqual([
      { ok: false, error: "DB_UNAVAILABLE" },
      { ok: false, error: "DB_UNAVAILABLE" },
    ]);
    expect(await store.get(CODE)).toBe(before);
  });

  it("writes the next burst while the last one is still being written, and commits in order", async () => {
    const { store, rooms, inQuestion, dispatch } = setup();
    await inQuestion(["ann", "bob", "cy", "dee", "eve"]);
    const release = rooms.holdAnswerWrites();
    const first = [dispatch(answer("ann")), dispatch(answer("bob"))];
    await until(() => rooms.writing === 1);
    // Stepped from the first burst's state: ann has answered there, though nothing is committed.
    const second = [dispatch(answer("cy")), dispatch(answer("ann", 0)), dispatch(answer("dee"))];
    await until(() => rooms.writing === 2);
    expect((await store.get(CODE))?.counts.answeredConnected).toBe(0);
    release();
    const verdicts = (await Promise.all([...first, ...second])).map((r) => (r.ok ? "ok" : r.error));
    expect(verdicts).toEqual(["ok", "ok", "ok", "ALREADY_ANSWERED", "ok"]);
    expect(rooms.batches).toEqual([2, 2]);
    expect((await store.get(CODE))?.counts.answeredConnected).toBe(4);
  });

  it("applies the bursts stepped from a write that failed one by one, losing none", async () => {
    const { store, rooms, inQuestion, dispatch } = setup();
    await inQuestion(["ann", "bob", "cy", "dee"]);
    const release = rooms.holdAnswerWrites();
    rooms.failNext.saveAnswers = new Error("deadlock");
    const first = [dispatch(answer("ann")), dispatch(answer("bob"))];
    await until(() => rooms.writing === 1);
    const second = [dispatch(answer("cy")), dispatch(answer("bob", 0))];
    await until(() => rooms.writing === 2);
    release();
    // The second burst was written, but from a state that was never committed: its answers are
    // stepped again, one by one, and the rows already written count (no duplicate, none lost).
    const verdicts = (await Promise.all([...first, ...second])).map((r) => (r.ok ? "ok" : r.error));
    expect(verdicts).toEqual(["ok", "ok", "ok", "ALREADY_ANSWERED"]);
    expect(rooms.answers.map((a) => a.playerId).sort()).toEqual(["ann", "bob", "cy"]);
    const committed = await store.get(CODE);
    expect(committed?.counts.answeredConnected).toBe(3);
    expect(keyedKeys(committed!.answers).sort()).toEqual(["ann", "bob", "cy"]);
  });

  it("sends each phase as one frame per player: the reveal with their own view", async () => {
    const { transport, open, dispatch } = setup();
    await open();
    for (const id of ["ann", "bob", "cy"]) await dispatch(join(id));
    await vi.advanceTimersByTimeAsync(LOBBY_THROTTLE_MS);
    transport.take();

    await dispatch({ type: "host:start" });
    await nextTurn();
    expect(transport.take()).toEqual({ room: 1 }); // the question: one room frame
    await dispatch(answer("ann"));
    await nextTurn();
    expect(transport.take()).toEqual({});
    await dispatch({ type: "host:next" });
    // The step is acknowledged before its frames go out: a reveal's do not hold up its acks.
    expect(transport.sent).toEqual([]);
    await nextTurn();
    const reveal = transport.sent;
    expect(transport.take()).toEqual({ host: 1, player: 3 });
    const anns = reveal.find((s) => s.to === "player" && s.playerId === "ann");
    expect(anns).toMatchObject({
      room: { phase: "reveal" },
      me: { lastResult: { correct: true } },
    });
    await dispatch({ type: "host:next" });
    await nextTurn();
    expect(transport.take()).toEqual({ room: 1 }); // the leaderboard: ranks did not move
  });

  it("carries out the engine's timers: the count on a tick, the question at its deadline", async () => {
    const { store, transport, inQuestion, dispatch } = setup();
    await inQuestion(["ann", "bob"]);
    await dispatch(answer("ann"));
    await vi.advanceTimersByTimeAsync(1_000);
    await nextTurn();
    const [tick, ...rest] = transport.sent;
    expect(rest).toEqual([]);
    expect(tick).toMatchObject({ to: "progress", progress: { answered: 1, connected: 2 } });
    transport.take();
    await vi.advanceTimersByTimeAsync(LIMIT_SEC * 1_000);
    await nextTurn();
    expect((await store.get(CODE))?.phase).toBe("reveal");
    expect(transport.take()).toEqual({ host: 1, player: 2 });
  });

  it("runs no timer after close()", async () => {
    const { store, runtime, inQuestion } = setup();
    await inQuestion(["ann"]);
    await runtime.close();
    await vi.advanceTimersByTimeAsync(LIMIT_SEC * 2_000);
    expect((await store.get(CODE))?.phase).toBe("question");
  });
});
