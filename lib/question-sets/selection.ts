import { z } from "zod";
import { PlacedCodingRoundSchema, type PlacedCodingRound } from "../coding/round";
import { DifficultySchema, QUESTION_TYPES } from "../questions/schema";
import { seededRandom, shuffled } from "./random";
import { TagSchema, type SetQuestion } from "./schema";

/**
 * Which questions a room plays, from one or more sets: filter by topic, type and difficulty, then
 * take them all, exactly the ones the host picked (in the host's order), or N at random; shuffle
 * the order and the options if asked; override every time limit; put coding rounds anywhere in the
 * sequence. Randomness comes from `seed`, stored with the room, so a room can be replayed.
 */

const QuestionRowIdSchema = z.string().min(1).max(64);

export const SelectionSchema = z.object({
  setIds: z
    .array(QuestionRowIdSchema)
    .min(1, "pick at least one set")
    .max(10, "at most 10 sets")
    .refine((ids) => new Set(ids).size === ids.length, "a set is listed twice"),
  filter: z
    .object({
      topics: z.array(TagSchema).max(50).default([]),
      types: z.array(z.enum(QUESTION_TYPES as [string, ...string[]])).default([]),
      difficulties: z.array(DifficultySchema).default([]),
    })
    .default({ topics: [], types: [], difficulties: [] }),
  pick: z
    .discriminatedUnion("mode", [
      z.object({ mode: z.literal("all") }),
      z.object({
        mode: z.literal("exact"),
        questionIds: z
          .array(QuestionRowIdSchema)
          .min(1)
          .max(200)
          .refine((ids) => new Set(ids).size === ids.length, "a question is picked twice"),
      }),
      z.object({ mode: z.literal("random"), count: z.number().int().min(1).max(200) }),
    ])
    .default({ mode: "all" }),
  shuffleQuestions: z.boolean().default(false),
  shuffleOptions: z.boolean().default(false),
  /** Replaces every question's own time limit in this room. */
  timeLimitSec: z.number().int().min(5).max(240).optional(),
  codingRounds: z.array(PlacedCodingRoundSchema).max(5).default([]),
});
export type Selection = z.infer<typeof SelectionSchema>;
export type SelectionInput = z.input<typeof SelectionSchema>;

/** A question the chosen sets offer: its stored row id, its set, its content. */
export interface PoolQuestion {
  id: string;
  setId: string;
  question: SetQuestion;
}

export interface PlannedQuestion {
  id: string;
  setId: string;
  /** As played: options in shown order (correct remapped), the room's time limit applied. */
  question: SetQuestion;
  /**
   * shown position -> index in the stored question's options (identity when not shuffled; empty
   * for types without options). Stored with the room so an answer's choice maps back to the row.
   */
  optionOrder: number[];
}

export interface RoomPlan {
  questions: PlannedQuestion[];
  codingRounds: PlacedCodingRound[];
  seed: number;
}

export type SelectionError =
  | { code: "NO_QUESTIONS" }
  | { code: "UNKNOWN_QUESTION"; questionId: string }
  | { code: "NOT_ENOUGH_QUESTIONS"; requested: number; available: number };

/** Questions that pass the filter, sets in the host's order, each set in its own order. */
export function filterPool(pool: readonly PoolQuestion[], selection: Selection): PoolQuestion[] {
  const { topics, types, difficulties } = selection.filter;
  const bySet = selection.setIds.map((setId) =>
    pool.filter(
      (entry) =>
        entry.setId === setId &&
        (topics.length === 0 || topics.includes(entry.question.topic)) &&
        (types.length === 0 || types.includes(entry.question.type)) &&
        (difficulties.length === 0 || difficulties.includes(entry.question.difficulty)),
    ),
  );
  return bySet.flat();
}

export function selectQuestions(
  pool: readonly PoolQuestion[],
  selection: Selection,
  seed: number,
): { ok: true; plan: RoomPlan } | { ok: false; error: SelectionError } {
  const random = seededRandom(seed);
  const offered = filterPool(pool, selection);
  let chosen: PoolQuestion[];
  switch (selection.pick.mode) {
    case "all":
      chosen = offered;
      break;
    case "exact": {
      const byId = new Map(offered.map((entry) => [entry.id, entry]));
      chosen = [];
      for (const id of selection.pick.questionIds) {
        const entry = byId.get(id);
        if (!entry) return { ok: false, error: { code: "UNKNOWN_QUESTION", questionId: id } };
        chosen.push(entry);
      }
      break;
    }
    case "random": {
      const { count } = selection.pick;
      if (count > offered.length) {
        return {
          ok: false,
          error: { code: "NOT_ENOUGH_QUESTIONS", requested: count, available: offered.length },
        };
      }
      // A random subset, kept in set order (shuffleQuestions decides the order separately).
      const picked = new Set(shuffled([...offered.keys()], random).slice(0, count));
      chosen = offered.filter((_, i) => picked.has(i));
      break;
    }
  }
  if (chosen.length === 0 && selection.codingRounds.length === 0) {
    return { ok: false, error: { code: "NO_QUESTIONS" } };
  }
  if (selection.shuffleQuestions) chosen = shuffled(chosen, random);
  const questions = chosen.map((entry) => plan(entry, selection, random));
  const codingRounds = selection.codingRounds.map((round) => ({
    ...round,
    afterQuestion: Math.min(round.afterQuestion, questions.length),
  }));
  return { ok: true, plan: { questions, codingRounds, seed } };
}

function plan(entry: PoolQuestion, selection: Selection, random: () => number): PlannedQuestion {
  const timed: SetQuestion =
    selection.timeLimitSec === undefined
      ? entry.question
      : { ...entry.question, timeLimitSec: selection.timeLimitSec };
  if (timed.type !== "single" && timed.type !== "multiple") {
    return { id: entry.id, setId: entry.setId, question: timed, optionOrder: [] };
  }
  const identity = timed.options.map((_, i) => i);
  const order = selection.shuffleOptions ? shuffled(identity, random) : identity;
  return {
    id: entry.id,
    setId: entry.setId,
    question: withOptionOrder(timed, order),
    optionOrder: order,
  };
}

/** The question with options in shown order; the answer key follows its options. */
export function withOptionOrder<Q extends SetQuestion & { type: "single" | "multiple" }>(
  question: Q,
  order: readonly number[],
): Q {
  const shownAt = (index: number) => order.indexOf(index);
  const options = order.map((i) => question.options[i]!);
  if (question.type === "single")
    return { ...question, options, correct: shownAt(question.correct) };
  return { ...question, options, correct: question.correct.map(shownAt).sort((a, b) => a - b) };
}
