import { z } from "zod";
import {
  type DifficultySchema,
  MultipleChoiceQuestionSchema,
  NumericQuestionSchema,
  OrderingQuestionSchema,
  ShortTextQuestionSchema,
  SingleChoiceQuestionSchema,
  TrueFalseQuestionSchema,
} from "../questions/schema";
import { checkSetRules } from "./rules";

/**
 * A question set as hosts write, import and export it. The six question types are the game's own
 * (lib/questions/schema.ts), widened where a host's set differs from the bundled bank: texts carry
 * only the languages of the set's language policy, and a topic is any short tag, not one of the
 * article's eight. Rules that look at more than one field (answer keys in range, duplicate
 * options, the language policy) are in rules.ts, so every issue names the field it is about.
 */

export const SET_LANGUAGES = ["zh", "en", "both"] as const;
export const SetLanguageSchema = z.enum(SET_LANGUAGES);
export type SetLanguage = z.infer<typeof SetLanguageSchema>;

export const VISIBILITIES = ["private", "unlisted", "public"] as const;
export const VisibilitySchema = z.enum(VISIBILITIES);
export type Visibility = z.infer<typeof VisibilitySchema>;

/** Caps that keep one set, and one import, a size a browser and one transaction handle easily. */
export const SET_LIMITS = {
  questions: 2_000,
  tags: 10,
  title: 120,
  description: 2_000,
  prompt: 1_000,
  option: 200,
  explanation: 2_000,
  code: 10_000,
  accepted: 20,
  acceptedLength: 100,
  source: 500,
} as const;

// Postgres refuses NUL in text and jsonb; other C0/C1 controls have no business in a question
// (newline and tab stay allowed: prompts, explanations and code listings have several lines).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

export const plainText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(max, `at most ${max} characters`)
    .refine((s) => !CONTROL.test(s), "control characters are not allowed");

/** A text in the set's languages: which of zh and en must be present is the set's policy. */
export const setText = (max: number) =>
  z.strictObject({ zh: plainText(max).optional(), en: plainText(max).optional() });
export type SetText = z.infer<ReturnType<typeof setText>>;

/** Topic tags and set tags: lower case letters (any script), digits and hyphens. */
export const TagSchema = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(40, "at most 40 characters")
  .regex(/^[\p{Ll}\p{Lo}\p{N}]+(?:-[\p{Ll}\p{Lo}\p{N}]+)*$/u, "lower-case words joined by hyphens");

const optionList = z
  .array(setText(SET_LIMITS.option))
  .min(2, "needs 2 to 6 options")
  .max(6, "needs 2 to 6 options");

// The bank's schema, with a wording an importer can act on (zod's own is "Invalid input").
const SetDifficultySchema = z.union([z.literal(1), z.literal(2), z.literal(3)], {
  error: "must be 1, 2 or 3",
}) satisfies z.ZodType<z.infer<typeof DifficultySchema>>;

const commonFields = {
  topic: TagSchema,
  difficulty: SetDifficultySchema,
  prompt: setText(SET_LIMITS.prompt),
  code: z.string().min(1).max(SET_LIMITS.code).optional(),
  explanation: setText(SET_LIMITS.explanation),
};

// `.extend` keeps each type's own fields and answer key from the game's schema.
export const SetSingleQuestionSchema = SingleChoiceQuestionSchema.extend({
  ...commonFields,
  options: optionList,
});
export const SetMultipleQuestionSchema = MultipleChoiceQuestionSchema.extend({
  ...commonFields,
  options: optionList,
  correct: z.array(z.number().int().min(0)).min(1, "at least one option must be correct"),
});
export const SetTrueFalseQuestionSchema = TrueFalseQuestionSchema.extend(commonFields);
export const SetOrderingQuestionSchema = OrderingQuestionSchema.extend({
  ...commonFields,
  items: z
    .array(setText(SET_LIMITS.option))
    .min(3, "an ordering question needs 3 to 6 items")
    .max(6, "an ordering question needs 3 to 6 items"),
});
export const SetNumericQuestionSchema = NumericQuestionSchema.extend({
  ...commonFields,
  correct: z.number({ error: "must be a finite number" }),
  tolerance: z.number({ error: "must be a finite number" }).min(0, "must be 0 or more").default(0),
  unit: setText(40).optional(),
});
export const SetTextQuestionSchema = ShortTextQuestionSchema.extend({
  ...commonFields,
  accepted: z
    .array(
      plainText(SET_LIMITS.acceptedLength).refine(
        (s) => !s.includes("\n"),
        "one line per accepted answer",
      ),
    )
    .min(1, "needs at least one accepted answer")
    .max(SET_LIMITS.accepted, `at most ${SET_LIMITS.accepted} accepted answers`),
});

export const SetQuestionSchema = z.discriminatedUnion("type", [
  SetSingleQuestionSchema,
  SetMultipleQuestionSchema,
  SetTrueFalseQuestionSchema,
  SetOrderingQuestionSchema,
  SetNumericQuestionSchema,
  SetTextQuestionSchema,
]);
export type SetQuestion = z.infer<typeof SetQuestionSchema>;
export type SetQuestionInput = z.input<typeof SetQuestionSchema>;

/** What describes a set, apart from its questions. */
export const SetMetaSchema = z.object({
  title: setText(SET_LIMITS.title),
  description: setText(SET_LIMITS.description).default({}),
  language: SetLanguageSchema.default("both"),
  tags: z
    .array(TagSchema)
    .max(SET_LIMITS.tags, `at most ${SET_LIMITS.tags} tags`)
    .default([])
    .refine((tags) => new Set(tags).size === tags.length, "duplicate tag"),
  /** Where the questions come from (shown with the set). */
  source: z.string().trim().max(SET_LIMITS.source).default(""),
});
export type SetMeta = z.infer<typeof SetMetaSchema>;

const questionList = z.array(SetQuestionSchema).max(SET_LIMITS.questions, "too many questions");

/** A whole set as the authoring screen saves it and an import produces it. */
export const QuestionSetDraftSchema = SetMetaSchema.extend({ questions: questionList }).superRefine(
  checkSetRules,
);
export type QuestionSetDraft = z.infer<typeof QuestionSetDraftSchema>;
export type QuestionSetDraftInput = z.input<typeof QuestionSetDraftSchema>;
