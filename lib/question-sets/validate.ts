import { checkMetaRules, checkQuestionRules, checkUniqueId } from "./rules";
import {
  SET_LIMITS,
  SetMetaSchema,
  SetQuestionSchema,
  type QuestionSetDraft,
  type SetQuestion,
} from "./schema";

type Path = readonly PropertyKey[];

export interface IssueSink {
  meta(path: Path, message: string): void;
  /** `index` is the question's position in the input (0-based). */
  question(index: number, path: Path, message: string): void;
}

/**
 * Validates an imported set question by question, so every bad question is reported at once (a
 * single zod parse of the whole set would stop at the first question's shape errors before the
 * set's rules ever ran). Returns the set only when there was no issue at all.
 */
export function validateSet(
  meta: unknown,
  questions: readonly unknown[],
  sink: IssueSink,
): QuestionSetDraft | null {
  let clean = true;
  const metaResult = SetMetaSchema.safeParse(meta);
  if (!metaResult.success) {
    clean = false;
    for (const issue of metaResult.error.issues) sink.meta(issue.path, issue.message);
  } else {
    checkMetaRules(metaResult.data, (path, message) => {
      clean = false;
      sink.meta(path, message);
    });
  }
  const language = metaResult.success ? metaResult.data.language : null;
  const parsed: SetQuestion[] = [];
  const ids = new Map<string, number>();
  questions.forEach((input, index) => {
    const report = (path: Path, message: string) => {
      clean = false;
      sink.question(index, path, message);
    };
    const result = SetQuestionSchema.safeParse(input);
    if (!result.success) {
      for (const issue of result.error.issues) report(issue.path, issue.message);
      return;
    }
    checkQuestionRules(result.data, language, report);
    checkUniqueId(ids, result.data.id, index, report);
    parsed.push(result.data);
  });
  if (questions.length > SET_LIMITS.questions) {
    clean = false;
    sink.meta(["questions"], `at most ${SET_LIMITS.questions} questions`);
  }
  if (!clean || !metaResult.success) return null;
  // Every part passed the schemas QuestionSetDraftSchema is made of, and every rule it runs, so
  // parsing the whole set again would only double the cost of a large import.
  const set: QuestionSetDraft = { ...metaResult.data, questions: parsed };
  return set;
}
