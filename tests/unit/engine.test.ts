import { describe, expect, it } from "vitest";
import type { ErrorCode } from "@/lib/contract/errors";
import type { RoomSettings } from "@/lib/contract/schemas";
import { createRoomState } from "@/lib/game/create-room";
import { PROGRESS_TICK_MS, step } from "@/lib/game/engine";
import type { EngineEvent, RoomState } from "@/lib/game/types";
import { findAnswer, findPlayer, inJoinOrder } from "@/lib/game/room-state";
import type { Answer, Question } from "@/lib/questions/schema";
import { deepFreeze } from "../support/deep-freeze";

// ---- Fixtures: tiny inline questions and a fake clock made of plain numbers ----

const text = (en: string) => ({ zh: `${en}（中）`, en });
const base = {
  topic: "training",
  difficulty: 2,
  prompt: text("Prompt"),
  explanation: text("Because"),
} as const;
const SINGLE: Question = {
  ...base,
  id: "q-single",
  type: "single",
  options: [text("A"), text("B"), text("C")],
  correct: 1,
};
const TRUEFALSE: Question = {
  ...base,
  id: "q-tf",
  type: "truefalse",
  correct: true,
  timeLimitSec: 10,
};
const ORDERING: Question = {
  ...base,
  id: "q-order",
  type: "ordering",
  items: [text("A"), text("B"), text("C"), text("D")],
};
const SETTINGS: RoomSettings = {
  scoring: "speed",
  streakBonus: true,
  defaultTimeLimitSec: 20,
  maxPlayers: 500,
};

const T0 = 1_700_000_000_000;
const START = T0 + 10_000;
const LIMIT = 20_000;
const RIGHT: Answer = { type: "single", choice: 1 };
const WRONG: Answer = { type: "single", choice: 0 };

