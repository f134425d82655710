import { describe, expect, it } from "vitest";
import { QuestionSetDraftSchema } from "@/lib/question-sets/schema";
import {
  SelectionSchema,
  selectQuestions,
  type PoolQuestion,
  type SelectionInput,
} from "@/lib/question-sets/selection";
import { draftInput } from "../support/set-drafts";

// Two sets of six questions each: row ids "a-<slug>" and "b-<slug>".
const { questions } = QuestionSetDraftSchema.parse(draftInput());
const pool: PoolQuestion[] = ["a", "b"].flatMap((setId) =>
  questions.map((question) => ({ id: `${setId}-${question.id}`, setId, question })),
);
const select = (input: SelectionInput, seed = 7) =>
  selectQuestions(pool, SelectionSchema.parse(input), seed);
const ids = (input: SelectionInput, seed = 7) => {
  const result = select(input, seed);
  return result.ok ? result.plan.questions.map((q) => q.id) : result.error;
};

describe("question selection", () => {
  it("plays every question of the chosen sets, in the host's set order", () => {
    expect(ids({ setIds: ["b", "a"] })).toEqual([
      ...questions.map((q) => `b-${q.id}`),
      ...questions.map((q) => `a-${q.id}`),
    ]);
    expect(ids({ setIds: ["a"] })).toEqual(questions.map((q) => `a-${q.id}`));
  });

  it("filters by topic, type and difficulty across sets", () => {
    expect(ids({ setIds: ["a", "b"], filter: { topics: ["frameworks"] } })).toEqual([
      "a-pick-framework",
      "a-keras-base",
      "b-pick-framework",
      "b-keras-base",
    ]);
    expect(ids({ setIds: ["a"], filter: { types: ["numeric", "ordering"] } })).toEqual([
      "a-pipeline",
      "a-mnist-size",
    ]);
    expect(
      ids({ setIds: ["a"], filter: { difficulties: [2], types: ["text", "single"] } }),
    ).toEqual(["a-keras-base"]);
  });

  it("plays exactly the picked questions in the picked order; a question outside the filter is refused", () => {
    const exact = { mode: "exact" as const, questionIds: ["b-keras-base", "a-schedules"] };
    expect(ids({ setIds: ["a", "b"], pick: exact })).toEqual(["b-keras-base", "a-schedules"]);
    expect(ids({ setIds: ["a"], pick: exact })).toEqual({
      code: "UNKNOWN_QUESTION",
      questionId: "b-keras-base",
    });
  });

  it("takes N at random from the filtered pool, reproducibly from the seed", () => {
    const input = {
      setIds: ["a", "b"],
      filter: { difficulties: [1, 2] as (1 | 2)[] },
      pick: { mode: "random" as const, count: 4 },
    };
    const first = ids(input, 1);
    expect(first).toHaveLength(4);
    expect(ids(input, 1)).toEqual(first);
    const allowed = pool.filter((q) => q.question.difficulty !== 3).map((q) => q.id);
    const seen = new Set<string>();
    for (let seed = 0; seed < 50; seed++) {
      const picked = ids(input, seed) as string[];
      expect(new Set(picked).size).toBe(4);
      for (const id of picked) expect(allowed).toContain(id);
      // Kept in set order unless shuffled.
      expect([...picked].sort((x, y) => allowed.indexOf(x) - allowed.indexOf(y))).toEqual(picked);
      picked.forEach((id) => seen.add(id));
    }
    expect(seen.size).toBe(allowed.length); // every eligible question can come up
    expect(ids({ ...input, pick: { mode: "random", count: 11 } })).toEqual({
      code: "NOT_ENOUGH_QUESTIONS",
      requested: 11,
      available: 10,
    });
  });

  it("shuffles question order and options; the answer key follows the options", () => {
    const orders = new Set<string>();
    for (let seed = 0; seed < 20; seed++) {
      const result = select({ setIds: ["a"], shuffleQuestions: true, shuffleOptions: true }, seed);
      if (!result.ok) throw new Error(result.error.code);
      orders.add(result.plan.questions.map((q) => q.id).join());
      for (const planned of result.plan.questions) {
        const stored = questions.find((q) => `a-${q.id}` === planned.id)!;
        const played = planned.question;
        if (played.type === "single" && stored.type === "single") {
          expect(played.options[played.correct]).toEqual(stored.options[stored.correct]);
          expect(planned.optionOrder.map((i) => stored.options[i])).toEqual(played.options);
        } else if (played.type === "multiple" && stored.type === "multiple") {
          expect(
            played.correct
              .map((i) => played.options[i])
              .map((o) => o?.en)
              .sort(),
          ).toEqual(stored.correct.map((i) => stored.options[i]?.en).sort());
        } else expect(planned.optionOrder).toEqual([]);
      }
    }
    expect(orders.size).toBeGreaterThan(10);
  });

  it("overrides every time limit and clamps coding rounds into the sequence", () => {
    const result = select({
      setIds: ["a"],
      filter: { types: ["single", "text"] },
      timeLimitSec: 12,
      codingRounds: [{ afterQuestion: 1 }, { afterQuestion: 50, variant: "shrink" }],
    });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.plan.questions.map((q) => q.question.timeLimitSec)).toEqual([12, 12]);
    expect(result.plan.codingRounds.map((r) => [r.afterQuestion, r.variant])).toEqual([
      [1, "scratch"],
      [2, "shrink"],
    ]);
  });

  it("a room of coding rounds only is fine; an empty room is not", () => {
    const onlyCoding = select({ setIds: ["a"], filter: { topics: ["none"] }, codingRounds: [{}] });
    expect(onlyCoding.ok && onlyCoding.plan.questions).toEqual([]);
    expect(ids({ setIds: ["a"], filter: { topics: ["none"] } })).toEqual({ code: "NO_QUESTIONS" });
  });

  it("refuses a malformed selection", () => {
    const bad = (input: unknown) => SelectionSchema.safeParse(input).success;
    expect(bad({ setIds: [] })).toBe(false);
    expect(bad({ setIds: ["a", "a"] })).toBe(false);
    expect(bad({ setIds: ["a"], pick: { mode: "random", count: 0 } })).toBe(false);
    expect(bad({ setIds: ["a"], pick: { mode: "exact", questionIds: ["x", "x"] } })).toBe(false);
    expect(bad({ setIds: ["a"], timeLimitSec: 1 })).toBe(false);
    expect(bad({ setIds: ["a"], filter: { types: ["essay"] } })).toBe(false);
  });
});
