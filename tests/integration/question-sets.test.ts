import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RoomSettingsSchema } from "@/lib/contract/schemas";
import { exportQuestionSetCsv, importQuestionSetCsv } from "@/lib/question-sets/csv";
import { QuestionSetDraftSchema, type QuestionSetDraft } from "@/lib/question-sets/schema";
import { SelectionSchema, selectQuestions } from "@/lib/question-sets/selection";
import { QuestionSetSchema } from "@/lib/questions/schema";
import { openDatabase, type Database } from "@/server/db/client";
import { seedBuiltInQuestionSets } from "@/server/db/seed";
import { createPrismaRepositories } from "@/server/repositories";
import type { Repositories } from "@/server/repositories/types";
import { backends, collectTimings, ms, quiet, uniqueName } from "../support/repository-backends";
import { draftInput } from "../support/set-drafts";

const timings = collectTimings();
const draft: QuestionSetDraft = QuestionSetDraftSchema.parse(draftInput());
const edited = (set: QuestionSetDraft, id: string, en: string): QuestionSetDraft => ({
  ...set,
  questions: set.questions.map((q) => (q.id === id ? { ...q, prompt: { ...q.prompt, en } } : q)),
});

describe.each(backends)("question sets on $name", (backend) => {
  let db: Database;
  let repos: Repositories;
  let dispose: () => Promise<void>;
  const user = async (name: string) =>
    repos.users.create({ email: `${uniqueName(name)}@example.com`, name, passwordHash: "h" });

  beforeAll(async () => {
    const fresh = await backend.fresh();
    dispose = fresh.dispose;
    db = await openDatabase({ ...fresh.options, log: quiet });
    repos = createPrismaRepositories(db.prisma);
  });
  afterAll(async () => {
    await db?.close();
    await dispose?.();
  });

  /** A room in the lobby that lists these question rows. */
  const room = async (hostId: string, setIds: string[], questionIds: string[]) =>
    repos.rooms.create({
      code: uniqueName("R").toUpperCase(),
      hostId,
      questionSetId: setIds[0]!,
      questionSetIds: setIds,
      settings: RoomSettingsSchema.parse({}),
      questionIds,
    });

  it("stores a set whole; a private set is not found for anyone but its owner", async () => {
    const [owner, other] = [await user("owner"), await user("other")];
    const set = await repos.questionSets.create(owner.id, draft);
    expect(set).toMatchObject({
      visibility: "private",
      ownerId: owner.id,
      revision: 1,
      questionCount: 6,
    });
    const read = await repos.questionSets.get(set.id, owner.id);
    expect(
      read &&
        QuestionSetDraftSchema.parse({ ...read, questions: read.questions.map((q) => q.question) }),
    ).toEqual(draft);
    expect(await repos.questionSets.get(set.id, other.id)).toBeNull();
    expect(await repos.questionSets.get(set.id, null)).toBeNull();
    const listed = async (viewer: string | null) =>
      (await repos.questionSets.listVisible(viewer, { limit: 200 })).map((s) => s.id);
    expect(await listed(owner.id)).toContain(set.id);
    expect(await listed(other.id)).not.toContain(set.id);
    // The same refusal as for a set that does not exist: nothing to tell them apart.
    const update = { draft: edited(draft, "schedules", "Hijacked") };
    expect(await repos.questionSets.update(set.id, other.id, update)).toEqual({
      ok: false,
      error: "NOT_FOUND",
    });
    expect(await repos.questionSets.update("no-such-set", other.id, update)).toEqual({
      ok: false,
      error: "NOT_FOUND",
    });
    expect(await repos.questionSets.delete(set.id, other.id)).toEqual({
      ok: false,
      error: "NOT_FOUND",
    });
    expect(await repos.questionSets.duplicate(set.id, other.id)).toEqual({
      ok: false,
      error: "NOT_FOUND",
    });
    expect((await repos.questionSets.get(set.id, owner.id))?.revision).toBe(1);
  });

  it("unlisted sets open by link but are never listed; public sets are listed; only the owner edits", async () => {
    const [owner, other] = [await user("owner"), await user("other")];
    const set = await repos.questionSets.create(owner.id, draft, "unlisted");
    expect((await repos.questionSets.get(set.id, other.id))?.id).toBe(set.id);
    const others = async () =>
      (await repos.questionSets.listVisible(other.id, { limit: 200 })).map((s) => s.id);
    expect(await others()).not.toContain(set.id);
    const made = await repos.questionSets.update(set.id, owner.id, {
      draft,
      visibility: "public",
      expectedRevision: 1,
    });
    expect(made).toMatchObject({ ok: true, data: { visibility: "public", revision: 2 } });
    expect(await others()).toContain(set.id);
    // Seen but not owned: refused as forbidden, and nothing changes.
    const hijack = { draft: edited(draft, "schedules", "Hijacked") };
    expect(await repos.questionSets.update(set.id, other.id, hijack)).toEqual({
      ok: false,
      error: "FORBIDDEN",
    });
    expect(await repos.questionSets.delete(set.id, other.id)).toEqual({
      ok: false,
      error: "FORBIDDEN",
    });
    const after = await repos.questionSets.get(set.id, other.id);
    expect(after?.questions.find((q) => q.question.id === "schedules")?.question.prompt.en).toBe(
      "Learning-rate schedules can help training.",
    );
    // A save against an old revision changes nothing either.
    const stale = await repos.questionSets.update(set.id, owner.id, {
      ...hijack,
      expectedRevision: 1,
    });
    expect(stale).toEqual({ ok: false, error: "STALE_REVISION" });
    expect((await repos.questionSets.get(set.id, owner.id))?.revision).toBe(2);
  });

  it("the built-in bank is read-only and listed for everyone; duplicating gives a private copy", async () => {
    const bank = QuestionSetSchema.parse({
      slug: uniqueName("bank"),
      title: { zh: "题库", en: "Bank" },
      description: { zh: "内置", en: "Built in" },
      source: "tests",
      questions: draft.questions
        .filter((q) => q.type !== "numeric" && q.topic !== "compression")
        .map((q) => ({ ...q, topic: "frameworks" })),
    });
    await seedBuiltInQuestionSets(repos.questionSets, [bank]);
    const someone = await user("someone");
    const builtIn = (await repos.questionSets.listVisible(null, { limit: 200 })).find(
      (s) => s.slug === bank.slug,
    )!;
    expect(builtIn).toMatchObject({ builtIn: true, visibility: "public", ownerId: null });
    expect(await repos.questionSets.update(builtIn.id, someone.id, { draft })).toEqual({
      ok: false,
      error: "READ_ONLY",
    });
    expect(await repos.questionSets.delete(builtIn.id, someone.id)).toEqual({
      ok: false,
      error: "READ_ONLY",
    });
    const copy = await repos.questionSets.duplicate(builtIn.id, someone.id);
    if (!copy.ok) throw new Error(copy.error);
    expect(copy.data).toMatchObject({
      builtIn: false,
      visibility: "private",
      ownerId: someone.id,
      copiedFromId: builtIn.id,
      questionCount: builtIn.questionCount,
    });
    const changed = await repos.questionSets.update(copy.data.id, someone.id, { draft });
    expect(changed).toMatchObject({ ok: true, data: { questionCount: 6 } });
  });

  it("an edit never changes a question a room has listed: a new version replaces it (copy-on-write)", async () => {
    const host = await user("host");
    const set = await repos.questionSets.create(host.id, draft);
    const before = (await repos.questionSets.get(set.id, host.id))!;
    const rowOf = (set: typeof before, id: string) =>
      set.questions.find((q) => q.question.id === id)!;
    const played = rowOf(before, "pick-framework");
    await room(host.id, [set.id], [played.id]);

    let next = edited(
      edited(draft, "pick-framework", "Edited after play"),
      "schedules",
      "Edited before play",
    );
    next = { ...next, questions: next.questions.filter((q) => q.id !== "keras-base") };
    const saved = await repos.questionSets.update(set.id, host.id, { draft: next });
    expect(saved.ok).toBe(true);
    const after = (await repos.questionSets.get(set.id, host.id))!;
    // The played question got a new row; the unplayed one was edited in place.
    expect(rowOf(after, "pick-framework").id).not.toBe(played.id);
    expect(rowOf(after, "schedules").id).toBe(rowOf(before, "schedules").id);
    expect(after.questions.map((q) => q.question.id)).toEqual(next.questions.map((q) => q.id));
    // The room's row still holds the question as its players saw it, out of play order.
    const old = await db.prisma.question.findUniqueOrThrow({ where: { id: played.id } });
    expect(old.position).toBe(-1);
    expect(old.body).toEqual(JSON.parse(JSON.stringify(played.question)));
    // A removed question nobody played is retired too (only deleting the set removes rows).
    const removed = await db.prisma.question.findUniqueOrThrow({
      where: { id: rowOf(before, "keras-base").id },
    });
    expect(removed.position).toBe(-1);
  });

  it("the bank's seed follows the same rule: a played question edited in the bank gets a new row", async () => {
    const host = await user("host");
    const slug = uniqueName("bank");
    const bank = (prompt: string) =>
      QuestionSetSchema.parse({
        slug,
        title: { zh: "题库", en: "Bank" },
        description: { zh: "内置", en: "Built in" },
        source: "tests",
        questions: [
          { ...draft.questions[0]!, topic: "frameworks", prompt: { zh: "甲", en: prompt } },
          { ...draft.questions[2]!, topic: "training" },
        ],
      });
    await seedBuiltInQuestionSets(repos.questionSets, [bank("First")]);
    const before = (await repos.questionSets.getBySlug(slug))!;
    await room(host.id, [before.id], [before.questions[0]!.id]);
    expect(await seedBuiltInQuestionSets(repos.questionSets, [bank("Fixed typo")])).toEqual({
      sets: 1,
      created: 0,
      updated: 1,
    });
    const after = (await repos.questionSets.getBySlug(slug))!;
    expect(after.questions[0]!.id).not.toBe(before.questions[0]!.id);
    expect(after.questions[0]!.question.prompt.en).toBe("Fixed typo");
    expect(after.questions[1]!.id).toBe(before.questions[1]!.id);
    const old = await db.prisma.question.findUniqueOrThrow({
      where: { id: before.questions[0]!.id },
    });
    expect([old.position, (old.body as { prompt: { en: string } }).prompt.en]).toEqual([
      -1,
      "First",
    ]);
    // Seeding the same bank again writes nothing.
    expect(await seedBuiltInQuestionSets(repos.questionSets, [bank("Fixed typo")])).toEqual({
      sets: 1,
      created: 0,
      updated: 0,
    });
  });

  it("deleting a played set hides it (the room keeps its questions); an unplayed set is removed", async () => {
    const host = await user("host");
    const unplayed = await repos.questionSets.create(host.id, draft);
    expect(await repos.questionSets.delete(unplayed.id, host.id)).toEqual({
      ok: true,
      data: { hidden: false },
    });
    expect(await db.prisma.question.count({ where: { setId: unplayed.id } })).toBe(0);

    const set = await repos.questionSets.create(host.id, draft);
    const rows = (await repos.questionSets.get(set.id, host.id))!.questions.map((q) => q.id);
    await room(host.id, [set.id], rows);
    expect(await repos.questionSets.delete(set.id, host.id)).toEqual({
      ok: true,
      data: { hidden: true },
    });
    expect(await repos.questionSets.get(set.id, host.id)).toBeNull();
    expect(await repos.questionSets.delete(set.id, host.id)).toEqual({
      ok: false,
      error: "NOT_FOUND",
    });
    expect(await db.prisma.question.count({ where: { id: { in: rows } } })).toBe(6);
  });

  it("a room from a filtered random selection of two sets holds exactly the chosen questions", async () => {
    const [host, other] = [await user("host"), await user("other")];
    const a = await repos.questionSets.create(host.id, draft);
    const b = await repos.questionSets.create(other.id, draft, "public");
    const pool = await repos.questionSets.pool([a.id, b.id], host.id);
    if (!pool.ok) throw new Error(pool.missing);
    const selection = SelectionSchema.parse({
      setIds: [a.id, b.id],
      filter: { types: ["single", "truefalse", "text"] },
      pick: { mode: "random", count: 4 },
      shuffleQuestions: true,
    });
    const result = selectQuestions(pool.pool, selection, 42);
    if (!result.ok) throw new Error(result.error.code);
    const chosen = result.plan.questions.map((q) => q.id);
    const created = await repos.rooms.create({
      code: uniqueName("R").toUpperCase(),
      hostId: host.id,
      questionSetId: a.id,
      questionSetIds: [a.id, b.id],
      settings: RoomSettingsSchema.parse({}),
      questionIds: chosen,
      selection: { ...selection, seed: 42 },
    });
    const stored = await db.prisma.room.findUniqueOrThrow({
      where: { id: created.id },
      include: { sets: { orderBy: { position: "asc" } } },
    });
    expect(stored.questionIds).toEqual(chosen);
    expect(stored.sets.map((s) => s.setId)).toEqual([a.id, b.id]);
    const rows = await db.prisma.question.findMany({ where: { id: { in: chosen } } });
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(["single", "truefalse", "text"]).toContain(row.type);
      expect([a.id, b.id]).toContain(row.setId);
    }
    // The same seed picks the same questions again; someone else's private set is not offered.
    const again = selectQuestions(pool.pool, selection, 42);
    expect(again.ok && again.plan.questions.map((q) => q.id)).toEqual(chosen);
    expect(await repos.questionSets.pool([b.id, a.id], other.id)).toEqual({
      ok: false,
      missing: a.id,
    });
  });

  it("imports a 1,000-question CSV in one transaction, or nothing", async () => {
    const owner = await user("importer");
    const questions = Array.from({ length: 1000 }, (_, i) => ({
      ...draft.questions[i % 6]!,
      id: `q-${i}`,
    }));
    const csv = exportQuestionSetCsv(questions);
    const started = performance.now();
    const parsed = importQuestionSetCsv(csv, draft);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues.slice(0, 3)));
    const parsedMs = ms(started);
    const set = await repos.questionSets.create(owner.id, parsed.set);
    timings.push(
      `${backend.name}: 1,000-question CSV parsed in ${parsedMs} ms, stored in ${ms(started) - parsedMs} ms`,
    );
    expect(set.questionCount).toBe(1000);
    // A write that fails half-way (here: an owner that does not exist) leaves no question behind.
    const count = () => db.prisma.question.count();
    const before = await count();
    await expect(repos.questionSets.create("no-such-user", parsed.set)).rejects.toThrow();
    expect(await count()).toBe(before);
  });
});
