import bcrypt from "bcryptjs";
import { describe, expect, it, vi } from "vitest";
import type { Account, User } from "next-auth";
import type { JWT } from "next-auth/jwt";
import type { CredentialsConfig } from "next-auth/providers/credentials";
import { authorizeWithPassword, buildAuthOptions } from "@/server/auth/auth-options";
import { ARGON2_OPTIONS, hashPassword, verifyPassword } from "@/server/auth/password";
import { EmailTakenError, type UserRecord, type UserRepository } from "@/server/repositories/types";

// Spy on verifyPassword while keeping its real behaviour, to see which hash authorize checks.
vi.mock("@/server/auth/password", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/server/auth/password")>();
  return { ...real, verifyPassword: vi.fn(real.verifyPassword) };
});

const SECRET = "test-secret-0123456789abcdef";

class InMemoryUserRepository implements UserRepository {
  readonly rows: UserRecord[] = [];
  create(input: { email: string; name: string; passwordHash: string }): Promise<UserRecord> {
    if (this.rows.some((row) => row.email === input.email))
      return Promise.reject(new EmailTakenError());
    const row = { id: `user-${this.rows.length + 1}`, role: "HOST" as const, ...input };
    this.rows.push(row);
    return Promise.resolve(row);
  }
  findByEmail(email: string): Promise<UserRecord | null> {
    return Promise.resolve(this.rows.find((row) => row.email === email) ?? null);
  }
  findById(id: string): Promise<UserRecord | null> {
    return Promise.resolve(this.rows.find((row) => row.id === id) ?? null);
  }
  updatePasswordHash(id: string, passwordHash: string): Promise<void> {
    const row = this.rows.find((r) => r.id === id);
    if (row) row.passwordHash = passwordHash;
    return Promise.resolve();
  }
}

/** Cheap argon2 parameters: the tests check behaviour, not cost. */
const FAST = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

async function usersWithAda(): Promise<InMemoryUserRepository> {
  const users = new InMemoryUserRepository();
  await users.create({
    email: "ada@example.org",
    name: "Ada",
    passwordHash: await hashPassword("analytical", FAST),
  });
  return users;
}

/**
 * CredentialsProvider() keeps the caller's config under `options`, and next-auth's core merges it
 * over the provider's defaults (core/lib/providers.js); do the same to reach the real authorize.
 */
function credentialsAuthorize(users: UserRepository) {
  const [provider] = buildAuthOptions({ secret: SECRET, users }).providers;
  const merged = {
    ...provider,
    ...(provider as { options?: object }).options,
  } as CredentialsConfig;
  return (credentials: unknown) =>
    merged.authorize(credentials as Record<string, string>, {
      method: "POST",
      headers: {},
      body: {},
      query: {},
    });
}

