import { sessionUserFromCookieHeader } from "../auth/socket-session";
import { appContext } from "../context";
import { createSetRoutes } from "./set-routes";

/**
 * The set routes over the process's app context, for app/api/sets/*. Built per request: the
 * context exists only once the custom server has started (`next build` imports the routes with no
 * context at all). Identity is the verified session cookie, never a field of the request.
 */
export function appSetRoutes() {
  const { repos, config } = appContext();
  return createSetRoutes({
    questionSets: repos.questionSets,
    viewer: async (request) =>
      (
        await sessionUserFromCookieHeader(
          request.headers.get("cookie") ?? undefined,
          config.NEXTAUTH_SECRET,
        )
      )?.userId ?? null,
  });
}

/** Next's dynamic segment, awaited (Next 15+ passes params as a promise). */
export interface SetRouteContext {
  params: Promise<{ id: string }>;
}
