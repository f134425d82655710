import { appEventRoutes, type EventRouteContext } from "@/server/events/app-routes";

/** { published: true } lets the event's results count on public boards; false withdraws them. */
export const POST = async (request: Request, context: EventRouteContext) =>
  appEventRoutes().publish(request, (await context.params).id);
