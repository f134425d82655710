import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoomUpdate } from "@/lib/contract/views";
import { TEST_REVEAL_MS } from "../support/challenge-play";
import { challengeFixture, rightAnswer, type Account } from "../support/fault-challenges";
import {
  connectClient,
  disconnectAll,
  prepareFaultDatabase,
  type FaultDatabase,
} from "../support/fault-game";
import { next, request, TEST_SECRET, type Client } from "../support/realtime-harness";
import {
  startArenaNode,
  startArenaNodes,
  startRedisServer,
  type ArenaNode,
  type RedisServer,
} from "../support/server-processes";

/**
 * Self-paced attempts with Redis (issue 11, part 5): two production server processes share a
 * private Redis. While the room lives in Redis, a start on the other node goes back to it as it
 * stands (same question, same clock). When Redis and both nodes are lost at once, the room is
 * rebuilt from Postgres; the player's two tabs starting it on both nodes at the same moment
 * open it once (the store's atomic create), and its answers count once.
 */
const LIMIT_SEC = 20;
const LEASE_MS = 2_000;
const ENV = { ROOM_LEASE_MS: String(LEASE_MS), SELF_PACED_REVEAL_MS: String(TEST_REVEAL_MS) };

describe("a self-paced attempt on two nodes sharing Redis", () => {
  let redis: RedisServer;
  let database: FaultDatabase;
  let nodes: ArenaNode[];
  let fixture: Awaited<ReturnType<typeof challengeFixture>>;

  const startNodes = (env: Record<string, string> = {}) =>
    startArenaNodes(2, {
      databaseUrl: database.url,
      secret: TEST_SECRET,
      redisUrl: redis.url,
      env: { ...ENV, ...env },
    });

  beforeAll(async () => {
    redis = await startRedisServer();
    database = await prepareFaultDatabase();
    fixture = await challengeFixture(database);
    nodes = await startNodes();
  }, 320_000);

  afterAll(async () => {
    disconnectAll();
    await Promise.all(nodes?.map((n) => n.stop()) ?? []);
    await redis?.stop();
    await database?.close();
  });

  const questionOpen = (socket: Client, index: number) =>
    next(
      socket,
      "room:update",
      (r: RoomUpdate) => r.phase === "question" && r.question?.index === index,
      15_000,
    );

  async function takeSeat(url: string, id: string, player: Account) {
    const started = await fixture.startAttempt(url, id, player);
    if (!started.json.ok) throw new Error(`start refused: ${started.json.error}`);
    const socket = await connectClient(url, { cookie: player.cookie });
    const resumed = await request(socket, "room:resume", { token: started.json.data.token });
    if (!resumed.ok) throw new Error(`resume refused: ${resumed.error}`);
    return { attempt: started.json.data.attempt, socket, session: resumed.data };
  }

  /** Answers right; BUSY (the room is changing hands between nodes) is tried again. */
  async function answer(socket: Client, code: string, id: string, index: number) {
    const questions = await fixture.questions(id);
    const until = Date.now() + 15_000;
    for (;;) {
      const answered = await request(socket, "round:answer", {
        code,
        questionIndex: index,
        answer: rightAnswer(questions[index]!),
      });
      if (answered.ok || answered.error !== "BUSY" || Date.now() > until) return answered;
      await sleep(250);
    }
  }

  it("the room lives on in Redis: the other node goes back to it as it stands", async () => {
    const [a, b] = nodes as [ArenaNode, ArenaNode];
    const id = await fixture.createChallenge(a.url, LIMIT_SEC);
    const player = await fixture.account("Survivor");
    const first = await takeSeat(a.url, id, player);
    const code = first.attempt.roomCode;
    const second = questionOpen(first.socket, 1);
    expect(await answer(first.socket, code, id, 0)).toMatchObject({ ok: true });
    const open = await second;
    await a.kill();
    disconnectAll();
    // Node B takes the room over once A's lease runs out; the question keeps its clock.
    const again = await takeSeat(b.url, id, player);
    expect(again.attempt.roomCode).toBe(code);
    expect([again.session.room.phase, again.session.room.question?.index]).toEqual(["question", 1]);
    expect(again.session.room.questionDeadline).toBe(open.questionDeadline);
    expect(await answer(again.socket, code, id, 1)).toMatchObject({ ok: true });
    const rows = await database.db.prisma.answer.findMany({ where: { room: { code } } });
    expect(rows.map((r) => r.questionIndex).sort()).toEqual([0, 1]);
  }, 120_000);

  it("Redis and both nodes lost: two tabs on two nodes rebuild the room once", async () => {
    const revived = await startArenaNode({
      databaseUrl: database.url,
      secret: TEST_SECRET,
      redisUrl: redis.url,
      env: ENV,
    });
    nodes = [revived, nodes[1]!];
    const [a] = nodes as [ArenaNode, ArenaNode];
    const id = await fixture.createChallenge(a.url, LIMIT_SEC);
    const player = await fixture.account("Twice");
    const first = await takeSeat(a.url, id, player);
    const code = first.attempt.roomCode;
    const second = questionOpen(first.socket, 1);
    expect(await answer(first.socket, code, id, 0)).toMatchObject({ ok: true });
    await second;
    // Everything in memory goes at once: both nodes, and Redis (no append-only file).
    await Promise.all(nodes.map((n) => n.kill()));
    await redis.kill();
    disconnectAll();
    await redis.start();
    nodes = await startNodes({ LOG_LEVEL: "info" });

    const starts = await Promise.all(nodes.map((n) => fixture.startAttempt(n.url, id, player)));
    const seats = starts.map((s) => (s.json.ok ? s.json.data.attempt.roomCode : s.json.error));
    expect(seats).toEqual([code, code]);
    expect(await database.db.prisma.challengeAttempt.count({ where: { challengeId: id } })).toBe(1);
    // One node rebuilt and opened the room; the other found it open (or lost the create to it).
    const said = (text: string) =>
      nodes.reduce((n, node) => n + node.output().split(text).length - 1, 0);
    expect(said("lost challenge attempt reopened")).toBe(1);
    console.log(`the second start lost the create race: ${said("opened by another start first")}`);
    const socket = await connectClient(nodes[1]!.url, { cookie: player.cookie });
    const token = starts[1]!.json.ok ? starts[1]!.json.data.token : "";
    const resumed = await request(socket, "room:resume", { token });
    expect(resumed.ok && [resumed.data.room.phase, resumed.data.room.question?.index]).toEqual([
      "leaderboard",
      1,
    ]);
    // Question 2 was open at the loss: the player goes on with question 3, to the end.
    for (const index of [2, 3, 4]) {
      await questionOpen(socket, index);
      const done = index === 4 ? next(socket, "room:update", (r) => r.phase === "podium") : null;
      expect(await answer(socket, code, id, index)).toMatchObject({ ok: true });
      await done;
    }
    const room = await database.db.prisma.room.findUniqueOrThrow({
      where: { code },
      include: { answers: true, results: true },
    });
    const total = room.answers.reduce((s, r) => s + r.points + r.streakBonus, 0);
    expect(room.answers.map((r) => r.questionIndex).sort()).toEqual([0, 2, 3, 4]);
    expect([room.status, room.results.map((r) => r.score)]).toEqual(["FINISHED", [total]]);
  }, 180_000);
});
