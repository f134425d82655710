import { appChallengeRoutes } from "@/server/challenges/challenge-routes";

export const dynamic = "force-dynamic";

/** Create a self-paced challenge (hosts; an event's organiser for an event's challenge). */
export const POST = (request: Request) => appChallengeRoutes().create(request);

/** The caller's own challenges, newest first, with their attempt counts. */
export const GET = (request: Request) => appChallengeRoutes().listOwned(request);
