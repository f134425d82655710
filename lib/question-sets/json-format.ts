import { z } from "zod";
import type { QuestionSet as BankSet } from "../questions/schema";
import {
  fieldPath,
  issuesFromZod,
  textTooLarge,
  type ImportIssue,
  type ImportResult,
} from "./issues";
import { validateSet } from "./validate";
import { checkSetRules } from "./rules";
import {
  QuestionSetDraftSchema,
  SET_LIMITS,
  SetMetaSchema,
  SetQuestionSchema,
  type QuestionSetDraft,
} from "./schema";

/**
 * The JSON exchange format, versioned: a file says what it is ("format") and which version of
 * this schema it follows, so a later version can still read it or refuse it by name. The JSON
 * Schema published at QUESTION_SET_SCHEMA_PATH is generated from QuestionSetFileSchema
 * (json-schema.ts). A set's visibility is not part of the file: it is a choice of whoever imports.
 */
export const QUESTION_SET_FORMAT = "kilobyte-arena/question-set";
export const QUESTION_SET_VERSION = 1;
/** Served by the app from public/ (a stable URL): editors can validate files against it. */
export const QUESTION_SET_SCHEMA_PATH = "/schemas/question-set.v1.json";

export const QuestionSetFileSchema = z
  .object({
    $schema: z.string().max(500).optional(),
    format: z.literal(QUESTION_SET_FORMAT),
    version: z.literal(QUESTION_SET_VERSION),
    set: SetMetaSchema,
    questions: z
      .array(SetQuestionSchema)
      .min(1, "the file has no questions")
      .max(SET_LIMITS.questions, `at most ${SET_LIMITS.questions} questions`),
  })
  .superRefine((file, ctx) =>
    checkSetRules(
      { ...file.set, questions: file.questions },
      {
        // The rules speak of a draft's paths; the set's own fields sit under "set" in a file.
        addIssue: (issue) => {
          if (typeof issue === "string") return ctx.addIssue(issue);
          const path = issue.path ?? [];
          ctx.addIssue({ ...issue, path: path[0] === "questions" ? path : ["set", ...path] });
        },
      },
    ),
  )
  .meta({
    title: "Kilobyte Arena question set",
    description:
      "A question set exported by Kilobyte Arena (version 1). Rules that span fields (answer keys in range, distinct options, the set's language policy) are checked on import.",
  });
export type QuestionSetFile = z.infer<typeof QuestionSetFileSchema>;

/** The file of a set: meta in a fixed key order, questions as the schema outputs them. */
export function toQuestionSetFile(set: QuestionSetDraft): QuestionSetFile {
  const draft = QuestionSetDraftSchema.parse(set);
  return {
    $schema: QUESTION_SET_SCHEMA_PATH,
    format: QUESTION_SET_FORMAT,
    version: QUESTION_SET_VERSION,
    set: {
      title: draft.title,
      description: draft.description,
      language: draft.language,
      tags: draft.tags,
      source: draft.source,
    },
    questions: draft.questions,
  };
}

export function exportQuestionSetJson(set: QuestionSetDraft): string {
  return `${JSON.stringify(toQuestionSetFile(set), null, 2)}\n`;
}

/** Parses an uploaded JSON file: every issue at once, or the set to create. */
export function importQuestionSetJson(text: string): ImportResult {
  const size = textTooLarge(text);
  if (size) return { ok: false, issues: [size] };
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, issues: [{ field: "(file)", message: `not valid JSON: ${reason}` }] };
  }
  // Name a wrong kind of file, or a newer version, before listing a hundred field errors.
  const head = z.object({ format: z.unknown(), version: z.unknown() }).safeParse(raw);
  if (!head.success || head.data.format !== QUESTION_SET_FORMAT) {
    return {
      ok: false,
      issues: [
        {
          field: "format",
          message: `not a question set file ("format" must be "${QUESTION_SET_FORMAT}")`,
        },
      ],
    };
  }
  if (head.data.version !== QUESTION_SET_VERSION) {
    return {
      ok: false,
      issues: [
        {
          field: "version",
          message: `version ${JSON.stringify(head.data.version)} is not supported (this server reads version ${QUESTION_SET_VERSION})`,
        },
      ],
    };
  }
  const shape = FileShapeSchema.safeParse(raw);
  if (!shape.success) return { ok: false, issues: issuesFromZod(shape.error.issues, []) };
  const issues: ImportIssue[] = [];
  const set = validateSet(shape.data.set, shape.data.questions, {
    meta: (path, message) => issues.push({ field: fieldPath(["set", ...path]), message }),
    question: (index, path, message) =>
      issues.push({ row: index + 1, field: fieldPath(path, "(question)"), message }),
  });
  return set ? { ok: true, set } : { ok: false, issues };
}

/** The file's outline; its set and questions are checked one by one (validate.ts). */
const FileShapeSchema = z.object({
  $schema: z.string().max(500).optional(),
  format: z.literal(QUESTION_SET_FORMAT),
  version: z.literal(QUESTION_SET_VERSION),
  set: z.unknown(),
  questions: z
    .array(z.unknown())
    .min(1, "the file has no questions")
    .max(SET_LIMITS.questions, `at most ${SET_LIMITS.questions} questions`),
});

/** The bundled bank as a set a host can export or duplicate (it already meets every rule). */
export function draftFromBank(bank: BankSet): QuestionSetDraft {
  return QuestionSetDraftSchema.parse({
    title: bank.title,
    description: bank.description,
    language: "both",
    tags: [],
    source: bank.source,
    questions: bank.questions,
  });
}
