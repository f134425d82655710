import { appAccountRoutes } from "@/server/accounts/app-routes";

/** PATCH { role }: grant or revoke a role (admins only; the last admin stays an admin). */
export const PATCH = async (request: Request, context: { params: Promise<{ id: string }> }) =>
  appAccountRoutes().setRole(request, (await context.params).id);
