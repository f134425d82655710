import type { Question } from "@/lib/questions/schema";

const LETTERS = [
  { en: "A", zh: "甲" },
  { en: "B", zh: "乙" },
  { en: "C", zh: "丙" },
  { en: "D", zh: "丁" },
];

/** A bare single-choice question for engine tests and benches, where its wording is irrelevant. */
export function singleChoice(opts: {
  options: 2 | 3 | 4;
  correct: number;
  timeLimitSec?: number;
}): Question {
  return {
    id: "q",
    type: "single",
    topic: "training",
    difficulty: 1,
    prompt: { en: "?", zh: "？" },
    explanation: { en: ".", zh: "。" },
    options: LETTERS.slice(0, opts.options),
    correct: opts.correct,
    ...(opts.timeLimitSec === undefined ? {} : { timeLimitSec: opts.timeLimitSec }),
  };
}
