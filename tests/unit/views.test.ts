import { describe, expect, it } from "vitest";
import type { RoomSettings } from "@/lib/contract/schemas";
import { createRoomState } from "@/lib/game/create-room";
import { step } from "@/lib/game/engine";
import type { EngineEvent, RoomState } from "@/lib/game/types";
import { lobbyView, playerView, playerViews, progressView, roomView } from "@/lib/game/views";
import { findAnswer } from "@/lib/game/room-state";
import { timeLimitMs, toPublicQuestion } from "@/lib/questions/public";
import type { Answer, Question } from "@/lib/questions/schema";

// ---- Fixtures: tiny inline questions and a fake clock made of plain numbers ----

const text = (en: string) => ({ zh: `${en}（中）`, en });
const base = {
  topic: "code-mnist",
  difficulty: 1,
  prompt: text("Prompt"),
  explanation: text("Because of the key"),
} as const;
const SINGLE: Question = {
  ...base,
  id: "single",
  type: "single",
  options: [text("A"), text("B"), text("C")],
  correct: 2,
};
const MULTIPLE: Question = {
  ...base,
  id: "multi",
  type: "multiple",
  options: [text("A"), text("B"), text("C"), text("D")],
  correct: [3, 1],
};
const TRUEFALSE: Question = { ...base, id: "tf", type: "truefalse", correct: false };
const ORDERING_ITEMS = [text("First"), text("Second"), text("Third")];
const ORDERING: Question = { ...base, id: "order", type: "ordering", items: ORDERING_ITEMS };
const NUMERIC: Question = {
  ...base,
  id: "num",
  type: "numeric",
  correct: 784,
  tolerance: 0,
  unit: text("inputs"),
};
const TEXT: Question = {
  ...base,
  id: "txt",
  type: "text",
  accepted: ["softmax"],
  code: "model.add(Dense(10))",
};
const SETTINGS: RoomSettings = {
  scoring: "speed",
  streakBonus: true,
  defaultTimeLimitSec: 20,
  maxPlayers: 500,
};

const T0 = 1_700_000_000_000;
const START = T0 + 10_000;

function run(state: RoomState, event: EngineEvent, now = START): RoomState {
  const result = step(state, event, now);
  if (!result.ok) throw new Error(`${event.type} refused: ${result.error}`);
  return result.state;
}

function room(question: Question, ids: string[], random = () => 0): RoomState {
  const created = createRoomState({
    roomId: "room-1",
    code: "KB2345",
    hostUserId: "host",
    settings: SETTINGS,
    questions: [{ id: `db-${question.id}`, question }],
    now: T0,
    random,
    hashSeed: [1, 2],
  });
  return ids.reduce(
    (s, id, i) =>
      run(
        s,
        { type: "player:join", playerId: id, nickname: id.toUpperCase(), userId: null },
        T0 + i + 1,
      ),
    created,
  );
}

const started = (question: Question, ids: string[]) =>
  run(room(question, ids), { type: "host:start" });
const answer = (playerId: string, a: Answer): EngineEvent => ({
  type: "player:answer",
  playerId,
  questionIndex: 0,
  answer: a,
});
function answered(
  question: Question,
  answers: Record<string, Answer>,
  extra: string[] = [],
): RoomState {
  let s = started(question, [...Object.keys(answers), ...extra]);
  for (const [id, a] of Object.entries(answers)) s = run(s, answer(id, a), START + 2_000);
  return s;
}
const reveal = (s: RoomState) =>
  s.phase === "reveal" ? s : run(s, { type: "host:next" }, START + 5_000);

