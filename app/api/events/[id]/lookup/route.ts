import { appEventRoutes, type EventRouteContext } from "@/server/events/app-routes";

/** What an invite link opens, before registering (POST: the secret stays out of URLs and logs). */
export const POST = async (request: Request, context: EventRouteContext) =>
  appEventRoutes().lookup(request, (await context.params).id);
