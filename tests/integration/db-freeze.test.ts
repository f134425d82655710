import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { next, request } from "../support/realtime-harness";
import { startHttpApp, type HttpApp } from "../support/http-app";
import { openRoom, type OpenRoom } from "../support/room-setup";
import { keyedKeys } from "@/lib/game/keyed-map";
import { MAX_WRITES_IN_FLIGHT } from "@/server/realtime/room-event-queue";

/**
 * Item 17: with the database frozen, nothing hangs. The server's pg pool reaches Postgres through
 * a pausable TCP proxy (tests/support/pausable-proxy.ts), so "frozen" is real (sockets open, no
 * bytes) without touching the shared Postgres. A short DB_QUERY_TIMEOUT_MS keeps the test quick.
 */
const TIMEOUT_MS = 1_500;

const answer = (code: string, choice: number) => ({
  code,
  questionIndex: 0,
  answer: { type: "single", choice },
});

/** The status and the database's part of /api/health's report (tests/integration/health.test.ts has the rest). */
async function health(app: HttpApp): Promise<{ status: number; ok: boolean; db: string }> {
  const response = await fetch(`${app.url}/api/health`);
  const body = (await response.json()) as { ok: boolean; checks: { database: { status: string } } };
  return { status: response.status, ok: body.ok, db: body.checks.database.status };
}

describe("a frozen database", () => {
  let app: HttpApp;
  let room: OpenRoom;
  beforeAll(async () => {
    app = await startHttpApp({ proxy: true, env: { DB_QUERY_TIMEOUT_MS: String(TIMEOUT_MS) } });
    room = await openRoom(app, ["alice", "bob", "carol", "dave", "erin"], {
      defaultTimeLimitSec: 120,
    });
    const started = next(room.host, "room:update", (r) => r.phase === "question");
    await request(room.host, "game:start", { code: room.code });
    await started;
  });
  afterAll(() => app?.close());

  const player = (nickname: string) => {
    const found = room.players.find((p) => p.nickname === nickname);
    if (!found) throw new Error(`no player ${nickname}`);
    return found;
  };
  const counted = async () =>
    keyedKeys((await app.services.realtime.runtime.get(room.code))!.answers);
  const rows = () => app.db.prisma.answer.count({ where: { room: { code: room.code } } });

  it("answers DB_UNAVAILABLE within the timeout, counts nothing, and health says down", async () => {
    expect(await request(player("alice").socket, "round:answer", answer(room.code, 1))).toEqual({
      ok: true,
      data: { questionIndex: 0 },
    });
    expect(await health(app)).toEqual({ status: 200, ok: true, db: "up" });

    app.proxy!.pause();
    const writes = [
      vi.spyOn(app.repos.rooms, "saveAnswer"),
      vi.spyOn(app.repos.rooms, "saveAnswers"),
    ];
    const writeCalls = () => writes.reduce((n, spy) => n + spy.mock.calls.length, 0);
    const sentAt = Date.now();
    const bob = request(player("bob").socket, "round:answer", answer(room.code, 1));
    await vi.waitFor(() => expect(writeCalls()).toBe(1));
    // Carol's answer comes while Bob's write is stuck: it must not wait out a second timeout
    // after his. Its own write goes beside his (a second write in flight), and answers behind
    // those two are refused without a write of their own once the first times out.
    const carol = request(player("carol").socket, "round:answer", answer(room.code, 0));
    await vi.waitFor(() => expect(writeCalls()).toBe(MAX_WRITES_IN_FLIGHT));
    const erin = request(player("erin").socket, "round:answer", answer(room.code, 0));
    const acks = await Promise.all([bob, carol, erin]);
    const waited = Date.now() - sentAt;
    expect(writeCalls()).toBe(MAX_WRITES_IN_FLIGHT);
    expect(waited).toBeLessThan(2 * TIMEOUT_MS);
    writes.forEach((spy) => spy.mockRestore());
    expect(acks).toEqual([
      { ok: false, error: "DB_UNAVAILABLE" },
      { ok: false, error: "DB_UNAVAILABLE" },
      { ok: false, error: "DB_UNAVAILABLE" },
    ]);
    console.log(`DB_UNAVAILABLE acks after ${waited} ms (timeout ${TIMEOUT_MS} ms)`);
    expect(await counted()).toEqual([player("alice").session.playerId]);
    expect(await health(app)).toEqual({ status: 503, ok: false, db: "down" });
  });

  it("after resume: health is up and the same answers are accepted and counted", async () => {
    app.proxy!.resume();
    expect(await health(app)).toEqual({ status: 200, ok: true, db: "up" });
    for (const nickname of ["bob", "carol"]) {
      const ack = await request(player(nickname).socket, "round:answer", answer(room.code, 1));
      expect(ack).toEqual({ ok: true, data: { questionIndex: 0 } });
    }
    expect(await counted()).toHaveLength(3);
    expect(await rows()).toBe(3);
  });

  it("a write that commits after its timeout is adopted when the player retries", async () => {
    // The query reaches Postgres and commits; only the reply is held, past the timeout.
    app.proxy!.holdReplies();
    const first = await request(player("dave").socket, "round:answer", answer(room.code, 1));
    expect(first).toEqual({ ok: false, error: "DB_UNAVAILABLE" });
    app.proxy!.resume();
    const dave = player("dave").session.playerId;
    expect(await counted()).not.toContain(dave);
    // ...yet the row is there: the truth problem this test is about.
    expect(await app.db.prisma.answer.count({ where: { playerId: dave } })).toBe(1);

    const retry = await request(player("dave").socket, "round:answer", answer(room.code, 1));
    expect(retry).toEqual({ ok: true, data: { questionIndex: 0 } });
    expect(await counted()).toContain(dave);
    expect(await app.db.prisma.answer.count({ where: { playerId: dave } })).toBe(1);
  });
});
