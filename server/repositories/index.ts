import type { PrismaClient } from "@/generated/prisma/client";
import type { SqlExecutor } from "../db/client";
import { PrismaChallengeRepository } from "./prisma-challenges";
import { PrismaEventRepository } from "./prisma-events";
import { PrismaBoardRepository } from "./prisma-boards";
import { PrismaQuestionSetRepository } from "./prisma-question-sets";
import { PrismaRoomRepository } from "./prisma-rooms";
import { PrismaSubmissionRepository } from "./prisma-submissions";
import { PrismaUserRepository } from "./prisma-users";
import { PrismaAccountRepository } from "./prisma-accounts";
import type { Repositories } from "./types";

export {
  PrismaBoardRepository,
  PrismaQuestionSetRepository,
  PrismaRoomRepository,
  PrismaSubmissionRepository,
  PrismaUserRepository,
};
export { AnswerExistsError } from "./prisma-rooms";

/**
 * The production storage: every repository over the process's one Prisma client, and the game's
 * bulk writes on its driver (`Database.sql`; through Prisma's raw API when not given).
 */
export function createPrismaRepositories(prisma: PrismaClient, sql?: SqlExecutor): Repositories {
  return {
    users: new PrismaUserRepository(prisma),
    accounts: new PrismaAccountRepository(prisma),
    questionSets: new PrismaQuestionSetRepository(prisma),
    rooms: new PrismaRoomRepository(prisma, sql),
    submissions: new PrismaSubmissionRepository(prisma),
    events: new PrismaEventRepository(prisma),
    boards: new PrismaBoardRepository(prisma),
    challenges: new PrismaChallengeRepository(prisma),
  };
}
