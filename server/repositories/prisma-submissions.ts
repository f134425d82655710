import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import type { BestModelRow } from "@/lib/contract/results";
import type { EvaluationOutcome, StoredSubmissionRow, SubmissionRepository } from "./types";
import type { OwnSubmissionView } from "@/lib/contract/http";
import { shownName } from "@/lib/game/shown-name";
import { publicRoomSql } from "./board-sql";

const WITH_ROOM_AND_PLAYER = {
  room: { select: { code: true, hostId: true } },
  player: { select: { nickname: true } },
} as const;

/** Coding-round submissions: the uploaded bytes, their evaluation, and the final standings. */
export class PrismaSubmissionRepository implements SubmissionRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async create(input: Parameters<SubmissionRepository["create"]>[0]): Promise<void> {
    await this.prisma.submission.create({
      data: {
        id: input.id,
        roomId: input.roomId,
        playerId: input.playerId,
        questionIndex: input.questionIndex,
        variant: input.variant,
        body: Buffer.from(input.body),
        sha256: input.sha256,
        sizeBytes: input.sizeBytes,
        parameters: input.parameters,
        summary: input.summary,
        createdAt: input.at,
      },
      // Without a select Prisma reads the whole row back, body included: a 3 MB bytea parsed
      // from hex on the event loop (~100-250 ms measured by bench:upload) for nothing.
      select: { id: true },
    });
  }

  async saveEvaluation(id: string, outcome: EvaluationOutcome, at: Date): Promise<void> {
    await this.prisma.submission.update({
      where: { id },
      data: outcome.ok
        ? {
            status: "SCORED",
            publicAccuracy: outcome.publicAccuracy,
            privateAccuracy: outcome.privateAccuracy,
            evaluatorVersion: outcome.evaluatorVersion,
            evaluationMs: outcome.ms,
            rejectionCode: null,
            rejectionDetail: null,
            evaluatedAt: at,
          }
        : {
            status: "REJECTED",
            rejectionCode: outcome.code,
            rejectionDetail: outcome.detail,
            evaluatorVersion: outcome.evaluatorVersion,
            evaluationMs: outcome.ms,
            evaluatedAt: at,
          },
      select: { id: true }, // not the body (see create)
    });
  }

  async markFinal(
    roomId: string,
    questionIndex: number,
    results: { submissionId: string; rank: number; points: number; aboveFloor: boolean }[],
  ): Promise<void> {
    // Idempotent: a retried close rewrites the same flags.
    await this.prisma.$transaction([
      this.prisma.submission.updateMany({
        where: { roomId, questionIndex },
        data: { final: false, finalRank: null, points: null, metTarget: null },
      }),
      ...results.map((r) =>
        this.prisma.submission.update({
          where: { id: r.submissionId },
          data: { final: true, finalRank: r.rank, points: r.points, metTarget: r.aboveFloor },
        }),
      ),
    ]);
  }

  async get(id: string): Promise<StoredSubmissionRow | null> {
    const row = await this.prisma.submission.findUnique({
      where: { id },
      include: WITH_ROOM_AND_PLAYER,
    });
    return row ? toRow(row) : null;
  }

  async listForRound(roomCode: string, questionIndex: number): Promise<StoredSubmissionRow[]> {
    const rows = await this.prisma.submission.findMany({
      where: { room: { code: roomCode }, questionIndex },
      include: WITH_ROOM_AND_PLAYER,
      orderBy: { createdAt: "desc" },
    });
    return rows.map(toRow);
  }

  async listOwn(
    roomCode: string,
    playerId: string,
    questionIndex: number,
  ): Promise<OwnSubmissionView[]> {
    // The room narrows the scan to one round's rows (index on roomId, questionIndex).
    const rows = await this.prisma.submission.findMany({
      where: { room: { code: roomCode }, playerId, questionIndex },
      select: {
        id: true,
        status: true,
        sizeBytes: true,
        publicAccuracy: true,
        rejectionCode: true,
        rejectionDetail: true,
        createdAt: true,
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    return rows.map((r) => ({
      submissionId: r.id,
      status: r.status,
      sizeBytes: r.sizeBytes,
      publicAccuracy: r.status === "SCORED" ? r.publicAccuracy : null,
      rejection:
        r.status === "REJECTED"
          ? { code: r.rejectionCode ?? "", detail: r.rejectionDetail ?? "" }
          : null,
      submittedAt: r.createdAt.getTime(),
    }));
  }

  async bestModels(variant: string, limit: number): Promise<BestModelRow[]> {
    // Only closed rounds: `final` is written by markFinal when the round closes, so a model of a
    // round still running (its private accuracy, its live room code) never reaches a board. The
    // bar is each model's own round's task (`metTarget`, written with it), not a caller's floor.
    // The room code only once the room has finished: before that it is a live join code.
    // An event's rooms only once the organiser has published its results (issue 11).
    // Accuracy per KB (1 KB = 1000 bytes, as in lib/model/size.ts) is an expression: order in SQL.
    const rows = await this.prisma.$queryRaw<
      {
        id: string;
        nickname: string;
        hiddenAs: number | null;
        code: string | null;
        privateAccuracy: number;
        sizeBytes: number;
        parameters: number;
        summary: string;
        createdAt: Date;
      }[]
    >`SELECT s."id", p."nickname", p."hiddenAs",
             CASE WHEN r."status" = 'FINISHED' THEN r."code" END AS "code",
             s."privateAccuracy", s."sizeBytes", s."parameters", s."summary", s."createdAt"
        FROM "Submission" s
        JOIN "Player" p ON p."id" = s."playerId"
        JOIN "Room" r ON r."id" = s."roomId"
       WHERE s."variant" = ${variant} AND s."final" AND s."metTarget" AND s."status" = 'SCORED'
         AND s."privateAccuracy" IS NOT NULL AND ${publicRoomSql(Prisma.sql`r`)}
       ORDER BY s."privateAccuracy" / (s."sizeBytes" / 1000.0) DESC, s."privateAccuracy" DESC,
                s."createdAt" ASC, s."id" ASC
       LIMIT ${limit}`;
    return rows.map((r) => ({
      submissionId: r.id,
      ...shownName(r),
      roomCode: r.code,
      privateAccuracy: Number(r.privateAccuracy),
      sizeBytes: Number(r.sizeBytes),
      parameters: Number(r.parameters),
      summary: r.summary,
      createdAt: new Date(r.createdAt),
    }));
  }
}

type RowWithRelations = Awaited<ReturnType<PrismaClient["submission"]["findMany"]>>[number] & {
  room: { code: string; hostId: string };
  player: { nickname: string };
};

function toRow(row: RowWithRelations): StoredSubmissionRow {
  return {
    id: row.id,
    roomCode: row.room.code,
    hostId: row.room.hostId,
    playerId: row.playerId,
    nickname: row.player.nickname,
    questionIndex: row.questionIndex,
    variant: row.variant,
    body: new Uint8Array(row.body),
    sha256: row.sha256,
    sizeBytes: row.sizeBytes,
    parameters: row.parameters,
    summary: row.summary,
    status: row.status,
    evaluatorVersion: row.evaluatorVersion,
    publicAccuracy: row.publicAccuracy,
    privateAccuracy: row.privateAccuracy,
    rejectionCode: row.rejectionCode,
    rejectionDetail: row.rejectionDetail,
    createdAt: row.createdAt,
  };
}
