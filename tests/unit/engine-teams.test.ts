import { describe, expect, it } from "vitest";
import type { ErrorCode } from "@/lib/contract/errors";
import type { RoomSettings } from "@/lib/contract/schemas";
import type { TeamSettings } from "@/lib/contract/teams";
import { codingRound, CodingRoundSettingsSchema } from "@/lib/coding/round";
import { createRoomState } from "@/lib/game/create-room";
import { step } from "@/lib/game/engine";
import { allPlayers, findPlayer } from "@/lib/game/room-state";
import type { EngineEvent, PersistOp, RoomState } from "@/lib/game/types";
import { playerViews, roomView } from "@/lib/game/views";
import type { Answer, Question } from "@/lib/questions/schema";
import { deepFreeze } from "../support/deep-freeze";

// Team mode (lib/game/teams.ts) through the engine's one entry point, with frozen inputs.

const text = (en: string) => ({ zh: `${en}（中）`, en });
const question = (id: string): Question => ({
  id,
  topic: "training",
  difficulty: 2,
  prompt: text("Prompt"),
  explanation: text("Because"),
  type: "single",
  options: [text("A"), text("B")],
  correct: 1,
});
// Accuracy scoring, no streak bonus: a right answer is exactly 1000 points, so means are exact.
const SETTINGS: RoomSettings = {
  scoring: "accuracy",
  streakBonus: false,
  defaultTimeLimitSec: 20,
  maxPlayers: 500,
};
const T0 = 1_700_000_000_000;
const START = T0 + 10_000;
const RIGHT: Answer = { type: "single", choice: 1 };
const WRONG: Answer = { type: "single", choice: 0 };

const teams = (mode: TeamSettings["mode"], count = 2, names: (string | null)[] = []) => ({
  mode,
  count,
  names,
});

function newRoom(team?: TeamSettings, questions = 2): RoomState {
  return createRoomState({
    roomId: "room-1",
    code: "ABC234",
    hostUserId: "host-1",
    settings: { ...SETTINGS, ...(team && { teams: team }) },
    questions: Array.from({ length: questions }, (_, i) => ({
      id: `db-${i}`,
      question: question(`q${i}`),
    })),
    now: T0,
    random: () => 0.5,
    hashSeed: [1, 2],
  });
}

function accept(state: RoomState, event: EngineEvent, now = START) {
  const result = step(deepFreeze(state), event, now);
  if (!result.ok) throw new Error(`${event.type} refused: ${result.error}`);
  return result;
}
const run = (state: RoomState, event: EngineEvent, now = START) => accept(state, event, now).state;

function expectRefused(state: RoomState, event: EngineEvent, error: ErrorCode): void {
  const before = JSON.stringify(state);
  expect(step(deepFreeze(state), event, START)).toEqual({ ok: false, error });
  expect(JSON.stringify(state)).toBe(before);
}

const join = (playerId: string): EngineEvent => ({
  type: "player:join",
  playerId,
  nickname: playerId,
  userId: null,
});
const answer = (playerId: string, a: Answer, questionIndex = 0): EngineEvent => ({
  type: "player:answer",
  playerId,
  questionIndex,
  answer: a,
});
const assign = (playerId: string, team: number): EngineEvent => ({
  type: "host:team-assign",
  playerId,
  team,
});
const pick = (playerId: string, team: number): EngineEvent => ({
  type: "player:team-pick",
  playerId,
  team,
});
const START_GAME: EngineEvent = { type: "host:start" };
const NEXT: EngineEvent = { type: "host:next" };

/** Team mode "host" with two teams unless told otherwise; null: team mode off. */
function lobbyWith(ids: string[], team: TeamSettings | null = teams("host")): RoomState {
  return ids.reduce((s, id, i) => run(s, join(id), T0 + i + 1), newRoom(team ?? undefined));
}
const teamOf = (s: RoomState, id: string) => findPlayer(s, id)?.team;
const sizes = (s: RoomState) => s.teams?.teams.map((t) => t.members);

/** The invariant the incremental sums keep: each team's sum is its members' scores. */
function expectSumsMatchRecount(s: RoomState): void {
  const recount = (s.teams?.teams ?? []).map((t) => {
    const members = allPlayers(s).filter((p) => p.team === t.id);
    return { members: members.length, scoreSum: members.reduce((sum, p) => sum + p.score, 0) };
  });
  expect(s.teams?.teams.map(({ members, scoreSum }) => ({ members, scoreSum }))).toEqual(recount);
}

