import type { Answer } from "../questions/schema";
import { normalizeText } from "../questions/normalize";
import type { RoomQuestion } from "./types";

/** Kahoot's scale: a fully correct answer is worth up to 1000 points. */
export const MAX_POINTS = 1000;
/** Streak bonus per consecutive fully correct answer after the first... */
export const STREAK_STEP = 100;
/** ...up to this much per answer. */
export const STREAK_CAP = 500;

export type GradeResult =
  | { ok: true; correctness: number }
  | { ok: false; error: "ANSWER_TYPE_MISMATCH" | "INVALID_PAYLOAD" };

const invalid: GradeResult = { ok: false, error: "INVALID_PAYLOAD" };
const graded = (correctness: number): GradeResult => ({ ok: true, correctness });

/** How right `answer` is, 0..1. The answer already passed AnswerSchema; here it meets the question. */
export function gradeAnswer(rq: RoomQuestion, answer: Answer): GradeResult {
  const q = rq.question;
  if (q.type !== answer.type) return { ok: false, error: "ANSWER_TYPE_MISMATCH" };
  switch (answer.type) {
    case "single":
      if (q.type !== "single") break;
      if (answer.choice >= q.options.length) return invalid;
      return graded(answer.choice === q.correct ? 1 : 0);
    case "multiple": {
      if (q.type !== "multiple") break;
      const chosen = new Set(answer.choices);
      if (chosen.size !== answer.choices.length) return invalid;
      if (answer.choices.some((c) => c >= q.options.length)) return invalid;
      const right = answer.choices.filter((c) => q.correct.includes(c)).length;
      const wrong = answer.choices.length - right;
      // Wrong picks cancel right ones, so ticking every box never beats knowing the answer.
      return graded(Math.max(0, (right - wrong) / q.correct.length));
    }
    case "truefalse":
      if (q.type !== "truefalse") break;
      return graded(answer.value === q.correct ? 1 : 0);
    case "numeric": {
      if (q.type !== "numeric") break;
      // Slack for binary floating point: 3.2 - 3.1 is 0.10000000000000009, not 0.1.
      const slack = 1e-9 * Math.max(1, Math.abs(q.correct));
      return graded(Math.abs(answer.value - q.correct) <= q.tolerance + slack ? 1 : 0);
    }
    case "text": {
      if (q.type !== "text") break;
      const given = normalizeText(answer.text);
      const matches = given !== "" && q.accepted.some((a) => normalizeText(a) === given);
      return graded(matches ? 1 : 0);
    }
    case "ordering": {
      if (q.type !== "ordering") break;
      const n = rq.presentation.length;
      if (!isPermutation(answer.order, n)) return invalid;
      // answer.order lists shown positions; presentation turns each into the item's true index.
      const inPlace = answer.order.filter((shown, k) => rq.presentation[shown] === k).length;
      return graded(inPlace / n);
    }
  }
  // Unreachable: the type check above already paired answer and question.
  return { ok: false, error: "ANSWER_TYPE_MISMATCH" };
}

function isPermutation(order: readonly number[], n: number): boolean {
  if (order.length !== n) return false;
  const seen = new Set(order);
  return seen.size === n && order.every((i) => Number.isInteger(i) && i >= 0 && i < n);
}

export interface ScoreInput {
  /** 0..1, from gradeAnswer. */
  correctness: number;
  elapsedMs: number;
  limitMs: number;
  scoring: "speed" | "accuracy";
  streakBonusEnabled: boolean;
  /** Consecutive fully correct answers before this one. */
  previousStreak: number;
}

export interface ScoreResult {
  points: number;
  streakBonus: number;
  /** The streak after this answer. */
  streak: number;
}

export function scoreAnswer(input: ScoreInput): ScoreResult {
  const base = input.scoring === "speed" ? speedBase(input.elapsedMs, input.limitMs) : MAX_POINTS;
  const fullyCorrect = input.correctness === 1;
  // Partial credit earns points but breaks the streak: a streak means "got it right".
  const streak = fullyCorrect ? input.previousStreak + 1 : 0;
  const streakBonus =
    input.streakBonusEnabled && fullyCorrect ? Math.min(STREAK_STEP * (streak - 1), STREAK_CAP) : 0;
  return { points: Math.round(base * input.correctness), streakBonus, streak };
}

/** Kahoot: round(1000 * (1 - (t / T) / 2)), so an instant answer is worth 1000, the last moment 500. */
function speedBase(elapsedMs: number, limitMs: number): number {
  if (limitMs <= 0) return MAX_POINTS;
  const t = Math.min(Math.max(elapsedMs, 0), limitMs);
  return Math.round(MAX_POINTS * (1 - t / limitMs / 2));
}
