import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import type { ProfileBoardRank } from "@/lib/accounts/profile";
import type { BoardKind, BoardParams, BoardScope } from "@/lib/boards/query";
import { windowRange, type BoardWindow } from "@/lib/boards/windows";
import type { BoardPage, BoardRow, BoardYou } from "@/lib/contract/boards";
import { err, ok, type Result } from "@/lib/contract/errors";
import { boardPageSql, ranksSql, type BoardRankSqlRow, type BoardSqlRow } from "./board-sql";

/** A scope's question set as the board page lists it. */
export interface BoardSetChoice {
  id: string;
  title: { zh?: string; en?: string };
}

/** The viewer's standing on one board (profile pages: "your rank this week"). */
export type BoardStandingOf = Omit<BoardYou, "page">;

/**
 * The persistent boards (README, "Boards"): read-only, straight from the results tables. There
 * is no summary table to go stale: every read aggregates the finished rooms and closed rounds
 * through the indexes of migration board_indexes (bench/boards.ts measures it at volume).
 */
export interface BoardRepository {
  /**
   * One page and the viewer's own standing. QUESTION_SET_NOT_FOUND for a set scope the viewer may
   * not see (canScopeBySet); nothing else is refused here (the params were parsed already).
   */
  page(params: BoardParams, viewerId: string | null, now: Date): Promise<Result<BoardPage>>;
  /** Where an account stands (hidden or not), or null when it has nothing on that board. */
  rankOf(
    userId: string,
    board: BoardKind,
    window: BoardWindow,
    scope: BoardScope,
    now?: Date,
  ): Promise<BoardStandingOf | null>;
  /**
   * The account's all-time rank on the quiz, coding and combined boards (scope everyone), in that
   * order, for its profile: shown even when it hides from public boards (it is its own page), rank
   * null on a board it has nothing on. Ties share a rank, as on the board itself.
   */
  ranksForUser(userId: string, now?: Date): Promise<ProfileBoardRank[]>;
  /**
   * Whether a set may scope a board for this viewer: the bank's, public and unlisted sets, and the
   * viewer's own; a private or deleted set answers as unknown, so its existence does not leak.
   */
  canScopeBySet(setId: string, viewerId: string | null): Promise<boolean>;
  /** The sets offered in the page's scope switch: the bank's and public ones. */
  scopeSets(limit: number): Promise<BoardSetChoice[]>;
}

const num = (v: bigint | number | null): number => (v === null ? 0 : Number(v));
const maybe = (v: bigint | number | null): number | null => (v === null ? null : Number(v));

export class PrismaBoardRepository implements BoardRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async page(params: BoardParams, viewerId: string | null, now: Date): Promise<Result<BoardPage>> {
    if (params.scope.kind === "set" && !(await this.canScopeBySet(params.scope.setId, viewerId)))
      return err("QUESTION_SET_NOT_FOUND");
    const range = windowRange(params.window, now);
    const rows = await this.read(
      boardPageSql(
        { board: params.board, scope: params.scope, range },
        {
          limit: params.pageSize,
          offset: (params.page - 1) * params.pageSize,
          q: params.q,
          viewerId,
        },
      ),
    );
    const pageRows: BoardRow[] = rows
      .filter((r) => r.kind === "row")
      .sort((a, b) => num(a.pos) - num(b.pos))
      .map((r) => ({
        rank: num(r.rank),
        name: r.name ?? "",
        score: num(r.score),
        quiz: maybe(r.quiz),
        coding: maybe(r.coding),
        you: viewerId !== null && r.userId === viewerId,
      }));
    const me = rows.find((r) => r.kind === "you");
    const you: BoardYou | null = me
      ? {
          ...standing(me),
          page: me.pos === null ? null : Math.ceil(num(me.pos) / params.pageSize),
        }
      : null;
    return ok({
      board: params.board,
      window: params.window,
      scope: params.scope,
      from: range.from?.toISOString() ?? null,
      to: range.to?.toISOString() ?? null,
      page: params.page,
      pageSize: params.pageSize,
      total: num(rows.find((r) => r.kind === "total")?.total ?? 0),
      rows: pageRows,
      you,
    });
  }

  async rankOf(
    userId: string,
    board: BoardKind,
    window: BoardWindow,
    scope: BoardScope,
    now = new Date(),
  ): Promise<BoardStandingOf | null> {
    const rows = await this.read(
      boardPageSql(
        { board, scope, range: windowRange(window, now) },
        { limit: 0, offset: 0, q: null, viewerId: userId },
      ),
    );
    const me = rows.find((r) => r.kind === "you");
    return me ? standing(me) : null;
  }

  async ranksForUser(userId: string, now = new Date()): Promise<ProfileBoardRank[]> {
    const window: BoardWindow = "all";
    const rows = await this.read<BoardRankSqlRow>(ranksSql(userId, windowRange(window, now)));
    return rows.map((r) => ({
      board: r.board,
      window,
      rank: maybe(r.rank),
      total: num(r.total),
    }));
  }

  /**
   * One board statement with JIT compilation off. The planner's row estimates for the CTEs are
   * far above the real counts (thousands of accounts, not hundreds of thousands), so Postgres
   * would JIT-compile and optimise the statement: measured at 2.8 s of compiling for a 30 ms
   * query at the bench's volume. JIT pays off for long analytic scans, never for a page read.
   * SET LOCAL lasts for this transaction only; PGlite has no JIT and accepts the setting.
   */
  private async read<Row = BoardSqlRow>(sql: Prisma.Sql): Promise<Row[]> {
    const [, rows] = await this.prisma.$transaction([
      this.prisma.$executeRaw`SET LOCAL jit = off`,
      this.prisma.$queryRaw<Row[]>(sql),
    ]);
    return rows;
  }

  async canScopeBySet(setId: string, viewerId: string | null): Promise<boolean> {
    const set = await this.prisma.questionSet.findFirst({
      where: {
        id: setId,
        deletedAt: null,
        OR: [
          { builtIn: true },
          { visibility: { in: ["PUBLIC", "UNLISTED"] } },
          ...(viewerId ? [{ ownerId: viewerId }] : []),
        ],
      },
      select: { id: true },
    });
    return set !== null;
  }

  async scopeSets(limit: number): Promise<BoardSetChoice[]> {
    const sets = await this.prisma.questionSet.findMany({
      where: { deletedAt: null, OR: [{ builtIn: true }, { visibility: "PUBLIC" }] },
      select: { id: true, title: true },
      orderBy: [{ builtIn: "desc" }, { createdAt: "asc" }],
      take: limit,
    });
    return sets.map((s) => ({ id: s.id, title: titleOf(s.title) }));
  }
}

function standing(me: BoardSqlRow): BoardStandingOf {
  return {
    rank: num(me.rank),
    name: me.name ?? "",
    score: num(me.score),
    quiz: maybe(me.quiz),
    coding: maybe(me.coding),
    hidden: me.hidden === true,
  };
}

function titleOf(value: unknown): BoardSetChoice["title"] {
  const t = (value ?? {}) as Record<string, unknown>;
  return {
    ...(typeof t.zh === "string" ? { zh: t.zh } : {}),
    ...(typeof t.en === "string" ? { en: t.en } : {}),
  };
}
