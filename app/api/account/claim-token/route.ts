import { appAccountRoutes } from "@/server/accounts/app-routes";

/** POST { playerToken }: a guest's long-lived, signed claim on the player they just joined as. */
export const POST = (request: Request) => appAccountRoutes().claimToken(request);
