import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, next, request, startHarness } from "../support/realtime-harness";
import { openRoom } from "../support/room-setup";

/**
 * Issue 8 item 7 over real sockets: the host kicks during the game (the question waiting only for
 * the kicked player closes; their score leaves the leaderboard, the podium and /results; their
 * stored answers stay, marked kicked) and hides a nickname on every screen.
 */
describe("host moderation during the game", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness("postgres");
  });
  afterAll(async () => {
    await h?.close();
  });

  it("kicks mid-game and hides a nickname everywhere; only the host may", async () => {
    const room = await openRoom(h, ["ann", "bob", "cy", "dee"], { scoring: "accuracy" });
    const [ann, bob, cy, dee] = room.players;
    if (!ann || !bob || !cy || !dee) throw new Error("players missing");
    const { code, host } = room;
    const answer = (socket: typeof ann.socket, questionIndex: number, a: unknown) =>
      request(socket, "round:answer", { code, questionIndex, answer: a });

    // Question 0: everyone answers right, then the leaderboard.
    let phase = next(host, "room:update", (r) => r.phase === "question");
    await request(host, "game:start", { code });
    await phase;
    phase = next(host, "room:update", (r) => r.phase === "reveal");
    for (const p of [ann, bob, cy, dee]) {
      expect((await answer(p.socket, 0, { type: "single", choice: 1 })).ok).toBe(true);
    }
    await phase;
    phase = next(host, "room:update", (r) => r.phase === "leaderboard");
    await request(host, "game:next", { code });
    await phase;

    // Kick bob on the leaderboard: his 1000 points leave it.
    const bobTold = next(bob.socket, "player:kicked");
    const board = next(host, "room:update", (r) => r.phase === "leaderboard");
    expect(await request(host, "room:kick", { code, playerId: bob.session.playerId })).toEqual({
      ok: true,
      data: null,
    });
    await bobTold;
    expect((await board).leaderboard.map((e) => e.nickname)).toEqual(["ann", "cy", "dee"]);

    // Question 1: ann and cy answer; the question waits only for dee, so kicking dee closes it.
    phase = next(host, "room:update", (r) => r.phase === "question" && r.question?.index === 1);
    await request(host, "game:next", { code });
    await phase;
    expect((await answer(ann.socket, 1, { type: "truefalse", value: true })).ok).toBe(true);
    expect((await answer(cy.socket, 1, { type: "truefalse", value: true })).ok).toBe(true);
    const revealed = next(host, "room:update", (r) => r.phase === "reveal");
    expect((await request(host, "room:kick", { code, playerId: dee.session.playerId })).ok).toBe(
      true,
    );
    const reveal = await revealed;
    expect(reveal.reveal?.answered).toBe(2);
    expect(reveal.playerCount).toBe(2);

    // A player (a guest) and a signed-in stranger may not hide names; bad input changes nothing.
    const cyId = cy.session.playerId;
    expect(await request(ann.socket, "room:mute", { code, playerId: cyId, muted: true })).toEqual({
      ok: false,
      error: "UNAUTHENTICATED",
    });
    const stranger = await h.createUser("Stranger");
    const strangerSocket = await h.client({ cookie: stranger.cookie });
    expect(
      await request(strangerSocket, "room:mute", { code, playerId: cyId, muted: true }),
    ).toEqual({ ok: false, error: "ROOM_NOT_FOUND" });
    expect(await request(host, "room:mute", { code, playerId: cyId })).toEqual({
      ok: false,
      error: "INVALID_PAYLOAD",
    });
    expect(
      await request(host, "room:mute", { code, playerId: dee.session.playerId, muted: true }),
    ).toEqual({ ok: false, error: "KICKED" });

    // The host hides cy's nickname: every screen shows "Player 2" (second of those left); cy keeps
    // playing, with both answers' points and the streak bonus.
    const cyTold = next(cy.socket, "player:update", (me) => me.hiddenAs !== undefined);
    const annSees = next(ann.socket, "room:update", (r) =>
      r.leaderboard.some((e) => e.hiddenAs !== undefined),
    );
    const hostList = next(host, "lobby:update", (l) => l.players.some((p) => p.hiddenAs));
    expect(await request(host, "room:mute", { code, playerId: cyId, muted: true })).toEqual({
      ok: true,
      data: null,
    });
    expect(await cyTold).toMatchObject({ nickname: "Player 2", hiddenAs: 2, score: 2100 });
    const seen = await annSees;
    expect(seen.leaderboard.find((e) => e.playerId === cyId)).toMatchObject({
      nickname: "Player 2",
      hiddenAs: 2,
    });
    expect(JSON.stringify(seen)).not.toContain('"cy"');
    expect((await hostList).players.map((p) => p.nickname)).toEqual(["ann", "Player 2"]);

    // The podium: bob and dee are gone, cy is still hidden; /results has no kicked player.
    const podium = next(ann.socket, "room:update", (r) => r.phase === "podium");
    await request(host, "game:end", { code });
    const final = await podium;
    expect(final.podium.map((e) => e.nickname)).toEqual(["ann", "Player 2"]);
    const results = await h.repos.rooms.getResults(code);
    expect(results?.results.map((r) => r.playerId).sort()).toEqual(
      [ann.session.playerId, cyId].sort(),
    );
    // /results reads Postgres: the hidden name is hidden there too.
    expect(results?.results.find((r) => r.playerId === cyId)).toMatchObject({
      nickname: "Player 2",
      hiddenAs: 2,
    });
    expect(JSON.stringify(results)).not.toContain('"cy"');
    // bob's answer to question 0 stays in Postgres, and he is marked kicked.
    const bobRow = await h.db.prisma.player.findUnique({
      where: { id: bob.session.playerId },
      include: { answers: true },
    });
    expect(bobRow?.kickedAt).not.toBeNull();
    expect(bobRow?.answers).toHaveLength(1);
  });
});
