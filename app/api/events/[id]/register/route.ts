import { appEventRoutes, type EventRouteContext } from "@/server/events/app-routes";

/** Registers a candidate through an invite link; answers with their candidate token. */
export const POST = async (request: Request, context: EventRouteContext) =>
  appEventRoutes().register(request, (await context.params).id);
