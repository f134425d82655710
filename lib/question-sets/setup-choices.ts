import { z } from "zod";
import type { RoomSelectionInput } from "../contract/schemas";
import { DifficultySchema, QUESTION_TYPES } from "../questions/schema";
import type { SetQuestion } from "./schema";
import { TagSchema } from "./schema";

/**
 * The host setup form's choices, and how they become room:create's `selection`. Pure, so the
 * form and its tests share one rule. The server re-checks everything (visibility, the filter,
 * the picks); these choices are a convenience, which is why they may live in the browser.
 */

export const PICK_MODES = ["first", "random", "exact"] as const;
export type PickMode = (typeof PICK_MODES)[number];

/** What the form keeps between visits (localStorage), parsed on the way back in. */
export const SetupChoicesSchema = z.object({
  setIds: z.array(z.string().max(64)).max(10).default([]),
  topics: z.array(TagSchema).max(50).default([]),
  types: z.array(z.enum(QUESTION_TYPES as [string, ...string[]])).default([]),
  difficulties: z.array(DifficultySchema).default([]),
  mode: z.enum(PICK_MODES).default("first"),
  count: z.number().int().min(0).max(200).default(10),
  picked: z.array(z.string().max(64)).max(200).default([]),
  shuffleQuestions: z.boolean().default(false),
  shuffleOptions: z.boolean().default(false),
  /** Null: each question keeps its own time limit. */
  timeLimitOverride: z.number().int().min(5).max(240).nullable().default(null),
});
export type SetupChoices = z.infer<typeof SetupChoicesSchema>;

/** Stored choices, or the defaults when nothing (or something unreadable) is stored. */
export function restoreChoices(stored: string | null): SetupChoices {
  try {
    const parsed = SetupChoicesSchema.safeParse(stored ? JSON.parse(stored) : {});
    if (parsed.success) return parsed.data;
  } catch {
    // A hand-edited or older value: start from the defaults rather than fail the page.
  }
  return SetupChoicesSchema.parse({});
}

/** One question as the form lists it: the stored row id, its set, what the filters look at. */
export interface ListedQuestion {
  id: string;
  setId: string;
  question: Pick<SetQuestion, "type" | "topic" | "difficulty" | "prompt">;
}

/** The listed questions that pass the filters: chosen sets in the host's order, each in its order. */
export function matchingQuestions(
  questions: readonly ListedQuestion[],
  choices: Pick<SetupChoices, "setIds" | "topics" | "types" | "difficulties">,
): ListedQuestion[] {
  const { topics, types, difficulties } = choices;
  return choices.setIds.flatMap((setId) =>
    questions.filter(
      ({ setId: from, question: q }) =>
        from === setId &&
        (topics.length === 0 || topics.includes(q.topic)) &&
        (types.length === 0 || types.includes(q.type)) &&
        (difficulties.length === 0 || difficulties.includes(q.difficulty)),
    ),
  );
}

/**
 * room:create's `selection` for these choices. "first N" sends the first N matching questions as
 * exact picks, so the room plays what the host saw listed; exact picks keep the host's order
 * (the order they were ticked) and drop any that no longer match.
 */
export function toRoomSelection(
  choices: SetupChoices,
  matching: readonly ListedQuestion[],
): RoomSelectionInput {
  const base = {
    setIds: choices.setIds,
    filter: {
      topics: choices.topics,
      types: choices.types,
      difficulties: choices.difficulties,
    },
    shuffleQuestions: choices.shuffleQuestions,
    shuffleOptions: choices.shuffleOptions,
    ...(choices.timeLimitOverride === null ? {} : { timeLimitSec: choices.timeLimitOverride }),
  } as const;
  switch (choices.mode) {
    case "first":
      return {
        ...base,
        pick: { mode: "exact", questionIds: matching.slice(0, choices.count).map((q) => q.id) },
      };
    case "random":
      return { ...base, pick: { mode: "random", count: choices.count } };
    case "exact": {
      const offered = new Set(matching.map((q) => q.id));
      return {
        ...base,
        pick: { mode: "exact", questionIds: choices.picked.filter((id) => offered.has(id)) },
      };
    }
  }
}

/** How many quiz questions the room will play with these choices. */
export function plannedCount(choices: SetupChoices, matching: readonly ListedQuestion[]): number {
  if (choices.mode === "exact") {
    const offered = new Set(matching.map((q) => q.id));
    return choices.picked.filter((id) => offered.has(id)).length;
  }
  return Math.min(choices.count, matching.length);
}

/**
 * A set id from what a host pastes: the id itself, or any link that ends in it (/sets/<id>,
 * /api/sets/<id>/export, ?set=<id>). Null when nothing in it looks like a set id.
 */
export function setIdFromLink(text: string): string | null {
  const trimmed = text.trim();
  // A link names the set after /sets/ or in ?set=; a host name must never be taken for an id.
  const linked =
    /\/sets\/([a-z0-9]{10,40})(?:[/?#]|$)/.exec(trimmed) ??
    /[?&]set=([a-z0-9]{10,40})(?:&|#|$)/.exec(trimmed) ??
    /^([a-z0-9]{10,40})$/.exec(trimmed);
  return linked?.[1] ?? null;
}
