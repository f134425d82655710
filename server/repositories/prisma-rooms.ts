import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import { SET_LIMITS, setText } from "@/lib/question-sets/schema";
import { both } from "@/lib/question-sets/to-game";
import type { RoomSettings } from "@/lib/contract/schemas";
import { rankStandings } from "@/lib/game/leaderboard";
import type { AnswerRecord, FinalResult, FinalTeamResult } from "@/lib/game/types";
import {
  AnswerExistsError,
  CandidateInRoomError,
  NicknameTakenError,
  PlayersClashError,
  type NewPlayer,
  RoomCodeTakenError,
  type RoomRepository,
} from "./types";
import type { CodingRoundResults, RoomResults, RoomResultsRow } from "@/lib/contract/results";
import { shownName } from "@/lib/game/shown-name";
import { abortUnfinishedRooms } from "./prisma-room-abort";
import type { SqlExecutor } from "../db/client";
import {
  insertAnswers,
  insertPlayers,
  insertResults,
  isUniqueViolation,
  prismaSqlExecutor,
} from "./room-rows-sql";

// The room runtime checks `instanceof AnswerExistsError` against types.ts's class: one class,
// re-exported here next to the code that throws it.
export { AnswerExistsError };

export class PrismaRoomRepository implements RoomRepository {
  constructor(
    private readonly prisma: PrismaClient,
    /** The driver for the per-join and per-answer writes; Prisma's raw API when none is given. */
    private readonly sql: SqlExecutor = prismaSqlExecutor(prisma),
  ) {}