describe("roomView", () => {
  it("shows no question in the lobby", () => {
    const view = roomView(room(SINGLE, ["a", "b"]), T0 + 99);
    expect(view).toMatchObject({
      phase: "lobby",
      playerCount: 2,
      questionCount: 1,
      question: null,
      reveal: null,
    });
    expect(view).toMatchObject({
      leaderboard: [],
      podium: [],
      questionDeadline: null,
      sentAt: T0 + 99,
    });
  });

  it("contains no answer key and no score change while the question is open", () => {
    const cases: Array<[Question, Answer, Answer]> = [
      [SINGLE, { type: "single", choice: 2 }, { type: "single", choice: 0 }],
      [MULTIPLE, { type: "multiple", choices: [1, 3] }, { type: "multiple", choices: [0] }],
      [TRUEFALSE, { type: "truefalse", value: false }, { type: "truefalse", value: true }],
      [ORDERING, { type: "ordering", order: [2, 0, 1] }, { type: "ordering", order: [0, 1, 2] }],
      [NUMERIC, { type: "numeric", value: 784 }, { type: "numeric", value: 10 }],
      [TEXT, { type: "text", text: "Softmax" }, { type: "text", text: "relu" }],
    ];
    for (const [question, right, wrong] of cases) {
      const s = answered(question, { right, wrong }, ["idle"]);
      expect(s.phase).toBe("question");
      expect(findAnswer(s, "right")?.correctness).toBe(1);
      const json = JSON.stringify([
        roomView(s, START),
        playerViews(s, START),
        progressView(s, START),
      ]);
      for (const leak of [
        '"correct"',
        '"accepted"',
        '"tolerance"',
        '"explanation"',
        "Because",
        "softmax",
        '"order"',
      ]) {
        expect(json, `${question.type} leaks ${leak}`).not.toContain(leak);
      }
      const [rightView, wrongView] = [playerView(s, "right", START), playerView(s, "wrong", START)];
      const anonymous = (v: typeof rightView) => ({ ...v, playerId: "", nickname: "" });
      expect(anonymous(rightView)).toEqual(anonymous(wrongView));
      expect(rightView).toMatchObject({
        score: 0,
        streak: 0,
        answeredCurrent: true,
        lastResult: null,
      });
      expect(playerView(s, "idle", START)?.answeredCurrent).toBe(false);
    }
  });

  it("shows ordering items in shown order and what a question needs to be answered", () => {
    const s = started(ORDERING, ["a"]);
    const shown = s.questions[0]?.presentation ?? [];
    expect(shown).not.toEqual([0, 1, 2]);
    expect(roomView(s, START).question).toMatchObject({
      type: "ordering",
      items: shown.map((i) => ORDERING_ITEMS[i]),
    });
    expect(roomView(started(MULTIPLE, ["a"]), START).question).toMatchObject({
      type: "multiple",
      correctCount: 2,
    });
    expect(roomView(started(NUMERIC, ["a"]), START).question).toMatchObject({
      unit: text("inputs"),
    });
    expect(roomView(started(TEXT, ["a"]), START).question).toMatchObject({
      code: "model.add(Dense(10))",
    });
  });

  it("pins the reveal wire shape", () => {
    const s = reveal(
      answered(SINGLE, { ann: { type: "single", choice: 2 }, bob: { type: "single", choice: 0 } }, [
        "cy",
      ]),
    );
    expect(roomView(s, START + 5_001)).toMatchInlineSnapshot(`
      {
        "code": "KB2345",
        "coding": null,
        "leaderboard": [
          {
            "nickname": "ANN",
            "playerId": "ann",
            "rank": 1,
            "score": 950,
            "streak": 1,
          },
          {
            "nickname": "BOB",
            "playerId": "bob",
            "rank": 2,
            "score": 0,
            "streak": 0,
          },
          {
            "nickname": "CY",
            "playerId": "cy",
            "rank": 2,
            "score": 0,
            "streak": 0,
          },
        ],
        "locked": false,
        "phase": "reveal",
        "playerCount": 3,
        "podium": [],
        "progress": null,
        "question": {
          "difficulty": 1,
          "index": 0,
          "options": [
            {
              "en": "A",
              "zh": "A（中）",
            },
            {
              "en": "B",
              "zh": "B（中）",
            },
            {
              "en": "C",
              "zh": "C（中）",
            },
          ],
          "prompt": {
            "en": "Prompt",
            "zh": "Prompt（中）",
          },
          "timeLimitSec": 20,
          "topic": "code-mnist",
          "total": 1,
          "type": "single",
        },
        "questionCount": 1,
        "questionDeadline": 1700000030000,
        "questionStartedAt": 1700000010000,
        "reveal": {
          "answered": 2,
          "distribution": [
            {
              "correct": false,
              "count": 1,
              "key": "0",
            },
            {
              "correct": false,
              "count": 0,
              "key": "1",
            },
            {
              "correct": true,
              "count": 1,
              "key": "2",
            },
          ],
          "explanation": {
            "en": "Because of the key",
            "zh": "Because of the key（中）",
          },
          "fullyCorrect": 1,
          "key": {
            "correct": 2,
            "type": "single",
          },
        },
        "scoring": "speed",
        "sentAt": 1700000015001,
        "streakBonus": true,
      }
    `);
  });

  it("counts picks per option for multiple choice", () => {
    const s = reveal(
      answered(MULTIPLE, {
        a: { type: "multiple", choices: [1, 3] },
        b: { type: "multiple", choices: [1] },
        c: { type: "multiple", choices: [0, 1, 2] },
      }),
    );
    const view = roomView(s, START).reveal;
    expect(view?.distribution).toEqual([
      { key: "0", count: 1, correct: false },
      { key: "1", count: 3, correct: true },
      { key: "2", count: 1, correct: false },
      { key: "3", count: 1, correct: true },
    ]);
    expect(view?.key).toEqual({ type: "multiple", correct: [1, 3] });
    expect([view?.answered, view?.fullyCorrect]).toEqual([3, 1]);
  });

  it("counts true and false", () => {
    const s = reveal(
      answered(
        TRUEFALSE,
        { a: { type: "truefalse", value: false }, b: { type: "truefalse", value: false } },
        ["c"],
      ),
    );
    expect(roomView(s, START).reveal?.distribution).toEqual([
      { key: "true", count: 0, correct: false },
      { key: "false", count: 2, correct: true },
    ]);
  });

  it("buckets ordering, numeric and text answers as correct, partial or wrong", () => {
    // random () => 0 shows [Second, Third, First]: the correct order in shown positions is [2, 0, 1].
    const ordering = reveal(
      answered(ORDERING, {
        a: { type: "ordering", order: [2, 0, 1] },
        b: { type: "ordering", order: [2, 1, 0] },
        c: { type: "ordering", order: [0, 1, 2] },
      }),
    );
    expect(roomView(ordering, START).reveal).toMatchObject({
      key: { type: "ordering", order: [2, 0, 1] },
      distribution: [
        { key: "correct", count: 1, correct: true },
        { key: "partial", count: 1, correct: false },
        { key: "wrong", count: 1, correct: false },
      ],
    });
    const numeric = reveal(
      answered(NUMERIC, { a: { type: "numeric", value: 784 }, b: { type: "numeric", value: 1 } }),
    );
    expect(roomView(numeric, START).reveal?.distribution.map((b) => b.count)).toEqual([1, 0, 1]);
    const typed = reveal(answered(TEXT, { a: { type: "text", text: "Soft-Max" } }, ["b"]));
    expect(roomView(typed, START).reveal).toMatchObject({
      key: { type: "text", accepted: ["softmax"] },
      distribution: [{ count: 1 }, { count: 0 }, { count: 0 }],
    });
  });

  it("shows the top 10 from the reveal on and the top 3 on the podium", () => {
    const ids = Array.from({ length: 12 }, (_, i) => `p${String(i).padStart(2, "0")}`);
    let s = started(SINGLE, ids);
    // p00 answers first (most points), p11 last.
    ids.forEach(
      (id, i) => (s = run(s, answer(id, { type: "single", choice: 2 }), START + i * 1_000)),
    );
    expect(s.phase).toBe("reveal");
    const board = roomView(s, START).leaderboard;
    expect(board.map((e) => e.playerId)).toEqual(ids.slice(0, 10));
    expect(board[0]).toEqual({ playerId: "p00", nickname: "P00", score: 1000, rank: 1, streak: 1 });
    expect(roomView(s, START).podium).toEqual([]);

    const podium = run(s, { type: "host:end" }, START + 60_000);
    const view = roomView(podium, START + 60_000);
    expect(view.podium.map((e) => e.playerId)).toEqual(["p00", "p01", "p02"]);
    expect(view.leaderboard).toHaveLength(10);
    expect(view.question).toBeNull();
  });
});

