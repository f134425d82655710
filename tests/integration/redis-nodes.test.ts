import { describe, expect, it } from "vitest";
import { RedisRoomStore } from "@/server/redis/redis-room-store";
import { closeOrphanedRooms } from "@/server/realtime/room-recovery";
import { createLogger } from "@/server/logger";
import { type Client, type Harness, next, request } from "../support/realtime-harness";
import { nodeCluster } from "../support/node-cluster";

/**
 * Two nodes of one installation in this process: each its own HTTP server, Socket.IO server,
 * Redis connections and Prisma client, sharing one Postgres database and one Redis key prefix.
 * The host is on node A, which drives the room; the players are on node B, whose every request
 * is forwarded to A, and who hear A's broadcasts through the Redis Streams adapter.
 */

// Short, to keep the test short, but renewed every 667 ms: a loaded machine's pauses stay under it.
const LIFETIMES = { leaseMs: 2_000, sweepMs: 250 };
const SINGLE_RIGHT = { type: "single", choice: 1 };
const SINGLE_WRONG = { type: "single", choice: 0 };

describe("several nodes on Redis", () => {
  const cluster = nodeCluster(LIFETIMES);

  async function hostRoom(node: Harness, questionCount: number, defaultTimeLimitSec = 30) {
    const hostUser = await node.createUser("Host");
    const host = await node.client({ cookie: hostUser.cookie });
    const created = await request(host, "room:create", {
      questionSetSlug: "test-fixture",
      settings: { scoring: "accuracy", streakBonus: false, questionCount, defaultTimeLimitSec },
    });
    if (!created.ok) throw new Error(created.error);
    const { code } = created.data;
    expect((await request(host, "room:host", { code })).ok).toBe(true);
    return { code, host, hostUser };
  }

  async function joinAll(node: Harness, code: string, nicknames: string[]) {
    const players: { socket: Client; token: string }[] = [];
    for (const nickname of nicknames) {
      const socket = await node.client();
      const joined = await request(socket, "room:join", { code, nickname });
      if (!joined.ok) throw new Error(joined.error);
      expect(joined.data.room.code).toBe(code);
      players.push({ socket, token: joined.data.token });
    }
    return players;
  }

  it("plays a room driven by node A with players on node B, results correct", async () => {
    cluster.fresh();
    const a = await cluster.start("node-a");
    const b = await cluster.start("node-b");
    const { code, host } = await hostRoom(a, 1);
    const store = new RedisRoomStore(cluster.redis, cluster.prefix);
    expect(await store.leaseHolder(code)).toBe("node-a");

    const [ann, bob] = await joinAll(b, code, ["ann", "bob"]);
    if (!ann || !bob) throw new Error("players missing");
    // The host on A hears joins made on B (the lobby list comes from A's state).
    const lobby = await next(host, "lobby:update", (l) => l.count === 2);
    expect(lobby.players.map((p) => p.nickname).sort()).toEqual(["ann", "bob"]);

    const opened = next(ann.socket, "room:update", (r) => r.phase === "question");
    expect(await request(host, "game:start", { code })).toEqual({ ok: true, data: null });
    expect((await opened).question?.index).toBe(0);

    const revealed = next(bob.socket, "room:update", (r) => r.phase === "reveal");
    const answer = (socket: Client, choice: object) =>
      request(socket, "round:answer", { code, questionIndex: 0, answer: choice });
    expect(await answer(ann.socket, SINGLE_RIGHT)).toEqual({
      ok: true,
      data: { questionIndex: 0 },
    });
    expect(await answer(bob.socket, SINGLE_WRONG)).toEqual({
      ok: true,
      data: { questionIndex: 0 },
    });
    // A second answer from bob: A's engine refuses it, and B relays the refusal.
    expect(await answer(bob.socket, SINGLE_RIGHT)).toEqual({
      ok: false,
      error: "ALREADY_ANSWERED",
    });
    expect((await revealed).reveal?.answered).toBe(2);

    const podium = next(ann.socket, "room:update", (r) => r.phase === "podium");
    expect((await request(host, "game:next", { code })).ok).toBe(true);
    expect((await request(host, "game:next", { code })).ok).toBe(true);
    const final = await podium;
    expect(final.podium.map((e) => [e.nickname, e.score, e.rank])).toEqual([
      ["ann", 1000, 1],
      ["bob", 0, 2],
    ]);
    const stored = await b.repos.rooms.getResults(code);
    expect(stored?.status).toBe("FINISHED");
    expect(stored?.results.map((r) => [r.nickname, r.score, r.answeredCount])).toEqual([
      ["ann", 1000, 1],
      ["bob", 0, 1],
    ]);
    expect(await store.leaseHolder(code)).toBe("node-a");
  });

  it("resumes a running room on another node when its node dies, timers included", async () => {
    cluster.fresh();
    const a = await cluster.start("node-a");
    const b = await cluster.start("node-b");
    // The question closes on its timer, 5 s after it opens: nobody will send anything.
    const { code, host, hostUser } = await hostRoom(a, 2, 5);
    const [ann] = await joinAll(b, code, ["ann"]);
    if (!ann) throw new Error("player missing");
    const opened = next(ann.socket, "room:update", (r) => r.phase === "question");
    expect((await request(host, "game:start", { code })).ok).toBe(true);
    const deadline = (await opened).questionDeadline ?? 0;
    const revealed = next(ann.socket, "room:update", (r) => r.phase === "reveal", 12_000);

    // A dies without handing its lease back (its Redis connection goes first).
    const store = new RedisRoomStore(cluster.redis, cluster.prefix);
    await cluster.crash(a);
    const died = Date.now();
    // What a restarting installation does first: the room is live in Redis, so it stays.
    const aborted = await closeOrphanedRooms({
      rooms: b.repos.rooms,
      store,
      logger: createLogger("silent"),
      graceMs: 0,
    });
    expect(aborted).toEqual([]);

    // Within a lease and a sweep B drives the room; A's question timer fires on B.
    await expect.poll(() => store.leaseHolder(code), { timeout: 5_000 }).toBe("node-b");
    const tookOverMs = Date.now() - died;
    expect(tookOverMs).toBeLessThan(LIFETIMES.leaseMs + 3 * LIFETIMES.sweepMs + 1_500);
    const reveal = await revealed;
    expect(Date.now()).toBeGreaterThanOrEqual(deadline);
    expect(reveal.reveal?.answered).toBe(0);

    // The host comes back on B and plays on; the player, on B all along, follows.
    const host2 = await b.client({ cookie: await b.sessionCookie(hostUser) });
    expect((await request(host2, "room:host", { code })).ok).toBe(true);
    const second = next(ann.socket, "room:update", (r) => r.question?.index === 1);
    expect((await request(host2, "game:next", { code })).ok).toBe(true); // to the leaderboard
    expect((await request(host2, "game:next", { code })).ok).toBe(true); // to question 2
    await second;
    expect(
      await request(ann.socket, "round:answer", {
        code,
        questionIndex: 1,
        answer: { type: "truefalse", value: true },
      }),
    ).toEqual({ ok: true, data: { questionIndex: 1 } });
    const state = await store.get(code);
    expect(state?.questionIndex).toBe(1);
    expect((await b.repos.rooms.getResults(code))?.status).toBe("RUNNING");
    console.log(`takeover after the holder died: ${tookOverMs} ms (lease 2000 ms, sweep 250 ms)`);
  });
});
