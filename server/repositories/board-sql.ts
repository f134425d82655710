import { Prisma } from "@/generated/prisma/client";
import type { BoardKind, BoardScope } from "@/lib/boards/query";
import { SHARE_SCALE } from "@/lib/boards/formula";
import { containsPattern } from "@/lib/boards/ranking";
import type { WindowRange } from "@/lib/boards/windows";

/**
 * The SQL of the persistent boards, built from fragments so every board, window and scope runs
 * the same ranking tail. Only public scores are read:
 * - quiz points are answers (points + streak bonus) of rooms whose status is FINISHED, dated by
 *   the room's end (Room.endedAt: when its results became public); a set scope keeps the answers
 *   to that set's questions (Question.setId), whichever rooms asked them;
 * - coding points are the `points` of final submissions, which exist only once their round has
 *   closed (markFinal), dated by the model's upload;
 * - only accounts rank (Player.userId set): a guest's rows, and a deleted account's (set null),
 *   belong to nobody and drop out, so the ranks of everyone else close up;
 * - a player the host removed (Player.kickedAt) has no result in their room, and no standing
 *   here either: their answers stay stored, their points leave every board;
 * - a room run under an event (Room.eventId) counts, answers and coding models alike, only once
 *   its organiser has published the event's results (Event.publishedAt): a hiring day's scores
 *   are the organiser's until then (issue 11), and unpublishing takes them off again.
 * Every part is aggregated per account in a CTE `scored("userId", score, quiz, coding)`; the
 * tail ranks the shown accounts with RANK() (lib/boards/ranking.ts is the same rule in code).
 */
export interface BoardSqlInput {
  board: BoardKind;
  scope: BoardScope;
  range: WindowRange;
}

function between(column: Prisma.Sql, range: WindowRange): Prisma.Sql {
  return Prisma.sql`${range.from ? Prisma.sql`AND ${column} >= ${range.from}` : Prisma.empty}
    ${range.to ? Prisma.sql`AND ${column} < ${range.to}` : Prisma.empty}`;
}

/**
 * Whether a room's results may be public: not an event's, or a published event's. `IN (SELECT
 * ...)` rather than a join so the planner hashes the few published events once and the
 * aggregation keeps its plan; a room without an event never looks at the Event table.
 */
