import {
  appChallengeRoutes,
  type ChallengeRouteContext,
} from "@/server/challenges/challenge-routes";

export const dynamic = "force-dynamic";

/** Everyone's attempts at the challenge: its owner only (anyone else: CHALLENGE_NOT_FOUND). */
export const GET = async (request: Request, context: ChallengeRouteContext) =>
  appChallengeRoutes().attempts(request, (await context.params).id);
