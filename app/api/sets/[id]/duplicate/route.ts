import { withRole } from "@/server/auth/role-guard";
import { appSetRoutes, type SetRouteContext } from "@/server/question-sets/app-routes";

/** A private copy, for the caller, of a set they can see (the built-in bank included). Hosts only. */
export const POST = withRole("writeSets", async (request: Request, context: SetRouteContext) =>
  appSetRoutes().duplicate(request, (await context.params).id),
);
