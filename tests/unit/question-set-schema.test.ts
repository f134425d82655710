import { describe, expect, it } from "vitest";
import {
  QuestionSetDraftSchema,
  type QuestionSetDraftInput,
  type SetQuestionInput,
} from "@/lib/question-sets/schema";
import { fieldPath } from "@/lib/question-sets/issues";
import { SIX_TYPES, draftInput } from "../support/set-drafts";

/** The issues of a draft as "path: message", so a test names the exact field. */
function issues(input: QuestionSetDraftInput): string[] {
  const result = QuestionSetDraftSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${fieldPath(i.path)}: ${i.message}`);
}
const withQuestion = (question: SetQuestionInput) => draftInput({ questions: [question] });
const byType = (type: string) => SIX_TYPES.find((q) => q.type === type)!;

describe("question set schema", () => {
  it("accepts one valid question of each of the six types", () => {
    const set = QuestionSetDraftSchema.parse(draftInput());
    expect(set.questions.map((q) => q.type)).toEqual([
      "single",
      "multiple",
      "truefalse",
      "ordering",
      "numeric",
      "text",
    ]);
  });

  it.each(SIX_TYPES.map((q) => [q.type, q] as const))("validates a %s question alone", (_, q) => {
    expect(issues(withQuestion(q))).toEqual([]);
  });

  it("refuses a single-choice question whose correct option does not exist", () => {
    expect(issues(withQuestion({ ...byType("single"), correct: 5 } as SetQuestionInput))).toEqual([
      "questions[0].correct: no correct option: there is no option 6",
    ]);
  });

  it("refuses a multiple-choice question with no correct option", () => {
    expect(
      issues(withQuestion({ ...byType("multiple"), correct: [] } as SetQuestionInput)),
    ).toEqual(["questions[0].correct: at least one option must be correct"]);
  });

  it("refuses an ordering question with one item", () => {
    const q = { ...byType("ordering"), items: [{ en: "Only", zh: "唯一" }] } as SetQuestionInput;
    expect(issues(withQuestion(q))).toEqual([
      "questions[0].items: an ordering question needs 3 to 6 items",
    ]);
  });

  it.each([Infinity, -Infinity, NaN])("refuses a numeric tolerance of %s", (tolerance) => {
    const q = { ...byType("numeric"), tolerance } as SetQuestionInput;
    expect(issues(withQuestion(q))).toEqual(["questions[0].tolerance: must be a finite number"]);
  });

  it("refuses duplicate option texts, compared as a player reads them", () => {
    const q = {
      ...byType("single"),
      options: [
        { en: "PyTorch", zh: "甲" },
        { en: " pytorch ", zh: "乙" },
        { en: "JAX", zh: "甲" },
      ],
    } as SetQuestionInput;
    expect(issues(withQuestion(q))).toEqual([
      "questions[0].options[2].zh: same text as option 1",
      "questions[0].options[1].en: same text as option 1",
    ]);
  });

  it("refuses accepted answers that normalise to nothing or to each other", () => {
    const q = {
      ...byType("text"),
      accepted: ["Tensor-Flow", "tensorflow", "!!!"],
    } as SetQuestionInput;
    expect(issues(withQuestion(q))).toEqual([
      "questions[0].accepted[1]: same answer as accepted answer 1",
      "questions[0].accepted[2]: has no letters or digits, so nothing can match it",
    ]);
  });

  it("requires every text in each of the set's languages", () => {
    const q = {
      ...byType("truefalse"),
      prompt: { en: "English only" },
      explanation: { zh: "只有中文" },
    } as SetQuestionInput;
    expect(issues(withQuestion(q))).toEqual([
      "questions[0].prompt.zh: missing the Chinese text (the set's language is both)",
      "questions[0].explanation.en: missing the English text (the set's language is both)",
    ]);
    // An English set needs only English; a Chinese set only Chinese.
    const en = draftInput({
      language: "en",
      title: { en: "T" },
      questions: [{ ...q, explanation: { en: "E" } }],
    });
    expect(issues(en)).toEqual([]);
    const zh = draftInput({ language: "zh", title: { en: "T" }, questions: [q] });
    expect(issues(zh)).toEqual([
      "title.zh: missing the Chinese text (the set's language is zh)",
      "questions[0].prompt.zh: missing the Chinese text (the set's language is zh)",
    ]);
  });

  it("refuses duplicate question ids, control characters, unknown fields and bad tags", () => {
    const single = byType("single");
    expect(issues(draftInput({ questions: [single, single] }))).toEqual([
      "questions[1].id: duplicate id: question 1 has the same id",
    ]);
    const nul = { ...single, prompt: { en: "a\u0000b", zh: "甲" } } as SetQuestionInput;
    expect(issues(withQuestion(nul))).toEqual([
      "questions[0].prompt.en: control characters are not allowed",
    ]);
    const extra = {
      ...single,
      prompt: { en: "a", zh: "甲", fr: "x" },
    } as unknown as SetQuestionInput;
    expect(issues(withQuestion(extra))[0]).toMatch(/^questions\[0\]\.prompt: Unrecognized key/);
    expect(issues(draftInput({ tags: ["Has Space"] }))).toEqual([
      "tags[0]: lower-case words joined by hyphens",
    ]);
    expect(issues(draftInput({ tags: ["a", "a"] }))).toEqual(["tags: duplicate tag"]);
  });
});
