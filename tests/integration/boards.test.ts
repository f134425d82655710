import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { combinedScore } from "@/lib/boards/formula";
import { BoardParamsSchema } from "@/lib/boards/query";
import { BoardPageResponseSchema, type BoardPage } from "@/lib/contract/boards";
import { ApiErrorSchema } from "@/lib/contract/http";
import { BoardFixture } from "../support/board-fixture";
import { startHttpApp, type HttpApp } from "../support/http-app";

/**
 * The persistent boards on real Postgres: known rows with fixed dates, read through the
 * repository (fixed "now") and through GET /api/boards (the app's HTTP stack, signed in by cookie).
 * NOW is Wednesday 2026-12-09: the ISO week began Monday 12-07, the month on 12-01.
 */
const NOW = new Date("2026-12-09T12:00:00Z");
const THIS_WEEK = new Date("2026-12-08T20:00:00Z");
const THIS_MONTH = new Date("2026-12-03T10:00:00Z");
const LAST_MONTH = new Date("2026-11-15T10:00:00Z");
/** Sunday night before this week's Monday, UTC: last week, this month. */
const WEEK_EDGE = new Date("2026-12-06T23:59:59.999Z");

type User = { id: string; name: string; email: string; cookie: string };

describe("persistent boards", () => {
  let app: HttpApp;
  let alice: User, bob: User, carol: User, dave: User, erin: User, owner: User;
  let setA: { id: string; questionIds: string[] };
  let setB: { id: string; questionIds: string[] };
  let privateSet: { id: string; questionIds: string[] };

  beforeAll(async () => {
    app = await startHttpApp();
    const host = await app.createUser("Host");
    const users = await Promise.all(
      ["Alice", "Bob", "Carol", "Dave", "Erin", "Owner"].map((n) => app.createUser(n)),
    );
    [alice, bob, carol, dave, erin, owner] = users as [User, User, User, User, User, User];
    const prisma = app.db.prisma;
    await prisma.user.update({ where: { id: dave.id }, data: { hiddenFromBoards: true } });
    const f = new BoardFixture(prisma, host.id);
    setA = await f.set("Set A");
    setB = await f.set("Set B");
    privateSet = await f.set("Private", "PRIVATE", owner.id);
    const [a1, a2] = setA.questionIds as [string, string];
    const [b1] = setB.questionIds as [string];

    // This week: Alice and Bob tie at 820 (Alice's includes a streak bonus); hidden Dave leads.
    const r1 = await f.room(setA.id, "FINISHED", THIS_WEEK);
    const pa = await f.player(r1, alice.id);
    await f.answer(r1, pa, a1, 500);
    await f.answer(r1, pa, a2, 300, 20);
    const pb = await f.player(r1, bob.id);
    await f.answer(r1, pb, a1, 400);
    await f.answer(r1, pb, b1, 420);
    await f.answer(r1, await f.player(r1, dave.id), a1, 1000);
    await f.answer(r1, await f.player(r1, null), a1, 900); // a guest: belongs to nobody
    await f.answer(r1, await f.player(r1, erin.id), a1, 600);
    // Coding rounds of r1, closed: final models with points; one of Carol's is superseded.
    await f.submission(r1, pa, "scratch", THIS_WEEK, { points: 1000 });
    await f.submission(r1, pb, "shrink", THIS_WEEK, { points: 500 });
    // This month, not this week (the Sunday before the ISO week's Monday).
    const r2 = await f.room(setA.id, "FINISHED", WEEK_EDGE);
    await f.answer(r2, await f.player(r2, carol.id), a1, 700);
    await f.answer(r2, await f.player(r2, alice.id), b1, 100);
    const r3 = await f.room(setB.id, "FINISHED", LAST_MONTH);
    await f.answer(r3, await f.player(r3, bob.id), b1, 900);
    // Private: a running room, an aborted one, a lobby, a coding round still open.
    const r4 = await f.room(setA.id, "RUNNING", null);
    const pc4 = await f.player(r4, carol.id);
    await f.answer(r4, pc4, a1, 5000);
    await f.submission(r4, pc4, "scratch", THIS_WEEK, null);
    const r5 = await f.room(setA.id, "ABORTED", THIS_MONTH);
    await f.answer(r5, await f.player(r5, carol.id), a1, 5000);
    const r6 = await f.room(setA.id, "LOBBY", null);
    await f.answer(r6, await f.player(r6, carol.id), a1, 5000);
    // Removed by the host: no result in the room, no standing on a board.
    const kicked = await f.player(r1, carol.id, THIS_WEEK);
    await f.answer(r1, kicked, a1, 5000);
    await f.submission(r1, kicked, "scratch", THIS_WEEK, { points: 5000 });
    // A closed round of a room still running counts: its points are public once it closes.
    await f.submission(r4, pc4, "scratch", THIS_MONTH, { points: 750 });
    // The owner's private set has answers too.
    const r7 = await f.room(privateSet.id, "FINISHED", THIS_MONTH);
    await f.answer(r7, await f.player(r7, owner.id), privateSet.questionIds[0]!, 50);
  });
  afterAll(async () => {
    await app?.close();
  });

  async function read(
    query: Record<string, string>,
    viewer: string | null = null,
  ): Promise<BoardPage> {
    const page = await app.repos.boards.page(BoardParamsSchema.parse(query), viewer, NOW);
    if (!page.ok) throw new Error(page.error);
    return page.data;
  }
  const table = (page: BoardPage) => page.rows.map((r) => [r.name, r.rank, r.score]);

  it("ranks quiz points over all time, counting finished rooms of accounts only", async () => {
    const page = await read({ board: "quiz", window: "all" });
    // Bob 820 + 900, Alice 820 + 100, Carol 700 (her 5,000s are in unfinished rooms), Erin 600.
    expect(table(page)).toEqual([
      ["Bob", 1, 1720],
      ["Alice", 2, 920],
      ["Carol", 3, 700],
      ["Erin", 4, 600],
      ["Owner", 5, 50],
    ]);
    expect(page.total).toBe(5);
    expect(page.from).toBeNull();
  });

  it("keeps to the window: this UTC month, this ISO week (ties share a rank)", async () => {
    const month = await read({ board: "quiz", window: "month" });
    expect(table(month)).toEqual([
      ["Alice", 1, 920],
      ["Bob", 2, 820],
      ["Carol", 3, 700],
      ["Erin", 4, 600],
      ["Owner", 5, 50],
    ]);
    expect(month.from).toBe("2026-12-01T00:00:00.000Z");
    const week = await read({ board: "quiz", window: "week" });
    expect(week.from).toBe("2026-12-07T00:00:00.000Z");
    expect(week.to).toBe("2026-12-14T00:00:00.000Z");
    // Alice and Bob tie: both 1st, listed by name; the next is 3rd, as in a room.
    expect(table(week)).toEqual([
      ["Alice", 1, 820],
      ["Bob", 1, 820],
      ["Erin", 3, 600],
    ]);
    // A tie split across pages keeps its rank on both.
    const second = await read({ board: "quiz", window: "week", page: "2", pageSize: "1" });
    expect(table(second)).toEqual([["Bob", 1, 820]]);
    expect(second.total).toBe(3);
  });

  it("scopes quiz points to one set's questions, and coding scores to a variant", async () => {
    const a = await read({ board: "quiz", scope: "set", set: setA.id });
    expect(table(a)).toEqual([
      ["Alice", 1, 820],
      ["Carol", 2, 700],
      ["Erin", 3, 600],
      ["Bob", 4, 400],
    ]);
    const b = await read({ board: "quiz", scope: "set", set: setB.id });
    expect(table(b)).toEqual([
      ["Bob", 1, 1320],
      ["Alice", 2, 100],
    ]);
    expect(table(await read({ board: "coding" }))).toEqual([
      ["Alice", 1, 1000],
      ["Carol", 2, 750],
      ["Bob", 3, 500],
    ]);
    expect(table(await read({ board: "coding", scope: "variant", variant: "shrink" }))).toEqual([
      ["Bob", 1, 500],
    ]);
    // The coding window is the upload's date: Carol's final model is from the 3rd.
    expect(table(await read({ board: "coding", window: "week" }))).toEqual([
      ["Alice", 1, 1000],
      ["Bob", 2, 500],
    ]);
  });

  it("combines the two by the documented formula, hidden leaders included in the shares", async () => {
    const page = await read({ board: "combined" });
    // Leaders over all accounts with points: quiz Bob 1720 (hidden Dave has 1000), coding Alice 1000.
    const leaders = { quiz: 1720, coding: 1000 };
    const expected = [
      { name: "Alice", quiz: 920, coding: 1000 },
      { name: "Bob", quiz: 1720, coding: 500 },
      { name: "Carol", quiz: 700, coding: 750 },
      { name: "Erin", quiz: 600, coding: 0 },
      { name: "Owner", quiz: 50, coding: 0 },
    ].map((p) => ({ ...p, score: combinedScore(p, leaders) }));
    expect(expected.map((e) => e.score)).toEqual([1535, 1500, 1157, 349, 29]);
    expect(
      page.rows.map((r) => ({ name: r.name, quiz: r.quiz, coding: r.coding, score: r.score })),
    ).toEqual(expected);
    expect(page.rows.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5]);
  });

  it("never shows a hidden account, but tells it where it would stand", async () => {
    const all = await read({ board: "quiz", window: "all" }, dave.id);
    expect(all.rows.map((r) => r.name)).not.toContain("Dave");
    // Only Bob's 1720 beats his 1000.
    expect(all.you).toEqual({
      rank: 2,
      name: "Dave",
      score: 1000,
      quiz: null,
      coding: null,
      hidden: true,
      page: null,
    });
    const week = await read({ board: "quiz", window: "week" }, dave.id);
    expect(week.you?.rank).toBe(1);
    expect(table(week)[0]).toEqual(["Alice", 1, 820]);
    expect(
      await app.repos.boards.rankOf(dave.id, "quiz", "all", { kind: "everyone" }, NOW),
    ).toMatchObject({
      rank: 2,
      hidden: true,
    });
  });

  it("gives the viewer their own row and page even when it is not on the shown page", async () => {
    const page = await read({ board: "quiz", window: "all", pageSize: "2" }, carol.id);
    expect(page.rows.every((r) => !r.you)).toBe(true);
    expect(page.you).toMatchObject({ rank: 3, name: "Carol", score: 700, hidden: false, page: 2 });
    const own = await read({ board: "quiz", window: "all", page: "2", pageSize: "2" }, carol.id);
    expect(own.rows.find((r) => r.you)?.name).toBe("Carol");
    // Nothing this week: no row of her own.
    expect((await read({ board: "quiz", window: "week" }, carol.id)).you).toBeNull();
    expect(
      await app.repos.boards.rankOf(carol.id, "combined", "all", { kind: "everyone" }, NOW),
    ).toMatchObject({
      rank: 3,
      hidden: false,
    });
  });

  it("searches names with the true rank, taking wildcards literally", async () => {
    const found = await read({ board: "quiz", window: "all", q: "  ro " }, alice.id);
    expect(table(found)).toEqual([["Carol", 3, 700]]);
    expect(found.total).toBe(1);
    expect(found.you?.rank).toBe(2);
    expect((await read({ board: "quiz", q: "%" })).rows).toEqual([]);
    expect((await read({ board: "quiz", q: "_" })).rows).toEqual([]);
  });

  it("agrees with the pure ranking rule on many random ties, page by page", async () => {
    const { rankBoard } = await import("@/lib/boards/ranking");
    const host = await app.createUser("Host2");
    const f = new BoardFixture(app.db.prisma, host.id);
    const set = await f.set("Random");
    const room = await f.room(set.id, "FINISHED", LAST_MONTH);
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const players: { userId: string; name: string; score: number }[] = [];
    for (let i = 0; i < 40; i++) {
      const u = await app.createUser(`R${Math.floor(random() * 6)}`);
      const score = Math.floor(random() * 5) * 100;
      await f.answer(room, await f.player(room, u.id), set.questionIds[0]!, score);
      players.push({ userId: u.id, name: u.name, score });
    }
    const expected = rankBoard(players).map(({ row, rank }) => [row.name, rank, row.score]);
    const seen: unknown[] = [];
    for (let page = 1; page <= 6; page++)
      seen.push(
        ...table(
          await read({
            board: "quiz",
            scope: "set",
            set: set.id,
            page: String(page),
            pageSize: "7",
          }),
        ),
      );
    expect(seen).toEqual(expected);
  });

  it("drops a deleted account's rows and closes the ranks up", async () => {
    const before = await read({ board: "quiz", window: "week" });
    expect(table(before)).toContainEqual(["Erin", 3, 600]);
    const erinBefore = await read({ board: "quiz", window: "all" }, carol.id);
    await app.db.prisma.user.delete({ where: { id: erin.id } });
    // Her player rows stay (userId null): the room's results are unchanged, the boards drop her.
    expect(
      await app.db.prisma.player.count({ where: { userId: null, nickname: { not: "" } } }),
    ).toBeGreaterThan(1);
    const after = await read({ board: "quiz", window: "week" });
    expect(table(after)).toEqual([
      ["Alice", 1, 820],
      ["Bob", 1, 820],
    ]);
    expect(after.total).toBe(before.total - 1);
    // Carol (700) stood above Erin (600): her rank does not move; nobody's rank has a gap.
    const all = await read({ board: "quiz", window: "all" }, carol.id);
    expect(all.you?.rank).toBe(erinBefore.you?.rank);
    expect(all.rows.map((r) => r.name)).not.toContain("Erin");
    const ranks = all.rows.map((r) => r.rank);
    ranks.forEach((rank, i) => expect(rank === ranks[i - 1] || rank === i + 1).toBe(true));
  });

  describe("GET /api/boards", () => {
    const get = async (query: string, cookie?: string) => {
      const response = await fetch(`${app.url}/api/boards${query}`, {
        headers: cookie ? { cookie } : {},
      });
      return { status: response.status, text: await response.text() };
    };

    it("answers every board with the contract's body, the signed-in viewer's row, and no email", async () => {
      for (const query of [
        "",
        "?board=quiz",
        "?board=quiz&window=week",
        `?board=quiz&scope=set&set=${setA.id}`,
        "?board=coding&window=month",
        "?board=coding&scope=variant&variant=scratch",
        "?board=combined&window=all&page=1&pageSize=100",
        "?board=combined&q=a",
      ]) {
        const { status, text } = await get(query, alice.cookie);
        expect(status, query).toBe(200);
        const body = BoardPageResponseSchema.parse(JSON.parse(text));
        expect(text).not.toMatch(/@/);
        for (const user of [alice, bob, carol, dave, owner]) expect(text).not.toContain(user.email);
        if (query === "")
          expect(body.data.you).toMatchObject({ name: "Alice", rank: 1, hidden: false });
      }
      // A guest: the same board, no "you".
      const guest = BoardPageResponseSchema.parse(JSON.parse((await get("?board=quiz")).text));
      expect(guest.data.you).toBeNull();
      expect(guest.data.rows.some((r) => r.you)).toBe(false);
    });

    it("refuses bad input with a typed 400 naming the fields", async () => {
      const cases: [string, string[]][] = [
        ["?page=-1", ["page"]],
        ["?page=0", ["page"]],
        ["?page=1.5", ["page"]],
        ["?pageSize=10000", ["pageSize"]],
        ["?pageSize=0", ["pageSize"]],
        ["?board=chess", ["board"]],
        ["?window=year", ["window"]],
        ["?scope=team", ["scope"]],
        ["?board=quiz&scope=set", ["set"]],
        ["?board=quiz&scope=set&set=not%20an%20id!", ["set"]],
        ["?board=combined&scope=variant&variant=scratch", ["scope"]],
        ["?board=coding&scope=variant&variant=huge", ["variant"]],
        ["?page=1&page=2", ["page"]],
        [`?q=${"x".repeat(51)}`, ["q"]],
      ];
      for (const [query, fields] of cases) {
        const { status, text } = await get(query);
        expect(status, query).toBe(400);
        expect(ApiErrorSchema.parse(JSON.parse(text)), query).toMatchObject({
          ok: false,
          error: "INVALID_PAYLOAD",
          fields,
        });
      }
    });

    it("answers a set nobody may see as not found, and the owner's own private set", async () => {
      const unknown = await get("?board=quiz&scope=set&set=abcdefghij0123456789");
      expect(unknown.status).toBe(404);
      expect(JSON.parse(unknown.text)).toEqual({ ok: false, error: "QUESTION_SET_NOT_FOUND" });
      const hidden = await get(`?board=quiz&scope=set&set=${privateSet.id}`, alice.cookie);
      expect(hidden.status).toBe(404);
      const own = await get(`?board=quiz&scope=set&set=${privateSet.id}`, owner.cookie);
      expect(own.status).toBe(200);
      expect(
        BoardPageResponseSchema.parse(JSON.parse(own.text)).data.rows.map((r) => r.name),
      ).toEqual(["Owner"]);
    });

    it("keeps the best-models boards where they were", async () => {
      const { status, text } = await get("/scratch");
      expect(status).toBe(200);
      expect(JSON.parse(text)).toMatchObject({ ok: true });
    });
  });
});
