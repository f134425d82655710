import { appEventRoutes } from "@/server/events/app-routes";

/** GET: the organiser's own events. POST: a new event (lib/contract/event-api.ts). */
export const GET = (request: Request) => appEventRoutes().list(request);
export const POST = (request: Request) => appEventRoutes().create(request);
