import { loadavg } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AckLedger,
  disconnectAll,
  hostFinishes,
  hostOpensQuestion,
  openRoomOn,
  prepareFaultDatabase,
  storedResults,
  type FaultDatabase,
} from "../support/fault-game";
import { answerUntilStored, type FailureTally } from "../support/fault-players";
import { next, TEST_SECRET } from "../support/realtime-harness";
import type { OpenRoom } from "../support/room-setup";
import {
  startArenaNodes,
  startRedisServer,
  type ArenaNode,
  type RedisServer,
} from "../support/server-processes";

/**
 * Issue 12, faults (b), Redis: two production server processes share a private Redis, which is
 * restarted in the middle of a question (stopped, down for a few seconds, started again). As the
 * compose file's Redis, it keeps an append-only file, so the restart keeps the rooms. Answers in
 * the outage get a typed refusal or wait; none acknowledged is lost; the room goes on by itself.
 */
const PLAYERS = 12;
const DOWN_MS = 3_000;

describe("Redis restarts during a game", () => {
  let redis: RedisServer;
  let database: FaultDatabase;
  let nodes: ArenaNode[];
  let room: OpenRoom;
  const ledger = new AckLedger();
  const failures: FailureTally = new Map();
  const everyone = Array.from({ length: PLAYERS }, (_, i) => i);

  beforeAll(async () => {
    redis = await startRedisServer({ appendOnly: true });
    database = await prepareFaultDatabase();
    nodes = await startArenaNodes(2, {
      databaseUrl: database.url,
      secret: TEST_SECRET,
      redisUrl: redis.url,
    });
    const urls = nodes.map((n) => n.url);
    room = await openRoomOn(
      urls,
      database.hostCookie,
      everyone.map((i) => `p${i}`),
      3,
    );
    console.log(
      `nodes ready in ${nodes.map((n) => n.readyMs).join(", ")} ms (load ${loadavg()[0]!.toFixed(2)})`,
    );
  }, 320_000);

  afterAll(async () => {
    disconnectAll();
    await Promise.all(nodes?.map((n) => n.stop()) ?? []);
    await redis?.stop();
    await database?.close();
  });

  const sockets = () => room.players.map((p) => p.socket);
  const answer = (player: number, questionIndex: number) =>
    answerUntilStored({ room, player, questionIndex, ledger, failures });
  const health = async (node: ArenaNode) => (await fetch(`${node.url}/api/health`)).status;

  it("answers during the restart are refused or wait, and the room goes on by itself", async () => {
    await hostOpensQuestion(room, 0, "game:start", sockets());
    const revealed0 = next(room.host, "room:update", (r) => r.phase === "reveal", 15_000);
    expect(await Promise.all(everyone.map((i) => answer(i, 0)))).toEqual(
      everyone.map(() => "acked"),
    );
    await revealed0;
    await hostOpensQuestion(room, 1, "game:next", sockets());
    const half = PLAYERS / 2;
    for (let i = 0; i < half; i++) expect(await answer(i, 1)).toBe("acked");

    const revealed1 = next(room.host, "room:update", (r) => r.phase === "reveal", 45_000);
    await redis.stop();
    const stoppedAt = Date.now();
    const late = everyone.slice(half).map((i) => answer(i, 1));
    await sleep(DOWN_MS / 2);
    const healthDuring = await Promise.all(nodes.map(health));
    await sleep(stoppedAt + DOWN_MS - Date.now());
    await redis.start();
    const startedAt = Date.now();
    const outcomes = await Promise.all(late);
    console.log(
      `Redis down ${startedAt - stoppedAt} ms; late answers ${JSON.stringify(outcomes)} ` +
        `${Date.now() - startedAt} ms after it came back; failures on the way ` +
        `${JSON.stringify(Object.fromEntries(failures))} (load ${loadavg()[0]!.toFixed(2)})`,
    );
    expect(outcomes.every((o) => o === "acked" || o === "stored")).toBe(true);
    expect(healthDuring).toEqual([503, 503]);
    expect(await Promise.all(nodes.map(health))).toEqual([200, 200]);
    expect(nodes.every((n) => n.alive())).toBe(true);
    await revealed1;
  }, 60_000);

  it("the game finishes and no acknowledged answer is lost", async () => {
    await hostOpensQuestion(room, 2, "game:next", sockets());
    expect(await Promise.all(everyone.map((i) => answer(i, 2)))).toEqual(
      everyone.map(() => "acked"),
    );
    await hostFinishes(room);
    const { lost, rows } = await ledger.lostIn(database.db, room.code);
    console.log(`acknowledged ${ledger.size} answers, ${lost.length} lost, ${rows} rows`);
    expect(lost).toEqual([]);
    expect(rows).toBe(ledger.size);
    expect(ledger.size).toBe(PLAYERS * 3);
    const results = await storedResults(database.db, room.code);
    for (const [playerId, count] of ledger.perPlayer())
      expect(results.get(playerId)?.answeredCount).toBe(count);
  }, 45_000);
});
