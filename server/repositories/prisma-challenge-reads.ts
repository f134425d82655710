import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import type { RoomSettings } from "@/lib/contract/schemas";
import type { PlacedCodingRound } from "@/lib/coding/round";
import type { Question } from "@/lib/questions/schema";
import { ownerAttemptStatus } from "@/lib/challenges/rules";
import type {
  AttemptRecord,
  ChallengeRecord,
  OwnedChallengeRecord,
  OwnerAttemptRecord,
} from "./challenge-types";

/**
 * Challenge reads beyond one participant's attempt: the owner's (PrismaChallengeRepository
 * .listOwned / attemptsAt) and an account's data export (prisma-account-data.ts). A fixed number
 * of queries whatever the number of attempts, never one per attempt.
 */

export async function listOwnedChallenges(
  prisma: PrismaClient,
  ownerId: string,
  limit: number,
): Promise<OwnedChallengeRecord[]> {
  const rows = await prisma.challenge.findMany({
    where: { ownerId },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: limit,
    include: { _count: { select: { attempts: true } } },
  });
  if (rows.length === 0) return [];
  const finished = await prisma.challengeAttempt.groupBy({
    by: ["challengeId"],
    where: { challengeId: { in: rows.map((r) => r.id) }, room: { status: "FINISHED" } },
    _count: { _all: true },
  });
  const finishedBy = new Map(finished.map((f) => [f.challengeId, f._count._all]));
  return rows.map(({ _count, ...row }) => ({
    challenge: challengeRecord(row),
    attemptsStarted: _count.attempts,
    attemptsFinished: finishedBy.get(row.id) ?? 0,
  }));
}

export async function attemptsAtChallenge(
  prisma: PrismaClient,
  challengeId: string,
): Promise<OwnerAttemptRecord[]> {
  const rows = await prisma.challengeAttempt.findMany({
    where: { challengeId },
    orderBy: [{ startedAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      playerId: true,
      startedAt: true,
      user: { select: { name: true } },
      candidate: { select: { name: true } },
      room: { select: { status: true, endedAt: true } },
    },
  });
  const playerIds = rows.map((r) => r.playerId);
  const [results, submissions] = await Promise.all([
    resultsOf(prisma, playerIds),
    prisma.submission.findMany({
      where: { playerId: { in: playerIds } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        playerId: true,
        questionIndex: true,
        final: true,
        publicAccuracy: true,
        privateAccuracy: true,
        sizeBytes: true,
        points: true,
        metTarget: true,
      },
    }),
  ]);
  const modelsBy = new Map<string, OwnerAttemptRecord["submissions"]>();
  for (const { playerId, ...model } of submissions) {
    modelsBy.set(playerId, [...(modelsBy.get(playerId) ?? []), model]);
  }
  return rows.map((row) => ({
    id: row.id,
    name: row.candidate?.name ?? row.user?.name ?? "",
    kind: row.candidate ? "candidate" : "user",
    startedAt: row.startedAt,
    roomStatus: row.room.status,
    roomEndedAt: row.room.endedAt,
    result: results.get(row.playerId) ?? null,
    submissions: modelsBy.get(row.playerId) ?? [],
  }));
}

/**
 * Each player's final result, else what their stored answers add up to (an attempt still
 * running, or one the deadline cut short before its results were written): as attemptOf reads one.
 */
export async function resultsOf(
  prisma: PrismaClient,
  playerIds: string[],
): Promise<Map<string, NonNullable<AttemptRecord["result"]>>> {
  const byPlayer = new Map<string, NonNullable<AttemptRecord["result"]>>();
  if (playerIds.length === 0) return byPlayer;
  const finals = await prisma.result.findMany({
    where: { playerId: { in: playerIds } },
    select: { playerId: true, score: true, correctCount: true, answeredCount: true },
  });
  for (const { playerId, ...result } of finals) byPlayer.set(playerId, result);
  const open = playerIds.filter((id) => !byPlayer.has(id));
  if (open.length === 0) return byPlayer;
  const [sums, correct] = await Promise.all([
    prisma.answer.groupBy({
      by: ["playerId"],
      where: { playerId: { in: open } },
      _sum: { points: true, streakBonus: true },
      _count: { _all: true },
    }),
    prisma.answer.groupBy({
      by: ["playerId"],
      where: { playerId: { in: open }, correctness: 1 },
      _count: { _all: true },
    }),
  ]);
  const correctBy = new Map(correct.map((c) => [c.playerId, c._count._all]));
  for (const sum of sums) {
    byPlayer.set(sum.playerId, {
      score: (sum._sum.points ?? 0) + (sum._sum.streakBonus ?? 0),
      correctCount: correctBy.get(sum.playerId) ?? 0,
      answeredCount: sum._count._all,
    });
  }
  return byPlayer;
}

/**
 * For an account's data export: the challenges it created: its settings and question ids, and how many attempts it has
 * had. Not who took them: their attempts are the takers' data, in the takers' exports.
 */
export async function readOwnedChallenges(prisma: PrismaClient, userId: string, limit: number) {
  const rows = await prisma.challenge.findMany({
    where: { ownerId: userId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit,
    select: {
      id: true,
      title: true,
      eventId: true,
      questionSetIds: true,
      questions: true,
      settings: true,
      codingRounds: true,
      opensAt: true,
      deadline: true,
      createdAt: true,
      _count: { select: { attempts: true } },
    },
  });
  return rows.map(({ questions, _count, ...row }) => ({
    ...row,
    // Stored by ChallengeService.create as [{ id, question }]: the ids name the set questions.
    questionIds: Array.isArray(questions)
      ? questions.map((q) => (q as { id?: unknown } | null)?.id ?? null)
      : [],
    attemptCount: _count.attempts,
  }));
}

/**
 * For an account's data export: the challenges it took: one attempt each, with its room code (its answers and models are
 * under `answers` and `submissions` with the same code) and its result, or the points so far.
 */
export async function readChallengeAttempts(prisma: PrismaClient, userId: string, limit: number) {
  const rows = await prisma.challengeAttempt.findMany({
    where: { userId },
    orderBy: [{ startedAt: "asc" }, { id: "asc" }],
    take: limit,
    select: {
      id: true,
      challengeId: true,
      playerId: true,
      startedAt: true,
      challenge: { select: { title: true, deadline: true } },
      room: { select: { code: true, status: true, endedAt: true } },
    },
  });
  const results = await resultsOf(
    prisma,
    rows.map((r) => r.playerId),
  );
  const now = new Date();
  return rows.map((row) => ({
    id: row.id,
    challengeId: row.challengeId,
    challengeTitle: row.challenge.title,
    roomCode: row.room.code,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.room.endedAt?.toISOString() ?? null,
    status: ownerAttemptStatus(
      { roomStatus: row.room.status, endedAt: row.room.endedAt },
      row.challenge.deadline,
      now,
    ),
    result: results.get(row.playerId) ?? null,
  }));
}

type ChallengeRow = Prisma.ChallengeGetPayload<object>;

export function challengeRecord(row: ChallengeRow): ChallengeRecord {
  return {
    id: row.id,
    ownerId: row.ownerId,
    eventId: row.eventId,
    title: row.title,
    questionSetId: row.questionSetId,
    questionSetIds: row.questionSetIds,
    // Written by create() from validated values only.
    questions: row.questions as unknown as { id: string; question: Question }[],
    selection: row.selection ?? undefined,
    settings: row.settings as unknown as RoomSettings,
    codingRounds: row.codingRounds as unknown as PlacedCodingRound[],
    opensAt: row.opensAt,
    deadline: row.deadline,
    createdAt: row.createdAt,
  };
}
