import { BASELINE_MODEL_URL } from "../coding/round";
import type { RoomSettings } from "../contract/schemas";
import type { PublicQuestion, RevealKey } from "../contract/views";
import type { RoomQuestion } from "../game/types";

/**
 * The two ways a question leaves the server: `toPublicQuestion` while it is being answered (no
 * answer key, ordering items in shown order) and `revealKey` once the answering window closed.
 */

export function timeLimitMs(
  rq: RoomQuestion,
  settings: Pick<RoomSettings, "defaultTimeLimitSec">,
): number {
  return timeLimitSec(rq, settings.defaultTimeLimitSec) * 1000;
}

function timeLimitSec(rq: RoomQuestion, defaultTimeLimitSec: number): number {
  if (rq.question.type === "coding") return rq.question.durationSec;
  return rq.question.timeLimitSec ?? defaultTimeLimitSec;
}

export function toPublicQuestion(
  rq: RoomQuestion,
  index: number,
  total: number,
  defaultTimeLimitSec: number,
): PublicQuestion {
  const q = rq.question;
  if (q.type === "coding") {
    const { variant, durationSec, accuracyFloor, maxSubmissions, trainingBudget, maxAccuracyDrop } =
      q;
    return {
      index,
      total,
      topic: variant === "shrink" ? "code-compression" : "code-mnist",
      difficulty: 3,
      prompt: q.prompt,
      timeLimitSec: durationSec,
      type: "coding",
      coding: {
        variant,
        accuracyFloor,
        maxSubmissions,
        trainingBudget,
        maxAccuracyDrop,
        ...(variant === "shrink" ? { baselineUrl: BASELINE_MODEL_URL } : {}),
      },
    };
  }
  // Built field by field so nothing from the stored question (key, explanation) can slip through.
  const base = {
    index,
    total,
    topic: q.topic,
    difficulty: q.difficulty,
    prompt: q.prompt,
    ...(q.code === undefined ? {} : { code: q.code }),
    timeLimitSec: timeLimitSec(rq, defaultTimeLimitSec),
  };
  switch (q.type) {
    case "single":
      return { ...base, type: "single", options: q.options };
    case "multiple":
      // How many to pick is part of the question, not the key (players would ask anyway).
      return { ...base, type: "multiple", options: q.options, correctCount: q.correct.length };
    case "truefalse":
      return { ...base, type: "truefalse" };
    case "ordering":
      return { ...base, type: "ordering", items: rq.presentation.map((i) => q.items[i]!) };
    case "numeric":
      return { ...base, type: "numeric", ...(q.unit === undefined ? {} : { unit: q.unit }) };
    case "text":
      return { ...base, type: "text" };
  }
}

export function revealKey(rq: RoomQuestion): RevealKey {
  const q = rq.question;
  switch (q.type) {
    case "single":
      return { type: "single", correct: q.correct };
    case "multiple":
      return { type: "multiple", correct: [...q.correct].sort((a, b) => a - b) };
    case "truefalse":
      return { type: "truefalse", correct: q.correct };
    case "ordering":
      // Clients only know shown positions: item k (in correct order) is shown at indexOf(k).
      return { type: "ordering", order: q.items.map((_, item) => rq.presentation.indexOf(item)) };
    case "numeric":
      return { type: "numeric", correct: q.correct, tolerance: q.tolerance };
    case "text":
      return { type: "text", accepted: q.accepted };
    case "coding":
      return { type: "coding" };
  }
}