export function publicRoomSql(room: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(${room}."eventId" IS NULL OR ${room}."eventId" IN (
    SELECT ev."id" FROM "Event" ev WHERE ev."publishedAt" IS NOT NULL))`;
}

function quizCte(scope: BoardScope, range: WindowRange): Prisma.Sql {
  const setJoin =
    scope.kind === "set"
      ? Prisma.sql`JOIN "Question" q ON q."id" = a."questionId" AND q."setId" = ${scope.setId}`
      : Prisma.empty;
  return Prisma.sql`quiz AS (
    SELECT p."userId", SUM(a."points" + a."streakBonus")::bigint AS pts
      FROM "Room" r
      JOIN "Answer" a ON a."roomId" = r."id"
      JOIN "Player" p ON p."id" = a."playerId"
      ${setJoin}
     WHERE r."status" = 'FINISHED' ${between(Prisma.sql`r."endedAt"`, range)}
       AND ${publicRoomSql(Prisma.sql`r`)}
       AND p."userId" IS NOT NULL AND p."kickedAt" IS NULL
     GROUP BY p."userId")`;
}

function codingCte(scope: BoardScope, range: WindowRange): Prisma.Sql {
  const variant =
    scope.kind === "variant" ? Prisma.sql`AND s."variant" = ${scope.variant}` : Prisma.empty;
  return Prisma.sql`coding AS (
    SELECT p."userId", SUM(s."points")::bigint AS pts
      FROM "Submission" s
      JOIN "Player" p ON p."id" = s."playerId"
      JOIN "Room" r ON r."id" = s."roomId"
     WHERE s."final" AND s."points" IS NOT NULL ${variant}
       ${between(Prisma.sql`s."createdAt"`, range)}
       AND ${publicRoomSql(Prisma.sql`r`)}
       AND p."userId" IS NOT NULL AND p."kickedAt" IS NULL
     GROUP BY p."userId")`;
}

/** round(S·p/m) in integers, as lib/boards/formula.ts's share(). */
function shareSql(points: Prisma.Sql, leader: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`CASE WHEN ${leader} > 0 AND ${points} > 0
    THEN (${2 * SHARE_SCALE} * ${points} + ${leader}) / (2 * ${leader}) ELSE 0 END`;
}

/**
 * quiz, coding, and `parts("userId", quiz, coding, score)`: every account with points on either
 * board, its raw parts (null where it has none) and its combined score. Leaders are the best of
 * every account with points, hidden ones included (formula.ts); MAX skips the nulls.
 */
function combinedCtes(scope: BoardScope, range: WindowRange): Prisma.Sql {
  return Prisma.sql`${quizCte(scope, range)}, ${codingCte(scope, range)},
    leaders AS (
      SELECT COALESCE(q."userId", c."userId") AS "userId", q.pts AS quiz, c.pts AS coding,
             MAX(q.pts) OVER () AS mq, MAX(c.pts) OVER () AS mc
        FROM quiz q FULL JOIN coding c ON c."userId" = q."userId"),
    parts AS (
      SELECT "userId", quiz, coding,
             ${shareSql(Prisma.sql`COALESCE(quiz, 0)`, Prisma.sql`mq`)}
               + ${shareSql(Prisma.sql`COALESCE(coding, 0)`, Prisma.sql`mc`)} AS score
        FROM leaders)`;
}

/** The CTEs ending in `scored`: every account with a public score on this board. */
export function scoredCtes({ board, scope, range }: BoardSqlInput): Prisma.Sql {
  switch (board) {
    case "quiz":
      return Prisma.sql`${quizCte(scope, range)},
        scored AS (SELECT "userId", pts AS score, NULL::bigint AS quiz, NULL::bigint AS coding FROM quiz)`;
    case "coding":
      return Prisma.sql`${codingCte(scope, range)},
        scored AS (SELECT "userId", pts AS score, NULL::bigint AS quiz, NULL::bigint AS coding FROM coding)`;
    case "combined":
      return Prisma.sql`${combinedCtes(scope, range)},
        scored AS (
          SELECT "userId", score, COALESCE(quiz, 0) AS quiz, COALESCE(coding, 0) AS coding
            FROM parts)`;
  }
}

/** One account's standing on one board (ranksSql): null rank and score when it is not on it. */
export interface BoardRankSqlRow {
  board: BoardKind;
  rank: bigint | number | null;
  score: bigint | number | null;
  total: bigint | number;
}

/**
 * One account's standing on the quiz, coding and combined boards of one window, scope everyone,
 * in one statement (the profile page): the two parts are aggregated once, not once per board. A
 * rank is the page's (1 + the shown accounts that score more), also for an account hidden from
 * boards, which sees where it would stand; `total` counts the shown accounts on that board, plus
 * the account itself when it is hidden and on it, so "#2 of 6" counts the one reading it.
 */
export function ranksSql(userId: string, range: WindowRange): Prisma.Sql {
  return Prisma.sql`WITH ${combinedCtes({ kind: "everyone" }, range)},
    boards AS (
      SELECT 'quiz' AS board, "userId", quiz AS score FROM parts WHERE quiz IS NOT NULL
      UNION ALL SELECT 'coding', "userId", coding FROM parts WHERE coding IS NOT NULL
      UNION ALL SELECT 'combined', "userId", score FROM parts),
    shown AS MATERIALIZED (
      SELECT b.board, b.score FROM boards b JOIN "User" u ON u."id" = b."userId"
       WHERE NOT u."hiddenFromBoards"),
    mine AS (
      SELECT b.board, b.score, u."hiddenFromBoards" AS hidden
        FROM boards b JOIN "User" u ON u."id" = b."userId" WHERE b."userId" = ${userId})
    SELECT k.board, m.score,
           CASE WHEN m.board IS NOT NULL THEN
             1 + (SELECT COUNT(*) FROM shown o WHERE o.board = k.board AND o.score > m.score)
           END AS rank,
           (SELECT COUNT(*) FROM shown o WHERE o.board = k.board)
             + CASE WHEN m.hidden THEN 1 ELSE 0 END AS total
      FROM (VALUES ('quiz', 1), ('coding', 2), ('combined', 3)) AS k(board, ord)
      LEFT JOIN mine m ON m.board = k.board
     ORDER BY k.ord`;
}

/** One statement's answer: page rows, one total row, and the viewer's row if they have one. */
export interface BoardSqlRow {
  kind: "row" | "total" | "you";
  name: string | null;
  userId: string | null;
  score: bigint | number | null;
  quiz: bigint | number | null;
  coding: bigint | number | null;
  rank: bigint | number | null;
  pos: bigint | number | null;
  hidden: boolean | null;
  total: bigint | number | null;
}

/**
 * The page, the count and the viewer in one statement, so the aggregation runs once. `shown` is
 * materialised (it is referenced three times). Names are ordered COLLATE "C" (code points), as
 * compareCodePoints does, whatever the database's locale.
 */
export function boardPageSql(
  input: BoardSqlInput,
  page: { limit: number; offset: number; q: string | null; viewerId: string | null },
): Prisma.Sql {
  const search = page.q ? Prisma.sql`name ILIKE ${containsPattern(page.q)}` : Prisma.sql`TRUE`;
  return Prisma.sql`WITH ${scoredCtes(input)},
    shown AS MATERIALIZED (
      SELECT s."userId", u."name", s.score, s.quiz, s.coding,
             RANK() OVER (ORDER BY s.score DESC) AS rank,
             ROW_NUMBER() OVER (ORDER BY s.score DESC, u."name" COLLATE "C", u."id" COLLATE "C") AS pos
        FROM scored s JOIN "User" u ON u."id" = s."userId"
       WHERE NOT u."hiddenFromBoards"),
    hits AS (SELECT * FROM shown WHERE ${search})
    SELECT * FROM (
      SELECT 'row' AS kind, name, "userId", score, quiz, coding, rank, pos, NULL::boolean AS hidden,
             NULL::bigint AS total
        FROM hits ORDER BY pos LIMIT ${page.limit} OFFSET ${page.offset}) AS page_rows
    UNION ALL
    SELECT 'total', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, COUNT(*) FROM hits
    UNION ALL
    SELECT 'you', u."name", s."userId", s.score, s.quiz, s.coding,
           1 + (SELECT COUNT(*) FROM shown o WHERE o.score > s.score),
           (SELECT o.pos FROM shown o WHERE o."userId" = s."userId"),
           u."hiddenFromBoards", NULL
      FROM scored s JOIN "User" u ON u."id" = s."userId"
     WHERE s."userId" = ${page.viewerId}`;
}
