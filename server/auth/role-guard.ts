import { may, type PrivilegedAction, type Role } from "@/lib/accounts/roles";
import { appContext } from "../context";
import { errorResponse } from "../http/web-response";
import type { AccountRepository } from "../repositories/account-types";
import { sessionUserFromCookieHeader } from "./socket-session";

/**
 * Role checks for the HTTP routes. Identity comes from the session cookie (read from the header,
 * so a route runs the same under Next and under the integration tests' server); the role comes
 * from the database on every call, never from the session: an admin may have revoked it since the
 * session was made, and a revocation must bite on the next request, not when the JWT expires.
 * One primary-key read per privileged request.
 */
export type RoleCheck =
  | { ok: true; userId: string; role: Role }
  | { ok: false; error: "UNAUTHENTICATED" | "ROLE_REQUIRED" };

export async function checkRole(
  cookieHeader: string | undefined,
  action: PrivilegedAction,
  deps: { secret: string; accounts: Pick<AccountRepository, "role"> },
): Promise<RoleCheck> {
  const session = await sessionUserFromCookieHeader(cookieHeader, deps.secret);
  if (!session) return { ok: false, error: "UNAUTHENTICATED" };
  const role = await deps.accounts.role(session.userId);
  // A deleted account's cookie may still decrypt: it signs in as nobody.
  if (!role) return { ok: false, error: "UNAUTHENTICATED" };
  if (!may(role, action)) return { ok: false, error: "ROLE_REQUIRED" };
  return { ok: true, userId: session.userId, role };
}

/** The caller's role check against this process's context (a route handler's first step). */
export function requireRole(request: Request, action: PrivilegedAction): Promise<RoleCheck> {
  const { config, repos } = appContext();
  return checkRole(request.headers.get("cookie") ?? undefined, action, {
    secret: config.NEXTAUTH_SECRET,
    accounts: repos.accounts,
  });
}

/**
 * A route handler that runs only for callers whose role allows `action`; anyone else gets 401
 * UNAUTHENTICATED or 403 ROLE_REQUIRED and the handler never runs, so nothing changes.
 */
export function withRole<C extends unknown[]>(
  action: PrivilegedAction,
  handler: (request: Request, ...context: C) => Promise<Response>,
): (request: Request, ...context: C) => Promise<Response> {
  return async (request, ...context) => {
    const check = await requireRole(request, action);
    if (!check.ok) return errorResponse(check.error);
    return handler(request, ...context);
  };
}
