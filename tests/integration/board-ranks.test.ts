import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProfileData } from "@/lib/accounts/profile";
import { BOARD_KINDS, BoardParamsSchema } from "@/lib/boards/query";
import { BoardFixture } from "../support/board-fixture";
import { startHttpApp, type HttpApp } from "../support/http-app";

/**
 * The profile's board ranks (repos.boards.ranksForUser, issue 10 item 2) on real Postgres: the
 * all-time quiz, coding and combined ranks in one statement, ties shared, a hidden account's
 * "where I would stand", and the same numbers the boards themselves give; then through
 * GET /api/account, where services.ts sets the profile's slot.
 */
type User = { id: string; name: string; email: string; cookie: string };
const NOW = new Date("2026-12-09T12:00:00Z");

describe("board ranks on the profile", () => {
  let app: HttpApp;
  let ann: User, ben: User, cid: User, dee: User, newcomer: User;

  beforeAll(async () => {
    app = await startHttpApp();
    const host = await app.createUser("Host");
    [ann, ben, cid, dee, newcomer] = (await Promise.all(
      ["Ann", "Ben", "Cid", "Dee", "Newcomer"].map((n) => app.createUser(n)),
    )) as [User, User, User, User, User];
    const prisma = app.db.prisma;
    await prisma.user.update({ where: { id: cid.id }, data: { hiddenFromBoards: true } });
    const f = new BoardFixture(prisma, host.id);
    const set = await f.set("S");
    const q = set.questionIds[0]!;
    // Last year and last week: both are all time.
    const old = await f.room(set.id, "FINISHED", new Date("2025-03-01T10:00:00Z"));
    const recent = await f.room(set.id, "FINISHED", new Date("2026-12-08T10:00:00Z"));
    const pa = await f.player(old, ann.id);
    await f.answer(old, pa, q, 300);
    await f.answer(recent, await f.player(recent, ann.id), q, 200);
    await f.submission(old, pa, "scratch", new Date("2025-03-01T09:00:00Z"), { points: 400 });
    await f.answer(recent, await f.player(recent, ben.id), q, 500);
    await f.answer(recent, await f.player(recent, cid.id), q, 450);
    const pd = await f.player(recent, dee.id);
    await f.answer(recent, pd, q, 200);
    await f.submission(recent, pd, "shrink", new Date("2026-12-08T09:00:00Z"), { points: 900 });
  });
  afterAll(async () => {
    await app?.close();
  });

  const ranks = async (user: User) =>
    (await app.repos.boards.ranksForUser(user.id, NOW)).map((r) => [r.board, r.rank, r.total]);

  it("gives each board's all-time rank, ties shared, and null where the account has nothing", async () => {
    // Quiz: Ann 500 and Ben 500 tie at 1, Dee 200 is 3rd; hidden Cid (450) is not counted.
    // Coding: Dee 900, Ann 400. Combined (leaders 500 and 900): Ann 1000 + 444, Dee 400 + 1000,
    // Ben 1000, hidden Cid 900.
    expect(await ranks(ann)).toEqual([
      ["quiz", 1, 3],
      ["coding", 2, 2],
      ["combined", 1, 3],
    ]);
    expect(await ranks(ben)).toEqual([
      ["quiz", 1, 3],
      ["coding", null, 2],
      ["combined", 3, 3],
    ]);
    expect(await ranks(dee)).toEqual([
      ["quiz", 3, 3],
      ["coding", 1, 2],
      ["combined", 2, 3],
    ]);
    expect(await ranks(newcomer)).toEqual([
      ["quiz", null, 3],
      ["coding", null, 2],
      ["combined", null, 3],
    ]);
    const windows = (await app.repos.boards.ranksForUser(ann.id, NOW)).map((r) => r.window);
    expect(windows).toEqual(["all", "all", "all"]);
  });

  it("shows a hidden account where it would stand, counting itself in the total", async () => {
    // Ann and Ben beat 450; on the combined board Ann, Dee and Ben beat 900.
    expect(await ranks(cid)).toEqual([
      ["quiz", 3, 4],
      ["coding", null, 2],
      ["combined", 4, 4],
    ]);
  });

  it("agrees with the boards' own pages for every account and board", async () => {
    for (const user of [ann, ben, cid, dee, newcomer]) {
      const mine = await app.repos.boards.ranksForUser(user.id, NOW);
      for (const [i, board] of BOARD_KINDS.entries()) {
        const page = await app.repos.boards.page(
          BoardParamsSchema.parse({ board, window: "all" }),
          user.id,
          NOW,
        );
        if (!page.ok) throw new Error(page.error);
        const hidden = page.data.you?.hidden === true;
        expect(mine[i], `${user.name} ${board}`).toEqual({
          board,
          window: "all",
          rank: page.data.you?.rank ?? null,
          total: page.data.total + (hidden ? 1 : 0),
        });
      }
    }
  });

  it("fills the profile's board ranks in GET /api/account, hidden or not", async () => {
    for (const user of [ann, cid]) {
      const response = await fetch(`${app.url}/api/account`, {
        headers: { cookie: user.cookie },
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { ok: true; data: ProfileData };
      expect(body.data.boardRanks).toEqual(await app.repos.boards.ranksForUser(user.id));
    }
  });
});
