import { appSetRoutes } from "@/server/question-sets/app-routes";

/** A JSON or CSV file as a new set; `dryRun` previews it and writes nothing. */
export const POST = (request: Request) => appSetRoutes().importSet(request);
