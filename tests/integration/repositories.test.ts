import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RoomSettingsSchema } from "@/lib/contract/schemas";
import { rankPlayers } from "@/lib/game/leaderboard";
import type { AnswerRecord, FinalResult } from "@/lib/game/types";
import { QuestionSetSchema, type QuestionInput, type QuestionSet } from "@/lib/questions/schema";
import { openDatabase, type Database } from "@/server/db/client";
import { seedBuiltInQuestionSets } from "@/server/db/seed";
import {
  AnswerExistsError,
  createPrismaRepositories,
  PrismaRoomRepository,
} from "@/server/repositories";
import {
  EmailTakenError,
  PlayersClashError,
  RoomCodeTakenError,
  type Repositories,
  type StoredQuestion,
} from "@/server/repositories/types";
import { backends, collectTimings, ms, quiet, uniqueName } from "../support/repository-backends";

// Small fixture sets: the real bank is another module's concern.
const text = (en: string) => ({ zh: `中文：${en}`, en });
const base = (id: string) => ({
  id,
  topic: "frameworks" as const,
  difficulty: 1 as const,
  prompt: text(`Prompt of ${id}`),
  explanation: text("Because."),
});
const q = {
  single: { ...base("q-single"), type: "single", options: [text("A"), text("B")], correct: 1 },
  truefalse: { ...base("q-truefalse"), type: "truefalse", correct: true },
  numeric: { ...base("q-numeric"), type: "numeric", correct: 10, tolerance: 0.5 },
  text: { ...base("q-text"), type: "text", accepted: ["Chollet", "François Chollet"] },
} satisfies Record<string, QuestionInput>;

function fixtureSet(slug: string, questions: QuestionInput[]): QuestionSet {
  return QuestionSetSchema.parse({
    slug,
    title: text(`Set ${slug}`),
    description: text("Test"),
    source: "tests",
    questions,
  });
}

const counts = (created: number, updated: number) => ({ sets: 1, created, updated });
const ids = (set: { questions: StoredQuestion[] } | null) =>
  set?.questions.map((s) => s.question.id);
const timings = collectTimings();

function answerRecord(
  questionIds: string[],
  playerId: string,
  questionIndex: number,
  correctness: number,
): AnswerRecord {
  return {
    playerId,
    questionIndex,
    // The fixture set has two questions; a later index reuses one (only the index is unique).
    questionId: questionIds[questionIndex % questionIds.length]!,
    answer: { type: "single", choice: 1 },
    receivedAt: Date.now(),
    elapsedMs: 1000,
    correctness,
    points: Math.round(1000 * correctness),
    streakBonus: 0,
    streak: correctness === 1 ? 1 : 0,
  };
}

