import { isDeepStrictEqual } from "node:util";
import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import {
  LocalizedTextSchema,
  QuestionSchema,
  type LocalizedText,
  type Question,
  type QuestionSet,
} from "@/lib/questions/schema";
import type { QuestionSetRepository, QuestionSetSummary, StoredQuestion } from "./types";

/** Questions that left the bank keep their row (answers reference it) at this position. */
export const RETIRED_POSITION = -1;

/**
 * Prisma's default interactive-transaction limit is 5 s. A first seed or a large edit of the bank
 * is many writes, once, at start-up: a roomy limit beats failing a start on a slow disk.
 */
const SEED_TRANSACTION = { maxWait: 10_000, timeout: 60_000 };

type SeedResult = Awaited<ReturnType<QuestionSetRepository["upsertBuiltIn"]>>;

export class PrismaQuestionSetRepository implements QuestionSetRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Compares every question with its stored row and writes only what differs, so a restart with
   * an unchanged bank writes nothing and `updated` counts real edits. One transaction per set: a
   * failed seed leaves the previous version whole.
   */
  async upsertBuiltIn(set: QuestionSet): Promise<SeedResult> {
    try {
      return await this.upsertOnce(set);
    } catch (error) {
      // Two instances starting together on one Postgres both insert; the loser retries on the
      // winner's rows, which it now sees.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        return this.upsertOnce(set);
      }
      throw error;
    }
  }

  private upsertOnce(set: QuestionSet): Promise<SeedResult> {
    return this.prisma.$transaction(async (tx) => {
      const meta = {
        title: set.title,
        description: set.description,
        source: set.source,
        builtIn: true,
        // The bank is everyone's: listed, read-only, duplicated to edit.
        visibility: "PUBLIC" as const,
        language: "both" as const,
      };
      let stored = await tx.questionSet.findUnique({
        where: { slug: set.slug },
        include: { questions: true },
      });
      if (stored && !stored.builtIn) {
        throw new Error(
          `Question set slug "${set.slug}" belongs to a user's set, not the built-in bank`,
        );
      }
      if (!stored) {
        stored = {
          ...(await tx.questionSet.create({ data: { slug: set.slug, ...meta } })),
          questions: [],
        };
      } else if (!sameJson(pick(stored, meta), meta)) {
        await tx.questionSet.update({ where: { id: stored.id }, data: meta });
      }
      const setId = stored.id;
      const rows = new Map(stored.questions.map((row) => [row.slug, row]));
      let created = 0;
      let updated = 0;

      const toCreate: Prisma.QuestionCreateManyInput[] = [];
      for (const [position, question] of set.questions.entries()) {
        const data = questionColumns(question, position);
        const row = rows.get(question.id);
        rows.delete(question.id);
        if (!row) {
          toCreate.push({ setId, slug: question.id, ...data });
          created += 1;
        } else if (!sameJson(pick(row, data), data)) {
          await tx.question.update({ where: { id: row.id }, data });
          updated += 1;
        }
      }
      if (toCreate.length > 0) await tx.question.createMany({ data: toCreate });

      const retired = [...rows.values()].filter((row) => row.position !== RETIRED_POSITION);
      if (retired.length > 0) {
        await tx.question.updateMany({
          where: { id: { in: retired.map((row) => row.id) } },
          data: { position: RETIRED_POSITION },
        });
        updated += retired.length;
      }
      return { setId, created, updated };
    }, SEED_TRANSACTION);
  }

  async list(): Promise<QuestionSetSummary[]> {
    const sets = await this.prisma.questionSet.findMany({
      orderBy: [{ builtIn: "desc" }, { createdAt: "asc" }, { slug: "asc" }],
      include: { _count: { select: { questions: { where: { position: { gte: 0 } } } } } },
    });
    return sets.map((set) => ({
      id: set.id,
      slug: set.slug,
      title: localized(set.title),
      description: localized(set.description),
      questionCount: set._count.questions,
      builtIn: set.builtIn,
    }));
  }

  async getBySlug(slug: string): Promise<{ id: string; questions: StoredQuestion[] } | null> {
    const set = await this.prisma.questionSet.findUnique({
      where: { slug },
      select: {
        id: true,
        questions: {
          where: { position: { gte: 0 } },
          orderBy: { position: "asc" },
          select: { id: true, body: true },
        },
      },
    });
    if (!set) return null;
    return {
      id: set.id,
      // Parsed, not cast: a row written by an older schema fails here, loudly, not mid-game.
      questions: set.questions.map((row) => ({
        id: row.id,
        question: QuestionSchema.parse(row.body),
      })),
    };
  }
}

/** The searchable columns mirror the body, which stays the source of truth. */
function questionColumns(question: Question, position: number) {
  return {
    position,
    type: question.type,
    topic: question.topic,
    difficulty: question.difficulty,
    body: toJson(question),
  };
}

function localized(value: Prisma.JsonValue): LocalizedText {
  return LocalizedTextSchema.parse(value);
}

/** JSON as stored: undefined properties dropped (jsonb also forgets key order). */
function toJson(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}

function sameJson(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));
}

function pick<T extends object>(row: object, shape: T): Partial<T> {
  return Object.fromEntries(
    Object.keys(shape).map((key) => [key, (row as Record<string, unknown>)[key]]),
  ) as Partial<T>;
}
