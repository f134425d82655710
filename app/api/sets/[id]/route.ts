import { appSetRoutes, type SetRouteContext } from "@/server/question-sets/app-routes";

/** One set: read (404 when the caller may not see it), save (owner only), delete (owner only). */
export const GET = async (request: Request, context: SetRouteContext) =>
  appSetRoutes().get(request, (await context.params).id);
export const PUT = async (request: Request, context: SetRouteContext) =>
  appSetRoutes().update(request, (await context.params).id);
export const DELETE = async (request: Request, context: SetRouteContext) =>
  appSetRoutes().remove(request, (await context.params).id);
