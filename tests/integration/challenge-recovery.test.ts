import { afterEach, describe, expect, it } from "vitest";
import type { StartedAttempt } from "@/lib/contract/challenges";
import type { Answer, Question } from "@/lib/questions/schema";
import { InMemoryRoomStore } from "@/server/realtime/room-store";
import {
  type Client,
  type Harness,
  next,
  request,
  startHarness,
} from "../support/realtime-harness";
import { TEST_REVEAL_MS } from "../support/challenge-play";
import { createTestDatabase } from "../support/test-database";

/**
 * Self-paced attempts whose room left memory, in process on real Postgres (the kill -9 journey
 * is tests/integration/fault-challenge-resume.test.ts): a room an older sweep closed as ABORTED
 * is still the attempt's, and closes FINISHED with its stored answers, its results written once
 * (the abort's standings replaced) and counted once on the board; the idle clean-up drops a
 * room its player walked away from but leaves it to the attempt, and the player goes on later.
 */
describe("self-paced attempts whose room left memory", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function api<T>(h: Harness, path: string, cookie: string, body?: unknown) {
    const res = await fetch(`${h.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return {
      status: res.status,
      json: (await res.json()) as { ok: true; data: T } | { ok: false; error: string },
    };
  }

  /** The fixture set's four questions (one of each of four types), 5 s each, open for an hour. */
  async function challenge(h: Harness, types?: string[]) {
    const host = await h.createUser("Host");
    const set = await h.db.prisma.questionSet.findFirstOrThrow({ where: { slug: "test-fixture" } });
    const created = await api<{ id: string }>(h, "/api/challenges", host.cookie, {
      title: "Recovery",
      selection: { setIds: [set.id], ...(types && { filter: { types } }) },
      timePerQuestionSec: 5,
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      deadline: new Date(Date.now() + 3_600_000).toISOString(),
    });
    if (!created.json.ok) throw new Error(created.json.error);
    const id = created.json.data.id;
    const questions = (await h.repos.challenges.get(id))!.questions.map((q) => q.question);
    return { id, questions };
  }

  async function seat(h: Harness, id: string, cookie: string) {
    const started = await api<StartedAttempt>(h, `/api/challenges/${id}/attempt`, cookie);
    if (!started.json.ok) throw new Error(started.json.error);
    const socket = await h.client({ cookie });
    const resumed = await request(socket, "room:resume", { token: started.json.data.token });
    if (!resumed.ok) throw new Error(resumed.error);
    return { code: started.json.data.attempt.roomCode, socket, session: resumed.data };
  }

  const opened = (socket: Client, index: number) =>
    next(socket, "room:update", (r) => r.phase === "question" && r.question?.index === index);

  const answer = (socket: Client, code: string, questions: Question[], index: number) =>
    request(socket, "round:answer", {
      code,
      questionIndex: index,
      answer: rightAnswer(questions[index]!),
    });

  async function quizBoardScore(h: Harness, name: string) {
    const res = await fetch(`${h.url}/api/boards?board=quiz&window=all&q=${name}`);
    const body = (await res.json()) as { data: { rows: { name: string; score: number }[] } };
    return body.data.rows.filter((r) => r.name === name).map((r) => r.score);
  }

  it("an attempt room closed as ABORTED closes FINISHED with its stored answers, counted once", async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const old = await startHarness("postgres", {
      databaseUrl: database.url,
      selfPacedRevealMs: TEST_REVEAL_MS,
    });
    const { id, questions } = await challenge(old, ["single", "truefalse"]);
    const player = await old.createUser(`Aborted${Date.now() % 100_000}`);
    const { code, socket } = await seat(old, id, player.cookie);
    const second = opened(socket, 1);
    expect(await answer(socket, code, questions, 0)).toMatchObject({ ok: true });
    await second;
    await old.crash();
    const fresh = await startHarness("postgres", {
      databaseUrl: database.url,
      selfPacedRevealMs: TEST_REVEAL_MS,
    });
    cleanups.push(() => fresh.close());
    // As an older start-up sweep left it: ABORTED, with standings taken before the loss.
    const { prisma } = fresh.db;
    const room = await prisma.room.findUniqueOrThrow({ where: { code } });
    const attempt = await prisma.challengeAttempt.findUniqueOrThrow({ where: { roomId: room.id } });
    await prisma.room.update({ where: { id: room.id }, data: { status: "ABORTED" } });
    await prisma.result.create({
      data: {
        roomId: room.id,
        playerId: attempt.playerId,
        rank: 1,
        score: 1,
        correctCount: 0,
        answeredCount: 0,
      },
    });

    // Its second (last) question was open at the loss: nothing is left, so it closes.
    const used = await api(fresh, `/api/challenges/${id}/attempt`, player.cookie);
    expect([used.status, used.json]).toEqual([409, { ok: false, error: "ATTEMPT_USED" }]);
    const stored = await fresh.db.prisma.answer.findMany({ where: { roomId: room.id } });
    const total = stored.reduce((s, a) => s + a.points + a.streakBonus, 0);
    const after = await fresh.db.prisma.room.findUniqueOrThrow({
      where: { code },
      include: { results: true },
    });
    expect(after.status).toBe("FINISHED");
    expect(after.results.map((r) => [r.score, r.correctCount, r.answeredCount])).toEqual([
      [total, 1, 1],
    ]);
    expect(await quizBoardScore(fresh, player.name)).toEqual([total]);
  });

  it("a start that stopped before its seat was stored: the next start seats the player", async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const old = await startHarness("postgres", { databaseUrl: database.url });
    const { id } = await challenge(old, ["single", "truefalse"]);
    const player = await old.createUser("Unseated");
    const started = await api<StartedAttempt>(old, `/api/challenges/${id}/attempt`, player.cookie);
    if (!started.json.ok) throw new Error(started.json.error);
    await old.crash();
    const fresh = await startHarness("postgres", { databaseUrl: database.url });
    cleanups.push(() => fresh.close());
    // As if the process had stopped between the attempt's row and its player's join.
    await fresh.db.prisma.player.delete({ where: { id: started.json.data.playerId } });

    const { code, session } = await seat(fresh, id, player.cookie);
    expect(code).toBe(started.json.data.attempt.roomCode);
    expect([session.playerId, session.room.phase, session.room.question?.index]).toEqual([
      started.json.data.playerId,
      "question",
      0,
    ]);
    expect(await fresh.db.prisma.challengeAttempt.count({ where: { challengeId: id } })).toBe(1);
    expect(await fresh.db.prisma.player.count({ where: { id: started.json.data.playerId } })).toBe(
      1,
    );
  });

  it("the idle clean-up leaves an abandoned attempt to its player, who goes on later", async () => {
    const store = new InMemoryRoomStore();
    const h = await startHarness("postgres", {
      store,
      lifetimes: { sweepMs: 100, emptyRoomMs: 1_000 },
      selfPacedRevealMs: TEST_REVEAL_MS,
    });
    cleanups.push(() => h.close());
    const { id, questions } = await challenge(h);
    expect(questions).toHaveLength(4);
    const player = await h.createUser(`Walked${Date.now() % 100_000}`);
    const first = await seat(h, id, player.cookie);
    const second = opened(first.socket, 1);
    expect(await answer(first.socket, first.code, questions, 0)).toMatchObject({ ok: true });
    await second;
    // The player walks away with question 2 on screen; it times out, the room waits, and the
    // clean-up drops it from memory, leaving it RUNNING in Postgres (not ABORTED).
    first.socket.disconnect();
    await expect.poll(() => store.has(first.code), { timeout: 15_000 }).toBe(false);
    const room = await h.db.prisma.room.findUniqueOrThrow({ where: { code: first.code } });
    expect(room.status).toBe("RUNNING");

    const again = await seat(h, id, player.cookie);
    expect(again.code).toBe(first.code);
    expect([again.session.room.phase, again.session.room.question?.index]).toEqual([
      "leaderboard",
      1,
    ]);
    for (const index of [2, 3]) {
      await opened(again.socket, index);
      const end =
        index === 3 ? next(again.socket, "room:update", (r) => r.phase === "podium") : null;
      expect(await answer(again.socket, again.code, questions, index)).toMatchObject({ ok: true });
      await end;
    }
    const answers = await h.db.prisma.answer.findMany({
      where: { roomId: room.id },
      orderBy: { questionIndex: "asc" },
    });
    expect(answers.map((a) => [a.questionIndex, a.streak])).toEqual([
      [0, 1],
      [2, 1],
      [3, 2],
    ]);
    const total = answers.reduce((s, a) => s + a.points + a.streakBonus, 0);
    const results = await h.db.prisma.result.findMany({ where: { roomId: room.id } });
    expect(results.map((r) => [r.score, r.answeredCount])).toEqual([[total, 3]]);
    expect(await quizBoardScore(h, player.name)).toEqual([total]);
  }, 40_000);
});

function rightAnswer(question: Question): Answer {
  switch (question.type) {
    case "single":
      return { type: "single", choice: question.correct };
    case "truefalse":
      return { type: "truefalse", value: question.correct };
    case "multiple":
      return { type: "multiple", choices: question.correct };
    case "text":
      return { type: "text", text: question.accepted[0]! };
    default:
      throw new Error(`unexpected ${question.type}`);
  }
}