describe("playerView", () => {
  it("ranks every player 1 in the lobby, where nobody has scored", () => {
    const s = room(SINGLE, ["ann", "bob", "cy"]);
    expect(s.phase).toBe("lobby");
    expect(["ann", "bob", "cy"].map((id) => playerView(s, id, T0)?.rank)).toEqual([1, 1, 1]);
    expect(playerViews(s, T0).map((v) => v.rank)).toEqual([1, 1, 1]);
  });

  it("reports the player's own result after the reveal, zeros when they did not answer", () => {
    const s = reveal(
      answered(SINGLE, { ann: { type: "single", choice: 2 }, bob: { type: "single", choice: 1 } }, [
        "cy",
      ]),
    );
    expect(playerView(s, "ann", START + 6_000)).toEqual({
      playerId: "ann",
      nickname: "ANN",
      score: 950,
      rank: 1,
      streak: 1,
      questionIndex: 0,
      answeredCurrent: true,
      lastResult: {
        questionIndex: 0,
        answered: true,
        correctness: 1,
        correct: true,
        points: 950,
        streakBonus: 0,
        answer: { type: "single", choice: 2 },
        codingOutcome: null,
      },
      coding: null,
      sentAt: START + 6_000,
    });
    expect(playerView(s, "bob", START)?.lastResult).toMatchObject({
      answered: true,
      correct: false,
      points: 0,
      answer: { type: "single", choice: 1 },
    });
    expect(playerView(s, "cy", START)).toMatchObject({
      rank: 2,
      answeredCurrent: false,
      lastResult: {
        questionIndex: 0,
        answered: false,
        correctness: 0,
        correct: false,
        points: 0,
        streakBonus: 0,
        answer: null,
        codingOutcome: null,
      },
    });
    expect(playerView(s, "nobody", START)).toBeNull();
  });

  it("playerViews builds every player's view with one ranking", () => {
    const s = reveal(answered(SINGLE, { ann: { type: "single", choice: 2 } }, ["bob", "cy"]));
    expect(playerViews(s, START)).toEqual(
      ["ann", "bob", "cy"].map((id) => playerView(s, id, START)),
    );
    expect(playerViews(s, START).map((v) => v.rank)).toEqual([1, 2, 2]);
  });
});

