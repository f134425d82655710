import { appEventRoutes, type InviteRouteContext } from "@/server/events/app-routes";

/** Revokes an invite link: registrations through it stop at once; candidates keep their place. */
export const DELETE = async (request: Request, context: InviteRouteContext) => {
  const { id, inviteId } = await context.params;
  return appEventRoutes().revokeInvite(request, id, inviteId);
};
