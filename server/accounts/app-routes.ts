import { appContext } from "../context";
import { createAccountRoutes } from "./account-routes";

/**
 * The account routes over this process's context, built per request (the context exists only
 * once the custom server has started; `next build` imports the routes with none).
 */
export function appAccountRoutes() {
  const { repos, config } = appContext();
  return createAccountRoutes({ secret: config.NEXTAUTH_SECRET, accounts: repos.accounts });
}
