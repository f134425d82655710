import { appAccountRoutes } from "@/server/accounts/app-routes";

export const dynamic = "force-dynamic";

/** GET ?q=&page=: accounts by name or email (admins only). */
export const GET = (request: Request) => appAccountRoutes().listUsers(request);