describe("team mode: assignment", () => {
  it("is off unless the room asks for it: no teams in state or views", () => {
    const s = lobbyWith(["ann", "bob"], null);
    expect(s.teams).toBeUndefined();
    expect(teamOf(s, "ann")).toBeUndefined();
    expect(roomView(s, START).teams).toBeUndefined();
    expect(playerViews(s, START)[0]).not.toHaveProperty("team");
  });

  it("puts each joiner in the smallest team, ties to the lowest index", () => {
    const s = lobbyWith(["a", "b", "c", "d", "e"], teams("host", 3));
    expect(["a", "b", "c", "d", "e"].map((id) => teamOf(s, id))).toEqual([0, 1, 2, 0, 1]);
    expect(sizes(s)).toEqual([2, 2, 1]);
    expectSumsMatchRecount(s);
  });

  it("sends a late joiner (mid-game) to the smallest team", () => {
    let s = lobbyWith(["a", "b", "c", "d"]);
    s = run(s, assign("b", 0)); // team 0: a, b, c; team 1: d
    expect(sizes(s)).toEqual([3, 1]);
    s = run(s, START_GAME);
    s = run(s, join("late"), START + 1_000);
    expect(teamOf(s, "late")).toBe(1);
    expect(sizes(s)).toEqual([3, 2]);
  });

  it("deals at random from the seed it is given: reproducible and balanced", () => {
    const ids = ["a", "b", "c", "d", "e", "f", "g"];
    const lobby = lobbyWith(ids, teams("host", 3));
    const dealt = (seed: number) => {
      const s = run(lobby, { type: "host:teams-shuffle", seed });
      expectSumsMatchRecount(s);
      return ids.map((id) => teamOf(s, id));
    };
    expect(dealt(42)).toEqual(dealt(42));
    const outcomes = new Set(Array.from({ length: 20 }, (_, seed) => dealt(seed).join()));
    expect(outcomes.size).toBeGreaterThan(5);
    for (let seed = 0; seed < 20; seed++) {
      const s = run(lobby, { type: "host:teams-shuffle", seed });
      const members = sizes(s) ?? [];
      expect(Math.max(...members) - Math.min(...members)).toBeLessThanOrEqual(1);
    }
  });

  it("configures mode, count and names in the lobby only", () => {
    let s = lobbyWith(["a", "b", "c"], null);
    s = run(s, { type: "host:teams", settings: teams("pick", 3, [null, "Owls"]), seed: 1 });
    expect(s.teams?.mode).toBe("pick");
    expect(s.teams?.teams.map((t) => [t.color, t.name])).toEqual([
      ["red", null],
      ["blue", "Owls"],
      ["green", null],
    ]);
    expect(["a", "b", "c"].map((id) => teamOf(s, id))).toEqual([0, 1, 2]);
    // Random mode deals from the seed; the same seed, the same teams.
    const r1 = run(s, { type: "host:teams", settings: teams("random", 2), seed: 7 });
    const r2 = run(s, { type: "host:teams", settings: teams("random", 2), seed: 7 });
    expect(allPlayers(r1).map((p) => p.team)).toEqual(allPlayers(r2).map((p) => p.team));
    // Renaming a team (same count) moves nobody, in random mode too.
    const renamed = run(r1, {
      type: "host:teams",
      settings: teams("random", 2, ["Owls"]),
      seed: 99,
    });
    expect(allPlayers(renamed).map((p) => p.team)).toEqual(allPlayers(r1).map((p) => p.team));
    expect(renamed.teams?.teams[0]?.name).toBe("Owls");
    // Off again: nobody keeps a team.
    const off = run(s, { type: "host:teams", settings: teams("off"), seed: 1 });
    expect(off.teams).toBeUndefined();
    expect(allPlayers(off).every((p) => p.team === undefined)).toBe(true);
    // Once the game runs, the set-up is fixed.
    const running = run(s, START_GAME);
    expectRefused(
      running,
      { type: "host:teams", settings: teams("host", 2), seed: 1 },
      "GAME_ALREADY_STARTED",
    );
  });

  it("lets players pick only in pick mode, and only a team the room has", () => {
    const picking = lobbyWith(["a", "b"], teams("pick", 2));
    const s = run(picking, pick("a", 1));
    expect(sizes(s)).toEqual([0, 2]);
    expectRefused(picking, pick("a", 2), "TEAM_NOT_FOUND");
    expectRefused(lobbyWith(["a", "b"], teams("host")), pick("a", 1), "TEAM_PICK_OFF");
    expectRefused(lobbyWith(["a"], null), assign("a", 0), "TEAMS_OFF");
    expectRefused(picking, pick("ghost", 0), "PLAYER_NOT_FOUND");
  });
});

