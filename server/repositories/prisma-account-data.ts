import type { PrismaClient } from "@/generated/prisma/client";
import type { ProfileData, ProfileGame, ProfileModel } from "@/lib/accounts/profile";
import { SET_LIMITS, setText } from "@/lib/question-sets/schema";
import { both } from "@/lib/question-sets/to-game";
import { readChallengeAttempts, readOwnedChallenges } from "./prisma-challenge-reads";

/**
 * The reads behind a profile page and a data export: one account's players (joined through
 * Player.userId), their results, answers and models. Nothing of any other player is selected, not
 * even their count's names: the only figure about others is how many played a room.
 */

/** Enough for years of play; the page shows them newest first. */
const MAX_GAMES = 500;
const MAX_MODELS = 10;
/** An export of a very active account stays one bounded JSON document. */
const MAX_EXPORT_ROWS = 20_000;

export function setTitle(title: unknown): { zh: string; en: string } {
  const parsed = setText(SET_LIMITS.title).safeParse(title);
  if (!parsed.success) return { zh: "", en: "" };
  try {
    return both(parsed.data);
  } catch {
    return { zh: "", en: "" };
  }
}

async function readGames(prisma: PrismaClient, userId: string): Promise<ProfileGame[]> {
  const players = await prisma.player.findMany({
    where: { userId },
    orderBy: [{ joinedAt: "desc" }, { id: "asc" }],
    take: MAX_GAMES,
    select: {
      nickname: true,
      joinedAt: true,
      room: {
        select: {
          code: true,
          status: true,
          questionSet: { select: { title: true } },
          _count: { select: { players: true } },
        },
      },
      result: { select: { rank: true, score: true, correctCount: true, answeredCount: true } },
    },
  });
  return players.map((p) => ({
    roomCode: p.room.code,
    title: setTitle(p.room.questionSet.title),
    nickname: p.nickname,
    playedAt: p.joinedAt.toISOString(),
    status: p.room.status,
    score: p.result?.score ?? null,
    rank: p.result?.rank ?? null,
    players: p.room._count.players,
    correctCount: p.result?.correctCount ?? null,
    answeredCount: p.result?.answeredCount ?? null,
  }));
}

async function readBestModels(prisma: PrismaClient, userId: string): Promise<ProfileModel[]> {
  // Final models only: `final` is set when the round closed, so no live round's score shows.
  const rows = await prisma.submission.findMany({
    where: { final: true, player: { userId } },
    orderBy: [{ privateAccuracy: { sort: "desc", nulls: "last" } }, { sizeBytes: "asc" }],
    take: MAX_MODELS,
    select: {
      variant: true,
      privateAccuracy: true,
      sizeBytes: true,
      finalRank: true,
      metTarget: true,
      createdAt: true,
      room: { select: { code: true } },
    },
  });
  return rows.map((r) => ({
    roomCode: r.room.code,
    variant: r.variant,
    privateAccuracy: r.privateAccuracy,
    sizeBytes: r.sizeBytes,
    finalRank: r.finalRank,
    metTarget: r.metTarget,
    createdAt: r.createdAt.toISOString(),
  }));
}

export async function readProfile(
  prisma: PrismaClient,
  userId: string,
): Promise<ProfileData | null> {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      image: true,
      hiddenFromBoards: true,
      createdAt: true,
      passwordHash: true,
      accounts: { select: { provider: true } },
    },
  });
  if (!user) return null;
  const [games, bestModels] = await Promise.all([
    readGames(prisma, userId),
    readBestModels(prisma, userId),
  ]);
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    image: user.image,
    hiddenFromBoards: user.hiddenFromBoards,
    createdAt: user.createdAt.toISOString(),
    providers: user.accounts.map((a) => a.provider),
    hasPassword: user.passwordHash !== null,
    games,
    bestModels,
    boardRanks: [],
  };
}

/** The "download my data" document: this account's rows, and none of anyone else's. */
export async function exportAccountData(
  prisma: PrismaClient,
  userId: string,
): Promise<Record<string, unknown> | null> {
  const profile = await readProfile(prisma, userId);
  if (!profile) return null;
  const [answers, submissions, sets, hostedRooms, challenges, attempts] = await Promise.all([
    prisma.answer.findMany({
      where: { player: { userId } },
      orderBy: [{ receivedAt: "asc" }],
      take: MAX_EXPORT_ROWS,
      select: {
        room: { select: { code: true } },
        questionIndex: true,
        payload: true,
        correctness: true,
        points: true,
        streakBonus: true,
        streak: true,
        elapsedMs: true,
        receivedAt: true,
      },
    }),
    prisma.submission.findMany({
      where: { player: { userId } },
      orderBy: [{ createdAt: "asc" }],
      take: MAX_EXPORT_ROWS,
      // Metadata only: the uploaded bytes can be large, and the lab keeps its own copy.
      select: {
        id: true,
        room: { select: { code: true } },
        questionIndex: true,
        variant: true,
        sha256: true,
        sizeBytes: true,
        parameters: true,
        status: true,
        publicAccuracy: true,
        final: true,
        finalRank: true,
        points: true,
        createdAt: true,
      },
    }),
    prisma.questionSet.findMany({
      where: { ownerId: userId },
      select: {
        id: true,
        slug: true,
        title: true,
        visibility: true,
        createdAt: true,
        deletedAt: true,
      },
    }),
    prisma.room.findMany({
      where: { hostId: userId },
      orderBy: { createdAt: "asc" },
      take: MAX_EXPORT_ROWS,
      select: { code: true, status: true, createdAt: true, endedAt: true },
    }),
    readOwnedChallenges(prisma, userId, MAX_EXPORT_ROWS),
    readChallengeAttempts(prisma, userId, MAX_EXPORT_ROWS),
  ]);
  const { boardRanks: _unused, ...account } = profile;
  return {
    exportedAt: new Date().toISOString(),
    account: {
      id: account.id,
      name: account.name,
      email: account.email,
      role: account.role,
      hiddenFromBoards: account.hiddenFromBoards,
      createdAt: account.createdAt,
      providers: account.providers,
      hasPassword: account.hasPassword,
    },
    games: account.games,
    answers: answers.map(({ room, ...rest }) => ({ roomCode: room.code, ...rest })),
    submissions: submissions.map(({ room, ...rest }) => ({ roomCode: room.code, ...rest })),
    bestModels: account.bestModels,
    questionSets: sets,
    hostedRooms,
    challenges,
    challengeAttempts: attempts,
  };
}
