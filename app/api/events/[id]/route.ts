import { appEventRoutes, type EventRouteContext } from "@/server/events/app-routes";

/** One event with its invites and rooms (its organiser only; 404 to anyone else), and its edit. */
export const GET = async (request: Request, context: EventRouteContext) =>
  appEventRoutes().get(request, (await context.params).id);
export const PUT = async (request: Request, context: EventRouteContext) =>
  appEventRoutes().update(request, (await context.params).id);
