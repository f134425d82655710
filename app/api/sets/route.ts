import { withRole } from "@/server/auth/role-guard";
import { appSetRoutes } from "@/server/question-sets/app-routes";

/** GET: the caller's own sets and the public ones. POST: a new set (lib/contract/question-sets.ts). */
export const GET = (request: Request) => appSetRoutes().list(request);
/** Writing sets is a host's right (lib/accounts/roles.ts): checked against the database. */
export const POST = withRole("writeSets", (request: Request) => appSetRoutes().create(request));
