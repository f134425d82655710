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
import { startArenaNode, type ArenaNode } from "../support/server-processes";

/**
 * Self-paced attempts survive their process (issue 11, part 5): one production server process
 * keeps rooms in memory; it is killed with SIGKILL in the middle of an attempt's question and
 * started again. The attempt's room is rebuilt from Postgres when the player starts it again:
 * the answers given count, the question that was open counts as unanswered (no second look),
 * and the player goes on with the next one. A deadline that passed meanwhile closes the attempt
 * with what was stored, whether the start-up sweep or the player's next start sees it first.
 */
const LIMIT_SEC = 20;

describe("a self-paced attempt across a kill -9 of its server", () => {
  let database: FaultDatabase;
  let node: ArenaNode;
  let fixture: Awaited<ReturnType<typeof challengeFixture>>;

  const start = () =>
    startArenaNode({
      databaseUrl: database.url,
      secret: TEST_SECRET,
      env: { SELF_PACED_REVEAL_MS: String(TEST_REVEAL_MS) },
    });
  const restart = async () => {
    await node.kill();
    disconnectAll();
    node = await start();
  };

  beforeAll(async () => {
    database = await prepareFaultDatabase();
    fixture = await challengeFixture(database);
    node = await start();
    console.log(`node ready in ${node.readyMs} ms`);
  }, 320_000);

  afterAll(async () => {
    disconnectAll();
    await node?.stop();
    await database?.close();
  });

  const roomOf = (code: string) =>
    database.db.prisma.room.findUniqueOrThrow({
      where: { code },
      include: { attempt: true, results: true },
    });
  const answersIn = (code: string) =>
    database.db.prisma.answer.findMany({
      where: { room: { code } },
      orderBy: { questionIndex: "asc" },
    });
  const questionOpen = (socket: Client, index: number) =>
    next(
      socket,
      "room:update",
      (r: RoomUpdate) => r.phase === "question" && r.question?.index === index,
      15_000,
    );

  /** Starts (or goes back to) the attempt and resumes its seat on a new socket. */
  async function takeSeat(id: string, player: Account) {
    const started = await fixture.startAttempt(node.url, id, player);
    if (!started.json.ok) throw new Error(`start refused: ${started.json.error}`);
    const socket = await connectClient(node.url, { cookie: player.cookie });
    const resumed = await request(socket, "room:resume", { token: started.json.data.token });
    if (!resumed.ok) throw new Error(`resume refused: ${resumed.error}`);
    return { attempt: started.json.data.attempt, socket, session: resumed.data };
  }

  async function answer(socket: Client, code: string, id: string, index: number) {
    const questions = await fixture.questions(id);
    return request(socket, "round:answer", {
      code,
      questionIndex: index,
      answer: rightAnswer(questions[index]!),
    });
  }

  it("resumes at question 4 after a kill mid-question 3, with the first two answers kept", async () => {
    const id = await fixture.createChallenge(node.url, LIMIT_SEC);
    const player = await fixture.account("Resumer");
    const first = await takeSeat(id, player);
    const code = first.attempt.roomCode;
    expect(first.session.room.phase).toBe("question");
    for (const index of [0, 1]) {
      const shown = questionOpen(first.socket, index + 1);
      expect(await answer(first.socket, code, id, index)).toEqual({
        ok: true,
        data: { questionIndex: index },
      });
      await shown;
    }
    // Question 3 is on the player's screen, unanswered: the process dies.
    const before = await roomOf(code);
    expect(before.attempt?.questionsShown).toBe(3);
    await restart();

    // The start-up sweep left the attempt's room to its attempt (not ABORTED).
    expect((await roomOf(code)).status).toBe("RUNNING");
    const again = await takeSeat(id, player);
    // Back between questions: question 4 opens by itself after a reveal's time.
    const fourthOpened = questionOpen(again.socket, 3);
    expect([again.attempt.id, again.attempt.roomCode]).toEqual([first.attempt.id, code]);
    expect([again.session.room.phase, again.session.room.question?.index]).toEqual([
      "leaderboard",
      2,
    ]);
    expect(again.session.me.score).toBe(first.session.me.score + sum(await answersIn(code)));

    const fourth = await fourthOpened;
    // Full time for question 4; question 3 is gone for good.
    expect(fourth.questionDeadline! - fourth.questionStartedAt!).toBe(LIMIT_SEC * 1_000);
    expect(await answer(again.socket, code, id, 2)).toEqual({
      ok: false,
      error: "QUESTION_NOT_CURRENT",
    });
    const fifth = questionOpen(again.socket, 4);
    expect(await answer(again.socket, code, id, 3)).toMatchObject({ ok: true });
    await fifth;
    const podium = next(again.socket, "room:update", (r) => r.phase === "podium", 15_000);
    expect(await answer(again.socket, code, id, 4)).toMatchObject({ ok: true });
    const final = await podium;

    const answers = await answersIn(code);
    expect(answers.map((a) => [a.questionIndex, a.correctness, a.streak])).toEqual([
      [0, 1, 1],
      [1, 1, 2],
      // Question 3 scored 0 (no row): the streak starts again.
      [3, 1, 1],
      [4, 1, 2],
    ]);
    const total = sum(answers);
    expect(final.podium).toEqual([expect.objectContaining({ score: total })]);
    const room = await roomOf(code);
    expect(room.status).toBe("FINISHED");
    expect(room.results.map((r) => [r.score, r.correctCount, r.answeredCount])).toEqual([
      [total, 4, 4],
    ]);

    // One attempt: starting again is refused and changes nothing.
    const used = await fixture.startAttempt(node.url, id, player);
    expect([used.status, used.json]).toEqual([409, { ok: false, error: "ATTEMPT_USED" }]);
    expect((await answersIn(code)).length).toBe(4);
    // It counts once on the all-time quiz board, like any finished room.
    const board = await fetch(
      `${node.url}/api/boards?board=quiz&window=all&q=${encodeURIComponent(player.name)}`,
    );
    const rows = ((await board.json()) as { data: { rows: { name: string; score: number }[] } })
      .data.rows;
    expect(rows).toEqual([expect.objectContaining({ name: player.name, score: total })]);
  }, 120_000);

  it("a deadline that passed in the outage closes the attempt with its stored answers", async () => {
    // Two attempts lose their room with one answer stored: the first challenge's deadline passes
    // while the process is down (the start-up sweep closes it), the second's after it is back
    // (the player's next start closes it).
    const ids = [
      await fixture.createChallenge(node.url, LIMIT_SEC),
      await fixture.createChallenge(node.url, LIMIT_SEC),
    ];
    const players = [await fixture.account("Swept"), await fixture.account("Late")];
    const codes: string[] = [];
    for (const [i, id] of ids.entries()) {
      const seat = await takeSeat(id, players[i]!);
      const code = seat.attempt.roomCode;
      codes.push(code);
      const shown = questionOpen(seat.socket, 1);
      expect(await answer(seat.socket, code, id, 0)).toMatchObject({ ok: true });
      await shown;
    }
    const past = () => new Date(Date.now() - 1_000);
    await node.kill();
    disconnectAll();
    await database.db.prisma.challenge.update({
      where: { id: ids[0] },
      data: { deadline: past() },
    });
    node = await start();

    for (const [i, id] of ids.entries()) {
      // The sweep at start-up closed the first (its deadline had passed); the second waits.
      expect((await roomOf(codes[i]!)).status).toBe(i === 0 ? "FINISHED" : "RUNNING");
      if (i === 1) {
        await database.db.prisma.challenge.update({ where: { id }, data: { deadline: past() } });
      }
      const used = await fixture.startAttempt(node.url, id, players[i]!);
      expect([used.status, used.json]).toEqual([409, { ok: false, error: "ATTEMPT_USED" }]);
      const room = await roomOf(codes[i]!);
      const stored = await answersIn(codes[i]!);
      expect(stored.map((a) => a.questionIndex)).toEqual([0]);
      expect(room.status).toBe("FINISHED");
      expect(room.results.map((r) => [r.score, r.correctCount, r.answeredCount])).toEqual([
        [sum(stored), 1, 1],
      ]);
    }
  }, 120_000);
});

const sum = (answers: { points: number; streakBonus: number }[]) =>
  answers.reduce((total, a) => total + a.points + a.streakBonus, 0);
