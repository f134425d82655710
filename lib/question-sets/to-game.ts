import type { LocalizedText, Question } from "../questions/schema";
import type { SetQuestion, SetText } from "./schema";

/**
 * A host's question as the game plays it. The game shows every text in the reader's language, so
 * each text needs both; a one-language set (its policy says zh or en) fills the other from the
 * one it has: a zh-only set shows zh to everyone rather than a blank. Everything else (type,
 * answer key, tag, time limit) is the game's own shape already (schema.ts extends it).
 */
export function toGameQuestion(question: SetQuestion): Question {
  const prompt = both(question.prompt);
  const explanation = both(question.explanation);
  switch (question.type) {
    case "single":
    case "multiple":
      return { ...question, prompt, explanation, options: question.options.map(both) };
    case "ordering":
      return { ...question, prompt, explanation, items: question.items.map(both) };
    case "numeric": {
      const { unit, ...rest } = question;
      return { ...rest, prompt, explanation, ...(unit ? { unit: both(unit) } : {}) };
    }
    case "truefalse":
    case "text":
      return { ...question, prompt, explanation };
  }
}

/** A text in both languages, the missing one filled from the other (a one-language set). */
export function both(text: SetText): LocalizedText {
  const zh = text.zh ?? text.en;
  const en = text.en ?? text.zh;
  // The set's rules (rules.ts) require at least its policy's language on every text.
  if (zh === undefined || en === undefined) throw new Error("a text with no language");
  return { zh, en };
}