describe("team mode: no change mid-question", () => {
  const inQuestion = () => run(lobbyWith(["a", "b", "c", "d"], teams("pick")), START_GAME);

  it("refuses every team change while a question is open, changing nothing", () => {
    const s = inQuestion();
    expectRefused(s, assign("a", 1), "TEAM_CHANGE_MID_QUESTION");
    expectRefused(s, pick("a", 1), "TEAM_CHANGE_MID_QUESTION");
    expectRefused(s, { type: "host:teams-shuffle", seed: 3 }, "TEAM_CHANGE_MID_QUESTION");
  });

  it("allows them between questions (reveal and leaderboard), and not after the podium", () => {
    const reveal = run(inQuestion(), NEXT);
    expect(teamOf(run(reveal, pick("a", 1)), "a")).toBe(1);
    const board = run(reveal, NEXT);
    expect(teamOf(run(board, assign("a", 1)), "a")).toBe(1);
    const podium = run(board, { type: "host:end" });
    expectRefused(podium, assign("a", 1), "GAME_OVER");
  });
});

describe("team mode: scores", () => {
  /** Teams 0 = {a, b}, 1 = {c, d} (joiners alternate); one question answered, then revealed. */
  function revealed(answers: Record<string, Answer>): RoomState {
    let s = run(lobbyWith(["a", "c", "b", "d"]), START_GAME);
    for (const [id, a] of Object.entries(answers)) s = run(s, answer(id, a), START + 1_000);
    return s.phase === "reveal" ? s : run(s, NEXT, START + 2_000);
  }

  it("is the mean of the members' points, and the standings rank it", () => {
    // a, c, d right; b wrong: team 0 = (1000 + 0) / 2 = 500, team 1 = 1000.
    const s = revealed({ a: RIGHT, b: WRONG, c: RIGHT, d: RIGHT });
    expectSumsMatchRecount(s);
    const view = roomView(s, START);
    expect(view.teams?.standings.map(({ team, score, rank }) => ({ team, score, rank }))).toEqual([
      { team: 1, score: 1000, rank: 1 },
      { team: 0, score: 500, rank: 2 },
    ]);
    const me = playerViews(s, START).find((v) => v.playerId === "a");
    expect(me).toMatchObject({ team: 0, teamRank: 2 });
  });

  it("shares a rank on equal means, lower index listed first", () => {
    const s = revealed({ a: RIGHT, b: WRONG, c: WRONG, d: RIGHT });
    expect(roomView(s, START).teams?.standings.map(({ team, rank }) => [team, rank])).toEqual([
      [0, 1],
      [1, 1],
    ]);
  });

  it("rounds the mean to one decimal and ranks what it shows", () => {
    // Team 0 = {a, c, e}: (1000 + 1000 + 0) / 3 = 666.7; team 1 = {b, d}: 500.
    let s = run(lobbyWith(["a", "b", "c", "d", "e"]), START_GAME);
    for (const id of ["a", "b", "c"]) s = run(s, answer(id, RIGHT), START + 1_000);
    s = run(s, NEXT, START + 2_000);
    expect(roomView(s, START).teams?.standings.map(({ team, score }) => [team, score])).toEqual([
      [0, 666.7],
      [1, 500],
    ]);
  });

  it("answers touch no team: the team state is the same object until the reveal", () => {
    const s = run(lobbyWith(["a", "b", "c", "d"]), START_GAME);
    const answered = run(s, answer("a", RIGHT), START + 1_000);
    expect(answered.teams).toBe(s.teams);
  });

  it("keeps a disconnected member's points; a kicked member leaves with theirs", () => {
    const s = revealed({ a: RIGHT, b: WRONG, c: RIGHT, d: WRONG });
    const dropped = run(s, { type: "player:connection", playerId: "a", connected: false });
    expect(roomView(dropped, START).teams?.standings[0]).toMatchObject({ team: 0, score: 500 });
    const kicked = run(s, { type: "host:kick", playerId: "b" });
    expectSumsMatchRecount(kicked);
    expect(roomView(kicked, START).teams?.standings[0]).toMatchObject({
      team: 0,
      score: 1000,
      members: 1,
    });
  });

  it("leaves an empty team out of the standings and the podium", () => {
    let s = run(lobbyWith(["a", "b"], teams("host", 3)), START_GAME);
    s = run(s, answer("a", RIGHT), START + 1_000);
    s = run(s, answer("b", RIGHT), START + 1_000);
    const view = roomView(s, START).teams;
    expect(view?.teams.map((t) => t.members)).toEqual([1, 1, 0]);
    expect(view?.standings.map((t) => t.team)).toEqual([0, 1]);
  });

  it("carries a mover's points to their new team between questions", () => {
    const s = revealed({ a: RIGHT, b: WRONG, c: WRONG, d: WRONG });
    const moved = run(s, assign("a", 1));
    expectSumsMatchRecount(moved);
    expect(moved.teams?.teams.map((t) => [t.members, t.scoreSum])).toEqual([
      [1, 0],
      [3, 1000],
    ]);
  });

  it("writes each player's team and the teams' final standings when the game ends", () => {
    const s = revealed({ a: RIGHT, b: RIGHT, c: RIGHT, d: WRONG });
    const ended = accept(s, { type: "host:end" });
    const op = ended.effects.find(
      (e): e is { type: "persist"; op: Extract<PersistOp, { kind: "game-finished" }> } =>
        e.type === "persist" && e.op.kind === "game-finished",
    )?.op;
    expect(op?.results.map((r) => [r.playerId, r.team]).sort()).toEqual([
      ["a", 0],
      ["b", 0],
      ["c", 1],
      ["d", 1],
    ]);
    expect(op?.teamResults).toEqual([
      { team: 0, color: "red", name: null, members: 2, score: 1000, rank: 1 },
      { team: 1, color: "blue", name: null, members: 2, score: 500, rank: 2 },
    ]);
    expect(roomView(ended.state, START).teams?.podium.map((t) => t.team)).toEqual([0, 1]);
  });
});

