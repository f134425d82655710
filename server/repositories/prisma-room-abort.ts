import type { PrismaClient } from "@/generated/prisma/client";
import { rankStandings } from "@/lib/game/leaderboard";
import { attemptTotals } from "@/lib/game/self-paced-resume";
import { closeAttemptRoom, loadStoredAttempt } from "./prisma-attempt-rooms";
import type { RoomRepository } from "./types";

type AbortInput = Parameters<RoomRepository["abortUnfinished"]>[0];

/**
 * RoomRepository.abortUnfinished on Prisma. The standings come from the stored answers (what was
 * acknowledged is exactly what is in Postgres), ranked by the game's own rule; coding-round
 * points are not in them (a coding round's results are stored when it closes, per submission).
 * Each room is closed in its own transaction, guarded on its status, so a room that finished
 * while this ran keeps its real results. A challenge attempt's room is left to its attempt, or
 * closed as finished once the challenge's deadline has passed (see below).
 */
export async function abortUnfinishedRooms(
  prisma: PrismaClient,
  input: AbortInput,
): Promise<string[]> {
  const rooms = await prisma.room.findMany({
    where: {
      status: { in: ["LOBBY", "RUNNING"] },
      ...(input.roomIds && { id: { in: [...input.roomIds] } }),
      ...(input.exceptCodes && { code: { notIn: [...input.exceptCodes] } }),
      ...(input.createdBefore && { createdAt: { lt: input.createdBefore } }),
    },
    select: {
      id: true,
      code: true,
      startedAt: true,
      attempt: { select: { challenge: { select: { deadline: true } } } },
    },
  });
  const closed: string[] = [];
  for (const room of rooms) {
    const deadline = room.attempt?.challenge.deadline;
    if (deadline !== undefined) {
      // A challenge attempt's room is its attempt's: before the deadline, starting the attempt
      // again rebuilds it from Postgres (server/challenges), so it stays as it is; after, a
      // started one closes FINISHED with what was stored, counted like any finished room.
      if (deadline > input.at) continue;
      if (room.startedAt !== null) {
        if (await closeExpiredAttempt(prisma, room.id, input.at)) closed.push(room.code);
        continue;
      }
    }
    const players = await prisma.player.findMany({
      where: { roomId: room.id, kickedAt: null },
      select: { id: true, nickname: true, joinedAt: true },
    });
    const totals = await prisma.answer.groupBy({
      by: ["playerId"],
      where: { roomId: room.id },
      _sum: { points: true, streakBonus: true },
      _count: { _all: true },
    });
    const correct = await prisma.answer.groupBy({
      by: ["playerId"],
      where: { roomId: room.id, correctness: { gte: 1 } },
      _count: { _all: true },
    });
    const byPlayer = new Map(totals.map((t) => [t.playerId, t]));
    const correctBy = new Map(correct.map((c) => [c.playerId, c._count._all]));
    const rows = players.map((p) => {
      const t = byPlayer.get(p.id);
      return {
        id: p.id,
        nickname: p.nickname,
        joinedAt: p.joinedAt.getTime(),
        score: (t?._sum.points ?? 0) + (t?._sum.streakBonus ?? 0),
        answeredCount: t?._count._all ?? 0,
        correctCount: correctBy.get(p.id) ?? 0,
      };
    });
    const [, updated] = await prisma.$transaction([
      prisma.result.createMany({
        data: rankStandings(rows).map(({ row, rank }) => ({
          roomId: room.id,
          playerId: row.id,
          rank,
          score: row.score,
          correctCount: row.correctCount,
          answeredCount: row.answeredCount,
        })),
        skipDuplicates: true,
      }),
      prisma.room.updateMany({
        where: { id: room.id, status: { in: ["LOBBY", "RUNNING"] } },
        data: { status: "ABORTED", endedAt: input.at },
      }),
    ]);
    if (updated.count > 0) closed.push(room.code);
  }
  return closed;
}

async function closeExpiredAttempt(prisma: PrismaClient, roomId: string, at: Date) {
  const stored = await loadStoredAttempt(prisma, roomId);
  const results = stored
    ? [
        {
          playerId: stored.player.id,
          nickname: stored.player.nickname,
          rank: 1,
          ...attemptTotals(stored),
        },
      ]
    : [];
  return closeAttemptRoom(prisma, roomId, at, results);
}
