import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BoardParamsSchema } from "@/lib/boards/query";
import { openDatabase, type Database } from "@/server/db/client";
import { PrismaBoardRepository } from "@/server/repositories/prisma-boards";
import { BoardFixture } from "../support/board-fixture";

/**
 * The same board SQL on embedded PGlite, the no-setup default (window functions, a materialised
 * CTE, COLLATE "C", integer shares): the statement boards.test.ts checks in depth on Postgres.
 */
describe("persistent boards on PGlite", () => {
  let db: Database;
  let boards: PrismaBoardRepository;
  const NOW = new Date("2026-12-09T12:00:00Z");

  beforeAll(async () => {
    db = await openDatabase({ dataDir: "memory://", log: () => {} });
    boards = new PrismaBoardRepository(db.prisma);
    const user = (name: string, hidden = false) =>
      db.prisma.user.create({
        data: { email: `${name}@example.test`, name, hiddenFromBoards: hidden },
      });
    const [host, ann, ben, cat] = await Promise.all([
      user("host"),
      user("Ann"),
      user("Ben"),
      user("Cat", true),
    ]);
    const f = new BoardFixture(db.prisma, host.id);
    const set = await f.set("S");
    const q = set.questionIds[0]!;
    const week = await f.room(set.id, "FINISHED", new Date("2026-12-08T10:00:00Z"));
    const old = await f.room(set.id, "FINISHED", new Date("2026-10-01T10:00:00Z"));
    const running = await f.room(set.id, "RUNNING", null);
    const pa = await f.player(week, ann.id);
    await f.answer(week, pa, q, 300);
    await f.answer(week, await f.player(week, ben.id), q, 300);
    await f.answer(old, await f.player(old, ben.id), q, 100);
    await f.answer(week, await f.player(week, cat.id), q, 900);
    await f.answer(running, await f.player(running, ann.id), q, 9000);
    await f.submission(week, pa, "scratch", new Date("2026-12-08T10:00:00Z"), { points: 800 });
  });
  afterAll(async () => {
    await db?.close();
  });

  const read = async (query: Record<string, string>, viewer: string | null = null) => {
    const page = await boards.page(BoardParamsSchema.parse(query), viewer, NOW);
    if (!page.ok) throw new Error(page.error);
    return page.data;
  };

  it("ranks, windows, shares ties and combines as on Postgres", async () => {
    const week = await read({ board: "quiz", window: "week" });
    expect(week.rows.map((r) => [r.name, r.rank, r.score])).toEqual([
      ["Ann", 1, 300],
      ["Ben", 1, 300],
    ]);
    const all = await read({ board: "quiz" });
    expect(all.rows.map((r) => [r.name, r.rank, r.score])).toEqual([
      ["Ben", 1, 400],
      ["Ann", 2, 300],
    ]);
    // Leaders: quiz 900 (hidden Cat), coding 800 (Ann): Ann 333 + 1000, Ben 444.
    const combined = await read({ board: "combined" });
    expect(combined.rows.map((r) => [r.name, r.rank, r.score])).toEqual([
      ["Ann", 1, 1333],
      ["Ben", 2, 444],
    ]);
    const cat = await db.prisma.user.findFirstOrThrow({ where: { name: "Cat" } });
    expect((await read({ board: "quiz" }, cat.id)).you).toMatchObject({
      rank: 1,
      hidden: true,
      page: null,
    });
    // The profile's one-statement ranks: hidden Cat would lead the quiz board of two.
    expect((await boards.ranksForUser(cat.id, NOW)).map((r) => [r.board, r.rank, r.total])).toEqual(
      [
        ["quiz", 1, 3],
        ["coding", null, 1],
        ["combined", 2, 3],
      ],
    );
  });
});
