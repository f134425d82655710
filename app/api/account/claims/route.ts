import { appAccountRoutes } from "@/server/accounts/app-routes";

/** POST { claims, dryRun }: attach this device's guest results to the signed-in account. */
export const POST = (request: Request) => appAccountRoutes().claim(request);
