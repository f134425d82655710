import type { NextAuthOptions, User } from "next-auth";
import { getServerSession } from "next-auth/next";
import CredentialsProviderImport from "next-auth/providers/credentials";
import { z } from "zod";
import { SignUpSchema } from "@/lib/contract/schemas";
import { appContext, type AppContext } from "@/server/context";
import type { UserRepository } from "@/server/repositories/types";
import type { AccountRepository } from "@/server/repositories/account-types";
import type { Provider } from "next-auth/providers/index";
import { isRole, type Role } from "@/lib/accounts/roles";
import { accountAdapter } from "./oauth-adapter";
import { oauthProviders } from "./oauth-providers";
import { forwardedAddress } from "../http/client-address";
import { processLogger } from "../logger";
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from "./password";
import { SignInLimiter } from "./sign-in-limits";

/**
 * next-auth is CommonJS marked __esModule: Next's bundler and vitest hand over its default export,
 * plain Node ESM (tsx, as bench/signin-load.ts runs) the whole module object.
 */
const CredentialsProvider =
  typeof CredentialsProviderImport === "function"
    ? CredentialsProviderImport
    : (CredentialsProviderImport as unknown as { default: typeof CredentialsProviderImport })
        .default;

/**
 * Email normalised exactly as at sign-up, so "Ann@X.org " finds "ann@x.org". The password only
 * has to be present: today's minimum length is a sign-up rule and must not lock out accounts
 * created under an older one.
 */
const SignInSchema = z.object({
  email: SignUpSchema.shape.email,
  password: z.string().min(1).max(200),
});

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  /**
   * The role when the session was made. Good for what a page shows; a privileged route asks the
   * database instead (server/auth/role-guard.ts), since an admin may have revoked it since.
   */
  role: Role;
}

/** What authorize learns about the request: the headers next-auth hands it. */
interface SignInRequest {
  headers?: Record<string, string | string[] | undefined>;
}

/**
 * The CredentialsProvider's authorize: the user for a right email + password, otherwise null.
 * The attempt was already counted by the route (auth-route-guard.ts); a success refunds it.
 */
export async function authorizeWithPassword(
  users: UserRepository,
  credentials: unknown,
  opts: { limits?: SignInLimiter; request?: SignInRequest } = {},
): Promise<User | null> {
  const parsed = SignInSchema.safeParse(credentials);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;

  let user;
  try {
    user = await users.findByEmail(email);
  } catch (error) {
    // next-auth puts a thrown message into the redirect URL: log the cause, show only a code.
    processLogger().error("sign-in: user lookup failed", { component: "auth", error });
    throw new Error("INTERNAL");
  }
  // An unknown email is checked against a dummy hash: it costs what a wrong password costs.
  const passwordMatches = await verifyPassword(
    password,
    user?.passwordHash ?? (await dummyPasswordHash()),
  );
  if (!user?.passwordHash || !passwordMatches) return null;
  await opts.limits?.succeeded(email, forwardedAddress(opts.request?.headers?.["x-forwarded-for"]));
  if (needsRehash(user.passwordHash)) await rehash(users, user.id, password);
  // Only what the session needs: the hash never leaves this function.
  return { id: user.id, email: user.email, name: user.name, role: user.role } as User;
}

/**
 * Accounts from before argon2 keep a bcrypt hash until their owner signs in: the password is known
 * right then, so it is hashed again with argon2. A failure here must not fail the sign-in.
 */
async function rehash(users: UserRepository, id: string, password: string): Promise<void> {
  try {
    await users.updatePasswordHash(id, await hashPassword(password));
  } catch (error) {
    processLogger().error("sign-in: could not rehash a legacy password hash", {
      component: "auth",
      error,
    });
  }
}

