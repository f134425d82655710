import { z } from "zod";
import { LOCALES, type Locale } from "./locales";
import { TOPICS, isKnownTopic, type Topic } from "./topics";

/**
 * The question model. Every question is bilingual (zh + en) and carries its own answer key;
 * `toPublicQuestion` (public.ts) strips the key before anything reaches a client.
 */

export { LOCALES, type Locale };
export const LocaleSchema = z.enum(LOCALES);

export const LocalizedTextSchema = z.object({
  zh: z.string().trim().min(1),
  en: z.string().trim().min(1),
});
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

export { TOPICS, isKnownTopic, type Topic };
export const TopicSchema = z.enum(TOPICS);
/**
 * The topic a played question carries: one of the article's eight (translated on screen by key)
 * or a host's own tag from a question set (shown as written). The bank still holds to TOPICS
 * (QuestionSetSchema below); a host's tags are checked by lib/question-sets/schema.ts.
 */
export const QuestionTopicSchema = z.string().trim().min(1).max(40);
// `string & {}` keeps editors suggesting the eight known topics while any tag type-checks.
export type QuestionTopic = Topic | (string & {});

export const DifficultySchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type Difficulty = z.infer<typeof DifficultySchema>;

const OptionsSchema = z.array(LocalizedTextSchema).min(2).max(6);

const QuestionBaseSchema = z.object({
  /** Stable slug, unique within a set; used for idempotent seeding. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "id must be a lowercase slug"),
  topic: QuestionTopicSchema,
  difficulty: DifficultySchema,
  prompt: LocalizedTextSchema,
  /** Optional code listing shown under the prompt (monospace, not translated). */
  code: z.string().min(1).optional(),
  /** Shown to everyone after the reveal. */
  explanation: LocalizedTextSchema,
  /** Seconds to answer; the room's default applies when absent. */
  timeLimitSec: z.number().int().min(5).max(240).optional(),
});

export const SingleChoiceQuestionSchema = QuestionBaseSchema.extend({
  type: z.literal("single"),
  options: OptionsSchema,
  correct: z.number().int().min(0),
});

/** Several options are right; partial credit (see scoring.ts). */
export const MultipleChoiceQuestionSchema = QuestionBaseSchema.extend({
  type: z.literal("multiple"),
  options: OptionsSchema,
  correct: z.array(z.number().int().min(0)).min(1),
});

export const TrueFalseQuestionSchema = QuestionBaseSchema.extend({
  type: z.literal("truefalse"),
  correct: z.boolean(),
});

/** `items` are listed in the correct order; clients receive them shuffled. */
export const OrderingQuestionSchema = QuestionBaseSchema.extend({
  type: z.literal("ordering"),
  items: z.array(LocalizedTextSchema).min(3).max(6),
});

export const NumericQuestionSchema = QuestionBaseSchema.extend({
  type: z.literal("numeric"),
  correct: z.number().finite(),
  /** Absolute tolerance: |answer - correct| <= tolerance counts as correct. */
  tolerance: z.number().min(0).default(0),
  unit: LocalizedTextSchema.optional(),
});

/** Free text, compared after normalisation (normalize.ts) against every accepted answer. */
export const ShortTextQuestionSchema = QuestionBaseSchema.extend({
  type: z.literal("text"),
  accepted: z.array(z.string().trim().min(1)).min(1),
});

export const QuestionSchema = z
  .discriminatedUnion("type", [
    SingleChoiceQuestionSchema,
    MultipleChoiceQuestionSchema,
    TrueFalseQuestionSchema,
    OrderingQuestionSchema,
    NumericQuestionSchema,
    ShortTextQuestionSchema,
  ])
  .superRefine((q, ctx) => {
    if (q.type === "single" && q.correct >= q.options.length) {
      ctx.addIssue({ code: "custom", message: "correct index out of range", path: ["correct"] });
    }
    if (q.type === "multiple") {
      if (q.correct.some((i) => i >= q.options.length)) {
        ctx.addIssue({ code: "custom", message: "correct index out of range", path: ["correct"] });
      }
      if (new Set(q.correct).size !== q.correct.length) {
        ctx.addIssue({ code: "custom", message: "duplicate correct index", path: ["correct"] });
      }
    }
  });
export type Question = z.infer<typeof QuestionSchema>;
export type QuestionInput = z.input<typeof QuestionSchema>;
export type QuestionType = Question["type"];
export const QUESTION_TYPES: readonly QuestionType[] = [
  "single",
  "multiple",
  "truefalse",
  "ordering",
  "numeric",
  "text",
];

export const QuestionSetSchema = z.object({
  slug: z.string().regex(/^[a-z0-9-]+$/),
  title: LocalizedTextSchema,
  description: LocalizedTextSchema,
  /** Where the facts come from (shown in the UI and README). */
  source: z.string().min(1),
  questions: z
    .array(QuestionSchema)
    .min(1)
    .superRefine((questions, ctx) =>
      questions.forEach((q, i) => {
        // The bundled bank is the article's: its topics are the eight the UI translates.
        if (!isKnownTopic(q.topic)) {
          ctx.addIssue({ code: "custom", message: "not one of TOPICS", path: [i, "topic"] });
        }
      }),
    ),
});
export type QuestionSet = z.infer<typeof QuestionSetSchema>;

/**
 * What a player sends for each question type. The server decides correctness; the client only
 * states its choice. Ordering answers list item ids in the player's order.
 */
export const AnswerSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("single"), choice: z.number().int().min(0).max(5) }),
  z.object({
    type: z.literal("multiple"),
    choices: z.array(z.number().int().min(0).max(5)).max(6),
  }),
  z.object({ type: z.literal("truefalse"), value: z.boolean() }),
  z.object({
    type: z.literal("ordering"),
    order: z.array(z.number().int().min(0).max(5)).min(1).max(6),
  }),
  z.object({ type: z.literal("numeric"), value: z.number().finite() }),
  z.object({ type: z.literal("text"), text: z.string().max(200) }),
]);
export type Answer = z.infer<typeof AnswerSchema>;
