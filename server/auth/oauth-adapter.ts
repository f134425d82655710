import type { Adapter, AdapterAccount, AdapterUser } from "next-auth/adapters";
import type { AccountRepository, AccountUser } from "../repositories/account-types";

/**
 * next-auth's adapter, over our account repository: only what OAuth sign-in with JWT sessions
 * uses (no database sessions, no email tokens). Written here rather than taken from
 * @next-auth/prisma-adapter because that one stores every provider token in Account, which we
 * deliberately do not keep, and creates users outside our sign-up rules (first account ADMIN).
 *
 * The linking rule (README "Accounts and roles"): an OAuth identity is linked to an existing
 * account only when that account is signed in and links it (next-auth's callback does this when
 * a session is present). An identity whose email matches an existing account is never linked
 * automatically, verified email or not: next-auth refuses it with OAuthAccountNotLinked, and the
 * owner signs in the way they always did and links the provider from their profile. Emails are
 * compared in lower case, as sign-up stores them.
 */

const MAX_NAME = 60;

/** A provider's display name, made to fit sign-up's rule (1-60 chars, no control characters). */
export function oauthDisplayName(name: unknown, email: string): string {
  const raw = typeof name === "string" ? name : "";
  const clean = raw.replace(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu, "").trim();
  const fallback = email.split("@")[0] ?? "player";
  return [...(clean || fallback)].slice(0, MAX_NAME).join("") || "player";
}

function toAdapterUser(user: AccountUser): AdapterUser & { role: AccountUser["role"] } {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    image: user.image,
    emailVerified: user.emailVerified,
    role: user.role,
  };
}

export function accountAdapter(
  accounts: AccountRepository,
  opts: { openHostSignup: boolean },
): Adapter {
  return {
    async createUser(user: Omit<AdapterUser, "id">) {
      const email = user.email.trim().toLowerCase();
      const created = await accounts.signUp(
        {
          email,
          name: oauthDisplayName(user.name, email),
          passwordHash: null,
          image: typeof user.image === "string" ? user.image.slice(0, 500) : null,
        },
        opts,
      );
      return toAdapterUser(created);
    },
    async getUser(id) {
      const user = await accounts.get(id);
      return user ? toAdapterUser(user) : null;
    },
    async getUserByEmail(email) {
      const user = await accounts.getByEmail(email.trim().toLowerCase());
      return user ? toAdapterUser(user) : null;
    },
    async getUserByAccount({ provider, providerAccountId }) {
      const user = await accounts.findByProviderAccount(provider, providerAccountId);
      return user ? toAdapterUser(user) : null;
    },
    async updateUser(user) {
      const updated = await accounts.updateUser(user.id, {
        ...(user.emailVerified !== undefined ? { emailVerified: user.emailVerified } : {}),
      });
      return toAdapterUser(updated);
    },
    async linkAccount(account: AdapterAccount) {
      // Only who the identity is; access, refresh and id tokens are dropped here on purpose.
      await accounts.linkProviderAccount({
        userId: account.userId,
        type: account.type,
        provider: account.provider,
        providerAccountId: account.providerAccountId,
      });
    },
    async unlinkAccount({
      provider,
      providerAccountId,
    }: Pick<AdapterAccount, "provider" | "providerAccountId">) {
      await accounts.unlinkProviderAccount(provider, providerAccountId);
    },
  };
}
