import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BoardParamsSchema } from "@/lib/boards/query";
import { BoardPageResponseSchema, type BoardPage } from "@/lib/contract/boards";
import { BoardFixture } from "../support/board-fixture";
import { startHttpApp, type HttpApp } from "../support/http-app";

/**
 * Issue 11 on the persistent boards, real Postgres: an event's rooms count on no public board
 * (quiz, coding, combined, the best-model boards) and in nobody's own standing until the organiser
 * publishes the results, through the real publish route; then they count like any room, and
 * unpublishing takes them off again. The event is made through POST /api/events; its rooms are
 * written straight to the tables a finished game leaves behind (tests/support/board-fixture.ts).
 */
type User = { id: string; name: string; email: string; cookie: string };
const NOW = new Date("2026-12-09T12:00:00Z");
const ENDED = new Date("2026-12-08T20:00:00Z");
const HOUR = 60 * 60 * 1000;

describe("event results on the persistent boards", () => {
  let app: HttpApp;
  let organiser: User, alice: User, yan: User, zed: User;
  let eventId: string;
  /** The players (nickname = id in the fixture) whose final models the best-model board lists. */
  let pa: string, pz: string, py: string;

  beforeAll(async () => {
    app = await startHttpApp();
    organiser = await app.createUser("Organiser");
    [alice, yan, zed] = (await Promise.all(
      ["Alice", "Yan", "Zed"].map((n) => app.createUser(n)),
    )) as [User, User, User];
    const prisma = app.db.prisma;
    await prisma.user.update({ where: { id: organiser.id }, data: { role: "ORGANISER" } });
    const bank = await prisma.questionSet.findFirstOrThrow({ where: { builtIn: true } });
    const made = await call("POST", "/api/events", organiser.cookie, {
      name: "Hiring day",
      startsAt: new Date(Date.now() - HOUR).toISOString(),
      endsAt: new Date(Date.now() + 24 * HOUR).toISOString(),
      identity: "ACCOUNT",
      afterwards: "OWN_RESULTS",
      terms: "Your answers are shared with the hiring team.",
      setIds: [bank.id],
      coding: { variant: "scratch", durationSec: 600 },
    });
    expect(made.status, made.text).toBe(201);
    eventId = (JSON.parse(made.text) as { data: { id: string } }).data.id;

    const f = new BoardFixture(prisma, organiser.id);
    const set = await f.set("Public night");
    const q = set.questionIds[0]!;
    // An ordinary room: Alice 500 and a 400 model, Yan 100.
    const open = await f.room(set.id, "FINISHED", ENDED);
    pa = await f.player(open, alice.id);
    await f.answer(open, pa, q, 500);
    await f.submission(open, pa, "scratch", ENDED, { points: 400 });
    await f.answer(open, await f.player(open, yan.id), q, 100);
    // The event's room: Zed played only here; Yan and Alice too.
    const hiring = await f.room(set.id, "FINISHED", ENDED, eventId);
    pz = await f.player(hiring, zed.id);
    await f.answer(hiring, pz, q, 900);
    await f.submission(hiring, pz, "scratch", ENDED, { points: 1000 });
    py = await f.player(hiring, yan.id);
    await f.answer(hiring, py, q, 800);
    await f.submission(hiring, py, "scratch", ENDED, { points: 300 });
    await f.answer(hiring, await f.player(hiring, alice.id), q, 50);
  });
  afterAll(async () => {
    await app?.close();
  });

  async function call(method: string, path: string, cookie?: string, body?: unknown) {
    const response = await fetch(`${app.url}${path}`, {
      method,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, text: await response.text() };
  }
  async function read(query: Record<string, string>, viewer: string | null = null) {
    const page = await app.repos.boards.page(BoardParamsSchema.parse(query), viewer, NOW);
    if (!page.ok) throw new Error(page.error);
    return page.data;
  }
  const table = (page: BoardPage) => page.rows.map((r) => [r.name, r.rank, r.score]);
  async function bestModelNames() {
    const got = await call("GET", "/api/boards/scratch");
    expect(got.status).toBe(200);
    return (JSON.parse(got.text) as { data: { nickname: string }[] }).data.map((r) => r.nickname);
  }

  it("leaves an unpublished event's rooms off every board and every viewer's own rank", async () => {
    expect(table(await read({ board: "quiz" }))).toEqual([
      ["Alice", 1, 500],
      ["Yan", 2, 100],
    ]);
    expect(table(await read({ board: "coding" }))).toEqual([["Alice", 1, 400]]);
    expect(table(await read({ board: "combined" }))).toEqual([
      ["Alice", 1, 2000],
      ["Yan", 2, 200],
    ]);
    for (const board of ["quiz", "coding", "combined"]) {
      const forZed = await read({ board }, zed.id);
      expect(forZed.you, board).toBeNull();
      expect(forZed.rows.map((r) => r.name)).not.toContain("Zed");
    }
    // Yan's own row counts only the open room's 100, not the event's 800.
    expect((await read({ board: "quiz" }, yan.id)).you).toMatchObject({ rank: 2, score: 100 });
    expect((await read({ board: "coding" }, yan.id)).you).toBeNull();
    // Through the HTTP API too, and the best-model board has no model of the event.
    const api = await call("GET", "/api/boards?board=quiz", zed.cookie);
    expect(BoardPageResponseSchema.parse(JSON.parse(api.text)).data).toMatchObject({
      total: 2,
      you: null,
    });
    expect(await bestModelNames()).toEqual([pa]);
    // The profile's ranks: nothing for Zed yet.
    expect(await app.repos.boards.ranksForUser(zed.id, NOW)).toEqual([
      { board: "quiz", window: "all", rank: null, total: 2 },
      { board: "coding", window: "all", rank: null, total: 1 },
      { board: "combined", window: "all", rank: null, total: 2 },
    ]);
  });

  it("counts them once the organiser publishes, and not after unpublishing", async () => {
    const publish = (published: boolean) =>
      call("POST", `/api/events/${eventId}/publish`, organiser.cookie, { published });
    expect((await publish(true)).status).toBe(200);

    expect(table(await read({ board: "quiz" }))).toEqual([
      ["Yan", 1, 900],
      ["Zed", 1, 900],
      ["Alice", 3, 550],
    ]);
    expect(table(await read({ board: "coding" }))).toEqual([
      ["Zed", 1, 1000],
      ["Alice", 2, 400],
      ["Yan", 3, 300],
    ]);
    // Shares of the leaders 900 and 1000: Zed 1000 + 1000, Yan 1000 + 300, Alice 611 + 400.
    expect(table(await read({ board: "combined" }))).toEqual([
      ["Zed", 1, 2000],
      ["Yan", 2, 1300],
      ["Alice", 3, 1011],
    ]);
    expect((await read({ board: "quiz" }, zed.id)).you).toMatchObject({ rank: 1, score: 900 });
    expect((await read({ board: "coding" }, yan.id)).you).toMatchObject({ rank: 3, score: 300 });
    // Equal accuracy and size: in upload order (then id), Alice's model first.
    expect(await bestModelNames()).toEqual([pa, pz, py]);
    expect((await app.repos.boards.ranksForUser(zed.id, NOW)).map((r) => r.rank)).toEqual([
      1, 1, 1,
    ]);

    expect((await publish(false)).status).toBe(200);
    expect(table(await read({ board: "quiz" }))).toEqual([
      ["Alice", 1, 500],
      ["Yan", 2, 100],
    ]);
    expect((await read({ board: "combined" }, zed.id)).you).toBeNull();
    expect(await bestModelNames()).toEqual([pa]);
  });
});
