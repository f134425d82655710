import { appSetRoutes } from "@/server/question-sets/app-routes";

/** GET: the caller's own sets and the public ones. POST: a new set (lib/contract/question-sets.ts). */
export const GET = (request: Request) => appSetRoutes().list(request);
export const POST = (request: Request) => appSetRoutes().create(request);
