import { appAccountRoutes } from "@/server/accounts/app-routes";

export const dynamic = "force-dynamic";

/** GET: "download my data", the caller's rows only, as a JSON file. */
export const GET = (request: Request) => appAccountRoutes().exportData(request);
