import {
  appChallengeRoutes,
  type ChallengeRouteContext,
} from "@/server/challenges/challenge-routes";

/** The challenge and the caller's own attempt (session cookie, or Bearer candidate token). */
export const GET = async (request: Request, context: ChallengeRouteContext) =>
  appChallengeRoutes().get(request, (await context.params).id);
