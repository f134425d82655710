import { appEventRoutes, type CandidateRouteContext } from "@/server/events/app-routes";

/** One candidate's answers and submissions, for the organiser's report. */
export const GET = async (request: Request, context: CandidateRouteContext) => {
  const { id, candidateId } = await context.params;
  return appEventRoutes().candidate(request, id, candidateId);
};
