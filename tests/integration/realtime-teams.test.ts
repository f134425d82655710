import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoomView, TeamStandingEntry } from "@/lib/contract/views";
import {
  type Client,
  type Harness,
  next,
  request,
  startHarness,
} from "../support/realtime-harness";
import { openRoom, type JoinedPlayer } from "../support/room-setup";

// Team mode end to end over real Socket.IO clients, stored in real Postgres.

const RIGHT_Q0 = { type: "single", choice: 1 } as const;
const WRONG_Q0 = { type: "single", choice: 0 } as const;
const RIGHT_Q1 = { type: "truefalse", value: true } as const;
const WRONG_Q1 = { type: "truefalse", value: false } as const;

const standing = (entries: TeamStandingEntry[] | undefined) =>
  entries?.map(({ team, name, score, rank, members }) => ({ team, name, score, rank, members }));

/** Every player answers (or not); resolves with the host's reveal. */
async function answerAll(
  host: Client,
  code: string,
  index: number,
  answers: [JoinedPlayer, unknown][],
): Promise<RoomView> {
  const revealed = next(host, "room:update", (r) => r.phase === "reveal");
  for (const [player, answer] of answers) {
    const ack = await request(player.socket, "round:answer", {
      code,
      questionIndex: index,
      answer,
    });
    expect(ack).toEqual({ ok: true, data: { questionIndex: index } });
  }
  return revealed;
}

