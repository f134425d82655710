import { appEventRoutes, type EventRouteContext } from "@/server/events/app-routes";

/** ?format=csv (one row per candidate) or ?format=json (everything), as a download. */
export const GET = async (request: Request, context: EventRouteContext) =>
  appEventRoutes().exportFile(request, (await context.params).id);