function newRoom(
  questions: Question[] = [SINGLE, TRUEFALSE],
  settings: Partial<RoomSettings> = {},
): RoomState {
  return createRoomState({
    roomId: "room-1",
    code: "ABC234",
    hostUserId: "host-1",
    settings: { ...SETTINGS, ...settings },
    questions: questions.map((question) => ({ id: `db-${question.id}`, question })),
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

function expectRefused(state: RoomState, event: EngineEvent, error: ErrorCode, now = START): void {
  const before = JSON.stringify(state);
  const result = step(deepFreeze(state), event, now);
  expect(result).toEqual({ ok: false, error });
  expect(JSON.stringify(state)).toBe(before);
}

const join = (playerId: string, nickname = playerId): EngineEvent => ({
  type: "player:join",
  playerId,
  nickname,
  userId: null,
});
const answer = (playerId: string, a: Answer, questionIndex = 0): EngineEvent => ({
  type: "player:answer",
  playerId,
  questionIndex,
  answer: a,
});
const START_GAME: EngineEvent = { type: "host:start" };
const NEXT: EngineEvent = { type: "host:next" };
const END: EngineEvent = { type: "host:end" };

function lobbyWith(
  ids: string[],
  questions?: Question[],
  settings?: Partial<RoomSettings>,
): RoomState {
  return ids.reduce((s, id, i) => run(s, join(id), T0 + i + 1), newRoom(questions, settings));
}
const inQuestion = (
  ids = ["ann", "bob", "cy"],
  questions?: Question[],
  settings?: Partial<RoomSettings>,
) => run(lobbyWith(ids, questions, settings), START_GAME, START);
const inReveal = (s: RoomState) => run(s, NEXT, START + 5_000);

function newRoomInput() {
  return {
    roomId: "r",
    code: "ABC234",
    hostUserId: "h",
    settings: SETTINGS,
    questions: [{ id: "o", question: ORDERING }],
    now: T0,
    random: Math.random,
    hashSeed: [1, 2] as const,
  };
}

describe("createRoomState", () => {
  it("starts in the lobby before the first question", () => {
    const s = newRoom();
    expect(s).toMatchObject({
      phase: "lobby",
      questionIndex: -1,
      locked: false,
      players: { size: 0 },
      answers: { size: 0 },
      kicked: [],
    });
    expect(s.questions.map((q) => q.id)).toEqual(["db-q-single", "db-q-tf"]);
    expect(s.questions[0]?.presentation).toEqual([0, 1, 2]);
    expect(s.questions[1]?.presentation).toEqual([]);
  });

  it("shuffles ordering questions, never into the identity, even with a degenerate random", () => {
    const randoms: Array<() => number> = [() => 0, () => 0.5, () => 0.999999, Math.random];
    for (const random of randoms) {
      for (let i = 0; i < 20; i++) {
        const s = createRoomState({ ...newRoomInput(), random });
        const shown = s.questions[0]?.presentation ?? [];
        expect([...shown].sort()).toEqual([0, 1, 2, 3]);
        expect(shown).not.toEqual([0, 1, 2, 3]);
      }
    }
  });

  it("plays only settings.questionCount questions", () => {
    expect(newRoom([SINGLE, TRUEFALSE, ORDERING], { questionCount: 2 }).questions).toHaveLength(2);
  });
});

describe("player:join", () => {
  it("adds a player at zero and persists before telling anyone", () => {
    const { state, effects } = accept(
      newRoom(),
      { type: "player:join", playerId: "p1", nickname: "Ada", userId: "u1" },
      T0 + 5,
    );
    expect(findPlayer(state, "p1")).toEqual({
      id: "p1",
      nickname: "Ada",
      userId: "u1",
      score: 0,
      streak: 0,
      correctCount: 0,
      answeredCount: 0,
      connected: true,
      joinedAt: T0 + 5,
    });
    expect(effects).toEqual([
      {
        type: "persist",
        op: { kind: "player-joined", playerId: "p1", nickname: "Ada", userId: "u1", at: T0 + 5 },
      },
      { type: "lobby" },
      { type: "publish" },
    ]);
  });

  it("lets late joiners in during question, reveal and leaderboard", () => {
    const q = inQuestion();
    expect(findPlayer(run(q, join("late")), "late")?.score).toBe(0);
    const r = inReveal(q);
    expect(findPlayer(run(r, join("late")), "late")).toBeDefined();
    expect(findPlayer(run(run(r, NEXT), join("late")), "late")).toBeDefined();
  });

  it("refuses after the game, when locked, when full, duplicate ids and kicked ids", () => {
    expectRefused(run(inQuestion(), END), join("x"), "GAME_OVER");
    expectRefused(
      run(lobbyWith(["a"]), { type: "host:lock", locked: true }),
      join("x"),
      "ROOM_LOCKED",
    );
    expectRefused(lobbyWith(["a", "b"], undefined, { maxPlayers: 2 }), join("x"), "ROOM_FULL");
    expectRefused(lobbyWith(["a"]), join("a", "Other"), "INVALID_PAYLOAD");
    expectRefused(
      run(lobbyWith(["a"]), { type: "host:kick", playerId: "a" }),
      join("a", "Again"),
      "KICKED",
    );
  });

  it("refuses a nickname already taken, ignoring case and width", () => {
    const s = run(newRoom(), join("p1", "Ana"), T0);
    expectRefused(s, join("p2", "ana"), "NICKNAME_TAKEN");
    expectRefused(s, join("p2", "ＡＮＡ"), "NICKNAME_TAKEN");
    expect(findPlayer(run(s, join("p2", "Anna")), "p2")).toBeDefined();
  });
});

describe("player:connection", () => {
  it("flags a player and updates the lobby; a repeated flag does nothing", () => {
    const s = lobbyWith(["a"]);
    const off = accept(s, { type: "player:connection", playerId: "a", connected: false });
    expect(findPlayer(off.state, "a")?.connected).toBe(false);
    expect(off.effects).toEqual([{ type: "lobby" }]);
    const again = accept(off.state, { type: "player:connection", playerId: "a", connected: false });
    expect(again).toEqual({ ok: true, state: off.state, effects: [] });
  });

  it("refuses an unknown player", () => {
    expectRefused(
      lobbyWith(["a"]),
      { type: "player:connection", playerId: "zz", connected: true },
      "PLAYER_NOT_FOUND",
    );
    expectRefused(
      lobbyWith(["a"]),
      { type: "player:connection", playerId: "constructor", connected: true },
      "PLAYER_NOT_FOUND",
    );
  });
});

describe("host:kick and host:lock", () => {
  it("removes the player and their current answer, and remembers the id", () => {
    const answered = run(inQuestion(), answer("bob", RIGHT), START + 1_000);
    const { state, effects } = accept(
      answered,
      { type: "host:kick", playerId: "bob" },
      START + 2_000,
    );
    expect(inJoinOrder(state).map((p) => p.id)).toEqual(["ann", "cy"]);
    expect(findAnswer(state, "bob")).toBeUndefined();
    expect(state.answers.size).toBe(0);
    expect(state.kicked).toEqual(["bob"]);
    expect(effects).toEqual([
      { type: "persist", op: { kind: "player-kicked", playerId: "bob", at: START + 2_000 } },
      { type: "kick", playerId: "bob" },
      { type: "lobby" },
      { type: "publish" },
    ]);
    expectRefused(state, answer("bob", RIGHT), "KICKED");
    expectRefused(state, { type: "host:kick", playerId: "bob" }, "PLAYER_NOT_FOUND");
  });

  it("locks and unlocks the room", () => {
    const locked = accept(lobbyWith(["a"]), { type: "host:lock", locked: true });
    expect(locked.state.locked).toBe(true);
    expect(locked.effects).toEqual([{ type: "publish" }, { type: "lobby" }]);
    expect(run(locked.state, { type: "host:lock", locked: false }).locked).toBe(false);
  });
});

describe("host:start", () => {
  it("opens question 0 with a deadline and a timer", () => {
    const { state, effects } = accept(lobbyWith(["a"]), START_GAME, START);
    expect(state).toMatchObject({
      phase: "question",
      questionIndex: 0,
      questionStartedAt: START,
      questionDeadline: START + LIMIT,
      answers: { size: 0 },
    });
    expect(effects).toEqual([
      { type: "persist", op: { kind: "game-started", at: START } },
      {
        type: "schedule",
        key: "question",
        at: START + LIMIT,
        event: { type: "timer:question-ended", questionIndex: 0 },
      },
      { type: "publish" },
    ]);
  });

  it("refuses without players, without questions, once running and once over", () => {
    expectRefused(newRoom(), START_GAME, "NO_PLAYERS");
    expectRefused(lobbyWith(["a"], []), START_GAME, "INVALID_PAYLOAD");
    expectRefused(inQuestion(), START_GAME, "GAME_ALREADY_STARTED");
    expectRefused(inReveal(inQuestion()), START_GAME, "GAME_ALREADY_STARTED");
    expectRefused(run(inReveal(inQuestion()), NEXT), START_GAME, "GAME_ALREADY_STARTED");
    expectRefused(run(inQuestion(), END), START_GAME, "GAME_OVER");
  });
});

describe("host:next", () => {
  it("walks question -> reveal -> leaderboard -> next question -> ... -> podium", () => {
    const q0 = inQuestion();
    const reveal = accept(q0, NEXT, START + 3_000);
    expect(reveal.state.phase).toBe("reveal");
    // Each player's result and rank go out with the reveal; the leaderboard changes only the room.
    expect(reveal.effects).toEqual([
      { type: "cancel", key: "question" },
      { type: "publish", ownViews: "all" },
    ]);

    const board = accept(reveal.state, NEXT);
    expect(board.state.phase).toBe("leaderboard");
    expect(board.effects).toEqual([{ type: "publish" }]);

    const later = START + 60_000;
    const q1 = accept(board.state, NEXT, later);
    expect(q1.state).toMatchObject({
      phase: "question",
      questionIndex: 1,
      questionStartedAt: later,
      answers: { size: 0 },
    });
    // TRUEFALSE has its own 10 s limit.
    expect(q1.state.questionDeadline).toBe(later + 10_000);
    expect(q1.effects[0]).toEqual({
      type: "schedule",
      key: "question",
      at: later + 10_000,
      event: { type: "timer:question-ended", questionIndex: 1 },
    });

    const last = run(run(q1.state, NEXT), NEXT);
    const podium = accept(last, NEXT, later + 30_000);
    expect(podium.state).toMatchObject({ phase: "podium", endedAt: later + 30_000 });
    expectRefused(podium.state, NEXT, "GAME_OVER");
  });

  it("refuses in the lobby", () => {
    expectRefused(lobbyWith(["a"]), NEXT, "GAME_NOT_RUNNING");
  });
});

describe("host:end", () => {
  it("ends the game from every running phase and from the lobby", () => {
    const q = inQuestion();
    for (const s of [lobbyWith(["a"]), q, inReveal(q), run(inReveal(q), NEXT)]) {
      expect(run(s, END).phase).toBe("podium");
    }
    expectRefused(run(q, END), END, "GAME_OVER");
  });

  it("counts the answers of a question ended early, since they are already persisted", () => {
    const s = run(inQuestion(), answer("ann", RIGHT), START);
    const { state, effects } = accept(s, END, START + 1_000);
    expect(findPlayer(state, "ann")).toMatchObject({
      score: 1000,
      correctCount: 1,
      answeredCount: 1,
    });
    expect(effects[1]).toMatchObject({ type: "persist", op: { kind: "game-finished" } });
  });

  it("persists every player's final result in rank order", () => {
    let s = inQuestion(["ann", "bob", "cy", "dee"]);
    s = run(s, answer("cy", RIGHT), START); // 1000
    s = run(s, answer("ann", RIGHT), START + LIMIT); // 500
    s = run(s, answer("dee", RIGHT), START + LIMIT); // 500
    s = run(s, answer("bob", WRONG), START + 1); // 0, and closes the question
    const { effects } = accept(s, END, START + 40_000);
    expect(effects).toEqual([
      { type: "cancel", key: "question" },
      {
        type: "persist",
        op: {
          kind: "game-finished",
          at: START + 40_000,
          results: [
            {
              playerId: "cy",
              nickname: "cy",
              rank: 1,
              score: 1000,
              correctCount: 1,
              answeredCount: 1,
            },
            {
              playerId: "ann",
              nickname: "ann",
              rank: 2,
              score: 500,
              correctCount: 1,
              answeredCount: 1,
            },
            {
              playerId: "dee",
              nickname: "dee",
              rank: 2,
              score: 500,
              correctCount: 1,
              answeredCount: 1,
            },
            {
              playerId: "bob",
              nickname: "bob",
              rank: 4,
              score: 0,
              correctCount: 0,
              answeredCount: 1,
            },
          ],
        },
      },
      { type: "publish", ownViews: "all" },
    ]);
  });
});

describe("player:answer", () => {
  it("stores a graded record without touching scores, and schedules one progress tick", () => {
    const q = inQuestion();
    const first = accept(q, answer("ann", RIGHT), START + LIMIT / 2);
    const record = findAnswer(first.state, "ann");
    expect(record).toEqual({
      playerId: "ann",
      questionIndex: 0,
      questionId: "db-q-single",
      answer: RIGHT,
      receivedAt: START + LIMIT / 2,
      elapsedMs: LIMIT / 2,
      correctness: 1,
      points: 750,
      streakBonus: 0,
      streak: 1,
    });
    expect(first.state.players).toBe(q.players); // scores move at the reveal, not before
    expect(first.state.progressTickPending).toBe(true);
    expect(first.effects).toEqual([
      { type: "persist", op: { kind: "answer", record } },
      {
        type: "schedule",
        key: "progress",
        at: START + LIMIT / 2 + PROGRESS_TICK_MS,
        event: { type: "timer:progress" },
      },
    ]);

    const second = accept(first.state, answer("bob", WRONG), START + LIMIT / 2 + 10);
    expect(second.effects).toEqual([
      { type: "persist", op: { kind: "answer", record: findAnswer(second.state, "bob") } },
    ]);
  });

  it("accepts an answer at the deadline and refuses one after it", () => {
    const q = inQuestion();
    expect(findAnswer(run(q, answer("ann", RIGHT), START + LIMIT), "ann")?.points).toBe(500);
    expectRefused(q, answer("ann", RIGHT), "ANSWER_TOO_LATE", START + LIMIT + 1);
  });

  it("refuses every way an answer can be wrong, changing nothing", () => {
    const q = inQuestion();
    expectRefused(q, answer("nobody", RIGHT), "PLAYER_NOT_FOUND");
    expectRefused(lobbyWith(["ann"]), answer("ann", RIGHT), "QUESTION_NOT_CURRENT");
    expectRefused(q, answer("ann", RIGHT, 1), "QUESTION_NOT_CURRENT");
    expectRefused(run(q, END), answer("ann", RIGHT), "QUESTION_NOT_CURRENT");
    expectRefused(inReveal(q), answer("ann", RIGHT), "ANSWER_TOO_LATE");
    expectRefused(run(inReveal(q), NEXT), answer("ann", RIGHT), "ANSWER_TOO_LATE");
    expectRefused(run(q, answer("ann", RIGHT)), answer("ann", WRONG), "ALREADY_ANSWERED");
    expectRefused(q, answer("ann", { type: "truefalse", value: true }), "ANSWER_TYPE_MISMATCH");
    expectRefused(q, answer("ann", { type: "single", choice: 5 }), "INVALID_PAYLOAD");
  });

  it("uses the streak as of question start and pays the bonus at the reveal", () => {
    let s = inQuestion(["ann", "bob"], [SINGLE, SINGLE, SINGLE], { scoring: "accuracy" });
    const scores: number[] = [];
    for (let i = 0; i < 3; i++) {
      s = run(s, answer("ann", RIGHT, i), START);
      expect(findPlayer(s, "ann")?.score).toBe(scores.at(-1) ?? 0);
      s = run(s, answer("bob", i === 1 ? WRONG : RIGHT, i), START); // closes the question
      expect(s.phase).toBe("reveal");
      scores.push(findPlayer(s, "ann")?.score ?? -1);
      s = run(run(s, NEXT), NEXT);
    }
    expect(scores).toEqual([1000, 2100, 3300]); // streak bonus 0, 100, 200
    expect(findPlayer(s, "ann")).toMatchObject({ streak: 3, correctCount: 3, answeredCount: 3 });
    expect(findPlayer(s, "bob")).toMatchObject({
      score: 2000,
      streak: 1,
      correctCount: 2,
      answeredCount: 3,
    });
  });

  it("closes the question once every connected player has answered", () => {
    let s = inQuestion();
    s = run(s, { type: "player:connection", playerId: "cy", connected: false });
    s = run(s, answer("ann", RIGHT), START + 1_000);
    expect(s.phase).toBe("question");
    const last = accept(s, answer("bob", WRONG), START + 2_000);
    expect(last.state.phase).toBe("reveal");
    expect(last.effects.map((e) => e.type)).toEqual(["persist", "cancel", "publish"]);
    expect(findPlayer(last.state, "ann")?.score).toBe(Math.round(1000 * (1 - 1_000 / LIMIT / 2)));
    expect(findPlayer(last.state, "cy")).toMatchObject({ score: 0, streak: 0, answeredCount: 0 });
  });
});

describe("timers", () => {
  it("timer:question-ended reveals the question it was set for", () => {
    const { state, effects } = accept(
      inQuestion(),
      { type: "timer:question-ended", questionIndex: 0 },
      START + LIMIT,
    );
    expect(state.phase).toBe("reveal");
    expect(effects).toEqual([
      { type: "cancel", key: "question" },
      { type: "publish", ownViews: "all" },
    ]);
  });

  it("ignores a stale question timer", () => {
    const reveal = inReveal(inQuestion());
    const staleSamePhase = step(
      reveal,
      { type: "timer:question-ended", questionIndex: 0 },
      START + LIMIT,
    );
    expect(staleSamePhase).toEqual({ ok: true, state: reveal, effects: [] });
    expect(staleSamePhase.ok && staleSamePhase.state).toBe(reveal);
    const q1 = run(run(reveal, NEXT), NEXT);
    expect(step(q1, { type: "timer:question-ended", questionIndex: 0 }, START + LIMIT)).toEqual({
      ok: true,
      state: q1,
      effects: [],
    });
  });

  it("timer:progress sends the count once and clears the pending flag", () => {
    let s = inQuestion();
    s = run(s, { type: "player:connection", playerId: "cy", connected: false });
    s = run(s, answer("ann", RIGHT));
    const tick = accept(s, { type: "timer:progress" }, START + PROGRESS_TICK_MS);
    expect(tick.state.progressTickPending).toBe(false);
    expect(tick.effects).toEqual([{ type: "progress", answered: 1, connected: 2, offline: 1 }]);
  });

  it("timer:progress outside a question only clears the flag", () => {
    const s = run(inQuestion(["ann"]), answer("ann", RIGHT)); // auto-closes: reveal
    expect(s.progressTickPending).toBe(true);
    const tick = accept(s, { type: "timer:progress" });
    expect(tick.state.progressTickPending).toBe(false);
    expect(tick.effects).toEqual([]);
  });
});
