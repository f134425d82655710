import {
  ADMIN_PAGE_SIZE,
  AdminUserQuerySchema,
  ClaimRequestSchema,
  ClaimTokenRequestSchema,
  DeleteAccountSchema,
  ProfileUpdateSchema,
  RoleChangeSchema,
  type AdminUserRow,
} from "@/lib/contract/accounts";
import { checkRole } from "../auth/role-guard";
import { sessionUserFromCookieHeader } from "../auth/socket-session";
import { signClaimToken, verifyClaimToken } from "../auth/claim-token";
import { verifyPlayerToken } from "../auth/player-token";
import { errorResponse, jsonResponse } from "../http/web-response";
import type { AccountRepository, AccountUser, VerifiedClaim } from "../repositories/account-types";
import { parseJsonBody } from "./json-body";
import { withBoardRanks } from "./board-ranks";

/**
 * The account, claim and admin routes (app/api/account/**, app/api/admin/**), over injected
 * dependencies so the integration tests run the same code as Next. Identity is the verified
 * session cookie; roles are read from the database (server/auth/role-guard.ts).
 */
export interface AccountRouteDeps {
  secret: string;
  accounts: AccountRepository;
}

const cookieOf = (request: Request) => request.headers.get("cookie") ?? undefined;

function toAdminRow(user: AccountUser): AdminUserRow {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    createdAt: user.createdAt.toISOString(),
  };
}

