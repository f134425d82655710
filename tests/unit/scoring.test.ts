import { describe, expect, it } from "vitest";
import type { RoomQuestion } from "@/lib/game/types";
import type { Answer, Question } from "@/lib/questions/schema";
import { MAX_POINTS, STREAK_CAP, STREAK_STEP, gradeAnswer, scoreAnswer } from "@/lib/game/scoring";
import { revealKey } from "@/lib/questions/public";

const text = (en: string) => ({ zh: `${en}（中）`, en });
const base = {
  topic: "frameworks",
  difficulty: 1,
  prompt: text("Prompt"),
  explanation: text("Because"),
} as const;

function rq(question: Question, presentation: number[] = []): RoomQuestion {
  return { id: question.id, question, presentation };
}

const single = rq(
  { ...base, id: "single", type: "single", options: [text("A"), text("B"), text("C")], correct: 1 },
  [0, 1, 2],
);
const truefalse = rq({ ...base, id: "tf", type: "truefalse", correct: false });
const multiple = rq(
  {
    ...base,
    id: "multi",
    type: "multiple",
    options: [text("A"), text("B"), text("C"), text("D")],
    correct: [0, 2],
  },
  [0, 1, 2, 3],
);
const numeric = rq({ ...base, id: "num", type: "numeric", correct: 3.2, tolerance: 0.1 });
const exact = rq({ ...base, id: "exact", type: "numeric", correct: 42, tolerance: 0 });
const shortText = rq({ ...base, id: "txt", type: "text", accepted: ["TensorFlow", "TF"] });
// Items A, B, C in correct order, shown as C, A, B.
const ordering = rq(
  { ...base, id: "order", type: "ordering", items: [text("A"), text("B"), text("C")] },
  [2, 0, 1],
);

const grade = (q: RoomQuestion, answer: Answer) => gradeAnswer(q, answer);
const correctness = (c: number) => ({ ok: true, correctness: c });
const INVALID = { ok: false, error: "INVALID_PAYLOAD" };

describe("gradeAnswer", () => {
  it("grades single choice and refuses an option the question does not have", () => {
    expect(grade(single, { type: "single", choice: 1 })).toEqual(correctness(1));
    expect(grade(single, { type: "single", choice: 0 })).toEqual(correctness(0));
    expect(grade(single, { type: "single", choice: 3 })).toEqual(INVALID);
  });

  it("grades true/false", () => {
    expect(grade(truefalse, { type: "truefalse", value: false })).toEqual(correctness(1));
    expect(grade(truefalse, { type: "truefalse", value: true })).toEqual(correctness(0));
  });

  it("refuses an answer of another type", () => {
    expect(grade(single, { type: "truefalse", value: true })).toEqual({
      ok: false,
      error: "ANSWER_TYPE_MISMATCH",
    });
    expect(grade(ordering, { type: "single", choice: 0 })).toEqual({
      ok: false,
      error: "ANSWER_TYPE_MISMATCH",
    });
  });

  it("gives multiple choice partial credit, wrong picks cancelling right ones, never below zero", () => {
    const pick = (...choices: number[]) => grade(multiple, { type: "multiple", choices });
    expect(pick(0, 2)).toEqual(correctness(1));
    expect(pick(2, 0)).toEqual(correctness(1));
    expect(pick(0)).toEqual(correctness(0.5));
    expect(pick(0, 1, 2)).toEqual(correctness(0.5));
    expect(pick(0, 1)).toEqual(correctness(0));
    expect(pick(1, 3)).toEqual(correctness(0)); // (0 - 2) / 2 clamps to 0
    expect(pick(0, 1, 2, 3)).toEqual(correctness(0)); // ticking everything earns nothing
    expect(pick()).toEqual(correctness(0));
  });

  it("refuses duplicate or out-of-range multiple choices", () => {
    expect(grade(multiple, { type: "multiple", choices: [0, 0] })).toEqual(INVALID);
    expect(grade(multiple, { type: "multiple", choices: [0, 4] })).toEqual(INVALID);
  });

  it("accepts numeric answers within the tolerance, inclusive, despite floating point", () => {
    const value = (v: number) => grade(numeric, { type: "numeric", value: v });
    expect(value(3.2)).toEqual(correctness(1));
    expect(value(3.3)).toEqual(correctness(1));
    expect(value(3.1)).toEqual(correctness(1)); // 3.2 - 3.1 = 0.10000000000000009
    expect(value(3.31)).toEqual(correctness(0));
    expect(value(3.09)).toEqual(correctness(0));
    expect(grade(exact, { type: "numeric", value: 42 })).toEqual(correctness(1));
    expect(grade(exact, { type: "numeric", value: 42.001 })).toEqual(correctness(0));
  });

  it("compares text after normalisation against every accepted answer", () => {
    const say = (t: string) => grade(shortText, { type: "text", text: t });
    expect(say("Tensor Flow")).toEqual(correctness(1));
    expect(say("tensorflow")).toEqual(correctness(1));
    expect(say(" Tensor-Flow! ")).toEqual(correctness(1));
    expect(say("ｔｅｎｓｏｒｆｌｏｗ")).toEqual(correctness(1));
    expect(say("tf")).toEqual(correctness(1));
    expect(say("pytorch")).toEqual(correctness(0));
    expect(say("   ")).toEqual(correctness(0));
  });

  it("grades ordering through the shuffled presentation, with partial credit", () => {
    // Shown: [C, A, B]. The correct order in shown positions is A(1), B(2), C(0).
    expect(revealKey(ordering)).toEqual({ type: "ordering", order: [1, 2, 0] });
    const order = (...o: number[]) => grade(ordering, { type: "ordering", order: o });
    expect(order(1, 2, 0)).toEqual(correctness(1));
    expect(order(1, 0, 2)).toEqual(correctness(1 / 3)); // A, C, B: only A in place
    expect(order(0, 1, 2)).toEqual(correctness(0)); // as shown: C, A, B, nothing in place
    expect(order(2, 1, 0)).toEqual(correctness(1 / 3)); // B, A, C: only C in place
  });

  it("refuses an ordering that is not a permutation of the shown positions", () => {
    expect(grade(ordering, { type: "ordering", order: [0, 0, 1] })).toEqual(INVALID);
    expect(grade(ordering, { type: "ordering", order: [0, 1] })).toEqual(INVALID);
    expect(grade(ordering, { type: "ordering", order: [0, 1, 3] })).toEqual(INVALID);
    expect(grade(ordering, { type: "ordering", order: [0, 1, 2, 3] })).toEqual(INVALID);
  });
});

