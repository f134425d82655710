import type { DefaultSession } from "next-auth";
import type { Role } from "@/lib/accounts/roles";

/**
 * The session callback in server/auth/auth-options.ts adds the user's id (the JWT's `sub`) and
 * role; this makes `session.user.id` and `.role` typed wherever the session is read. The role is
 * the one at sign-in: privileged routes read the current one from the database.
 */
declare module "next-auth" {
  interface Session {
    user: { id: string; role: Role } & DefaultSession["user"];
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: Role;
  }
}
