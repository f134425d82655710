import type { z } from "zod";
import { normalizeText } from "../questions/normalize";
import type { SetLanguage, SetMeta, SetQuestion, SetText } from "./schema";

/**
 * The rules of a set that no single field can check: answer keys that point at real options,
 * options a player could not tell apart, accepted answers that collapse to nothing, and the
 * language policy (every text of the set in each of its languages). Each issue carries the path of
 * the field it is about, so the authoring form and the import report can name it.
 */

type Path = (string | number)[];
type Ctx = Pick<z.RefinementCtx, "addIssue">;

const LANGUAGE_NAMES = { zh: "Chinese", en: "English" } as const;

export function requiredLanguages(language: SetLanguage): ("zh" | "en")[] {
  return language === "both" ? ["zh", "en"] : [language];
}

/** Checks a text has each required language; `optional` texts may be left empty altogether. */
function textChecker(language: SetLanguage | null, issue: Issue) {
  const languages = language === null ? [] : requiredLanguages(language);
  return (value: SetText | undefined, path: Path, optional = false) => {
    if (value === undefined) return;
    // An optional text left empty (a set without a description) is fine in any policy.
    if (optional && value.zh === undefined && value.en === undefined) return;
    for (const lang of languages) {
      if (value[lang] === undefined) {
        issue(
          [...path, lang],
          `missing the ${LANGUAGE_NAMES[lang]} text (the set's language is ${language})`,
        );
      }
    }
  };
}

type Issue = (path: Path, message: string) => void;

/** The rules of a whole set, as a zod refinement (QuestionSetDraftSchema). */
export function checkSetRules(
  set: Pick<SetMeta, "title" | "description" | "language"> & { questions: SetQuestion[] },
  ctx: Ctx,
): void {
  const issue: Issue = (path, message) => ctx.addIssue({ code: "custom", path, message });
  checkMetaRules(set, issue);
  const ids = new Map<string, number>();
  set.questions.forEach((question, index) => {
    const at = (path: Path, message: string) => issue(["questions", index, ...path], message);
    checkQuestionRules(question, set.language, at);
    checkUniqueId(ids, question.id, index, at);
  });
}

export function checkMetaRules(
  set: Pick<SetMeta, "title" | "description" | "language">,
  issue: Issue,
): void {
  const text = textChecker(set.language, issue);
  text(set.title, ["title"]);
  text(set.description, ["description"], true);
}

/** Records `id` at `index`; a second question with the same id is an issue on its id. */
export function checkUniqueId(
  ids: Map<string, number>,
  id: string,
  index: number,
  issue: Issue,
): void {
  const earlier = ids.get(id);
  if (earlier !== undefined) issue(["id"], `duplicate id: question ${earlier + 1} has the same id`);
  else ids.set(id, index);
}

/** One question's rules; `language` null skips the language policy (the set's own is unknown). */
export function checkQuestionRules(
  question: SetQuestion,
  language: SetLanguage | null,
  issue: Issue,
): void {
  const text = textChecker(language, issue);
  text(question.prompt, ["prompt"]);
  text(question.explanation, ["explanation"]);
  checkQuestion(question, [], issue, text);
}

function checkQuestion(
  question: SetQuestion,
  at: Path,
  issue: Issue,
  text: (value: SetText | undefined, path: Path) => void,
): void {
  switch (question.type) {
    case "single":
      question.options.forEach((option, i) => text(option, [...at, "options", i]));
      distinctTexts(question.options, "options", issue);
      if (question.correct >= question.options.length) {
        issue(["correct"], `no correct option: there is no option ${question.correct + 1}`);
      }
      return;
    case "multiple": {
      question.options.forEach((option, i) => text(option, [...at, "options", i]));
      distinctTexts(question.options, "options", issue);
      const missing = question.correct.find((i) => i >= question.options.length);
      if (missing !== undefined) {
        issue(["correct"], `no correct option: there is no option ${missing + 1}`);
      }
      if (new Set(question.correct).size !== question.correct.length) {
        issue(["correct"], "an option is marked correct twice");
      }
      return;
    }
    case "ordering":
      question.items.forEach((item, i) => text(item, [...at, "items", i]));
      distinctTexts(question.items, "items", issue);
      return;
    case "numeric":
      text(question.unit, [...at, "unit"]);
      return;
    case "text": {
      const keys = new Map<string, number>();
      question.accepted.forEach((answer, i) => {
        const key = normalizeText(answer);
        // Answers are compared without spaces, punctuation or symbols (normalize.ts).
        if (key === "") issue(["accepted", i], "has no letters or digits, so nothing can match it");
        else if (keys.has(key)) {
          issue(["accepted", i], `same answer as accepted answer ${(keys.get(key) ?? 0) + 1}`);
        } else keys.set(key, i);
      });
      return;
    }
    case "truefalse":
      return;
  }
}

/** Two options a player cannot tell apart (in either language) make a question unfair. */
function distinctTexts(texts: SetText[], field: "options" | "items", issue: Issue): void {
  for (const lang of ["zh", "en"] as const) {
    const first = new Map<string, number>();
    texts.forEach((value, i) => {
      const raw = value[lang];
      if (raw === undefined) return;
      const key = optionKey(raw);
      const earlier = first.get(key);
      if (earlier === undefined) first.set(key, i);
      else
        issue(
          [field, i, lang],
          `same text as ${field === "options" ? "option" : "item"} ${earlier + 1}`,
        );
    });
  }
}

/** "PyTorch " and "pytorch" are the same option to a player. */
export function optionKey(text: string): string {
  return text.normalize("NFKC").trim().toLowerCase().replace(/\s+/g, " ");
}
