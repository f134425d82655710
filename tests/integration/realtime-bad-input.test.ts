import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, next, request, startHarness } from "../support/realtime-harness";
import { type OpenRoom, openRoom } from "../support/room-setup";

/** Every refusal is a typed code and changes nothing (checked in memory and in Postgres). */
describe("bad input over Socket.IO", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness("postgres");
  });
  afterAll(async () => {
    await h?.close();
  });

  const playerCount = async (code: string) =>
    h.db.prisma.player.count({ where: { room: { code } } });
  const answerCount = async (code: string) =>
    h.db.prisma.answer.count({ where: { room: { code } } });

  async function startedRoom(nicknames: string[], timeLimit = 30): Promise<OpenRoom> {
    const room = await openRoom(h, nicknames, { defaultTimeLimitSec: timeLimit });
    const first = room.players[0];
    if (!first) throw new Error("no players");
    const started = next(first.socket, "room:update", (r) => r.phase === "question");
    expect((await request(room.host, "game:start", { code: room.code })).ok).toBe(true);
    await started;
    return room;
  }

  it("refuses an unknown room code", async () => {
    const socket = await h.client();
    expect(await request(socket, "room:join", { code: "ZZZZZZ", nickname: "nobody" })).toEqual({
      ok: false,
      error: "ROOM_NOT_FOUND",
    });
  });

  it("refuses joins to a locked room, and accepts them again once unlocked", async () => {
    const room = await openRoom(h, ["ann"]);
    expect(await request(room.host, "room:lock", { code: room.code, locked: true })).toEqual({
      ok: true,
      data: null,
    });
    const late = await h.client();
    expect(await request(late, "room:join", { code: room.code, nickname: "late" })).toEqual({
      ok: false,
      error: "ROOM_LOCKED",
    });
    expect(await playerCount(room.code)).toBe(1);
    await request(room.host, "room:lock", { code: room.code, locked: false });
    expect((await request(late, "room:join", { code: room.code, nickname: "late" })).ok).toBe(true);
  });

  it("refuses a duplicate nickname, case-insensitively", async () => {
    const room = await openRoom(h, ["Bea"]);
    const other = await h.client();
    expect(await request(other, "room:join", { code: room.code, nickname: "bea" })).toEqual({
      ok: false,
      error: "NICKNAME_TAKEN",
    });
    expect(await playerCount(room.code)).toBe(1);
  });

  it("refuses empty, blank and over-long nicknames", async () => {
    const room = await openRoom(h, []);
    const socket = await h.client();
    for (const nickname of ["", "   ", "x".repeat(21), "tab\u0007bell"]) {
      expect(await request(socket, "room:join", { code: room.code, nickname })).toEqual({
        ok: false,
        error: "NICKNAME_INVALID",
      });
    }
    expect(await playerCount(room.code)).toBe(0);
  });

  it("refuses malformed payloads without touching the room", async () => {
    const room = await startedRoom(["cid"]);
    const [cid] = room.players;
    if (!cid) throw new Error("player missing");
    const bad: unknown[] = [
      "not an object",
      null,
      { code: room.code },
      { code: room.code, questionIndex: 0, answer: { type: "single", choice: "B" } },
      { code: room.code, questionIndex: -1, answer: { type: "single", choice: 1 } },
      { code: room.code, questionIndex: 0, answer: { type: "telepathy" } },
    ];
    for (const payload of bad) {
      expect(await request(cid.socket, "round:answer", payload)).toEqual({
        ok: false,
        error: "INVALID_PAYLOAD",
      });
    }
    // An answer of the wrong type for the question, and an option that does not exist.
    expect(
      await request(cid.socket, "round:answer", {
        code: room.code,
        questionIndex: 0,
        answer: { type: "truefalse", value: true },
      }),
    ).toEqual({ ok: false, error: "ANSWER_TYPE_MISMATCH" });
    expect(
      await request(cid.socket, "round:answer", {
        code: room.code,
        questionIndex: 0,
        answer: { type: "single", choice: 5 },
      }),
    ).toEqual({ ok: false, error: "INVALID_PAYLOAD" });
    expect(await request(cid.socket, "room:join", { code: "lower!", nickname: "x" })).toEqual({
      ok: false,
      error: "INVALID_PAYLOAD",
    });
    expect(await answerCount(room.code)).toBe(0);
    // The player can still answer normally afterwards.
    expect(
      (
        await request(cid.socket, "round:answer", {
          code: room.code,
          questionIndex: 0,
          answer: { type: "single", choice: 1 },
        })
      ).ok,
    ).toBe(true);
  });

  it("refuses a second answer to the same question", async () => {
    const room = await startedRoom(["dan", "dee"]);
    const [dan] = room.players;
    if (!dan) throw new Error("player missing");
    const answer = { code: room.code, questionIndex: 0, answer: { type: "single", choice: 1 } };
    expect((await request(dan.socket, "round:answer", answer)).ok).toBe(true);
    expect(
      await request(dan.socket, "round:answer", {
        ...answer,
        answer: { type: "single", choice: 0 },
      }),
    ).toEqual({
      ok: false,
      error: "ALREADY_ANSWERED",
    });
    expect(await answerCount(room.code)).toBe(1);
  });

  it("refuses an answer to a question that is not current", async () => {
    const room = await startedRoom(["eli"]);
    const [eli] = room.players;
    if (!eli) throw new Error("player missing");
    expect(
      await request(eli.socket, "round:answer", {
        code: room.code,
        questionIndex: 2,
        answer: { type: "multiple", choices: [0] },
      }),
    ).toEqual({ ok: false, error: "QUESTION_NOT_CURRENT" });
    expect(await answerCount(room.code)).toBe(0);
  });

  it("refuses an answer after the timer", { timeout: 20_000 }, async () => {
    const room = await startedRoom(["fin", "flo"], 5);
    const [fin] = room.players;
    if (!fin) throw new Error("player missing");
    await next(fin.socket, "room:update", (r) => r.phase === "reveal", 10_000);
    expect(
      await request(fin.socket, "round:answer", {
        code: room.code,
        questionIndex: 0,
        answer: { type: "single", choice: 1 },
      }),
    ).toEqual({ ok: false, error: "ANSWER_TOO_LATE" });
    expect(await answerCount(room.code)).toBe(0);
  });

  it("refuses host events from players, guests and other signed-in users", async () => {
    const room = await openRoom(h, ["gus"]);
    const [gus] = room.players;
    if (!gus) throw new Error("player missing");
    const stranger = await h.createUser("Stranger");
    const strangerSocket = await h.client({ cookie: stranger.cookie });
    // A guest (a player's socket) is told to sign in, with no look-up; a signed-in stranger is
    // told the room does not exist, exactly as for an unknown code.
    for (const [socket, error] of [
      [gus.socket, "UNAUTHENTICATED"],
      [strangerSocket, "ROOM_NOT_FOUND"],
    ] as const) {
      expect(await request(socket, "game:start", { code: room.code })).toEqual({
        ok: false,
        error,
      });
      expect(await request(socket, "room:lock", { code: room.code, locked: true })).toEqual({
        ok: false,
        error,
      });
      expect(
        await request(socket, "room:kick", { code: room.code, playerId: gus.session.playerId }),
      ).toEqual({ ok: false, error });
      expect(await request(socket, "room:host", { code: room.code })).toEqual({
        ok: false,
        error,
      });
    }
    const guest = await h.client();
    expect(await request(guest, "room:create", {})).toEqual({
      ok: false,
      error: "UNAUTHENTICATED",
    });
    const room2 = await h.repos.rooms.getResults(room.code);
    expect(room2?.status).toBe("LOBBY");
  });

  it("kicks a player: they are told, cannot answer and cannot resume", async () => {
    const room = await openRoom(h, ["hal", "hil"]);
    const [hal] = room.players;
    if (!hal) throw new Error("player missing");
    const kicked = next(hal.socket, "player:kicked");
    expect(
      await request(room.host, "room:kick", { code: room.code, playerId: hal.session.playerId }),
    ).toEqual({
      ok: true,
      data: null,
    });
    await kicked;
    const again = await h.client();
    expect(await request(again, "room:resume", { token: hal.session.token })).toEqual({
      ok: false,
      error: "KICKED",
    });
    expect(await request(again, "room:resume", { token: "x".repeat(40) })).toEqual({
      ok: false,
      error: "INVALID_TOKEN",
    });
  });

  it("refuses starting twice and advancing a room that has not started", async () => {
    const room = await openRoom(h, ["ivy"]);
    expect(await request(room.host, "game:next", { code: room.code })).toEqual({
      ok: false,
      error: "GAME_NOT_RUNNING",
    });
    expect((await request(room.host, "game:start", { code: room.code })).ok).toBe(true);
    expect(await request(room.host, "game:start", { code: room.code })).toEqual({
      ok: false,
      error: "GAME_ALREADY_STARTED",
    });
  });
});
