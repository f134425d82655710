import {
  appChallengeRoutes,
  type ChallengeRouteContext,
} from "@/server/challenges/challenge-routes";

/** Start the caller's one attempt, or resume it: never a second one. */
export const POST = async (request: Request, context: ChallengeRouteContext) =>
  appChallengeRoutes().start(request, (await context.params).id);