describe("team mode over Socket.IO on postgres", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness("postgres");
  });
  afterAll(async () => {
    await h?.close();
  });

  it("scores teams by mean, shares ties, refuses a mid-question change and stores the results", async () => {
    const room = await openRoom(h, ["alice", "bob", "carol", "dave"], {
      scoring: "accuracy",
      streakBonus: false,
      questionCount: 2,
    });
    const [alice, bob, carol, dave] = room.players;
    if (!alice || !bob || !carol || !dave) throw new Error("players missing");
    const { code, host } = room;

    // The host turns team mode on in the lobby; the players already in are dealt 0, 1, 0, 1.
    const configured = next(alice.socket, "room:update", (r) => r.teams !== undefined);
    expect(
      await request(host, "teams:configure", {
        code,
        teams: { mode: "host", count: 2, names: ["Owls", null] },
      }),
    ).toEqual({ ok: true, data: null });
    expect((await configured).teams?.teams).toEqual([
      { team: 0, color: "red", name: "Owls", members: 2 },
      { team: 1, color: "blue", name: null, members: 2 },
    ]);
    // By hand: alice + bob, carol + dave.
    expect(
      await request(host, "teams:assign", { code, playerId: bob.session.playerId, team: 0 }),
    ).toEqual({ ok: true, data: null });
    expect(
      await request(host, "teams:assign", { code, playerId: carol.session.playerId, team: 1 }),
    ).toEqual({ ok: true, data: null });
    const lobby = await next(host, "lobby:update", (l) =>
      l.players.every((p) => p.team === (["alice", "bob"].includes(p.nickname) ? 0 : 1)),
    );
    expect(lobby.players.map((p) => [p.nickname, p.team])).toEqual([
      ["alice", 0],
      ["bob", 0],
      ["carol", 1],
      ["dave", 1],
    ]);
    // A player cannot pick in "host assigns" mode, nor move someone else: identity is the socket's.
    expect(await request(alice.socket, "teams:pick", { code, team: 1 })).toEqual({
      ok: false,
      error: "TEAM_PICK_OFF",
    });
    expect(
      await request(alice.socket, "teams:assign", {
        code,
        playerId: alice.session.playerId,
        team: 1,
      }),
    ).toEqual({ ok: false, error: "UNAUTHENTICATED" });
    expect(await request(host, "teams:assign", { code, playerId: "x", team: 9 })).toEqual({
      ok: false,
      error: "INVALID_PAYLOAD",
    });
    expect(
      await request(host, "teams:configure", { code, teams: { mode: "host", count: 9 } }),
    ).toEqual({ ok: false, error: "INVALID_PAYLOAD" });
    // Another signed-in host cannot touch this room's teams: it looks like no room at all.
    const other = await h.createUser("Other host");
    const intruder = await h.client({ cookie: other.cookie });
    expect(await request(intruder, "teams:shuffle", { code })).toEqual({
      ok: false,
      error: "ROOM_NOT_FOUND",
    });
    intruder.disconnect();

    // Question 1: alice and carol right, bob and dave wrong: 500 each, a shared first place.
    const aliceReveal = next(alice.socket, "room:update", (r) => r.phase === "reveal");
    const started = next(host, "room:update", (r) => r.phase === "question");
    expect((await request(host, "game:start", { code })).ok).toBe(true);
    await started;
    // Mid-question, a team change is refused and changes nothing.
    expect(
      await request(host, "teams:assign", { code, playerId: alice.session.playerId, team: 1 }),
    ).toEqual({ ok: false, error: "TEAM_CHANGE_MID_QUESTION" });
    expect(await request(host, "teams:shuffle", { code })).toEqual({
      ok: false,
      error: "TEAM_CHANGE_MID_QUESTION",
    });
    expect(
      await request(host, "teams:configure", { code, teams: { mode: "pick", count: 3 } }),
    ).toEqual({ ok: false, error: "GAME_ALREADY_STARTED" });
    const live = await h.realtime.runtime.get(code);
    expect(live?.teams?.teams.map((t) => [t.members, t.scoreSum])).toEqual([
      [2, 0],
      [2, 0],
    ]);
    const first = await answerAll(host, code, 0, [
      [alice, RIGHT_Q0],
      [bob, WRONG_Q0],
      [carol, RIGHT_Q0],
      [dave, WRONG_Q0],
    ]);
    expect(standing(first.teams?.standings)).toEqual([
      { team: 0, name: "Owls", score: 500, rank: 1, members: 2 },
      { team: 1, name: null, score: 500, rank: 1, members: 2 },
    ]);
    expect((await aliceReveal).me).toMatchObject({ team: 0, teamRank: 1 });

    // The leaderboard frame carries the team standings too.
    const board = next(host, "room:update", (r) => r.phase === "leaderboard");
    expect((await request(host, "game:next", { code })).ok).toBe(true);
    expect(standing((await board).teams?.standings)?.map((s) => s.rank)).toEqual([1, 1]);

    // Question 2: alice, bob, carol right, dave wrong: Owls (2000 + 1000) / 2 = 1500, blue 1000.
    const second = next(host, "room:update", (r) => r.phase === "question");
    expect((await request(host, "game:next", { code })).ok).toBe(true);
    await second;
    await answerAll(host, code, 1, [
      [alice, RIGHT_Q1],
      [bob, RIGHT_Q1],
      [carol, RIGHT_Q1],
      [dave, WRONG_Q1],
    ]);
    expect((await request(host, "game:next", { code })).ok).toBe(true);
    const podium = next(dave.socket, "room:update", (r) => r.phase === "podium");
    expect((await request(host, "game:next", { code })).ok).toBe(true);
    const final = await podium;
    expect(standing(final.teams?.podium)).toEqual([
      { team: 0, name: "Owls", score: 1500, rank: 1, members: 2 },
      { team: 1, name: null, score: 1000, rank: 2, members: 2 },
    ]);
    expect(final.me).toMatchObject({ team: 1, teamRank: 2 });

    // Stored: each player's team and the teams' standings, read back for the results page.
    const stored = await h.repos.rooms.getResults(code);
    expect(stored?.results.map((r) => [r.nickname, r.team, r.score])).toEqual([
      ["alice", 0, 2000],
      ["carol", 1, 2000],
      ["bob", 0, 1000],
      ["dave", 1, 0],
    ]);
    expect(stored?.teams).toEqual([
      { team: 0, color: "red", name: "Owls", members: 2, score: 1500, rank: 1 },
      { team: 1, color: "blue", name: null, members: 2, score: 1000, rank: 2 },
    ]);
  });

  it("lets players pick, puts a late joiner in the smallest team, and stores a tie", async () => {
    const room = await openRoom(h, ["p1", "p2", "p3"], {
      scoring: "accuracy",
      streakBonus: false,
      questionCount: 1,
      teams: { mode: "pick", count: 2 },
    });
    const [p1, p2, p3] = room.players;
    if (!p1 || !p2 || !p3) throw new Error("players missing");
    const { code, host } = room;
    expect(p1.session.me.team).toBe(0);
    expect(p2.session.me.team).toBe(1);
    expect(p3.session.me.team).toBe(0);
    // p3 moves to team 1 (now 1 vs 2); their own view says so.
    const mine = next(p3.socket, "player:update", (me) => me.team === 1);
    expect(await request(p3.socket, "teams:pick", { code, team: 1 })).toEqual({
      ok: true,
      data: null,
    });
    await mine;
    expect(await request(p3.socket, "teams:pick", { code, team: 5 })).toEqual({
      ok: false,
      error: "TEAM_NOT_FOUND",
    });

    const started = next(host, "room:update", (r) => r.phase === "question");
    expect((await request(host, "game:start", { code })).ok).toBe(true);
    await started;
    // A late joiner goes to the smallest team: team 0 (1 member against 2).
    const late = await h.client();
    const joined = await request(late, "room:join", { code, nickname: "late" });
    if (!joined.ok) throw new Error(joined.error);
    expect(joined.data.me.team).toBe(0);
    expect(await request(late, "teams:pick", { code, team: 1 })).toEqual({
      ok: false,
      error: "TEAM_CHANGE_MID_QUESTION",
    });

    // Team 0 = {p1, late}: 1000 + 0 -> 500; team 1 = {p2, p3}: 1000 + 0 -> 500. A tie.
    const revealed = next(host, "room:update", (r) => r.phase === "reveal");
    for (const [player, answer] of [
      [p1.socket, RIGHT_Q0],
      [p2.socket, RIGHT_Q0],
      [p3.socket, WRONG_Q0],
      [late, WRONG_Q0],
    ] as const) {
      expect((await request(player, "round:answer", { code, questionIndex: 0, answer })).ok).toBe(
        true,
      );
    }
    expect(standing((await revealed).teams?.standings)).toEqual([
      { team: 0, name: null, score: 500, rank: 1, members: 2 },
      { team: 1, name: null, score: 500, rank: 1, members: 2 },
    ]);
    const podium = next(host, "room:update", (r) => r.phase === "podium");
    expect((await request(host, "game:end", { code })).ok).toBe(true);
    await podium;
    const stored = await h.repos.rooms.getResults(code);
    expect(stored?.teams?.map((t) => [t.team, t.score, t.rank])).toEqual([
      [0, 500, 1],
      [1, 500, 1],
    ]);
    late.disconnect();
  });
});
