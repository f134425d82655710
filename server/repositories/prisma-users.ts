import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import { EmailTakenError, type UserRecord, type UserRepository } from "./types";

const USER_FIELDS = { id: true, email: true, name: true, passwordHash: true, role: true } as const;

export class PrismaUserRepository implements UserRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async create(input: Parameters<UserRepository["create"]>[0]): Promise<UserRecord> {
    try {
      return await this.prisma.user.create({ data: input, select: USER_FIELDS });
    } catch (error) {
      // The id is generated, so the email is the only unique field that can collide.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        throw new EmailTakenError();
      }
      throw error;
    }
  }

  findByEmail(email: string): Promise<UserRecord | null> {
    return this.prisma.user.findUnique({ where: { email }, select: USER_FIELDS });
  }

  findById(id: string): Promise<UserRecord | null> {
    return this.prisma.user.findUnique({ where: { id }, select: USER_FIELDS });
  }

  async updatePasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.prisma.user.update({ where: { id }, data: { passwordHash }, select: { id: true } });
  }
}
