import { withRole } from "@/server/auth/role-guard";
import { appSetRoutes, type SetRouteContext } from "@/server/question-sets/app-routes";

/** One set: read (404 when the caller may not see it), save (owner only), delete (owner only). */
export const GET = async (request: Request, context: SetRouteContext) =>
  appSetRoutes().get(request, (await context.params).id);
/** Saving and deleting also need the host role now (an admin may have revoked it). */
export const PUT = withRole("writeSets", async (request: Request, context: SetRouteContext) =>
  appSetRoutes().update(request, (await context.params).id),
);
export const DELETE = withRole("writeSets", async (request: Request, context: SetRouteContext) =>
  appSetRoutes().remove(request, (await context.params).id),
);