export function buildAuthOptions(ctx: {
  secret: string;
  users: UserRepository;
  limits?: SignInLimiter;
  /** With these, OAuth sign-in is possible (the adapter links identities to accounts). */
  accounts?: AccountRepository;
  oauth?: Provider[];
  openHostSignup?: boolean;
}): NextAuthOptions {
  const { accounts } = ctx;
  return {
    secret: ctx.secret,
    session: { strategy: "jwt" },
    // Errors (a bad OAuth state, an unlinked email) land on the sign-in page, which explains them.
    pages: { signIn: "/signin", error: "/signin" },
    ...(accounts
      ? { adapter: accountAdapter(accounts, { openHostSignup: ctx.openHostSignup ?? false }) }
      : {}),
    // next-auth's own messages go through the app's one logger, not the console.
    logger: {
      error: (code, metadata) =>
        processLogger().error("next-auth error", {
          component: "auth",
          code,
          error: metadata instanceof Error ? metadata : metadata.error,
        }),
      warn: (code) => processLogger().warn("next-auth warning", { component: "auth", code }),
      debug: (code, metadata) =>
        processLogger().debug("next-auth", { component: "auth", code, metadata }),
    },
    providers: [
      CredentialsProvider({
        name: "Email",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        authorize: (credentials, request) =>
          authorizeWithPassword(ctx.users, credentials, { limits: ctx.limits, request }),
      }),
      ...(ctx.oauth ?? []),
    ],
    callbacks: {
      signIn({ user, account }) {
        // Accounts are keyed by email: a provider that gives none (a GitHub account whose every
        // address is private and unverified) cannot make one. next-auth answers AccessDenied.
        if (account && account.type !== "credentials" && !user.email) return false;
        return true;
      },
      async jwt({ token, user }) {
        // `user` is only present on the sign-in request; later requests carry the token forward.
        if (user) {
          token.sub = user.id;
          token.name = user.name;
          token.email = user.email;
          const role = (user as { role?: unknown }).role;
          token.role = isRole(role) ? role : ((await accounts?.role(user.id)) ?? "PLAYER");
        }
        return token;
      },
      session({ session, token }) {
        // next-auth copies only name, email and image from the token; the id is what the app keys on.
        if (!token.sub) return session;
        const role = isRole(token.role) ? token.role : "PLAYER";
        return { ...session, user: { ...session.user, id: token.sub, role } };
      },
    },
  };
}

/**
 * Options for this process's context, built on first use. Route handlers are bundled separately
 * from the custom server but share its context through globalThis (server/context.ts); keying the
 * cache on the context object means a test that installs a new context gets new options.
 */
const authByContext = new WeakMap<
  AppContext,
  { options: NextAuthOptions; limits: SignInLimiter }
>();

function appAuth(): { options: NextAuthOptions; limits: SignInLimiter } {
  const context = appContext();
  let auth = authByContext.get(context);
  if (!auth) {
    const { config } = context;
    const limits = new SignInLimiter(
      {
        perAccount: config.SIGNIN_MAX_FAILURES_PER_ACCOUNT,
        perAddress: config.SIGNIN_MAX_FAILURES_PER_ADDRESS,
        windowSeconds: config.SIGNIN_WINDOW_SECONDS,
      },
      context.limiter,
    );
    const options = buildAuthOptions({
      secret: config.NEXTAUTH_SECRET,
      users: context.repos.users,
      limits,
      accounts: context.repos.accounts,
      oauth: oauthProviders(config),
      openHostSignup: config.OPEN_HOST_SIGNUP,
    });
    auth = { options, limits };
    authByContext.set(context, auth);
  }
  return auth;
}

export function appAuthOptions(): NextAuthOptions {
  return appAuth().options;
}

/** The sign-in limits the auth route checks and authorize refunds: one per app context. */
export function appSignInLimits(): SignInLimiter {
  return appAuth().limits;
}

/** The signed-in user of the current request (server components, route handlers), or null. */
export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(appAuthOptions());
  const user = session?.user;
  if (!user?.id) return null;
  return {
    id: user.id,
    name: user.name ?? "",
    email: user.email ?? "",
    role: isRole(user.role) ? user.role : "PLAYER",
  };
}