describe("lobbyView and progressView", () => {
  it("lists the first 200 players in join order and counts everyone", () => {
    const ids = Array.from({ length: 205 }, (_, i) => String(205 - i)); // integer-like ids reorder object keys
    const view = lobbyView(room(SINGLE, ids), T0 + 1_000);
    expect(view.count).toBe(205);
    expect(view.players).toHaveLength(200);
    expect(view.players[0]).toEqual({ playerId: "205", nickname: "205", connected: true });
    expect(view.players[199]?.playerId).toBe("6");
    expect(view.sentAt).toBe(T0 + 1_000);
  });

  it("counts answers of connected players out of the connected players, and who is offline", () => {
    let s = started(SINGLE, ["a", "b", "c", "d"]);
    s = run(s, answer("b", { type: "single", choice: 0 }));
    s = run(s, answer("a", { type: "single", choice: 0 }));
    s = run(s, { type: "player:connection", playerId: "a", connected: false });
    s = run(s, { type: "player:connection", playerId: "d", connected: false });
    // "a" answered, then dropped: both numbers lose them (never "2 / 3" from "2 / 4").
    const expected = { questionIndex: 0, answered: 1, connected: 2, offline: 2 };
    expect(progressView(s, START + 300)).toEqual({ ...expected, sentAt: START + 300 });
    // The snapshot a reloading host gets carries the same count, and the host's list names them.
    expect(roomView(s, START + 300).progress).toEqual({ ...expected, sentAt: START + 300 });
    expect(lobbyView(s, START + 300).offline.map((p) => p.playerId)).toEqual(["a", "d"]);
  });
});

describe("public question helpers", () => {
  it("uses the question's own time limit, else the room default", () => {
    const rq = (question: Question) => ({ id: question.id, question, presentation: [] });
    expect(timeLimitMs(rq(SINGLE), SETTINGS)).toBe(20_000);
    expect(timeLimitMs(rq({ ...TRUEFALSE, timeLimitSec: 7 }), SETTINGS)).toBe(7_000);
    expect(toPublicQuestion(rq({ ...TRUEFALSE, timeLimitSec: 7 }), 3, 9, 20)).toEqual({
      index: 3,
      total: 9,
      topic: "code-mnist",
      difficulty: 1,
      prompt: text("Prompt"),
      timeLimitSec: 7,
      type: "truefalse",
    });
  });
});
