import { appEventRoutes, type EventRouteContext } from "@/server/events/app-routes";

/** A candidate's own results (Authorization: Bearer <candidate token>), as the event allows. */
export const GET = async (request: Request, context: EventRouteContext) =>
  appEventRoutes().me(request, (await context.params).id);