describe("scoreAnswer", () => {
  const T = 20_000;
  const score = (over: Partial<Parameters<typeof scoreAnswer>[0]>) =>
    scoreAnswer({
      correctness: 1,
      elapsedMs: 0,
      limitMs: T,
      scoring: "speed",
      streakBonusEnabled: false,
      previousStreak: 0,
      ...over,
    });

  it("exports the Kahoot constants", () => {
    expect([MAX_POINTS, STREAK_STEP, STREAK_CAP]).toEqual([1000, 100, 500]);
  });

  it("follows round(1000 * (1 - (t/T)/2)) in speed mode", () => {
    expect(score({ elapsedMs: 0 }).points).toBe(1000);
    expect(score({ elapsedMs: T / 2 }).points).toBe(750);
    expect(score({ elapsedMs: T }).points).toBe(500);
    expect(score({ elapsedMs: 1234 }).points).toBe(Math.round(1000 * (1 - 1234 / T / 2))); // 969
  });

  it("clamps the elapsed time to [0, T]", () => {
    expect(score({ elapsedMs: -500 }).points).toBe(1000);
    expect(score({ elapsedMs: T + 5_000 }).points).toBe(500);
  });

  it("pays a flat 1000 in accuracy mode, whatever the time", () => {
    expect(score({ scoring: "accuracy", elapsedMs: 0 }).points).toBe(1000);
    expect(score({ scoring: "accuracy", elapsedMs: T }).points).toBe(1000);
    expect(score({ scoring: "accuracy", correctness: 0.5 }).points).toBe(500);
  });

  it("scales points by correctness and pays nothing for a wrong answer", () => {
    expect(score({ correctness: 0.5, elapsedMs: T / 2 }).points).toBe(375);
    expect(score({ correctness: 1 / 3 }).points).toBe(333);
    expect(score({ correctness: 0 })).toEqual({ points: 0, streakBonus: 0, streak: 0 });
  });

  it("adds +100 per consecutive correct answer after the first, capped at +500", () => {
    let streak = 0;
    const bonuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const result = score({ streakBonusEnabled: true, previousStreak: streak });
      streak = result.streak;
      bonuses.push(result.streakBonus);
    }
    expect(bonuses).toEqual([0, 100, 200, 300, 400, 500, 500, 500]);
    expect(streak).toBe(8);
  });

  it("breaks the streak on a partial or wrong answer", () => {
    expect(score({ streakBonusEnabled: true, previousStreak: 4, correctness: 0.5 })).toEqual({
      points: 500,
      streakBonus: 0,
      streak: 0,
    });
    expect(score({ streakBonusEnabled: true, previousStreak: 4, correctness: 0 }).streak).toBe(0);
  });

  it("still counts the streak but pays no bonus when the bonus is switched off", () => {
    expect(score({ streakBonusEnabled: false, previousStreak: 4 })).toEqual({
      points: 1000,
      streakBonus: 0,
      streak: 5,
    });
  });
});
