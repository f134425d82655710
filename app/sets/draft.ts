import type { QuestionSetDetailView } from "@/lib/contract/question-sets";
import {
  QuestionSetDraftSchema,
  type QuestionSetDraftInput,
  type SetLanguage,
  type SetQuestion,
  type SetQuestionInput,
  type SetText,
  type Visibility,
} from "@/lib/question-sets/schema";
import type { Difficulty, QuestionType } from "@/lib/questions/schema";

/**
 * The editor's state: plain strings as the inputs hold them, so a half-typed number or an empty
 * option is kept as typed. `toDraft` turns it into the set the server stores, and `validateForm`
 * runs the server's own schema (QuestionSetDraftSchema) on it, keyed by field path.
 */

export interface TextForm {
  zh: string;
  en: string;
}

export interface QuestionForm {
  /** React key only; never saved. */
  key: string;
  id: string;
  type: QuestionType;
  topic: string;
  difficulty: Difficulty;
  timeLimitSec: string;
  code: string;
  prompt: TextForm;
  explanation: TextForm;
  /** single and multiple; `correct` holds the marked options (one for single). */
  options: TextForm[];
  correct: number[];
  truth: boolean;
  /** ordering, in the correct order */
  items: TextForm[];
  numericAnswer: string;
  tolerance: string;
  unit: TextForm;
  /** text: one accepted answer per line */
  accepted: string;
}

export interface SetForm {
  title: TextForm;
  description: TextForm;
  language: SetLanguage;
  tags: string;
  source: string;
  visibility: Visibility;
  questions: QuestionForm[];
}

const empty = (): TextForm => ({ zh: "", en: "" });
const textForm = (text: SetText | undefined): TextForm => ({
  zh: text?.zh ?? "",
  en: text?.en ?? "",
});

let counter = 0;
/** A fresh question id: unique within the set and a valid slug for the schema. */
export function newQuestionId(): string {
  counter += 1;
  return `q-${Date.now().toString(36)}-${counter.toString(36)}`;
}

export function newQuestion(type: QuestionType, topic = "general"): QuestionForm {
  const id = newQuestionId();
  return {
    key: id,
    id,
    type,
    topic,
    difficulty: 1,
    timeLimitSec: "",
    code: "",
    prompt: empty(),
    explanation: empty(),
    options: [empty(), empty(), empty(), empty()],
    correct: [0],
    truth: true,
    items: [empty(), empty(), empty()],
    numericAnswer: "",
    tolerance: "0",
    unit: empty(),
    accepted: "",
  };
}

export function emptySetForm(): SetForm {
  return {
    title: empty(),
    description: empty(),
    language: "both",
    tags: "",
    source: "",
    visibility: "private",
    questions: [],
  };
}

export function formFromQuestion(question: SetQuestion): QuestionForm {
  const form = newQuestion(question.type, question.topic);
  Object.assign(form, {
    id: question.id,
    difficulty: question.difficulty,
    timeLimitSec: question.timeLimitSec === undefined ? "" : String(question.timeLimitSec),
    code: question.code ?? "",
    prompt: textForm(question.prompt),
    explanation: textForm(question.explanation),
  });
  switch (question.type) {
    case "single":
      return { ...form, options: question.options.map(textForm), correct: [question.correct] };
    case "multiple":
      return { ...form, options: question.options.map(textForm), correct: question.correct };
    case "truefalse":
      return { ...form, truth: question.correct };
    case "ordering":
      return { ...form, items: question.items.map(textForm) };
    case "numeric":
      return {
        ...form,
        numericAnswer: String(question.correct),
        tolerance: String(question.tolerance),
        unit: textForm(question.unit),
      };
    case "text":
      return { ...form, accepted: question.accepted.join("\n") };
  }
}

export function formFromSet(set: QuestionSetDetailView): SetForm {
  return {
    title: textForm(set.title),
    description: textForm(set.description),
    language: set.language,
    tags: set.tags.join(", "),
    source: set.source,
    visibility: set.visibility,
    questions: set.questions.map((q) => formFromQuestion(q.question)),
  };
}

/** The set's languages: a text keeps only those, and an empty input is a missing text. */
function languagesOf(language: SetLanguage): ("zh" | "en")[] {
  return language === "both" ? ["zh", "en"] : [language];
}

function toText(form: TextForm, language: SetLanguage): SetText {
  const out: SetText = {};
  for (const lang of languagesOf(language)) if (form[lang].trim() !== "") out[lang] = form[lang];
  return out;
}

/** "" is absent; anything else is a number (NaN for "abc", which the schema refuses). */
function toNumber(value: string): number | undefined {
  return value.trim() === "" ? undefined : Number(value);
}

export function toDraftQuestion(q: QuestionForm, language: SetLanguage): SetQuestionInput {
  const text = (form: TextForm) => toText(form, language);
  const timeLimitSec = toNumber(q.timeLimitSec);
  const base = {
    id: q.id,
    topic: q.topic,
    difficulty: q.difficulty,
    prompt: text(q.prompt),
    explanation: text(q.explanation),
    ...(q.code.trim() === "" ? {} : { code: q.code }),
    ...(timeLimitSec === undefined ? {} : { timeLimitSec }),
  };
  switch (q.type) {
    case "single":
      return { ...base, type: "single", options: q.options.map(text), correct: q.correct[0] ?? 0 };
    case "multiple":
      return {
        ...base,
        type: "multiple",
        options: q.options.map(text),
        correct: [...q.correct].sort((a, b) => a - b),
      };
    case "truefalse":
      return { ...base, type: "truefalse", correct: q.truth };
    case "ordering":
      return { ...base, type: "ordering", items: q.items.map(text) };
    case "numeric": {
      const unit = text(q.unit);
      return {
        ...base,
        type: "numeric",
        correct: toNumber(q.numericAnswer) as number,
        tolerance: toNumber(q.tolerance) ?? 0,
        ...(unit.zh === undefined && unit.en === undefined ? {} : { unit }),
      };
    }
    case "text":
      return {
        ...base,
        type: "text",
        accepted: q.accepted
          .split("\n")
          .map((line) => line.trim())
          .filter((line) => line !== ""),
      };
  }
}

export function toDraft(form: SetForm): QuestionSetDraftInput {
  return {
    title: toText(form.title, form.language),
    description: toText(form.description, form.language),
    language: form.language,
    tags: form.tags
      .split(",")
      .map((tag) => tag.trim())
      .filter((tag) => tag !== ""),
    source: form.source,
    questions: form.questions.map((q) => toDraftQuestion(q, form.language)),
  };
}

export interface FieldIssue {
  path: string;
  message: string;
  code: string;
  /** zod's bound for too_small / too_big issues without a message of the schema's own. */
  bound?: number;
}

/** "questions.2.options.1.en" from ["questions", 2, "options", 1, "en"]. */
export const pathKey = (path: readonly PropertyKey[]): string => path.map(String).join(".");

/** The server's own schema over the form: every issue keyed by the field it names. */
export function validateForm(form: SetForm): FieldIssue[] {
  const result = QuestionSetDraftSchema.safeParse(toDraft(form));
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const raw = issue as { minimum?: unknown; maximum?: unknown };
    const bound = typeof raw.minimum === "number" ? raw.minimum : raw.maximum;
    return {
      path: pathKey(issue.path),
      message: issue.message,
      code: issue.code,
      ...(typeof bound === "number" ? { bound } : {}),
    };
  });
}
