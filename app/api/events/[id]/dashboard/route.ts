import { appEventRoutes, type EventRouteContext } from "@/server/events/app-routes";

/** Every candidate's summary, ranked: the organiser's dashboard. */
export const GET = async (request: Request, context: EventRouteContext) =>
  appEventRoutes().dashboard(request, (await context.params).id);
