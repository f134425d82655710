import { appChallengeRoutes } from "@/server/challenges/challenge-routes";

/** Create a self-paced challenge (hosts; an event's organiser for an event's challenge). */
export const POST = (request: Request) => appChallengeRoutes().create(request);
