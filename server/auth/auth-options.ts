import type { NextAuthOptions, User } from "next-auth";
import { getServerSession } from "next-auth/next";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { SignUpSchema } from "@/lib/contract/schemas";
import { appContext, type AppContext } from "@/server/context";
import type { UserRepository } from "@/server/repositories/types";
import { verifyPassword } from "./password";

/**
 * Email normalised exactly as at sign-up, so "Ann@X.org " finds "ann@x.org". The password only
 * has to be present: today's minimum length is a sign-up rule and must not lock out accounts
 * created under an older one.
 */
const SignInSchema = z.object({
  email: SignUpSchema.shape.email,
  password: z.string().min(1).max(200),
});

/**
 * A cost-12 bcrypt hash of a random string nobody knows. An unknown email is checked against it
 * so that it costs the same ~250 ms as a wrong password: response time does not reveal which
 * emails have accounts. Keep its cost equal to PRODUCTION_BCRYPT_COST.
 */
const DUMMY_PASSWORD_HASH = "$2b$12$ilRATZmGkTx/3HrA6R90X.6ttCp4sVTmijgxMFylFLBQ9pGfLa5ci";

export interface SessionUser {
  id: string;
  name: string;
  email: string;
}

/** The CredentialsProvider's authorize: the user for a right email + password, otherwise null. */
export async function authorizeWithPassword(
  users: UserRepository,
  credentials: unknown,
): Promise<User | null> {
  const parsed = SignInSchema.safeParse(credentials);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;

  let user;
  try {
    user = await users.findByEmail(email);
  } catch (error) {
    // next-auth puts a thrown message into the redirect URL: log the cause, show only a code.
    console.error("[auth] user lookup failed during sign-in", error);
    throw new Error("INTERNAL");
  }
  const passwordMatches = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!user || !passwordMatches) return null;
  // Only what the session needs: the hash never leaves this function.
  return { id: user.id, email: user.email, name: user.name };
}

export function buildAuthOptions(ctx: { secret: string; users: UserRepository }): NextAuthOptions {
  return {
    secret: ctx.secret,
    session: { strategy: "jwt" },
    pages: { signIn: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        authorize: (credentials) => authorizeWithPassword(ctx.users, credentials),
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        // `user` is only present on the sign-in request; later requests carry the token forward.
        if (user) {
          token.sub = user.id;
          token.name = user.name;
          token.email = user.email;
        }
        return token;
      },
      session({ session, token }) {
        // next-auth copies only name, email and image from the token; the id is what the app keys on.
        if (!token.sub) return session;
        return { ...session, user: { ...session.user, id: token.sub } };
      },
    },
  };
}

/**
 * Options for this process's context, built on first use. Route handlers are bundled separately
 * from the custom server but share its context through globalThis (server/context.ts); keying the
 * cache on the context object means a test that installs a new context gets new options.
 */
const optionsByContext = new WeakMap<AppContext, NextAuthOptions>();

export function appAuthOptions(): NextAuthOptions {
  const context = appContext();
  let options = optionsByContext.get(context);
  if (!options) {
    options = buildAuthOptions({
      secret: context.config.NEXTAUTH_SECRET,
      users: context.repos.users,
    });
    optionsByContext.set(context, options);
  }
  return options;
}

/** The signed-in user of the current request (server components, route handlers), or null. */
export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(appAuthOptions());
  const user = session?.user;
  if (!user?.id) return null;
  return { id: user.id, name: user.name ?? "", email: user.email ?? "" };
}