describe("authorize (credentials sign-in)", () => {
  it("returns id, email, name and role, never the hash, for the right password", async () => {
    const authorize = credentialsAuthorize(await usersWithAda());
    const user = await authorize({ email: "ada@example.org", password: "analytical" });
    expect(user).toEqual({ id: "user-1", email: "ada@example.org", name: "Ada", role: "HOST" });
  });

  it("normalises the email the way sign-up does", async () => {
    const authorize = credentialsAuthorize(await usersWithAda());
    await expect(
      authorize({ email: "  Ada@Example.ORG ", password: "analytical" }),
    ).resolves.toMatchObject({
      id: "user-1",
    });
  });

  it("returns null for a wrong password", async () => {
    const authorize = credentialsAuthorize(await usersWithAda());
    await expect(
      authorize({ email: "ada@example.org", password: "Analytical" }),
    ).resolves.toBeNull();
  });

  it("returns null for an unknown email, after an argon2 check as costly as a real account's", async () => {
    const users = await usersWithAda();
    vi.mocked(verifyPassword).mockClear();
    await expect(
      authorizeWithPassword(users, { email: "bob@example.org", password: "analytical" }),
    ).resolves.toBeNull();
    expect(vi.mocked(verifyPassword)).toHaveBeenCalledExactlyOnceWith(
      "analytical",
      expect.stringContaining(
        `$argon2id$v=19$m=${ARGON2_OPTIONS.memoryCost},t=${ARGON2_OPTIONS.timeCost},p=1$`,
      ),
    );
  });

  it("rehashes a legacy bcrypt hash to argon2 after a successful sign-in, and only then", async () => {
    const users = new InMemoryUserRepository();
    const legacy = await bcrypt.hash("analytical", 4);
    await users.create({ email: "old@example.org", name: "Old", passwordHash: legacy });
    await expect(
      authorizeWithPassword(users, { email: "old@example.org", password: "wrong-one" }),
    ).resolves.toBeNull();
    expect(users.rows[0]?.passwordHash).toBe(legacy);
    await expect(
      authorizeWithPassword(users, { email: "old@example.org", password: "analytical" }),
    ).resolves.toMatchObject({ email: "old@example.org" });
    const rehashed = users.rows[0]?.passwordHash ?? "";
    expect(rehashed).toMatch(/^\$argon2id\$/);
    await expect(verifyPassword("analytical", rehashed)).resolves.toBe(true);
  });

  it.each([
    undefined,
    null,
    "ada@example.org",
    {},
    { email: "ada@example.org" },
    { email: "not-an-email", password: "analytical" },
    { email: "ada@example.org", password: "" },
    { email: "ada@example.org", password: 12345678 },
    { email: ["ada@example.org"], password: "analytical" },
  ])("returns null for malformed credentials %#", async (credentials) => {
    const users = await usersWithAda();
    const lookups = vi.spyOn(users, "findByEmail");
    await expect(authorizeWithPassword(users, credentials)).resolves.toBeNull();
    expect(lookups).not.toHaveBeenCalled();
  });

  it("reports a storage failure as a bare code, not the driver's message", async () => {
    const users = await usersWithAda();
    vi.spyOn(users, "findByEmail").mockRejectedValue(
      new Error("connect ECONNREFUSED 10.0.0.5:5432"),
    );
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    await expect(
      authorizeWithPassword(users, { email: "ada@example.org", password: "analytical" }),
    ).rejects.toThrow(/^INTERNAL$/);
    quiet.mockRestore();
  });
});

describe("session shape", () => {
  const options = buildAuthOptions({ secret: SECRET, users: new InMemoryUserRepository() });
  const { jwt, session } = options.callbacks ?? {};
  if (!jwt || !session)
    throw new Error("buildAuthOptions must define the jwt and session callbacks");

  it("uses JWT sessions, our secret and the custom sign-in page", () => {
    expect(options.session?.strategy).toBe("jwt");
    expect(options.secret).toBe(SECRET);
    expect(options.pages?.signIn).toBe("/signin");
  });

  it("puts the user id and role into the token at sign-in and exposes them on session.user", async () => {
    const user = {
      id: "user-7",
      name: "Grace",
      email: "grace@example.org",
      role: "ORGANISER",
    } as User;
    const account: Account = {
      providerAccountId: "user-7",
      type: "credentials",
      provider: "credentials",
    };
    const signedIn = await jwt({ token: {}, user, account, trigger: "signIn" });
    expect(signedIn).toMatchObject({
      sub: "user-7",
      name: "Grace",
      email: "grace@example.org",
      role: "ORGANISER",
    });

    // Later requests: next-auth passes no user, and the token must carry the id forward unchanged.
    const later: JWT = await jwt({
      token: signedIn,
      user: undefined as unknown as User,
      account: null,
    });
    expect(later.sub).toBe("user-7");

    // next-auth builds the default session from the token's name, email and picture only.
    const fromToken = {
      user: { name: "Grace", email: "grace@example.org" },
      expires: "2030-01-01T00:00:00Z",
    };
    const exposed = await session({ session: fromToken, token: later } as Parameters<
      typeof session
    >[0]);
    expect(exposed.user).toEqual({
      id: "user-7",
      name: "Grace",
      email: "grace@example.org",
      role: "ORGANISER",
    });
  });
});
