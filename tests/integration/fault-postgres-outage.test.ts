import { loadavg } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ErrorCode } from "@/lib/contract/errors";
import {
  AckLedger,
  disconnectAll,
  fixtureAnswer,
  hostFinishes,
  hostOpensQuestion,
  openRoomOn,
  prepareFaultDatabase,
  storedResults,
  type FaultDatabase,
} from "../support/fault-game";
import { startPausableProxy, type PausableProxy } from "../support/pausable-proxy";
import { next, request, TEST_SECRET } from "../support/realtime-harness";
import type { OpenRoom } from "../support/room-setup";
import { startArenaNode, type ArenaNode } from "../support/server-processes";

/**
 * Issue 12, faults (b): Postgres goes away for 10 s in the middle of a question, under the real
 * production server process. "Away" is a stopped server: the node's pg connections are cut and
 * new ones refused (tests/support/pausable-proxy.ts `stop()`), without touching the shared
 * Postgres. Answers sent meanwhile must get a typed refusal (DB_UNAVAILABLE) or wait; none that
 * was acknowledged may be missing from the final results; and the room must come back by itself,
 * with no restart, once Postgres does.
 */
const PLAYERS = 12;
const OUTAGE_MS = 10_000;
const RETRY_EVERY_MS = 500;

describe("Postgres stops for 10 s during a game", () => {
  let database: FaultDatabase;
  let proxy: PausableProxy;
  let node: ArenaNode;
  let room: OpenRoom;
  const ledger = new AckLedger();

  beforeAll(async () => {
    database = await prepareFaultDatabase();
    proxy = await startPausableProxy(database.url);
    node = await startArenaNode({ databaseUrl: proxy.url, secret: TEST_SECRET, label: "node" });
    const nicknames = Array.from({ length: PLAYERS }, (_, i) => `p${i}`);
    room = await openRoomOn(node.url, database.hostCookie, nicknames, 3);
    console.log(
      `nodes ready in ${[node].map((n) => n.readyMs).join(", ")} ms (load ${loadavg()[0]!.toFixed(2)})`,
    );
  }, 320_000);

  afterAll(async () => {
    disconnectAll();
    await node?.stop();
    await proxy?.close();
    await database?.close();
  });

  const answer = async (i: number, questionIndex: number) => {
    const player = room.players[i]!;
    const ack = await request(player.socket, "round:answer", {
      code: room.code,
      questionIndex,
      answer: fixtureAnswer(questionIndex, i % 2 === 0),
    });
    if (ack.ok) ledger.add(player.session.playerId, questionIndex);
    return ack;
  };
  const health = async () => (await fetch(`${node.url}/api/health`)).status;

  it("answers in the outage are refused with DB_UNAVAILABLE or wait; the room recovers alone", async () => {
    const sockets = room.players.map((p) => p.socket);
    await hostOpensQuestion(room, 0, "game:start", sockets);
    const revealed0 = next(room.host, "room:update", (r) => r.phase === "reveal", 15_000);
    for (const ack of await Promise.all(room.players.map((_, i) => answer(i, 0))))
      expect(ack).toMatchObject({ ok: true });
    await revealed0; // everyone answered
    await hostOpensQuestion(room, 1, "game:next", sockets);

    // Half the room answers question 1 before Postgres goes, half during the outage.
    const half = PLAYERS / 2;
    for (let i = 0; i < half; i++) expect(await answer(i, 1)).toMatchObject({ ok: true });
    expect(await health()).toBe(200);

    // The last of them to get in closes the question: everyone has answered.
    const revealed1 = next(room.host, "room:update", (r) => r.phase === "reveal", 45_000);
    await proxy.stop();
    const stoppedAt = Date.now();
    const refusals = new Map<ErrorCode, number>();
    const ackMs: number[] = [];
    // Each late player keeps trying, as the app's answer button does after "not saved".
    const latePlayers = Array.from({ length: PLAYERS - half }, (_, k) => half + k);
    const attempts = latePlayers.map(async (i) => {
      for (;;) {
        const sentAt = Date.now();
        const ack = await answer(i, 1);
        ackMs.push(Date.now() - sentAt);
        if (ack.ok) return Date.now();
        refusals.set(ack.error, (refusals.get(ack.error) ?? 0) + 1);
        await sleep(RETRY_EVERY_MS);
      }
    });
    await sleep(OUTAGE_MS / 2);
    const healthDuring = await health();
    await sleep(stoppedAt + OUTAGE_MS - Date.now());
    await proxy.start();
    const restartedAt = Date.now();
    const acceptedAt = await Promise.all(attempts);
    const recoveryMs = Math.max(...acceptedAt) - restartedAt;
    console.log(
      `Postgres down ${restartedAt - stoppedAt} ms: refusals ${JSON.stringify(Object.fromEntries(refusals))}, ` +
        `slowest ack ${Math.max(...ackMs)} ms, every late answer accepted ${recoveryMs} ms after ` +
        `Postgres came back (load ${loadavg()[0]!.toFixed(2)})`,
    );
    // The only refusal is the typed one, and every ack came within the node's 5 s query timeout.
    expect([...refusals.keys()]).toEqual(["DB_UNAVAILABLE"]);
    expect(Math.max(...ackMs)).toBeLessThan(7_000);
    expect(healthDuring).toBe(503);
    expect(await health()).toBe(200);
    expect(node.alive()).toBe(true); // the same process throughout: no restart
    await revealed1;
  }, 60_000);

  it("the game goes on to the end and every acknowledged answer is in the results", async () => {
    const sockets = room.players.map((p) => p.socket);
    await hostOpensQuestion(room, 2, "game:next", sockets);
    const revealed2 = next(room.host, "room:update", (r) => r.phase === "reveal", 15_000);
    for (const ack of await Promise.all(room.players.map((_, i) => answer(i, 2))))
      expect(ack).toMatchObject({ ok: true });
    await revealed2;
    await hostFinishes(room);

    const { lost, rows } = await ledger.lostIn(database.db, room.code);
    console.log(`acknowledged ${ledger.size} answers, ${lost.length} lost, ${rows} rows`);
    expect(lost).toEqual([]);
    expect(rows).toBe(ledger.size);
    expect(ledger.size).toBe(PLAYERS * 3);
    const results = await storedResults(database.db, room.code);
    expect(results.size).toBe(PLAYERS);
    for (const [playerId, count] of ledger.perPlayer())
      expect(results.get(playerId)?.answeredCount).toBe(count);
  }, 30_000);
});
