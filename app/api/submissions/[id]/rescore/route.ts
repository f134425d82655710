import { checkRole } from "@/server/auth/role-guard";
import { appContext } from "@/server/context";
import { errorResponse, jsonResponse } from "@/server/http/web-response";

export const dynamic = "force-dynamic";

/** Submission ids are cuids; anything much longer is not one and is not looked up. */
const MAX_ID_LENGTH = 64;

/**
 * POST /api/submissions/:id/rescore: the room's host has the server score a stored model again
 * from its stored bytes, through the same gate and evaluator as an upload. 200 `{ ok: true, data:
 * { stored, rescored, identical } }`; 401 without a session, 403 ROLE_REQUIRED for an account
 * without the host role (read from the database: it may have been revoked), 403 NOT_HOST for
 * anyone but the room's host, 400 for an unknown id.
 */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ id: string }> },
): Promise<Response> {
  const { coding, repos, config } = appContext();
  // Read from the cookie itself rather than next/headers, so the route runs the same under the
  // integration tests' server as under Next.
  const cookies = request.headers.get("cookie") ?? undefined;
  const user = await checkRole(cookies, "host", {
    secret: config.NEXTAUTH_SECRET,
    accounts: repos.accounts,
  });
  if (!user.ok) return errorResponse(user.error);
  const { id } = await params;
  const row = id.length <= MAX_ID_LENGTH ? await repos.submissions.get(id) : null;
  if (!row) return errorResponse("INVALID_PAYLOAD");
  if (row.hostId !== user.userId) return errorResponse("NOT_HOST");
  const result = await coding.rescore(row);
  if (!result.ok) return errorResponse(result.error);
  return jsonResponse(200, result);
}
