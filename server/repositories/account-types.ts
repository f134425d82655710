import type { ClaimableGame } from "@/lib/contract/accounts";
import type { ProfileData } from "@/lib/accounts/profile";
import type { Role } from "@/lib/accounts/roles";

/** An account as the account, admin and auth code sees it (never its password hash). */
export interface AccountUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  image: string | null;
  emailVerified: Date | null;
  hiddenFromBoards: boolean;
  createdAt: Date;
}

export interface NewAccount {
  email: string;
  name: string;
  /** Null for an account made by an OAuth sign-in. */
  passwordHash: string | null;
  emailVerified?: Date | null;
  image?: string | null;
}

export type Outcome<T, E extends string> = { ok: true; data: T } | { ok: false; error: E };

/** A claim whose signature was already verified: the server signed (player, room) for a device. */
export interface VerifiedClaim {
  playerId: string;
  roomCode: string;
}

export type ClaimCheck =
  | { playerId: string; status: "claimable"; game: ClaimableGame }
  | { playerId: string; status: "taken" | "invalid" };

export interface AccountRepository {
  /**
   * A new account whose role the rules decide (lib/accounts/roles.ts roleForNewAccount), counted
   * and inserted under one transaction-scoped lock: of two first sign-ups, exactly one is ADMIN.
   * Throws EmailTakenError when the email exists.
   */
  signUp(input: NewAccount, opts: { openHostSignup: boolean }): Promise<AccountUser>;
  get(id: string): Promise<AccountUser | null>;
  getByEmail(email: string): Promise<AccountUser | null>;
  /** The role as stored now: privileged routes ask this, not the session's copy. */
  role(id: string): Promise<Role | null>;

  findByProviderAccount(provider: string, providerAccountId: string): Promise<AccountUser | null>;
  linkProviderAccount(link: {
    userId: string;
    type: string;
    provider: string;
    providerAccountId: string;
  }): Promise<void>;
  unlinkProviderAccount(provider: string, providerAccountId: string): Promise<void>;
  updateUser(
    id: string,
    data: { name?: string; image?: string | null; emailVerified?: Date | null },
  ): Promise<AccountUser>;

  /** Admin list: name or email containing `q`, newest first. */
  search(query: { q: string; page: number; pageSize: number }): Promise<{
    rows: AccountUser[];
    total: number;
  }>;
  /** The actor's role is read again inside the transaction; the last admin is never demoted. */
  setRole(
    actorId: string,
    targetId: string,
    role: Role,
  ): Promise<Outcome<AccountUser, "ROLE_REQUIRED" | "LAST_ADMIN" | "USER_NOT_FOUND">>;

  updateProfile(
    id: string,
    data: { name?: string; hiddenFromBoards?: boolean },
  ): Promise<AccountUser | null>;
  profile(id: string): Promise<ProfileData | null>;
  /** Everything stored about this account and only this account (GDPR-style export). */
  exportData(id: string): Promise<Record<string, unknown> | null>;
  /**
   * Deletes the account: its players are unlinked (results stay, anonymous), its OAuth identities
   * and sets it owns go (sets a room played are hidden, as a set deletion does). An account that
   * hosted rooms keeps a scrubbed row (no email, name or password) so those rooms' other
   * players keep their results. The last admin cannot delete their account.
   */
  deleteAccount(
    id: string,
  ): Promise<Outcome<{ scrubbed: boolean }, "LAST_ADMIN" | "USER_NOT_FOUND">>;

  /** What each verified claim would do; writes nothing. */
  checkClaims(claims: readonly VerifiedClaim[]): Promise<ClaimCheck[]>;
  /** All or nothing, in one transaction: every player must exist in its room and have no user. */
  claimPlayers(
    userId: string,
    claims: readonly VerifiedClaim[],
  ): Promise<Outcome<{ claimed: number }, "CLAIM_INVALID" | "CLAIM_TAKEN">>;
}
