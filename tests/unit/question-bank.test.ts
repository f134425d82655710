import { describe, expect, it } from "vitest";
import { aiStartupQuestionSet } from "@/lib/questions/bank/ai-startup";
import { BUILT_IN_SETS, DEFAULT_SET_SLUG } from "@/lib/questions/bank";
import { normalizeText } from "@/lib/questions/normalize";
import {
  QUESTION_TYPES,
  QuestionSchema,
  QuestionSetSchema,
  TOPICS,
  type LocalizedText,
  type Question,
} from "@/lib/questions/schema";

const questions = aiStartupQuestionSet.questions;
const byId = questions.map((q) => [q.id, q] as const);

/** Han ideographs, kana, Hangul, CJK punctuation and full-width forms. */
const CJK =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;
const HAN = /\p{Script=Han}/u;

/** The choices a player sees: options for choice questions, items for ordering. */
function choices(q: Question): LocalizedText[] {
  if (q.type === "single" || q.type === "multiple") return q.options;
  if (q.type === "ordering") return q.items;
  return [];
}

function countBy<T extends string | number>(values: readonly T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

describe("built-in question sets", () => {
  it("lists the AI-startup set and a default slug that resolves to a built-in set", () => {
    expect(BUILT_IN_SETS).toContain(aiStartupQuestionSet);
    expect(BUILT_IN_SETS.map((s) => s.slug)).toContain(DEFAULT_SET_SLUG);
    expect(new Set(BUILT_IN_SETS.map((s) => s.slug)).size).toBe(BUILT_IN_SETS.length);
  });

  it("re-validates as a whole set with the expected identity", () => {
    expect(QuestionSetSchema.safeParse(aiStartupQuestionSet).success).toBe(true);
    expect(aiStartupQuestionSet.slug).toBe("ai-startup-large-models");
    expect(aiStartupQuestionSet.source).toMatch(/AI 大模型创业之路/);
    expect(aiStartupQuestionSet.title.zh).toMatch(HAN);
    expect(aiStartupQuestionSet.title.en).not.toMatch(CJK);
    expect(aiStartupQuestionSet.description.zh).toMatch(HAN);
    expect(aiStartupQuestionSet.description.en).not.toMatch(CJK);
  });
});

describe("ai-startup question set: coverage", () => {
  it("has at least 36 questions with unique ids", () => {
    expect(questions.length).toBeGreaterThanOrEqual(36);
    const ids = questions.map((q) => q.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it("has at least 3 questions for every topic", () => {
    const counts = countBy(questions.map((q) => q.topic));
    for (const topic of TOPICS) expect(counts.get(topic) ?? 0, topic).toBeGreaterThanOrEqual(3);
  });

  it("uses every question type at least 3 times", () => {
    const counts = countBy(questions.map((q) => q.type));
    for (const type of QUESTION_TYPES)
      expect(counts.get(type) ?? 0, type).toBeGreaterThanOrEqual(3);
  });

  it("mixes difficulties", () => {
    const counts = countBy(questions.map((q) => q.difficulty));
    for (const d of [1, 2, 3] as const)
      expect(counts.get(d) ?? 0, `difficulty ${d}`).toBeGreaterThanOrEqual(3);
  });

  it("has at least 3 code questions for each of the two listings", () => {
    for (const topic of ["code-mnist", "code-compression"] as const) {
      const withCode = questions.filter((q) => q.topic === topic && q.code !== undefined);
      expect(withCode.length, topic).toBeGreaterThanOrEqual(3);
    }
  });
});

describe("ai-startup question set: answer keys are not guessable", () => {
  it("places single-choice answers in at least 3 different positions", () => {
    const positions = questions.flatMap((q) => (q.type === "single" ? [q.correct] : []));
    expect(new Set(positions).size).toBeGreaterThanOrEqual(3);
  });

  it("rarely makes the correct single-choice option the uniquely longest one", () => {
    const singles = questions.filter((q) => q.type === "single");
    for (const locale of ["zh", "en"] as const) {
      const longestIsCorrect = singles.filter((q) => {
        const lengths = q.options.map((o) => o[locale].length);
        const max = Math.max(...lengths);
        return lengths.filter((l) => l === max).length === 1 && lengths[q.correct] === max;
      });
      // Chance level is one in four; allow a little above it, never a tell.
      expect(longestIsCorrect.length / singles.length, locale).toBeLessThanOrEqual(1 / 3);
    }
  });

  it("has both true and false true/false answers", () => {
    const answers = questions.flatMap((q) => (q.type === "truefalse" ? [q.correct] : []));
    expect(new Set(answers)).toEqual(new Set([true, false]));
  });
});

describe.each(byId)("question %s", (_id, q) => {
  it("passes QuestionSchema", () => {
    expect(QuestionSchema.safeParse(q).error).toBeUndefined();
  });

  it("has Chinese zh text and CJK-free en text", () => {
    for (const text of [q.prompt, q.explanation]) {
      expect(text.zh).toMatch(HAN);
      expect(text.en.trim()).not.toBe("");
      expect(text.en).not.toMatch(CJK);
    }
    for (const choice of choices(q)) {
      expect(choice.en).not.toMatch(CJK);
      // A language-neutral choice (a framework name, a line of code) may be identical in both.
      if (choice.zh !== choice.en) expect(choice.zh).toMatch(HAN);
    }
    if (q.type === "numeric" && q.unit) {
      expect(q.unit.zh.trim()).not.toBe("");
      expect(q.unit.en).not.toMatch(CJK);
    }
  });

  it("has distinct choices in each language", () => {
    for (const locale of ["zh", "en"] as const) {
      const normalized = choices(q).map((c) => normalizeText(c[locale]));
      expect(normalized.every((c) => c !== "")).toBe(true);
      expect(new Set(normalized).size, locale).toBe(normalized.length);
    }
  });

  it("has a well-formed answer key for its type", () => {
    switch (q.type) {
      case "single":
        expect(q.correct).toBeLessThan(q.options.length);
        break;
      case "multiple":
        expect(q.correct.length).toBeLessThan(q.options.length);
        expect(q.prompt.en).toMatch(/select all that apply/i);
        expect(q.prompt.zh).toMatch(/多选/);
        break;
      case "truefalse":
        expect(typeof q.correct).toBe("boolean");
        break;
      case "ordering":
        expect(q.items.length).toBeGreaterThanOrEqual(3);
        break;
      case "numeric":
        if (q.correct === 0) expect(q.tolerance).toBe(0);
        else expect(q.tolerance).toBeLessThan(Math.abs(q.correct));
        break;
      case "text": {
        const normalized = q.accepted.map(normalizeText);
        expect(normalized.every((a) => a !== "")).toBe(true);
        expect(new Set(normalized).size).toBe(normalized.length);
        break;
      }
    }
  });

  it("carries an untranslated code listing and a longer time limit when it is a code question", () => {
    if (q.topic !== "code-mnist" && q.topic !== "code-compression") return;
    expect(q.code?.trim()).toBeTruthy();
    // Code is shown as-is to players of both languages.
    expect(q.code).not.toMatch(CJK);
    expect(q.timeLimitSec).toBeGreaterThanOrEqual(30);
    expect(q.timeLimitSec).toBeLessThanOrEqual(60);
  });
});
