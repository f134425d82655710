import type { PrismaClient } from "@/generated/prisma/client";
import type { StoredAttempt } from "@/lib/game/self-paced-resume";
import type { FinalResult } from "@/lib/game/types";

/**
 * A challenge attempt's room after its live copy was lost (lib/game/self-paced-resume.ts): what
 * Postgres holds of it, and the two ways it goes on: reopened for the attempt to continue, or
 * closed as FINISHED with what was stored. Both are guarded on the room not being FINISHED, so a
 * finished attempt is never reopened (one attempt: no restart to improve a score), and both drop
 * the standings an earlier abort wrote, so the room's results are written once, by its finish.
 */

export async function loadStoredAttempt(
  prisma: PrismaClient,
  roomId: string,
): Promise<StoredAttempt | null> {
  const attempt = await prisma.challengeAttempt.findUnique({
    where: { roomId },
    select: { playerId: true, questionsShown: true, room: { select: { startedAt: true } } },
  });
  if (!attempt) return null;
  const { playerId } = attempt;
  const [player, answers, coding] = await Promise.all([
    prisma.player.findUnique({
      where: { id: playerId },
      select: { id: true, nickname: true, userId: true, candidateId: true, joinedAt: true },
    }),
    prisma.answer.findMany({
      where: { playerId },
      select: {
        questionIndex: true,
        points: true,
        streakBonus: true,
        correctness: true,
        streak: true,
      },
      orderBy: { questionIndex: "asc" },
    }),
    prisma.submission.findMany({
      where: { playerId, final: true },
      select: { questionIndex: true, points: true, metTarget: true },
    }),
  ]);
  // Never seated (the attempt's join failed): there is nothing to go on with.
  if (!player) return null;
  return {
    player: { ...player, joinedAt: player.joinedAt.getTime() },
    started: attempt.room.startedAt !== null,
    questionsShown: attempt.questionsShown,
    answers,
    codingResults: coding.map((c) => ({
      questionIndex: c.questionIndex,
      points: c.points ?? 0,
      aboveFloor: c.metTarget ?? false,
    })),
  };
}

/** LOBBY or RUNNING again, without the standings an abort wrote. False: it finished meanwhile. */
export async function reopenAttemptRoom(
  prisma: PrismaClient,
  roomId: string,
  status: "LOBBY" | "RUNNING",
): Promise<boolean> {
  const open = { status: { not: "FINISHED" as const } };
  const [, updated] = await prisma.$transaction([
    prisma.result.deleteMany({ where: { roomId, room: open } }),
    prisma.room.updateMany({ where: { id: roomId, ...open }, data: { status, endedAt: null } }),
  ]);
  return updated.count > 0;
}

/** FINISHED with these results (replacing an abort's), in one transaction. False: finished already. */
export async function closeAttemptRoom(
  prisma: PrismaClient,
  roomId: string,
  at: Date,
  results: readonly FinalResult[],
): Promise<boolean> {
  const open = { status: { not: "FINISHED" as const } };
  const [, , updated] = await prisma.$transaction([
    prisma.result.deleteMany({ where: { roomId, room: open } }),
    prisma.result.createMany({
      data: results.map((r) => ({
        roomId,
        playerId: r.playerId,
        rank: r.rank,
        score: r.score,
        correctCount: r.correctCount,
        answeredCount: r.answeredCount,
      })),
      skipDuplicates: true,
    }),
    prisma.room.updateMany({
      where: { id: roomId, ...open },
      data: { status: "FINISHED", endedAt: at },
    }),
  ]);
  return updated.count > 0;
}
