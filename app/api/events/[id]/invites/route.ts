import { appEventRoutes, type EventRouteContext } from "@/server/events/app-routes";

/** A new invite link; its secret is in this answer only. */
export const POST = async (request: Request, context: EventRouteContext) =>
  appEventRoutes().createInvite(request, (await context.params).id);