  async create(input: {
    code: string;
    hostId: string;
    questionSetId: string;
    settings: RoomSettings;
    questionIds: string[];
    questionSetIds?: string[];
    selection?: unknown;
    eventId?: string;
  }): Promise<{ id: string }> {
    const { questionSetIds, selection, ...room } = input;
    // The first set titles the results page; every set is listed so none is deleted under it.
    const setIds = [...new Set([input.questionSetId, ...(questionSetIds ?? [])])];
    try {
      return await this.prisma.room.create({
        data: {
          ...room,
          settings: toJson(input.settings),
          ...(selection === undefined ? {} : { selection: toJson(selection) }),
          sets: { create: setIds.map((setId, position) => ({ setId, position })) },
        },
        select: { id: true },
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new RoomCodeTakenError();
      throw error;
    }
  }

  /** A nickname already used in the room (or a reused player id) is rejected by the database. */
  async addPlayer(input: { roomId: string } & NewPlayer): Promise<void> {
    const candidateId = input.candidateId ?? null;
    try {
      await insertPlayers(this.sql, input.roomId, [{ ...input, candidateId }]);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Which key clashed: the candidate's seat (unique per room) or, as ever, the nickname (a
      // kicked player's stays taken: their answers keep it).
      const seated =
        candidateId !== null &&
        (await this.prisma.player.count({ where: { roomId: input.roomId, candidateId } })) > 0;
      throw seated ? new CandidateInRoomError() : new NicknameTakenError();
    }
  }

  async addPlayers(roomId: string, players: readonly NewPlayer[]): Promise<void> {
    if (players.length === 0) return;
    try {
      // One INSERT: atomic on its own, so a clash writes none of them.
      await insertPlayers(
        this.sql,
        roomId,
        players.map((p) => ({ ...p, candidateId: p.candidateId ?? null })),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw new PlayersClashError();
      throw error;
    }
  }

  async markKicked(playerId: string, at: Date): Promise<void> {
    await this.prisma.player.update({ where: { id: playerId }, data: { kickedAt: at } });
  }

  async setHiddenName(playerId: string, hiddenAs: number | null): Promise<void> {
    await this.prisma.player.update({ where: { id: playerId }, data: { hiddenAs } });
  }

  async markStarted(roomId: string, at: Date): Promise<void> {
    await this.prisma.room.update({
      where: { id: roomId },
      data: { status: "RUNNING", startedAt: at },
    });
  }

  async markQuestionShown(roomId: string, questionIndex: number): Promise<void> {
    // Only ever forward: a late retry of an earlier note must not move it back.
    await this.prisma.challengeAttempt.updateMany({
      where: { roomId, questionsShown: { lte: questionIndex } },
      data: { questionsShown: questionIndex + 1 },
    });
  }

  async saveAnswer(roomId: string, record: AnswerRecord): Promise<void> {
    try {
      await insertAnswers(this.sql, roomId, [record]);
    } catch (error) {
      // The id is generated: the only unique key that can collide is (playerId, questionIndex).
      if (isUniqueViolation(error)) throw new AnswerExistsError();
      throw error;
    }
  }

  async saveAnswers(roomId: string, records: readonly AnswerRecord[]): Promise<void> {
    if (records.length === 0) return;
    try {
      // One INSERT: atomic on its own, so a failure writes none of them.
      await insertAnswers(this.sql, roomId, records);
    } catch (error) {
      if (isUniqueViolation(error)) throw new AnswerExistsError();
      throw error;
    }
  }

  /**
   * Results and the FINISHED status in one transaction. A retry after an unknown outcome (timeout,
   * lost connection) must not fail or duplicate: results are unique per player and conflicting
   * rows are skipped, so the first complete write wins.
   */
  async finish(
    roomId: string,
    at: Date,
    results: FinalResult[],
    teamResults: readonly FinalTeamResult[] = [],
  ): Promise<void> {
    await this.prisma.$transaction([
      // Team mode only (a few rows): without teams, no statement at all.
      ...(teamResults.length === 0
        ? []
        : [
            this.prisma.teamResult.createMany({
              data: teamResults.map((t) => ({
                roomId,
                team: t.team,
                color: t.color,
                name: t.name,
                members: t.members,
                score: t.score,
                rank: t.rank,
              })),
              skipDuplicates: true,
            }),
          ]),
      ...(results.length === 0 ? [] : [insertResults(this.prisma, roomId, results)]),
      this.prisma.room.update({ where: { id: roomId }, data: { status: "FINISHED", endedAt: at } }),
    ]);
  }

  abortUnfinished(input: Parameters<RoomRepository["abortUnfinished"]>[0]): Promise<string[]> {
    return abortUnfinishedRooms(this.prisma, input);
  }

  async getResults(code: string): Promise<RoomResults | null> {
    const room = await this.prisma.room.findUnique({
      where: { code },
      select: {
        code: true,
        status: true,
        createdAt: true,
        startedAt: true,
        endedAt: true,
        questionIds: true,
        host: { select: { name: true } },
        questionSet: { select: { title: true } },
        teamResults: {
          orderBy: [{ rank: "asc" }, { team: "asc" }],
          select: { team: true, color: true, name: true, members: true, score: true, rank: true },
        },
        results: {
          // Ordered below by the game's own ranking rule (ties: the earlier joiner first).
          select: {
            playerId: true,
            score: true,
            answeredCount: true,
            team: true,
            player: {
              select: {
                nickname: true,
                hiddenAs: true,
                joinedAt: true,
                // Counted apart from the rows, not read from Result.correctCount: the game's
                // count adds coding rounds above the floor to correct quiz answers, while the
                // page counts them against the number of quiz questions.
                _count: {
                  select: {
                    answers: { where: { correctness: { gte: 1 } } },
                    submissions: { where: { final: true, metTarget: true } },
                  },
                },
              },
            },
          },
        },
        submissions: {
          where: { final: true },
          orderBy: [{ questionIndex: "asc" }, { finalRank: "asc" }, { createdAt: "asc" }],
          select: {
            questionIndex: true,
            variant: true,
            playerId: true,
            finalRank: true,
            points: true,
            privateAccuracy: true,
            sizeBytes: true,
            summary: true,
            player: { select: { nickname: true, hiddenAs: true } },
          },
        },
      },
    });
    if (!room) return null;
    const codingRounds: CodingRoundResults[] = [];
    for (const s of room.submissions) {
      let round = codingRounds.at(-1);
      if (round?.questionIndex !== s.questionIndex) {
        round = { questionIndex: s.questionIndex, variant: s.variant, entries: [] };
        codingRounds.push(round);
      }
      round.entries.push({
        playerId: s.playerId,
        ...shownName(s.player),
        rank: s.finalRank ?? round.entries.length + 1,
        points: s.points ?? 0,
        privateAccuracy: s.privateAccuracy,
        sizeBytes: s.sizeBytes,
        summary: s.summary,
      });
    }
    return {
      code: room.code,
      status: room.status,
      // A host's one-language set has one title: the results page shows it in both languages.
      questionSetTitle: both(setText(SET_LIMITS.title).parse(room.questionSet.title)),
      hostName: room.host.name,
      createdAt: room.createdAt,
      startedAt: room.startedAt,
      endedAt: room.endedAt,
      questionCount: room.questionIds.length,
      codingRoundCount: codingRounds.length,
      results: resultsInRankOrder(room.results),
      codingRounds,
      ...(room.teamResults.length > 0 && { teams: room.teamResults }),
    };
  }
}

/**
 * The podium's ranking function applied to the stored scores, so /results lists a tie exactly as
 * the podium did (README: ties share a rank, the earlier joiner first). It ranks the same scores
 * the game ranked when it finished, so the stored rank and this one agree.
 */
function resultsInRankOrder(
  rows: {
    playerId: string;
    score: number;
    answeredCount: number;
    team: number | null;
    player: {
      nickname: string;
      hiddenAs: number | null;
      joinedAt: Date;
      _count: { answers: number; submissions: number };
    };
  }[],
): RoomResultsRow[] {
  const standings = rows.map((row) => ({
    id: row.playerId,
    nickname: row.player.nickname,
    score: row.score,
    joinedAt: row.player.joinedAt.getTime(),
    row,
  }));
  return rankStandings(standings).map(({ row: { row }, rank }) => ({
    playerId: row.playerId,
    ...shownName(row.player),
    rank,
    score: row.score,
    correctCount: row.player._count.answers,
    codingTargetsMet: row.player._count.submissions,
    answeredCount: row.answeredCount,
    ...(row.team !== null && { team: row.team }),
  }));
}

/** JSON as stored: undefined properties (optional settings) dropped. */
function toJson(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}
