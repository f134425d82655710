import { ownerAttemptStatus, rankAttempts } from "@/lib/challenges/rules";
import type {
  AttemptModel,
  ChallengeAttemptsView,
  ChallengeView,
  OwnedChallengesView,
  OwnerAttempt,
} from "@/lib/contract/challenges";
import { err, ok, type Result } from "@/lib/contract/errors";
import type {
  ChallengeRecord,
  ChallengeRepository,
  OwnerAttemptRecord,
} from "../repositories/challenge-types";

/** The list page shows this many of an owner's challenges, newest first. */
export const OWNED_CHALLENGES_LIMIT = 200;

type ViewOf = (challenge: ChallengeRecord, now: Date) => ChallengeView;

/**
 * What a challenge's owner reads: their own challenges, and everyone's attempts at one of them.
 * Nobody else reads either: without a session the answer is UNAUTHENTICATED before anything is
 * looked up, and another user's challenge is CHALLENGE_NOT_FOUND, exactly as a missing one, so a
 * guessed id tells nothing. (A study group's host has no event dashboard: this is theirs.)
 */
export async function ownedChallenges(
  repo: Pick<ChallengeRepository, "listOwned">,
  userId: string | null,
  now: Date,
  viewOf: ViewOf,
): Promise<Result<OwnedChallengesView>> {
  if (!userId) return err("UNAUTHENTICATED");
  const rows = await repo.listOwned(userId, OWNED_CHALLENGES_LIMIT);
  return ok({
    challenges: rows.map(({ challenge, attemptsStarted, attemptsFinished }) => ({
      ...viewOf(challenge, now),
      createdAt: challenge.createdAt.toISOString(),
      attemptsStarted,
      attemptsFinished,
    })),
  });
}

export async function challengeAttempts(
  repo: Pick<ChallengeRepository, "get" | "attemptsAt">,
  userId: string | null,
  id: string,
  now: Date,
  viewOf: ViewOf,
): Promise<Result<ChallengeAttemptsView>> {
  if (!userId) return err("UNAUTHENTICATED");
  const challenge = /^[a-z0-9]{10,40}$/.test(id) ? await repo.get(id) : null;
  if (!challenge || challenge.ownerId !== userId) return err("CHALLENGE_NOT_FOUND");
  const rows = await repo.attemptsAt(challenge.id);
  const ranks = rankAttempts(rows.map((r) => r.result?.score ?? null));
  const attempts = rows.map((row, i) => ownerAttempt(row, ranks[i] ?? null, challenge, now));
  attempts.sort(
    (a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || b.startedAt.localeCompare(a.startedAt),
  );
  return ok({ challenge: viewOf(challenge, now), attempts });
}

function ownerAttempt(
  row: OwnerAttemptRecord,
  rank: number | null,
  challenge: ChallengeRecord,
  now: Date,
): OwnerAttempt {
  const status = ownerAttemptStatus(
    { roomStatus: row.roomStatus, endedAt: row.roomEndedAt },
    challenge.deadline,
    now,
  );
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    status,
    startedAt: row.startedAt.toISOString(),
    finishedAt: status === "in-progress" || !row.roomEndedAt ? null : row.roomEndedAt.toISOString(),
    score: row.result?.score ?? null,
    correctCount: row.result?.correctCount ?? null,
    answeredCount: row.result?.answeredCount ?? null,
    rank,
    models: codingIndexes(challenge).map((questionIndex) => modelAt(row, questionIndex)),
  };
}

/**
 * Where each coding round sits in an attempt's sequence: round n placed after `afterQuestion`
 * quiz questions comes after the rounds placed before it too, as lib/game/create-room.ts lays out
 * the sequence (ties keep their order: the sort is stable).
 */
export function codingIndexes(
  challenge: Pick<ChallengeRecord, "codingRounds" | "questions">,
): number[] {
  return challenge.codingRounds
    .map((r) => Math.min(r.afterQuestion, challenge.questions.length))
    .sort((a, b) => a - b)
    .map((after, n) => after + n);
}

function modelAt(row: OwnerAttemptRecord, questionIndex: number): AttemptModel {
  const mine = row.submissions.filter((s) => s.questionIndex === questionIndex);
  const final = mine.find((s) => s.final);
  return {
    questionIndex,
    submissions: mine.length,
    final: final
      ? {
          publicAccuracy: final.publicAccuracy,
          privateAccuracy: final.privateAccuracy,
          sizeBytes: final.sizeBytes,
          points: final.points,
          metTarget: final.metTarget,
        }
      : null,
  };
}
