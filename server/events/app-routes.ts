import { sessionUserFromCookieHeader } from "../auth/socket-session";
import { appContext } from "../context";
import { createEventRoutes } from "./event-routes";

/**
 * The event routes over the process's app context, for app/api/events/*. Built per request: the
 * context exists only once the custom server started. Identity is the verified session cookie
 * (organisers, account-identity candidates) or a candidate token, never a field of the body.
 */
export function appEventRoutes() {
  const { repos, config } = appContext();
  return createEventRoutes({
    events: repos.events,
    secret: config.NEXTAUTH_SECRET,
    now: () => new Date(),
    viewer: async (request) =>
      (
        await sessionUserFromCookieHeader(
          request.headers.get("cookie") ?? undefined,
          config.NEXTAUTH_SECRET,
        )
      )?.userId ?? null,
  });
}

/** Next's dynamic segments, awaited (Next 15+ passes params as a promise). */
export interface EventRouteContext {
  params: Promise<{ id: string }>;
}
export interface InviteRouteContext {
  params: Promise<{ id: string; inviteId: string }>;
}
export interface CandidateRouteContext {
  params: Promise<{ id: string; candidateId: string }>;
}
