import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import {
  QuestionSetDraftSchema,
  type QuestionSetDraft,
  type SetText,
  type Visibility,
} from "@/lib/question-sets/schema";
import type { PoolQuestion } from "@/lib/question-sets/selection";
import { LocalizedTextSchema, QuestionSchema, type QuestionSet } from "@/lib/questions/schema";
import {
  CURRENT,
  SET_COLUMNS,
  canSee,
  metaColumns,
  newSlug,
  pick,
  questionRows,
  toDbVisibility,
  toRecord,
  titleText,
  toSetQuestion,
  visibleWhere,
} from "./question-set-rows";
import { RETIRED_POSITION, sameJson, writeQuestionVersions } from "./question-versions";
import type {
  QuestionSetRecord,
  QuestionSetRepository,
  QuestionSetSummary,
  QuestionSetWithQuestions,
  SetOutcome,
  StoredQuestion,
} from "./types";

export { RETIRED_POSITION };

/**
 * Prisma's default interactive-transaction limit is 5 s. A first seed, a 2,000-question import or
 * a large edit is many writes at once: a roomy limit beats failing on a slow disk.
 */
const BIG_TRANSACTION = { maxWait: 10_000, timeout: 60_000 };
const LIST_LIMIT = { default: 50, max: 200 };

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
      let stored = await tx.questionSet.findUnique({ where: { slug: set.slug } });
      if (stored && !stored.builtIn) {
        throw new Error(
          `Question set slug "${set.slug}" belongs to a user's set, not the built-in bank`,
        );
      }
      if (!stored) {
        stored = await tx.questionSet.create({ data: { slug: set.slug, ...meta } });
      } else if (!sameJson(pick(stored, meta), meta)) {
        await tx.questionSet.update({ where: { id: stored.id }, data: meta });
      }
      const counts = await writeQuestionVersions(tx, stored.id, set.questions);
      return { setId: stored.id, ...counts };
    }, BIG_TRANSACTION);
  }

  async list(): Promise<QuestionSetSummary[]> {
    const sets = await this.prisma.questionSet.findMany({
      where: { builtIn: true, deletedAt: null },
      orderBy: [{ createdAt: "asc" }, { slug: "asc" }],
      include: { _count: { select: { questions: { where: CURRENT } } } },
    });
    return sets.map((set) => ({
      id: set.id,
      slug: set.slug,
      title: LocalizedTextSchema.parse(set.title),
      description: LocalizedTextSchema.parse(set.description),
      questionCount: set._count.questions,
      builtIn: set.builtIn,
    }));
  }

  /** Built-in sets only: a host's set is played through `pool`, which checks who may see it. */
  async getBySlug(slug: string): Promise<{ id: string; questions: StoredQuestion[] } | null> {
    const set = await this.prisma.questionSet.findUnique({
      where: { slug, builtIn: true },
      select: {
        id: true,
        questions: {
          where: CURRENT,
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

  async create(
    ownerId: string,
    input: QuestionSetDraft,
    visibility: Visibility = "private",
  ): Promise<QuestionSetRecord> {
    const draft = QuestionSetDraftSchema.parse(input);
    // One statement for the set and one for all its questions, in one transaction.
    const row = await this.prisma.questionSet.create({
      data: {
        ...metaColumns(draft),
        slug: newSlug(),
        visibility: toDbVisibility(visibility),
        ownerId,
        questions: { createMany: { data: questionRows(draft) } },
      },
      select: SET_COLUMNS,
    });
    return toRecord(row);
  }

  async get(id: string, viewerId: string | null): Promise<QuestionSetWithQuestions | null> {
    const row = await this.prisma.questionSet.findUnique({
      where: { id },
      select: {
        ...SET_COLUMNS,
        questions: {
          where: CURRENT,
          orderBy: { position: "asc" },
          select: { id: true, body: true },
        },
      },
    });
    if (!row || !canSee(row, viewerId)) return null;
    return {
      ...toRecord(row),
      questions: row.questions.map((q) => ({ id: q.id, question: toSetQuestion(q.body) })),
    };
  }

  async ownTitles(ownerId: string): Promise<SetText[]> {
    const rows = await this.prisma.questionSet.findMany({
      where: { ownerId, deletedAt: null },
      select: { title: true },
    });
    return rows.map((row) => titleText.parse(row.title));
  }

  async listVisible(
    viewerId: string | null,
    options: { mine?: boolean; limit?: number; offset?: number } = {},
  ): Promise<QuestionSetRecord[]> {
    const rows = await this.prisma.questionSet.findMany({
      where: visibleWhere(viewerId, options.mine ?? false),
      orderBy: [{ builtIn: "desc" }, { updatedAt: "desc" }, { id: "asc" }],
      take: Math.min(Math.max(options.limit ?? LIST_LIMIT.default, 1), LIST_LIMIT.max),
      skip: Math.max(options.offset ?? 0, 0),
      select: SET_COLUMNS,
    });
    return rows.map(toRecord);
  }

  async update(
    id: string,
    viewerId: string,
    input: { draft: QuestionSetDraft; visibility?: Visibility; expectedRevision?: number },
  ): Promise<SetOutcome<QuestionSetRecord>> {
    const draft = QuestionSetDraftSchema.parse(input.draft);
    return this.prisma.$transaction(async (tx) => {
      const current = await this.owned(tx, id, viewerId);
      if (!current.ok) return current;
      const revision = current.data.revision;
      if (input.expectedRevision !== undefined && input.expectedRevision !== revision) {
        return { ok: false, error: "STALE_REVISION" };
      }
      // Conditional on the revision read above: of two saves racing, the second changes nothing.
      const bumped = await tx.questionSet.updateMany({
        where: { id, revision },
        data: {
          ...metaColumns(draft),
          ...(input.visibility ? { visibility: toDbVisibility(input.visibility) } : {}),
          revision: { increment: 1 },
        },
      });
      if (bumped.count === 0) return { ok: false, error: "STALE_REVISION" };
      await writeQuestionVersions(tx, id, draft.questions);
      const row = await tx.questionSet.findUniqueOrThrow({ where: { id }, select: SET_COLUMNS });
      return { ok: true, data: toRecord(row) };
    }, BIG_TRANSACTION);
  }

  async duplicate(id: string, viewerId: string): Promise<SetOutcome<QuestionSetRecord>> {
    const source = await this.get(id, viewerId);
    if (!source) return { ok: false, error: "NOT_FOUND" };
    const draft = QuestionSetDraftSchema.parse({
      ...source,
      questions: source.questions.map((q) => q.question),
    });
    const row = await this.prisma.questionSet.create({
      data: {
        ...metaColumns(draft),
        slug: newSlug(),
        visibility: "PRIVATE",
        ownerId: viewerId,
        copiedFromId: source.id,
        questions: { createMany: { data: questionRows(draft) } },
      },
      select: SET_COLUMNS,
    });
    return { ok: true, data: toRecord(row) };
  }

  async delete(id: string, viewerId: string): Promise<SetOutcome<{ hidden: boolean }>> {
    return this.prisma.$transaction(async (tx) => {
      const current = await this.owned(tx, id, viewerId);
      if (!current.ok) return current;
      // Rooms keep their questions: a set any room drew on is hidden, not removed.
      const played = await tx.roomQuestionSet.count({ where: { setId: id } });
      if (played > 0) {
        await tx.questionSet.update({ where: { id }, data: { deletedAt: new Date() } });
        return { ok: true, data: { hidden: true } };
      }
      await tx.questionSet.delete({ where: { id } });
      return { ok: true, data: { hidden: false } };
    });
  }

  async pool(
    setIds: readonly string[],
    viewerId: string,
  ): Promise<{ ok: true; pool: PoolQuestion[] } | { ok: false; missing: string }> {
    const rows = await this.prisma.questionSet.findMany({
      where: { id: { in: [...setIds] } },
      select: {
        id: true,
        visibility: true,
        ownerId: true,
        deletedAt: true,
        questions: {
          where: CURRENT,
          orderBy: { position: "asc" },
          select: { id: true, body: true },
        },
      },
    });
    const byId = new Map(rows.map((row) => [row.id, row]));
    const pool: PoolQuestion[] = [];
    for (const setId of setIds) {
      const row = byId.get(setId);
      if (!row || !canSee(row, viewerId)) return { ok: false, missing: setId };
      for (const q of row.questions)
        pool.push({ id: q.id, setId, question: toSetQuestion(q.body) });
    }
    return { ok: true, pool };
  }

  /** The set if `viewerId` owns it; otherwise why not, without revealing a private set. */
  private async owned(
    tx: Prisma.TransactionClient,
    id: string,
    viewerId: string,
  ): Promise<SetOutcome<{ revision: number }>> {
    const row = await tx.questionSet.findUnique({
      where: { id },
      select: { visibility: true, ownerId: true, deletedAt: true, builtIn: true, revision: true },
    });
    if (!row || !canSee(row, viewerId)) return { ok: false, error: "NOT_FOUND" };
    if (row.builtIn) return { ok: false, error: "READ_ONLY" };
    if (row.ownerId !== viewerId) return { ok: false, error: "FORBIDDEN" };
    return { ok: true, data: { revision: row.revision } };
  }
}
