import type { DefaultSession } from "next-auth";

/**
 * The session callback in server/auth/auth-options.ts adds the user's id (the JWT's `sub`);
 * this makes `session.user.id` typed wherever the session is read.
 */
declare module "next-auth" {
  interface Session {
    user: { id: string } & DefaultSession["user"];
  }
}
