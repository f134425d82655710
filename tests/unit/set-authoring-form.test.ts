import { describe, expect, it } from "vitest";
import {
  emptySetForm,
  formFromQuestion,
  newQuestion,
  toDraft,
  toDraftQuestion,
  validateForm,
  type SetForm,
} from "@/app/sets/draft";
import { issueText } from "@/app/sets/issue-text";
import { QuestionSetDraftSchema, SetQuestionSchema } from "@/lib/question-sets/schema";
import { QUESTION_TYPES } from "@/lib/questions/schema";
import { draftInput, SIX_TYPES } from "../support/set-drafts";

/**
 * The authoring form (app/sets/draft.ts) against the server's schema: a stored question survives
 * form and back unchanged, the schema's issues land on the field paths the inputs use, and every
 * issue the editor can show has a translated wording (not the English fallback).
 */

describe("the authoring form", () => {
  it("turns each of the six types into form fields and back without a change", () => {
    for (const input of SIX_TYPES) {
      const question = SetQuestionSchema.parse(input);
      expect(SetQuestionSchema.parse(toDraftQuestion(formFromQuestion(question), "both"))).toEqual(
        question,
      );
    }
  });

  it("saves a whole set the schema accepts, and keeps only the policy's languages", () => {
    const set = QuestionSetDraftSchema.parse(draftInput());
    const form: SetForm = {
      ...emptySetForm(),
      title: { en: "Six", zh: "六" },
      language: "en",
      questions: set.questions.map(formFromQuestion),
    };
    const saved = QuestionSetDraftSchema.parse(toDraft(form));
    expect(saved.title).toEqual({ en: "Six" });
    expect(saved.questions.every((q) => q.prompt.zh === undefined)).toBe(true);
    expect(validateForm(form)).toEqual([]);
  });

  it("puts each issue on the path of the input that shows it", () => {
    const question = { ...newQuestion("single"), timeLimitSec: "2", topic: "Not A Tag" };
    const form: SetForm = { ...emptySetForm(), questions: [question] };
    const paths = validateForm(form).map((issue) => issue.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "title.en",
        "title.zh",
        "questions.0.prompt.en",
        "questions.0.options.3.zh",
        "questions.0.timeLimitSec",
        "questions.0.topic",
      ]),
    );
  });

  it("has a translated wording for every issue a new question of any type can raise", () => {
    const fallbacks: string[] = [];
    const seen = new Set<string>();
    const t = (key: string, params?: Record<string, string | number>) => {
      if (key === "sets.issue.other") fallbacks.push(String(params?.message));
      seen.add(key);
      return key;
    };
    for (const type of QUESTION_TYPES) {
      const question = {
        ...newQuestion(type),
        timeLimitSec: "500",
        tolerance: "-1",
        numericAnswer: "x",
        options: [
          { en: "Same", zh: "同" },
          { en: "same ", zh: "同" },
        ],
        correct: [],
        accepted: "?!\nok\nOK",
      };
      const form: SetForm = { ...emptySetForm(), tags: "a, a, B C", questions: [question] };
      for (const issue of validateForm(form)) issueText(t, issue);
    }
    expect(fallbacks).toEqual([]);
    // The bad fields above reach most of the wordings, not just one.
    expect(seen.size).toBeGreaterThanOrEqual(10);
  });
});
