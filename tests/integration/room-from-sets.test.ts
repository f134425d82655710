import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QuestionSetDraftSchema, type QuestionSetDraftInput } from "@/lib/question-sets/schema";
import type { RoomSelectionInput } from "@/lib/contract/schemas";
import { type Harness, next, request, startHarness } from "../support/realtime-harness";
import { GRAPHS_SINGLE_EASY, SET_A, SET_B, ZH_ONLY_SET } from "../support/host-sets";

/**
 * room:create from a host's selection across sets, over real Socket.IO on real Postgres: the
 * room plays exactly the chosen questions in the chosen order; anything it may not use is refused
 * with a typed error and no room is written.
 */
describe("rooms from question sets on postgres", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness("postgres");
  });
  afterAll(async () => {
    await h?.close();
  });

  const makeSet = async (ownerId: string, draft: QuestionSetDraftInput, visibility = "private") =>
    h.repos.questionSets.create(
      ownerId,
      QuestionSetDraftSchema.parse(draft),
      visibility as "private" | "public",
    );
  const roomCount = () => h.db.prisma.room.count();
  const host = async () => {
    const user = await h.createUser("Host");
    return { user, socket: await h.client({ cookie: user.cookie }) };
  };
  const create = (socket: Awaited<ReturnType<typeof host>>["socket"], selection: unknown) =>
    request(socket, "room:create", { selection: selection as RoomSelectionInput });

  /** The stored row id and prompt of each question the room plays, in play order. */
  const playedOrder = async (code: string) => {
    const room = await h.db.prisma.room.findUniqueOrThrow({
      where: { code },
      include: { sets: { orderBy: { position: "asc" } } },
    });
    const rows = await h.db.prisma.question.findMany({ where: { id: { in: room.questionIds } } });
    const slugOf = new Map(rows.map((row) => [row.id, row.slug]));
    return { room, slugs: room.questionIds.map((id) => slugOf.get(id)) };
  };

  it("plays a filtered random pick of two sets: exactly the asked-for questions, in the stored order", async () => {
    const { user, socket } = await host();
    const a = await makeSet(user.id, SET_A);
    const b = await makeSet(user.id, SET_B, "public");
    const created = await create(socket, {
      setIds: [a.id, b.id],
      filter: { topics: ["graphs"], types: ["single"], difficulties: [1] },
      pick: { mode: "random", count: 2 },
      shuffleQuestions: true,
      shuffleOptions: true,
      timeLimitSec: 45,
    });
    if (!created.ok) throw new Error(created.error);
    const { code } = created.data;
    const { room, slugs } = await playedOrder(code);
    expect(slugs).toHaveLength(2);
    expect(new Set(slugs).size).toBe(2);
    for (const slug of slugs) expect(GRAPHS_SINGLE_EASY).toContain(slug);
    expect(room.sets.map((s) => s.setId)).toEqual([a.id, b.id]);
    const selection = room.selection as {
      seed: number;
      questions: { id: string; optionOrder: number[] }[];
    };
    expect(selection.seed).toEqual(expect.any(Number));
    expect(selection.questions.map((q) => q.id)).toEqual(room.questionIds);

    // Play it: each question arrives in the stored order, options in the stored shuffled order,
    // and the option that is correct in the stored row is the one graded correct.
    expect((await request(socket, "room:host", { code })).ok).toBe(true);
    const player = await h.client();
    expect((await request(player, "room:join", { code, nickname: "pat" })).ok).toBe(true);
    const rows = await h.db.prisma.question.findMany({ where: { id: { in: room.questionIds } } });
    let view = next(player, "room:update", (r) => r.phase === "question");
    expect((await request(socket, "game:start", { code })).ok).toBe(true);
    for (const [index, stored] of selection.questions.entries()) {
      const shown = await view;
      const row = rows.find((r) => r.id === stored.id)!;
      const body = row.body as { prompt: { en: string }; options: { en: string }[] };
      expect(shown.question?.index).toBe(index);
      expect(shown.question?.timeLimitSec).toBe(45);
      expect(shown.question?.topic).toBe("graphs");
      expect(shown.question?.prompt).toEqual({ en: body.prompt.en, zh: body.prompt.en });
      if (shown.question?.type !== "single") throw new Error("expected a single-choice question");
      expect(shown.question.options.map((o) => o.en)).toEqual(
        stored.optionOrder.map((i) => body.options[i]!.en),
      );
      // The stored row's correct option is 0: find where it is shown.
      const choice = stored.optionOrder.indexOf(0);
      const revealed = next(player, "room:update", (r) => r.phase === "reveal");
      const ack = await request(player, "round:answer", {
        code,
        questionIndex: index,
        answer: { type: "single", choice },
      });
      expect(ack.ok).toBe(true);
      const reveal = await revealed;
      expect(reveal.reveal?.key).toEqual({ type: "single", correct: choice });
      if (index < selection.questions.length - 1) {
        view = next(player, "room:update", (r) => r.phase === "question");
        expect((await request(socket, "game:next", { code })).ok).toBe(true); // to leaderboard
        expect((await request(socket, "game:next", { code })).ok).toBe(true); // next question
      }
    }
    const answers = await h.db.prisma.answer.findMany({ where: { roomId: room.id } });
    expect(answers.map((a) => a.correctness)).toEqual([1, 1]);
  });

  it("plays exact picks in the host's order across sets", async () => {
    const { user, socket } = await host();
    const a = await makeSet(user.id, SET_A);
    const b = await makeSet(user.id, SET_B);
    const bank = (await h.repos.questionSets.listVisible(user.id)).find((s) => s.builtIn)!;
    const bankSet = await h.repos.questionSets.get(bank.id, user.id);
    const bankFirst = bankSet!.questions[0]!.id;
    const aRows = await h.repos.questionSets.get(a.id, user.id);
    const bRows = await h.repos.questionSets.get(b.id, user.id);
    const id = (rows: typeof aRows, slug: string) =>
      rows!.questions.find((q) => q.question.id === slug)!.id;
    const picks = [id(bRows, "b-two"), bankFirst, id(aRows, "a-four"), id(aRows, "a-one")];
    const created = await create(socket, {
      setIds: [a.id, b.id, bank.id],
      pick: { mode: "exact", questionIds: picks },
    });
    if (!created.ok) throw new Error(created.error);
    const { room } = await playedOrder(created.data.code);
    expect(room.questionIds).toEqual(picks);
  });

  it("places a coding round between a selection's questions", async () => {
    const { user, socket } = await host();
    const b = await makeSet(user.id, SET_B);
    const created = await request(socket, "room:create", {
      selection: { setIds: [b.id], filter: { types: ["single"] } },
      codingRounds: [{ afterQuestion: 1, variant: "scratch" }],
    });
    if (!created.ok) throw new Error(created.error);
    const { code } = created.data;
    expect((await request(socket, "room:host", { code })).ok).toBe(true);
    expect((await request(await h.client(), "room:join", { code, nickname: "cy" })).ok).toBe(true);
    const first = next(socket, "room:update", (r) => r.phase === "question");
    expect((await request(socket, "game:start", { code })).ok).toBe(true);
    expect((await first).question).toMatchObject({ index: 0, total: 3, type: "single" });
    for (const phase of ["reveal", "leaderboard"]) {
      const reached = next(socket, "room:update", (r) => r.phase === phase);
      expect((await request(socket, "game:next", { code })).ok).toBe(true);
      await reached;
    }
    const second = next(socket, "room:update", (r) => r.phase === "question");
    expect((await request(socket, "game:next", { code })).ok).toBe(true);
    expect((await second).question).toMatchObject({ index: 1, type: "coding" });
  });

  it("refuses another user's private set as not found, and writes nothing", async () => {
    const owner = await h.createUser("Owner");
    const hidden = await makeSet(owner.id, SET_A);
    const { user, socket } = await host();
    const mine = await makeSet(user.id, SET_B);
    const before = await roomCount();
    expect(await create(socket, { setIds: [mine.id, hidden.id] })).toEqual({
      ok: false,
      error: "QUESTION_SET_NOT_FOUND",
    });
    expect(await create(socket, { setIds: ["no-such-set"] })).toEqual({
      ok: false,
      error: "QUESTION_SET_NOT_FOUND",
    });
    // A question row of the hidden set, picked through a visible set, is not in the selection.
    const hiddenRow = (await h.repos.questionSets.get(hidden.id, owner.id))!.questions[0]!.id;
    expect(
      await create(socket, {
        setIds: [mine.id],
        pick: { mode: "exact", questionIds: [hiddenRow] },
      }),
    ).toEqual({ ok: false, error: "QUESTION_NOT_IN_SELECTION" });
    expect(await roomCount()).toBe(before);
  });

  it("refuses a filter that matches fewer than asked, and a client-chosen seed", async () => {
    const { user, socket } = await host();
    const a = await makeSet(user.id, SET_A);
    const before = await roomCount();
    expect(
      await create(socket, {
        setIds: [a.id],
        filter: { topics: ["graphs"] },
        pick: { mode: "random", count: 4 },
      }),
    ).toEqual({ ok: false, error: "NOT_ENOUGH_QUESTIONS" });
    expect(await create(socket, { setIds: [a.id], filter: { topics: ["no-such-topic"] } })).toEqual(
      { ok: false, error: "NO_QUESTIONS" },
    );
    expect(
      await create(socket, { setIds: [a.id], pick: { mode: "random", count: 1 }, seed: 7 }),
    ).toEqual({ ok: false, error: "INVALID_PAYLOAD" });
    expect(await roomCount()).toBe(before);
  });

  it("plays a Chinese-only set with a host's own topic tag: join, answer, reveal", async () => {
    const { user, socket } = await host();
    const set = await makeSet(user.id, ZH_ONLY_SET);
    const created = await create(socket, { setIds: [set.id] });
    if (!created.ok) throw new Error(created.error);
    const { code } = created.data;
    expect((await request(socket, "room:host", { code })).ok).toBe(true);
    const player = await h.client();
    expect((await request(player, "room:join", { code, nickname: "mei" })).ok).toBe(true);
    const asked = next(player, "room:update", (r) => r.phase === "question");
    expect((await request(socket, "game:start", { code })).ok).toBe(true);
    const shown = (await asked).question!;
    expect(shown.topic).toBe("图论");
    // One language: everyone is shown it, whatever language they read in.
    expect(shown.prompt).toEqual({ zh: "最短路径用哪个算法？", en: "最短路径用哪个算法？" });
    const revealed = next(player, "room:update", (r) => r.phase === "reveal");
    const ack = await request(player, "round:answer", {
      code,
      questionIndex: 0,
      answer: { type: "single", choice: 0 },
    });
    expect(ack.ok).toBe(true);
    const reveal = (await revealed).reveal!;
    expect(reveal.key).toEqual({ type: "single", correct: 0 });
    expect(reveal.explanation).toEqual({ zh: "迪杰斯特拉算法。", en: "迪杰斯特拉算法。" });
    // Through to the podium: the results page titles the room with the set's one language.
    const over = next(socket, "room:update", (r) => r.phase === "podium");
    expect((await request(socket, "game:end", { code })).ok).toBe(true);
    await over;
    const results = await h.repos.rooms.getResults(code);
    expect(results?.questionSetTitle).toEqual({ zh: "图论小测", en: "图论小测" });
    expect(results?.results.map((r) => r.score)).toEqual([expect.any(Number)]);
  });
});
