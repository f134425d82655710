import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import type { StoredAttempt } from "@/lib/game/self-paced-resume";
import type { FinalResult } from "@/lib/game/types";
import { closeAttemptRoom, loadStoredAttempt, reopenAttemptRoom } from "./prisma-attempt-rooms";
import {
  AttemptExistsError,
  type AttemptRecord,
  type ChallengeRecord,
  type ChallengeRepository,
  type NewChallenge,
  type OwnedChallengeRecord,
  type OwnerAttemptRecord,
} from "./challenge-types";
import {
  attemptsAtChallenge,
  challengeRecord,
  listOwnedChallenges,
} from "./prisma-challenge-reads";
import { toJson } from "./question-versions";

/** Challenges and their attempts over Prisma. The unique (challenge, participant) is the rule. */
export class PrismaChallengeRepository implements ChallengeRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async create(input: NewChallenge): Promise<ChallengeRecord> {
    const row = await this.prisma.challenge.create({
      data: {
        ...input,
        questions: toJson(input.questions),
        selection: input.selection === undefined ? Prisma.DbNull : toJson(input.selection),
        settings: toJson(input.settings),
        codingRounds: toJson(input.codingRounds),
      },
    });
    return challengeRecord(row);
  }

  async get(id: string): Promise<ChallengeRecord | null> {
    const row = await this.prisma.challenge.findUnique({ where: { id } });
    return row ? challengeRecord(row) : null;
  }

  async attemptOf(challengeId: string, participantKey: string): Promise<AttemptRecord | null> {
    const row = await this.prisma.challengeAttempt.findUnique({
      where: { challengeId_participantKey: { challengeId, participantKey } },
      include: { room: { select: { code: true, status: true } } },
    });
    if (!row) return null;
    return {
      id: row.id,
      challengeId: row.challengeId,
      roomId: row.roomId,
      roomCode: row.room.code,
      roomStatus: row.room.status,
      playerId: row.playerId,
      startedAt: row.startedAt,
      result: await this.resultOf(row.playerId),
    };
  }

  async createAttempt(input: {
    challengeId: string;
    participantKey: string;
    userId: string | null;
    candidateId: string | null;
    roomId: string;
    playerId: string;
  }): Promise<void> {
    try {
      await this.prisma.challengeAttempt.create({ data: input });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        throw new AttemptExistsError();
      }
      throw error;
    }
  }

  listOwned(ownerId: string, limit: number): Promise<OwnedChallengeRecord[]> {
    return listOwnedChallenges(this.prisma, ownerId, limit);
  }

  attemptsAt(challengeId: string): Promise<OwnerAttemptRecord[]> {
    return attemptsAtChallenge(this.prisma, challengeId);
  }

  async discardEmptyRoom(roomId: string): Promise<void> {
    // Only a room no one joined: a guard against ever deleting a played attempt.
    await this.prisma.room.deleteMany({ where: { id: roomId, players: { none: {} } } });
  }

  storedAttempt(roomId: string): Promise<StoredAttempt | null> {
    return loadStoredAttempt(this.prisma, roomId);
  }

  reopenRoom(roomId: string, status: "LOBBY" | "RUNNING"): Promise<boolean> {
    return reopenAttemptRoom(this.prisma, roomId, status);
  }

  closeRoom(roomId: string, at: Date, results: readonly FinalResult[]): Promise<boolean> {
    return closeAttemptRoom(this.prisma, roomId, at, results);
  }

  /** The final result, else what the stored answers add up to (a game the deadline cut short). */
  private async resultOf(playerId: string): Promise<AttemptRecord["result"]> {
    const final = await this.prisma.result.findUnique({
      where: { playerId },
      select: { score: true, correctCount: true, answeredCount: true },
    });
    if (final) return final;
    const answers = await this.prisma.answer.findMany({
      where: { playerId },
      select: { points: true, streakBonus: true, correctness: true },
    });
    if (answers.length === 0) return null;
    return {
      score: answers.reduce((sum, a) => sum + a.points + a.streakBonus, 0),
      correctCount: answers.filter((a) => a.correctness === 1).length,
      answeredCount: answers.length,
    };
  }
}
