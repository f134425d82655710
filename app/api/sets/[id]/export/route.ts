import { appSetRoutes, type SetRouteContext } from "@/server/question-sets/app-routes";

/** ?format=json (the versioned format) or ?format=csv, as a download. */
export const GET = async (request: Request, context: SetRouteContext) =>
  appSetRoutes().exportSet(request, (await context.params).id);
