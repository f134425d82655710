import { withRole } from "@/server/auth/role-guard";
import { appSetRoutes } from "@/server/question-sets/app-routes";

/** A JSON or CSV file as a new set; `dryRun` previews it and writes nothing. Hosts only. */
export const POST = withRole("writeSets", (request: Request) => appSetRoutes().importSet(request));