export function createAccountRoutes(deps: AccountRouteDeps) {
  const { accounts, secret } = deps;

  /** The signed-in account's id, or null (a deleted account's cookie counts as signed out). */
  async function signedIn(request: Request): Promise<string | null> {
    const session = await sessionUserFromCookieHeader(cookieOf(request), secret);
    if (!session) return null;
    return (await accounts.role(session.userId)) ? session.userId : null;
  }

  return {
    /** GET /api/account: the profile page's data. */
    async profile(request: Request): Promise<Response> {
      const userId = await signedIn(request);
      if (!userId) return errorResponse("UNAUTHENTICATED");
      const profile = await accounts.profile(userId);
      if (!profile) return errorResponse("UNAUTHENTICATED");
      return jsonResponse(200, { ok: true, data: await withBoardRanks(profile) });
    },

    /** PATCH /api/account { name?, hiddenFromBoards? } */
    async update(request: Request): Promise<Response> {
      const userId = await signedIn(request);
      if (!userId) return errorResponse("UNAUTHENTICATED");
      const body = await parseJsonBody(request, ProfileUpdateSchema);
      if (!body.ok) return body.response;
      const user = await accounts.updateProfile(userId, body.data);
      if (!user) return errorResponse("UNAUTHENTICATED");
      return jsonResponse(200, {
        ok: true,
        data: { name: user.name, hiddenFromBoards: user.hiddenFromBoards },
      });
    },

    /** GET /api/account/export: everything stored about the caller, as a JSON download. */
    async exportData(request: Request): Promise<Response> {
      const userId = await signedIn(request);
      if (!userId) return errorResponse("UNAUTHENTICATED");
      const data = await accounts.exportData(userId);
      if (!data) return errorResponse("UNAUTHENTICATED");
      return new Response(JSON.stringify(data, null, 2), {
        status: 200,
        headers: {
          "content-type": "application/json; charset=utf-8",
          "content-disposition": 'attachment; filename="kilobyte-arena-my-data.json"',
          "cache-control": "no-store",
        },
      });
    },

    /** DELETE /api/account { confirmEmail }: results stay, anonymous. */
    async remove(request: Request): Promise<Response> {
      const userId = await signedIn(request);
      if (!userId) return errorResponse("UNAUTHENTICATED");
      const body = await parseJsonBody(request, DeleteAccountSchema);
      if (!body.ok) return body.response;
      const user = await accounts.get(userId);
      if (!user) return errorResponse("UNAUTHENTICATED");
      if (user.email !== body.data.confirmEmail) return errorResponse("CONFIRMATION_MISMATCH");
      const outcome = await accounts.deleteAccount(userId);
      if (!outcome.ok)
        return errorResponse(
          outcome.error === "USER_NOT_FOUND" ? "UNAUTHENTICATED" : outcome.error,
        );
      return jsonResponse(200, { ok: true, data: null });
    },

    /**
     * POST /api/account/claim-token { playerToken }: a guest's player token (which only the device
     * that joined holds, and which lasts 12 h) swapped for a long-lived claim on that player. No
     * session needed: guests ask for it right after joining (app/lib/player-session.ts).
     */
    async claimToken(request: Request): Promise<Response> {
      const body = await parseJsonBody(request, ClaimTokenRequestSchema);
      if (!body.ok) return body.response;
      const verified = await verifyPlayerToken(body.data.playerToken, secret);
      if (!verified.ok) return errorResponse("INVALID_TOKEN");
      const { playerId, roomCode } = verified;
      const token = await signClaimToken({ playerId, roomCode }, secret);
      return jsonResponse(200, { ok: true, data: { playerId, roomCode, token } });
    },

    /**
     * POST /api/account/claims { claims: [{ playerId, token }], dryRun }: with dryRun, which of
     * them this account could claim; without, all of them or none. Any claim that is forged,
     * expired, for another player than it names, or already claimed refuses the whole request.
     */
    async claim(request: Request): Promise<Response> {
      const userId = await signedIn(request);
      if (!userId) return errorResponse("UNAUTHENTICATED");
      const body = await parseJsonBody(request, ClaimRequestSchema);
      if (!body.ok) return body.response;
      const verified: (VerifiedClaim | null)[] = await Promise.all(
        body.data.claims.map(async ({ playerId, token }) => {
          const claim = await verifyClaimToken(token, secret);
          return claim.ok && claim.playerId === playerId ? claim : null;
        }),
      );
      if (body.data.dryRun) {
        const valid = verified.filter((c): c is VerifiedClaim => c !== null);
        const checks = valid.length ? await accounts.checkClaims(valid) : [];
        const claimable = checks.flatMap((c) => (c.status === "claimable" ? [c.game] : []));
        const taken = checks.filter((c) => c.status === "taken").map((c) => c.playerId);
        return jsonResponse(200, { ok: true, data: { claimable, taken } });
      }
      if (verified.some((c) => c === null)) return errorResponse("CLAIM_INVALID");
      const outcome = await accounts.claimPlayers(userId, verified as VerifiedClaim[]);
      if (!outcome.ok) return errorResponse(outcome.error);
      return jsonResponse(200, { ok: true, data: outcome.data });
    },

    /** GET /api/admin/users?q=&page= (admins only). */
    async listUsers(request: Request): Promise<Response> {
      const check = await checkRole(cookieOf(request), "manageRoles", deps);
      if (!check.ok) return errorResponse(check.error);
      const url = new URL(request.url);
      const query = AdminUserQuerySchema.safeParse(Object.fromEntries(url.searchParams));
      if (!query.success) return errorResponse("INVALID_PAYLOAD");
      const { rows, total } = await accounts.search({ ...query.data, pageSize: ADMIN_PAGE_SIZE });
      return jsonResponse(200, {
        ok: true,
        data: {
          users: rows.map(toAdminRow),
          total,
          page: query.data.page,
          pageSize: ADMIN_PAGE_SIZE,
        },
      });
    },

    /** PATCH /api/admin/users/:id { role } (admins only; never the last admin's demotion). */
    async setRole(request: Request, targetId: string): Promise<Response> {
      const check = await checkRole(cookieOf(request), "manageRoles", deps);
      if (!check.ok) return errorResponse(check.error);
      const body = await parseJsonBody(request, RoleChangeSchema);
      if (!body.ok) return body.response;
      if (targetId.length > 64) return errorResponse("USER_NOT_FOUND");
      const outcome = await accounts.setRole(check.userId, targetId, body.data.role);
      if (!outcome.ok) return errorResponse(outcome.error);
      return jsonResponse(200, { ok: true, data: toAdminRow(outcome.data) });
    },
  };
}

export type AccountRoutes = ReturnType<typeof createAccountRoutes>;
