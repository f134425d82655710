import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import {
  checkAccountDeletion,
  checkRoleChange,
  roleForNewAccount,
  type Role,
} from "@/lib/accounts/roles";
import type {
  AccountRepository,
  AccountUser,
  ClaimCheck,
  NewAccount,
  Outcome,
  VerifiedClaim,
} from "./account-types";
import { exportAccountData, readProfile } from "./prisma-account-data";
import { EmailTakenError } from "./types";

const ACCOUNT_FIELDS = {
  id: true,
  email: true,
  name: true,
  role: true,
  image: true,
  emailVerified: true,
  hiddenFromBoards: true,
  createdAt: true,
} as const;

/**
 * One transaction-scoped advisory lock serialises every change that counts accounts or admins
 * (a sign-up deciding "first account?", a role change or deletion deciding "last admin?"). These
 * are rare, so one key for all of them costs nothing and rules out every interleaving.
 */
const ACCOUNTS_LOCK = 0x6b62_6100; // "kba\0"

/** A deleted account that hosted rooms keeps a row under this unroutable address (RFC 2606). */
const TOMBSTONE_DOMAIN = "@deleted.invalid";
const TOMBSTONE_NAME = "—";

type Tx = Prisma.TransactionClient;

async function lockAccounts(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ACCOUNTS_LOCK})`;
}

export class PrismaAccountRepository implements AccountRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async signUp(input: NewAccount, opts: { openHostSignup: boolean }): Promise<AccountUser> {
    try {
      return await this.prisma.$transaction(async (tx) => {
        await lockAccounts(tx);
        const existingAccounts = await tx.user.count();
        const role = roleForNewAccount({ existingAccounts, openHostSignup: opts.openHostSignup });
        return tx.user.create({ data: { ...input, role }, select: ACCOUNT_FIELDS });
      });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
        throw new EmailTakenError();
      throw error;
    }
  }

  get(id: string): Promise<AccountUser | null> {
    return this.prisma.user.findUnique({ where: { id }, select: ACCOUNT_FIELDS });
  }

  getByEmail(email: string): Promise<AccountUser | null> {
    return this.prisma.user.findUnique({ where: { email }, select: ACCOUNT_FIELDS });
  }

  async role(id: string): Promise<Role | null> {
    const row = await this.prisma.user.findUnique({ where: { id }, select: { role: true } });
    return row?.role ?? null;
  }

  async findByProviderAccount(provider: string, providerAccountId: string) {
    const row = await this.prisma.account.findUnique({
      where: { provider_providerAccountId: { provider, providerAccountId } },
      select: { user: { select: ACCOUNT_FIELDS } },
    });
    return row?.user ?? null;
  }

  async linkProviderAccount(link: {
    userId: string;
    type: string;
    provider: string;
    providerAccountId: string;
  }): Promise<void> {
    await this.prisma.account.create({ data: link, select: { id: true } });
  }

  async unlinkProviderAccount(provider: string, providerAccountId: string): Promise<void> {
    await this.prisma.account.deleteMany({ where: { provider, providerAccountId } });
  }

  updateUser(
    id: string,
    data: { name?: string; image?: string | null; emailVerified?: Date | null },
  ): Promise<AccountUser> {
    return this.prisma.user.update({ where: { id }, data, select: ACCOUNT_FIELDS });
  }

  async search(query: { q: string; page: number; pageSize: number }) {
    const where: Prisma.UserWhereInput = {
      NOT: { email: { endsWith: TOMBSTONE_DOMAIN } },
      ...(query.q
        ? {
            OR: [
              { name: { contains: query.q, mode: "insensitive" } },
              { email: { contains: query.q, mode: "insensitive" } },
            ],
          }
        : {}),
    };
    const [rows, total] = await Promise.all([
      this.prisma.user.findMany({
        where,
        select: ACCOUNT_FIELDS,
        orderBy: [{ createdAt: "desc" }, { id: "asc" }],
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
      }),
      this.prisma.user.count({ where }),
    ]);
    return { rows, total };
  }

  async setRole(
    actorId: string,
    targetId: string,
    role: Role,
  ): Promise<Outcome<AccountUser, "ROLE_REQUIRED" | "LAST_ADMIN" | "USER_NOT_FOUND">> {
    return this.prisma.$transaction(async (tx) => {
      await lockAccounts(tx);
      const actor = await tx.user.findUnique({ where: { id: actorId }, select: { role: true } });
      if (!actor) return { ok: false, error: "ROLE_REQUIRED" } as const;
      const target = await tx.user.findUnique({ where: { id: targetId }, select: ACCOUNT_FIELDS });
      if (!target || target.email.endsWith(TOMBSTONE_DOMAIN)) {
        // A non-admin learns nothing about which ids exist.
        return actor.role === "ADMIN"
          ? ({ ok: false, error: "USER_NOT_FOUND" } as const)
          : ({ ok: false, error: "ROLE_REQUIRED" } as const);
      }
      const admins = await tx.user.count({ where: { role: "ADMIN" } });
      const check = checkRoleChange({
        actor: actor.role,
        current: target.role,
        next: role,
        admins,
      });
      if (!check.ok) return check;
      if (target.role === role) return { ok: true, data: target } as const;
      const data = await tx.user.update({
        where: { id: targetId },
        data: { role },
        select: ACCOUNT_FIELDS,
      });
      return { ok: true, data } as const;
    });
  }

  async updateProfile(id: string, data: { name?: string; hiddenFromBoards?: boolean }) {
    const updated = await this.prisma.user.updateMany({ where: { id }, data });
    return updated.count === 1 ? this.get(id) : null;
  }

  profile(id: string) {
    return readProfile(this.prisma, id);
  }

  exportData(id: string) {
    return exportAccountData(this.prisma, id);
  }

  async deleteAccount(
    id: string,
  ): Promise<Outcome<{ scrubbed: boolean }, "LAST_ADMIN" | "USER_NOT_FOUND">> {
    return this.prisma.$transaction(async (tx) => {
      await lockAccounts(tx);
      const user = await tx.user.findUnique({ where: { id }, select: { role: true, email: true } });
      if (!user || user.email.endsWith(TOMBSTONE_DOMAIN))
        return { ok: false, error: "USER_NOT_FOUND" } as const;
      const admins = await tx.user.count({ where: { role: "ADMIN" } });
      const check = checkAccountDeletion({ role: user.role, admins });
      if (!check.ok) return check;

      // Results stay, with nobody's name on them: boards count them as anonymous players.
      await tx.player.updateMany({ where: { userId: id }, data: { userId: null } });
      await tx.account.deleteMany({ where: { userId: id } });
      // Sets no room has played go; the others are hidden and ownerless (rooms still point at
      // their questions), exactly as the owner deleting each set would leave them.
      await tx.questionSet.deleteMany({
        where: { ownerId: id, rooms: { none: {} }, roomSets: { none: {} } },
      });
      await tx.questionSet.updateMany({
        where: { ownerId: id },
        data: { ownerId: null, deletedAt: new Date() },
      });
      // Rooms belong to their host (onDelete: Cascade): deleting the row would delete every other
      // player's results of those rooms. So a host's row stays, with nothing personal left in it.
      const hosted = await tx.room.count({ where: { hostId: id } });
      if (hosted === 0) {
        await tx.user.delete({ where: { id } });
        return { ok: true, data: { scrubbed: false } } as const;
      }
      await tx.user.update({
        where: { id },
        data: {
          email: `deleted-${id}${TOMBSTONE_DOMAIN}`,
          name: TOMBSTONE_NAME,
          passwordHash: null,
          role: "PLAYER",
          emailVerified: null,
          image: null,
          hiddenFromBoards: true,
        },
        select: { id: true },
      });
      return { ok: true, data: { scrubbed: true } } as const;
    });
  }

  async checkClaims(claims: readonly VerifiedClaim[]): Promise<ClaimCheck[]> {
    const players = await this.claimedPlayers(this.prisma, claims);
    return claims.map((claim): ClaimCheck => {
      const player = players.get(claim.playerId);
      if (!player || player.room.code !== claim.roomCode)
        return { playerId: claim.playerId, status: "invalid" };
      if (player.userId !== null) return { playerId: claim.playerId, status: "taken" };
      return {
        playerId: claim.playerId,
        status: "claimable",
        game: {
          playerId: claim.playerId,
          roomCode: player.room.code,
          nickname: player.nickname,
          score: player.result?.score ?? null,
          rank: player.result?.rank ?? null,
          playedAt: player.joinedAt.toISOString(),
        },
      };
    });
  }

  async claimPlayers(
    userId: string,
    claims: readonly VerifiedClaim[],
  ): Promise<Outcome<{ claimed: number }, "CLAIM_INVALID" | "CLAIM_TAKEN">> {
    const ids = [...new Set(claims.map((c) => c.playerId))];
    return this.prisma.$transaction(async (tx) => {
      // Lock the rows: two accounts claiming one player at once, only one sees userId null.
      await tx.$queryRaw`SELECT "id" FROM "Player" WHERE "id" = ANY(${ids}::text[]) FOR UPDATE`;
      const players = await this.claimedPlayers(tx, claims);
      for (const claim of claims) {
        const player = players.get(claim.playerId);
        if (!player || player.room.code !== claim.roomCode)
          return { ok: false, error: "CLAIM_INVALID" } as const;
        if (player.userId !== null) return { ok: false, error: "CLAIM_TAKEN" } as const;
      }
      const { count } = await tx.player.updateMany({
        where: { id: { in: ids }, userId: null },
        data: { userId },
      });
      return { ok: true, data: { claimed: count } } as const;
    });
  }

  private async claimedPlayers(db: Tx | PrismaClient, claims: readonly VerifiedClaim[]) {
    const rows = await db.player.findMany({
      where: { id: { in: claims.map((c) => c.playerId) } },
      select: {
        id: true,
        userId: true,
        nickname: true,
        joinedAt: true,
        room: { select: { code: true } },
        result: { select: { score: true, rank: true } },
      },
    });
    return new Map(rows.map((row) => [row.id, row]));
  }
}
