import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "@/server/logger";
import { closeOrphanedRooms } from "@/server/realtime/room-recovery";
import { InMemoryRoomStore } from "@/server/realtime/room-store";
import { type Client, type Harness, request, startHarness } from "../support/realtime-harness";
import { createTestDatabase } from "../support/test-database";

/**
 * A single node (rooms in memory): a restart finds rooms the old process left running and closes
 * them as ABORTED with their answers and standings kept; the idle sweep closes lobbies and games
 * nobody uses, and drops finished rooms after their retention. Lifetimes are shortened here.
 */

const RIGHT = { type: "single", choice: 1 };
const WRONG = { type: "single", choice: 0 };

describe("room lifecycle on one node", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function room(h: Harness, nicknames: string[], questionCount = 2) {
    const hostUser = await h.createUser("Host");
    const host = await h.client({ cookie: hostUser.cookie });
    const created = await request(host, "room:create", {
      questionSetSlug: "test-fixture",
      settings: { scoring: "accuracy", streakBonus: false, questionCount },
    });
    if (!created.ok) throw new Error(created.error);
    const { code } = created.data;
    const players: Client[] = [];
    for (const nickname of nicknames) {
      const socket = await h.client();
      expect((await request(socket, "room:join", { code, nickname })).ok).toBe(true);
      players.push(socket);
    }
    return { code, host, players };
  }

  const answer = (socket: Client, code: string, choice: object) =>
    request(socket, "round:answer", { code, questionIndex: 0, answer: choice });

  it("closes rooms a stopped process left behind as ABORTED, keeping answers and standings", async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const old = await startHarness("postgres", { databaseUrl: database.url });
    const running = await room(old, ["ann", "bob", "cy"]);
    const [ann, bob] = running.players;
    expect((await request(running.host, "game:start", { code: running.code })).ok).toBe(true);
    expect((await answer(ann!, running.code, RIGHT)).ok).toBe(true);
    expect((await answer(bob!, running.code, WRONG)).ok).toBe(true);
    const lobby = await room(old, ["dee"]);
    await old.crash();

    // The restart: a new process, an empty store, the same database.
    const fresh = await startHarness("postgres", { databaseUrl: database.url });
    cleanups.push(() => fresh.close());
    const closed = await closeOrphanedRooms({
      rooms: fresh.repos.rooms,
      store: new InMemoryRoomStore(),
      logger: createLogger("silent"),
      graceMs: 0,
    });
    expect(closed.sort()).toEqual([running.code, lobby.code].sort());

    const results = await fresh.repos.rooms.getResults(running.code);
    expect(results?.status).toBe("ABORTED");
    expect(results?.endedAt).not.toBeNull();
    expect(
      results?.results.map((r) => [r.nickname, r.score, r.rank, r.correctCount, r.answeredCount]),
    ).toEqual([
      ["ann", 1000, 1, 1, 1],
      ["bob", 0, 2, 0, 1],
      ["cy", 0, 2, 0, 0],
    ]);
    expect((await fresh.repos.rooms.getResults(lobby.code))?.status).toBe("ABORTED");
    // Nothing is closed twice, and a second pass finds nothing.
    expect(
      await closeOrphanedRooms({
        rooms: fresh.repos.rooms,
        store: new InMemoryRoomStore(),
        logger: createLogger("silent"),
        graceMs: 0,
      }),
    ).toEqual([]);
  });

  it("closes idle lobbies and empty games, keeps busy ones, drops finished rooms", async () => {
    const store = new InMemoryRoomStore();
    const idleMs = 1_500;
    const h = await startHarness("postgres", {
      store,
      lifetimes: {
        sweepMs: 100,
        lobbyIdleMs: idleMs,
        emptyRoomMs: idleMs,
        finishedRetentionMs: idleMs,
      },
    });
    cleanups.push(() => h.close());

    const idleLobby = await room(h, []);
    const emptyGame = await room(h, ["ann", "bob"]);
    expect((await request(emptyGame.host, "game:start", { code: emptyGame.code })).ok).toBe(true);
    expect((await answer(emptyGame.players[0]!, emptyGame.code, RIGHT)).ok).toBe(true);
    for (const player of emptyGame.players) player.disconnect();
    const busyGame = await room(h, ["cy"]);
    expect((await request(busyGame.host, "game:start", { code: busyGame.code })).ok).toBe(true);
    const finished = await room(h, ["dee"], 1);
    expect((await request(finished.host, "game:start", { code: finished.code })).ok).toBe(true);
    expect((await answer(finished.players[0]!, finished.code, RIGHT)).ok).toBe(true);
    expect((await request(finished.host, "game:next", { code: finished.code })).ok).toBe(true);
    expect((await request(finished.host, "game:next", { code: finished.code })).ok).toBe(true);
    expect((await store.get(finished.code))?.phase).toBe("podium");

    const status = async (code: string) => (await h.repos.rooms.getResults(code))?.status;
    await expect.poll(() => store.has(idleLobby.code), { timeout: 5_000 }).toBe(false);
    await expect.poll(() => store.has(emptyGame.code), { timeout: 5_000 }).toBe(false);
    await expect.poll(() => store.has(finished.code), { timeout: 5_000 }).toBe(false);
    expect(await status(idleLobby.code)).toBe("ABORTED");
    expect(await status(emptyGame.code)).toBe("ABORTED");
    expect(await status(finished.code)).toBe("FINISHED");
    const kept = await h.repos.rooms.getResults(emptyGame.code);
    expect(kept?.results.map((r) => [r.nickname, r.score])).toEqual([
      ["ann", 1000],
      ["bob", 0],
    ]);
    // Its player is still connected: the game stays, however long it sits.
    expect(await store.has(busyGame.code)).toBe(true);
    expect(await status(busyGame.code)).toBe("RUNNING");
    // A look-up of a closed room is a plain miss.
    expect(await request(emptyGame.host, "game:next", { code: emptyGame.code })).toEqual({
      ok: false,
      error: "ROOM_NOT_FOUND",
    });
  });
});