describe("team mode: coding rounds", () => {
  it("adds a closed round's points to the teams, as a quiz reveal does", () => {
    const round = codingRound(
      "coding-1",
      CodingRoundSettingsSchema.parse({ durationSec: 600, accuracyFloor: 0.9 }),
    );
    let s = createRoomState({
      roomId: "room-1",
      code: "ABC234",
      hostUserId: "host-1",
      settings: { ...SETTINGS, teams: teams("host") },
      questions: [],
      codingRounds: [{ afterQuestion: 0, round }],
      now: T0,
      random: () => 0.5,
      hashSeed: [1, 2],
    });
    s = ["a", "c", "b", "d"].reduce((room, id, i) => run(room, join(id), T0 + i + 1), s);
    s = run(s, START_GAME);
    for (const [id, accuracy] of [
      ["a", 0.97],
      ["c", 0.95],
    ] as const) {
      s = run(
        s,
        {
          type: "coding:submit",
          playerId: id,
          questionIndex: 0,
          submission: {
            id: `${id}-1`,
            sha256: "0".repeat(64),
            sizeBytes: 3000,
            parameters: 1000,
            body: new Uint8Array([1]),
            summary: "Dense(10)",
          },
        },
        START + 1_000,
      );
      s = run(
        s,
        {
          type: "coding:evaluated",
          playerId: id,
          questionIndex: 0,
          submissionId: `${id}-1`,
          submittedAt: START + 1_000,
          result: {
            ok: true,
            publicAccuracy: accuracy,
            privateAccuracy: accuracy,
            sizeBytes: 3000,
          },
        },
        START + 2_000,
      );
    }
    s = run(s, NEXT, START + 3_000);
    expect(s.phase).toBe("reveal");
    expectSumsMatchRecount(s);
    const scoreOf = (id: string) => findPlayer(s, id)?.score ?? 0;
    expect(scoreOf("a")).toBeGreaterThan(0);
    expect(s.teams?.teams.map((t) => t.scoreSum)).toEqual([scoreOf("a"), scoreOf("c")]);
  });
});
