import { loadavg } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoomUpdate } from "@/lib/contract/views";
import {
  AckLedger,
  connectClient,
  disconnectAll,
  fixtureAnswer,
  hostFinishes,
  hostOpensQuestion,
  openRoomOn,
  prepareFaultDatabase,
  storedResults,
  type FaultDatabase,
} from "../support/fault-game";
import { type Client, next, request, TEST_SECRET } from "../support/realtime-harness";
import type { OpenRoom } from "../support/room-setup";
import { startArenaNode, type ArenaNode } from "../support/server-processes";

/**
 * Issue 12, faults (c): 100 players drop and come back at once, under the production server
 * process. First a network blip (every transport cut at once, while the host reveals the question
 * they were in): Socket.IO's connection-state recovery must hand each one what it missed. Then a
 * reload of every tab at once (brand-new sockets, room:resume with the player token): each must
 * get its full state back. Nothing acknowledged may be lost, and the game must go on.
 */
const PLAYERS = 100;

describe("100 clients disconnect and reconnect at once", () => {
  let database: FaultDatabase;
  let node: ArenaNode;
  let room: OpenRoom;
  const ledger = new AckLedger();
  /** Every room:update each player's current socket received, in order. */
  const updates = new Map<number, RoomUpdate[]>();

  beforeAll(async () => {
    database = await prepareFaultDatabase();
    node = await startArenaNode({ databaseUrl: database.url, secret: TEST_SECRET });
    const nicknames = Array.from({ length: PLAYERS }, (_, i) => `p${i}`);
    room = await openRoomOn(node.url, database.hostCookie, nicknames, 3);
    room.players.forEach((p, i) => listen(i, p.socket));
    console.log(
      `nodes ready in ${[node].map((n) => n.readyMs).join(", ")} ms (load ${loadavg()[0]!.toFixed(2)})`,
    );
  }, 320_000);

  afterAll(async () => {
    disconnectAll();
    await node?.stop();
    await database?.close();
  });

  function listen(i: number, socket: Client): void {
    updates.set(i, []);
    socket.on("room:update", (update) => updates.get(i)!.push(update));
  }
  const sockets = () => room.players.map((p) => p.socket);
  const answer = async (i: number, questionIndex: number) => {
    const player = room.players[i]!;
    const ack = await request(player.socket, "round:answer", {
      code: room.code,
      questionIndex,
      answer: fixtureAnswer(questionIndex, i % 3 !== 0),
    });
    if (ack.ok) ledger.add(player.session.playerId, questionIndex);
    return ack;
  };
  const offline = (count: number) =>
    next(room.host, "lobby:update", (l) => l.offline.length === count, 20_000);
  const everyone = Array.from({ length: PLAYERS }, (_, i) => i);
  const firstHalf = everyone.slice(0, PLAYERS / 2);

  it("a network blip: all transports cut at once, recovered with what they missed", async () => {
    await hostOpensQuestion(room, 0, "game:start", sockets());
    const revealed0 = next(room.host, "room:update", (r) => r.phase === "reveal", 15_000);
    for (const ack of await Promise.all(everyone.map((i) => answer(i, 0))))
      expect(ack).toMatchObject({ ok: true });
    await revealed0;
    await hostOpensQuestion(room, 1, "game:next", sockets());
    for (const ack of await Promise.all(firstHalf.map((i) => answer(i, 1))))
      expect(ack).toMatchObject({ ok: true });

    // Every transport drops at once (not a client "disconnect": the server keeps the session).
    const allGone = offline(PLAYERS);
    for (const socket of sockets()) socket.io.engine.close();
    await allGone;
    // Meanwhile the host closes question 1: nobody connected sees the reveal go out.
    for (const list of updates.values()) list.length = 0;
    expect(await request(room.host, "game:next", { code: room.code })).toEqual({
      ok: true,
      data: null,
    });

    const allBack = offline(0);
    const startedAt = Date.now();
    await Promise.all(
      sockets().map(
        (socket) =>
          new Promise<void>((resolve, reject) => {
            socket.once("connect", () => resolve());
            socket.once("connect_error", reject);
            socket.connect();
          }),
      ),
    );
    await allBack;
    const backMs = Date.now() - startedAt;
    const recovered = sockets().filter((s) => s.recovered).length;
    console.log(
      `${PLAYERS} transports back in ${backMs} ms, ${recovered} recovered ` +
        `(load ${loadavg()[0]!.toFixed(2)})`,
    );
    expect(recovered).toBe(PLAYERS);
    // The reveal they missed was replayed to each, with their own result in it.
    for (const i of everyone) {
      const reveal = updates.get(i)!.find((u) => u.phase === "reveal");
      expect(reveal?.question?.index, `player ${i}`).toBe(1);
      expect(reveal?.me?.lastResult).toMatchObject({ questionIndex: 1, answered: i < PLAYERS / 2 });
    }
  }, 60_000);

  it("every tab reloads at once mid-question: each resumes with its state", async () => {
    await hostOpensQuestion(room, 2, "game:next", sockets());
    for (const ack of await Promise.all(firstHalf.map((i) => answer(i, 2))))
      expect(ack).toMatchObject({ ok: true });

    const allGone = offline(PLAYERS);
    for (const socket of sockets()) socket.disconnect();
    await allGone;
    const allBack = offline(0);
    const startedAt = Date.now();
    const resumed = await Promise.all(
      room.players.map(async (player, i) => {
        const socket = await connectClient(node.url);
        listen(i, socket);
        player.socket = socket;
        return request(socket, "room:resume", { token: player.session.token });
      }),
    );
    await allBack;
    console.log(`${PLAYERS} reloads resumed in ${Date.now() - startedAt} ms`);
    resumed.forEach((ack, i) => {
      if (!ack.ok) throw new Error(`player ${i}: ${ack.error}`);
      expect(ack.data.playerId).toBe(room.players[i]!.session.playerId);
      expect(ack.data.room.phase).toBe("question");
      expect(ack.data.room.question?.index).toBe(2);
      expect(ack.data.me.answeredCurrent).toBe(i < PLAYERS / 2);
    });
    // Those who had answered cannot answer twice; the others answer now and close the question.
    const revealed = next(room.host, "room:update", (r) => r.phase === "reveal", 15_000);
    const acks = await Promise.all(everyone.map((i) => answer(i, 2)));
    acks.forEach((ack, i) =>
      expect(ack).toEqual(
        i < PLAYERS / 2
          ? { ok: false, error: "ALREADY_ANSWERED" }
          : { ok: true, data: { questionIndex: 2 } },
      ),
    );
    await revealed;
  }, 60_000);

  it("the game ends with every acknowledged answer in the results", async () => {
    await hostFinishes(room);
    const { lost, rows } = await ledger.lostIn(database.db, room.code);
    console.log(`acknowledged ${ledger.size} answers, ${lost.length} lost, ${rows} rows`);
    expect(lost).toEqual([]);
    expect(rows).toBe(ledger.size);
    expect(ledger.size).toBe(PLAYERS + PLAYERS / 2 + PLAYERS);
    const results = await storedResults(database.db, room.code);
    expect(results.size).toBe(PLAYERS);
    for (const [playerId, count] of ledger.perPlayer())
      expect(results.get(playerId)?.answeredCount).toBe(count);
  }, 30_000);
});
