import { parseBoardParams } from "@/lib/boards/query";
import { sessionUserFromCookieHeader } from "@/server/auth/socket-session";
import { appContext } from "@/server/context";
import { isDatabaseUnavailable } from "@/server/db/unavailable";
import { errorResponse, jsonResponse } from "@/server/http/web-response";

export const dynamic = "force-dynamic";

/**
 * GET /api/boards?board=&window=&scope=&set=&variant=&page=&pageSize=&q= : one page of a
 * persistent board (README, "Boards"; lib/contract/boards.ts). A bad parameter is a 400
 * INVALID_PAYLOAD naming the fields; a set the caller may not see is a 404
 * QUESTION_SET_NOT_FOUND. The "you" row comes from the verified session cookie, never a parameter.
 */
export async function GET(request: Request): Promise<Response> {
  const { repos, config } = appContext();
  const parsed = parseBoardParams(new URL(request.url).searchParams);
  if (!parsed.ok) return errorResponse("INVALID_PAYLOAD", { fields: parsed.fields });
  const viewer = await sessionUserFromCookieHeader(
    request.headers.get("cookie") ?? undefined,
    config.NEXTAUTH_SECRET,
  );
  try {
    const page = await repos.boards.page(parsed.params, viewer?.userId ?? null, new Date());
    if (!page.ok) return errorResponse(page.error);
    return jsonResponse(200, page);
  } catch (error) {
    // A read: safe to retry, so the client is told which kind of failure it was, as JSON.
    return errorResponse(isDatabaseUnavailable(error) ? "DB_UNAVAILABLE" : "INTERNAL");
  }
}
