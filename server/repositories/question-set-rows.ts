import { randomBytes } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import {
  SetLanguageSchema,
  type QuestionSetDraft,
  SetQuestionSchema,
  setText,
  type SetQuestion,
  type Visibility,
} from "@/lib/question-sets/schema";
import { toJson } from "./question-versions";
import type { QuestionSetRecord } from "./types";

/** Rows <-> records for question sets: visibility spelling, parsing what comes back. */

const VISIBILITY_TO_DB = { private: "PRIVATE", unlisted: "UNLISTED", public: "PUBLIC" } as const;
const VISIBILITY_FROM_DB = { PRIVATE: "private", UNLISTED: "unlisted", PUBLIC: "public" } as const;

export const toDbVisibility = (v: Visibility) => VISIBILITY_TO_DB[v];

/** Current questions only (position >= 0), counted or listed in play order. */
export const CURRENT = { position: { gte: 0 } } as const;

export const SET_COLUMNS = {
  id: true,
  slug: true,
  title: true,
  description: true,
  language: true,
  tags: true,
  visibility: true,
  source: true,
  builtIn: true,
  ownerId: true,
  copiedFromId: true,
  revision: true,
  deletedAt: true,
  createdAt: true,
  updatedAt: true,
  _count: { select: { questions: { where: CURRENT } } },
} satisfies Prisma.QuestionSetSelect;

export type SetRow = Prisma.QuestionSetGetPayload<{ select: typeof SET_COLUMNS }>;

export const titleText = setText(10_000);

export function toRecord(row: SetRow): QuestionSetRecord {
  return {
    id: row.id,
    slug: row.slug,
    // Parsed, not cast: a row written by an older schema fails here, loudly.
    title: titleText.parse(row.title),
    description: titleText.parse(row.description),
    language: SetLanguageSchema.parse(row.language),
    tags: row.tags,
    visibility: VISIBILITY_FROM_DB[row.visibility],
    source: row.source,
    builtIn: row.builtIn,
    ownerId: row.ownerId,
    copiedFromId: row.copiedFromId,
    revision: row.revision,
    questionCount: row._count.questions,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toSetQuestion(body: Prisma.JsonValue): SetQuestion {
  return SetQuestionSchema.parse(body);
}

/**
 * Who sees a set: its owner always; anyone a public or unlisted one (an unlisted set is reached by
 * its link, never listed); nobody a deleted one. The built-in bank is public.
 */
export function canSee(
  row: Pick<SetRow, "visibility" | "ownerId" | "deletedAt">,
  viewerId: string | null,
): boolean {
  if (row.deletedAt) return false;
  return row.visibility !== "PRIVATE" || (viewerId !== null && row.ownerId === viewerId);
}

/** The SQL form of canSee for lists: own sets and public ones (unlisted ones only for the owner). */
export function visibleWhere(viewerId: string | null, mine: boolean): Prisma.QuestionSetWhereInput {
  const own: Prisma.QuestionSetWhereInput[] = viewerId ? [{ ownerId: viewerId }] : [];
  if (mine) return { deletedAt: null, OR: own.length > 0 ? own : [{ id: { in: [] } }] };
  return { deletedAt: null, OR: [...own, { visibility: "PUBLIC" }] };
}

export function metaColumns(draft: QuestionSetDraft) {
  return {
    title: toJson(draft.title),
    description: toJson(draft.description),
    language: draft.language,
    tags: draft.tags,
    source: draft.source,
  };
}

export function questionRows(draft: QuestionSetDraft): Prisma.QuestionCreateManySetInput[] {
  return draft.questions.map((question, position) => ({
    slug: question.id,
    position,
    type: question.type,
    topic: question.topic,
    difficulty: question.difficulty,
    body: toJson(question),
  }));
}

/** A host's set gets an unguessable slug (the bank's are readable: "ai-startup-large-models"). */
export function newSlug(): string {
  return `set-${randomBytes(9)
    .toString("base64url")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "0")}`;
}

export function pick<T extends object>(row: object, shape: T): Partial<T> {
  return Object.fromEntries(
    Object.keys(shape).map((key) => [key, (row as Record<string, unknown>)[key]]),
  ) as Partial<T>;
}