describe.each(backends)("repositories on $name", (backend) => {
  let db: Database;
  let repos: Repositories;
  let disposeMain: () => Promise<void>;

  beforeAll(async () => {
    const { options, dispose } = await backend.fresh();
    disposeMain = dispose;
    const started = performance.now();
    db = await openDatabase({ ...options, log: quiet });
    timings.push(`${backend.name}: openDatabase on an empty database ${ms(started)} ms`);
    repos = createPrismaRepositories(db.prisma, db.sql);
  });

  afterAll(async () => {
    await db?.close();
    await disposeMain?.();
  });

  it("creates and finds users; a taken email is an EmailTakenError", async () => {
    const email = `${uniqueName("ada")}@example.com`;
    const user = await repos.users.create({ email, name: "Ada", passwordHash: "hash" });
    expect(user).toMatchObject({ email, name: "Ada", passwordHash: "hash" });
    expect(typeof user.id).toBe("string");
    expect(await repos.users.findByEmail(email)).toEqual(user);
    expect(await repos.users.findById(user.id)).toEqual(user);
    expect(await repos.users.findByEmail("nobody@example.com")).toBeNull();
    const taken = repos.users.create({ email, name: "Eve", passwordHash: "x" });
    await expect(taken).rejects.toBeInstanceOf(EmailTakenError);
  });

  it("seeds idempotently and updates only what changed", async () => {
    const slug = uniqueName("seed");
    const seed = (set: QuestionSet) => seedBuiltInQuestionSets(repos.questionSets, [set]);
    const v1 = fixtureSet(slug, [q.single, q.truefalse, q.numeric]);
    expect(await seed(v1)).toEqual(counts(3, 0));
    expect(await seed(v1)).toEqual(counts(0, 0));
    const before = await repos.questionSets.getBySlug(slug);

    // One question edited, one dropped from the bank, one added.
    const edited = { ...q.truefalse, prompt: text("Edited prompt") };
    const v2 = fixtureSet(slug, [q.single, edited, q.text]);
    expect(await seed(v2)).toEqual(counts(1, 2));
    expect(await seed(v2)).toEqual(counts(0, 0));

    const after = await repos.questionSets.getBySlug(slug);
    expect(ids(after)).toEqual(["q-single", "q-truefalse", "q-text"]);
    expect(after?.questions[1]?.question.prompt.en).toBe("Edited prompt");
    // Stored ids are stable across edits: rooms and answers keep pointing at the same rows.
    expect(after?.questions[1]?.id).toBe(before?.questions[1]?.id);
    const summary = (await repos.questionSets.list()).find((set) => set.slug === slug);
    expect(summary).toMatchObject({ questionCount: 3, builtIn: true, title: v2.title });
  });

  it("seeds a new set from two instances at once without failing either", async () => {
    const set = fixtureSet(uniqueName("race"), [q.single, q.truefalse, q.numeric]);
    const seed = () => seedBuiltInQuestionSets(repos.questionSets, [set]);
    const [a, b] = await Promise.all([seed(), seed()]);
    expect(a.created + b.created).toBe(3);
    expect(ids(await repos.questionSets.getBySlug(set.slug))).toHaveLength(3);
  });

  it("returns a set's questions in play order, parsed, or null for an unknown slug", async () => {
    const slug = uniqueName("order");
    const seed = (...questions: QuestionInput[]) =>
      seedBuiltInQuestionSets(repos.questionSets, [fixtureSet(slug, questions)]);
    await seed(q.numeric, q.single, q.text);
    const set = await repos.questionSets.getBySlug(slug);
    expect(ids(set)).toEqual(["q-numeric", "q-single", "q-text"]);
    expect(set?.questions[0]?.question).toEqual(fixtureSet(slug, [q.numeric]).questions[0]);

    // Reordered, and a retired question brought back: the stored order follows the bank.
    await seed(q.text, q.numeric);
    await seed(q.single, q.text, q.numeric);
    expect(ids(await repos.questionSets.getBySlug(slug))).toEqual([
      "q-single",
      "q-text",
      "q-numeric",
    ]);
    expect(await repos.questionSets.getBySlug("no-such-set")).toBeNull();
  });

  /** A host, a seeded set and a room in the lobby. */
  async function lobby() {
    const email = `${uniqueName("host")}@example.com`;
    const host = await repos.users.create({ email, name: "Host", passwordHash: "h" });
    const slug = uniqueName("room-set");
    await seedBuiltInQuestionSets(repos.questionSets, [fixtureSet(slug, [q.single, q.truefalse])]);
    const set = (await repos.questionSets.getBySlug(slug))!;
    const input = {
      code: uniqueName("R").toUpperCase(),
      hostId: host.id,
      questionSetId: set.id,
      settings: RoomSettingsSchema.parse({}),
      questionIds: set.questions.map((s) => s.id),
    };
    const room = await repos.rooms.create(input);
    const join = (nickname: string, playerId = uniqueName("p")) =>
      repos.rooms
        .addPlayer({ roomId: room.id, playerId, nickname, userId: null, at: new Date() })
        .then(() => ({ playerId, nickname }));
    return { room, input, join };
  }

  it("creates rooms; a taken code is a RoomCodeTakenError", async () => {
    const { input } = await lobby();
    await expect(repos.rooms.create(input)).rejects.toBeInstanceOf(RoomCodeTakenError);
    const read = await repos.rooms.getResults(input.code);
    expect(read).toMatchObject({ code: input.code, status: "LOBBY", results: [] });
  });

  it("adds players and rejects a nickname already in the room", async () => {
    const { join } = await lobby();
    await join("Neo");
    await expect(join("Neo")).rejects.toThrow();
    await (await lobby()).join("Neo"); // the same nickname in another room is fine
  });

  it("adds a burst of players in one write; any clash writes none of them", async () => {
    const { room, join } = await lobby();
    const at = new Date("2026-12-07T10:00:00.123Z");
    const burst = ["Ana", "Bo", "Cy"].map((nickname, i) => ({
      playerId: uniqueName("p"),
      nickname,
      userId: null,
      candidateId: i === 1 ? null : undefined,
      at,
    }));
    await repos.rooms.addPlayers(room.id, burst);
    const rows = await db.prisma.player.findMany({
      where: { roomId: room.id },
      orderBy: { nickname: "asc" },
    });
    expect(rows.map((r) => [r.id, r.nickname, r.userId, r.candidateId, r.joinedAt])).toEqual(
      burst.map((p) => [p.playerId, p.nickname, null, null, at]),
    );
    // "Bo" is taken: the burst writes nothing, not even the free "Dee".
    const clash = [
      { playerId: uniqueName("p"), nickname: "Dee", userId: null, at },
      { playerId: uniqueName("p"), nickname: "Bo", userId: null, at },
    ];
    await expect(repos.rooms.addPlayers(room.id, clash)).rejects.toBeInstanceOf(PlayersClashError);
    expect(await db.prisma.player.count({ where: { roomId: room.id } })).toBe(3);
    await join("Dee");
  });

  it("saves an answer once; a second answer to the same question is an AnswerExistsError", async () => {
    const { room, input, join } = await lobby();
    const { playerId } = await join("Trin");
    const record: AnswerRecord = {
      playerId,
      questionIndex: 0,
      questionId: input.questionIds[0]!,
      answer: { type: "single", choice: 1 },
      receivedAt: Date.now(),
      elapsedMs: 1200,
      correctness: 1,
      points: 970,
      streakBonus: 0,
      streak: 1,
    };
    await repos.rooms.saveAnswer(room.id, record);
    const second = { ...record, answer: { type: "single" as const, choice: 0 } };
    await expect(repos.rooms.saveAnswer(room.id, second)).rejects.toBeInstanceOf(AnswerExistsError);
    const next = { ...record, questionIndex: 1, questionId: input.questionIds[1]! };
    await repos.rooms.saveAnswer(room.id, next);
  });

  it("saves a batch of answers in one write, and none of them when one conflicts", async () => {
    const { room, input, join } = await lobby();
    const players = [await join("Ann"), await join("Ben"), await join("Cat")];
    const record = (playerId: string, questionIndex = 0): AnswerRecord => ({
      playerId,
      questionIndex,
      questionId: input.questionIds[questionIndex]!,
      answer: { type: "single", choice: 1 },
      receivedAt: Date.now(),
      elapsedMs: 800,
      correctness: 1,
      points: 980,
      streakBonus: 0,
      streak: 1,
    });
    await repos.rooms.saveAnswers(
      room.id,
      players.slice(0, 2).map((p) => record(p.playerId)),
    );
    // Cat's answer is new, Ann's repeats: the whole batch is refused and Cat's is not written.
    await expect(
      repos.rooms.saveAnswers(room.id, [
        record(players[2]!.playerId),
        record(players[0]!.playerId),
      ]),
    ).rejects.toBeInstanceOf(AnswerExistsError);
    const count = await db.prisma.answer.count({ where: { roomId: room.id } });
    expect(count).toBe(2);

    // Without the driver (a caller with only a Prisma client): the same statement, same verdicts.
    const viaPrisma = new PrismaRoomRepository(db.prisma);
    await viaPrisma.saveAnswers(room.id, [record(players[2]!.playerId)]);
    await expect(
      viaPrisma.saveAnswers(room.id, [
        record(players[0]!.playerId, 1),
        record(players[1]!.playerId),
      ]),
    ).rejects.toBeInstanceOf(AnswerExistsError);
    expect(await db.prisma.answer.count({ where: { roomId: room.id } })).toBe(3);
  });

  it("stores every field of an answer exactly as the engine gave it (raw batch write)", async () => {
    const { room, input, join } = await lobby();
    const [ann, ben] = [await join("Ann"), await join("Ben")];
    // Characters that array literals and JSON both escape, and values that lose digits easily.
    const text = 'a "quoted", {braced} \\ back\\slash, 中文 ✓ NULL';
    const records: AnswerRecord[] = [
      {
        playerId: ann.playerId,
        questionIndex: 0,
        questionId: input.questionIds[0]!,
        answer: { type: "text", text },
        receivedAt: Date.UTC(2026, 0, 2, 3, 4, 5, 678),
        elapsedMs: 2_147_000_000,
        correctness: 1 / 3,
        points: 333,
        streakBonus: 50,
        streak: 4,
      },
      {
        playerId: ben.playerId,
        questionIndex: 0,
        questionId: input.questionIds[0]!,
        answer: { type: "numeric", value: 0.1 + 0.2 },
        receivedAt: Date.UTC(2026, 11, 31, 23, 59, 59, 999),
        elapsedMs: 0,
        correctness: 0,
        points: 0,
        streakBonus: 0,
        streak: 0,
      },
    ];
    const before = Date.now();
    await repos.rooms.saveAnswers(room.id, records);
    const single = { ...records[0]!, questionIndex: 1, questionId: input.questionIds[1]! };
    await repos.rooms.saveAnswer(room.id, single);
    const rows = await db.prisma.answer.findMany({
      where: { roomId: room.id },
      orderBy: [{ questionIndex: "asc" }, { receivedAt: "asc" }],
    });
    const expected = [...records, single].sort(
      (a, b) => a.questionIndex - b.questionIndex || a.receivedAt - b.receivedAt,
    );
    expect(
      rows.map(({ id: _id, createdAt: _createdAt, payload, receivedAt, roomId, ...rest }) => ({
        ...rest,
        roomId,
        answer: payload,
        receivedAt: receivedAt.getTime(),
      })),
    ).toEqual(expected.map((r) => ({ ...r, roomId: room.id })));
    expect(new Set(rows.map((r) => r.id)).size).toBe(3);
    for (const row of rows) {
      expect(row.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(row.createdAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    }
  });

  it("finishes a room once, even when retried, and reads results in rank order", async () => {
    const { room, input, join } = await lobby();
    const [zed, amy, bob] = [await join("Zed"), await join("Amy"), await join("Bob")];
    const startedAt = new Date("2026-01-01T10:00:00Z");
    const endedAt = new Date("2026-01-01T10:05:00Z");
    await repos.rooms.markStarted(room.id, startedAt);
    const rows = [
      { ...zed, rank: 1, score: 1900, correctCount: 2, answeredCount: 2 },
      { ...amy, rank: 2, score: 900, correctCount: 1, answeredCount: 2 },
      { ...bob, rank: 3, score: 0, correctCount: 0, answeredCount: 1 },
    ];
    // The correct counts are read from the answers themselves.
    const answer = (playerId: string, questionIndex: number, correctness: number) =>
      answerRecord(input.questionIds, playerId, questionIndex, correctness);
    await repos.rooms.saveAnswers(room.id, [
      answer(zed.playerId, 0, 1),
      answer(zed.playerId, 1, 1),
      answer(amy.playerId, 0, 1),
      answer(amy.playerId, 1, 0.5),
      answer(bob.playerId, 0, 0),
    ]);
    const shuffled = [rows[1]!, rows[2]!, rows[0]!];
    await repos.rooms.finish(room.id, endedAt, shuffled);
    await repos.rooms.finish(room.id, endedAt, shuffled); // a retry after an unknown outcome

    const read = await repos.rooms.getResults(input.code);
    const title = (await repos.questionSets.list()).find(
      (s) => s.id === input.questionSetId,
    )?.title;
    expect(read).toMatchObject({ code: input.code, status: "FINISHED", hostName: "Host" });
    expect(read).toMatchObject({ questionSetTitle: title, startedAt, endedAt, questionCount: 2 });
    expect(read?.results).toEqual(rows.map((r) => ({ ...r, codingTargetsMet: 0 })));
    expect(read?.codingRoundCount).toBe(0);
    expect(await repos.rooms.getResults("NOPE42")).toBeNull();
  });

  it("finishes a team game: each result keeps its team (or none), team rows once", async () => {
    const { room, join } = await lobby();
    const [ann, ben, cat] = [await join("Ann"), await join("Ben"), await join("Cat")];
    const results: FinalResult[] = [
      { ...ann, rank: 1, score: 2000, correctCount: 2, answeredCount: 2, team: 0 },
      { ...ben, rank: 2, score: 1000, correctCount: 1, answeredCount: 2, team: 1 },
      // Joined after the teams were drawn: on no team.
      { ...cat, rank: 3, score: 0, correctCount: 0, answeredCount: 0 },
    ];
    const teams = [
      { team: 0, color: "red" as const, name: "Reds", members: 1, score: 2000, rank: 1 },
      { team: 1, color: "blue" as const, name: null, members: 1, score: 1000.5, rank: 2 },
    ];
    await repos.rooms.finish(room.id, new Date(), results, teams);
    await repos.rooms.finish(room.id, new Date(), results, teams); // a retry writes nothing more
    const stored = await db.prisma.result.findMany({
      where: { roomId: room.id },
      orderBy: { rank: "asc" },
      select: { playerId: true, rank: true, score: true, team: true, correctCount: true },
    });
    expect(stored).toEqual(
      results.map((r) => ({
        playerId: r.playerId,
        rank: r.rank,
        score: r.score,
        team: r.team ?? null,
        correctCount: r.correctCount,
      })),
    );
    const storedTeams = await db.prisma.teamResult.findMany({
      where: { roomId: room.id },
      orderBy: { team: "asc" },
      select: { team: true, color: true, name: true, members: true, score: true, rank: true },
    });
    expect(storedTeams).toEqual(teams);
  });

  it("lists a tie on /results as the podium does: shared rank, the earlier joiner first", async () => {
    const { room, input } = await lobby();
    // Zed joins before Amy and they tie: nickname order would put Amy first, join order Zed.
    const players = [
      { id: uniqueName("p"), nickname: "Zed", score: 900, joinedAt: 1_000 },
      { id: uniqueName("p"), nickname: "Amy", score: 900, joinedAt: 2_000 },
      { id: uniqueName("p"), nickname: "Bob", score: 1500, joinedAt: 3_000 },
    ];
    for (const p of players) {
      await repos.rooms.addPlayer({
        roomId: room.id,
        playerId: p.id,
        nickname: p.nickname,
        userId: null,
        at: new Date(p.joinedAt),
      });
    }
    const podium = rankPlayers(
      players.map((p) => ({
        ...p,
        userId: null,
        streak: 0,
        correctCount: 0,
        answeredCount: 1,
        connected: true,
      })),
    );
    await repos.rooms.markStarted(room.id, new Date());
    await repos.rooms.finish(
      room.id,
      new Date(),
      podium.map((e) => ({ ...e, correctCount: 0, answeredCount: 1 })),
    );

    const read = await repos.rooms.getResults(input.code);
    const order = (rows: { nickname: string; rank: number }[] | undefined) =>
      rows?.map((r) => [r.nickname, r.rank]);
    expect(order(podium)).toEqual([
      ["Bob", 1],
      ["Zed", 2],
      ["Amy", 2],
    ]);
    expect(order(read?.results)).toEqual(order(podium));
  });

  it("counts correct quiz answers and coding rounds apart (the game's total mixes them)", async () => {
    const { room, input, join } = await lobby();
    const [ada, bob] = [await join("Ada"), await join("Bob")];
    await repos.rooms.markStarted(room.id, new Date());
    // Two quiz questions (indices 0 and 2) around a coding round at index 1.
    const answer = (playerId: string, questionIndex: number, correctness: number) =>
      answerRecord(input.questionIds, playerId, questionIndex, correctness);
    await repos.rooms.saveAnswers(room.id, [
      answer(ada.playerId, 0, 1),
      answer(ada.playerId, 2, 1),
      answer(bob.playerId, 0, 0),
    ]);
    const submit = async (playerId: string, id: string) => {
      await repos.submissions.create({
        id,
        roomId: room.id,
        playerId,
        questionIndex: 1,
        variant: "scratch",
        body: new Uint8Array([1]),
        sha256: "0".repeat(64),
        sizeBytes: 1000,
        parameters: 10,
        summary: "dense",
        at: new Date(),
      });
    };
    const [adaModel, bobModel] = [uniqueName("s"), uniqueName("s")];
    await submit(ada.playerId, adaModel);
    await submit(bob.playerId, bobModel);
    await repos.submissions.markFinal(room.id, 1, [
      { submissionId: adaModel, rank: 1, points: 1000, aboveFloor: true },
      { submissionId: bobModel, rank: 2, points: 0, aboveFloor: false },
    ]);
    // What the engine stores: Ada's 2 correct answers plus her coding round above the floor.
    await repos.rooms.finish(room.id, new Date(), [
      { ...ada, rank: 1, score: 3000, correctCount: 3, answeredCount: 3 },
      { ...bob, rank: 2, score: 0, correctCount: 0, answeredCount: 2 },
    ]);

    const read = await repos.rooms.getResults(input.code);
    expect(read).toMatchObject({ questionCount: 2, codingRoundCount: 1 });
    expect(read?.results.map((r) => [r.nickname, r.correctCount, r.codingTargetsMet])).toEqual([
      ["Ada", 2, 1],
      ["Bob", 0, 0],
    ]);
  });
});
