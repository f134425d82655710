import { appAccountRoutes } from "@/server/accounts/app-routes";

export const dynamic = "force-dynamic";

/** GET: the caller's profile. PATCH: name / hide from boards. DELETE: the account (confirmed). */
export const GET = (request: Request) => appAccountRoutes().profile(request);
export const PATCH = (request: Request) => appAccountRoutes().update(request);
export const DELETE = (request: Request) => appAccountRoutes().remove(request);
