import type { ErrorCode } from "@/lib/contract/errors";
import { RoomCodeSchema } from "@/lib/contract/schemas";
import { LIMITS } from "@/lib/model/artifact";
import { verifyPlayerToken } from "@/server/auth/player-token";
import { appContext } from "@/server/context";
import { playerRound } from "@/server/http/player-round";
import { discardBody, readCappedBytes } from "@/server/http/web-body";
import { bearerToken, errorResponse, jsonResponse } from "@/server/http/web-response";

export const dynamic = "force-dynamic";

/**
 * POST /api/rooms/:code/submissions?round=N with `Authorization: Bearer <player token>` and the
 * model artifact as the body: 202 `{ ok: true, data: { submissionId, sizeBytes, parameters,
 * sha256 } }` once it is stored and counted (the score follows over Socket.IO as
 * `submission:result`), or a typed refusal that stored nothing.
 *
 * Cheapest check first (issue 7): the token, the player's upload limit, then the room's own
 * refusal (kicked, round closed, no slots left) read from its state, all before a byte of the
 * body is read; a refused body is never read (Node drains it after the answer). The body is then
 * parsed, checked and sized on the gate's worker thread, and the engine checks the room again
 * when storing.
 */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ code: string }> },
): Promise<Response> {
  const { coding, limits, config } = appContext();
  const code = RoomCodeSchema.safeParse((await params).code);
  const questionIndex = Number(new URL(request.url).searchParams.get("round") ?? NaN);
  if (!code.success || !Number.isInteger(questionIndex) || questionIndex < 0) {
    return refuseUnread(request, "INVALID_PAYLOAD");
  }
  const token = bearerToken(request);
  const player = token ? await verifyPlayerToken(token, config.NEXTAUTH_SECRET) : null;
  if (!player?.ok || player.roomCode !== code.data) return refuseUnread(request, "INVALID_TOKEN");
  if (!(await limits.allowUpload(player.playerId))) return refuseUnread(request, "RATE_LIMITED");

  const target = { roomCode: code.data, playerId: player.playerId, questionIndex };
  const refusal = await coding.refusal(target);
  if (refusal) return refuseUnread(request, refusal);
  const body = await readCappedBytes(request, LIMITS.maxBodyBytes);
  if (!body.ok) return errorResponse(body.error);
  const result = await coding.submit({ ...target, body: body.body });
  if (!result.ok) {
    return errorResponse(result.error, result.rejection ? { rejection: result.rejection } : {});
  }
  return jsonResponse(202, { ok: true, data: result.data });
}

/**
 * GET /api/rooms/:code/submissions?round=N with `Authorization: Bearer <player token>`: the
 * token's own player's submissions to that round, newest first (`OwnSubmissionView[]`), so a
 * reloaded lab shows its list again. Whose list it is comes from the signed token only.
 */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ code: string }> },
): Promise<Response> {
  const { repos, config } = appContext();
  const asked = await playerRound(request, (await params).code, config.NEXTAUTH_SECRET);
  if (!asked.ok) return asked.response;
  const data = await repos.submissions.listOwn(asked.roomCode, asked.playerId, asked.questionIndex);
  return jsonResponse(200, { ok: true, data });
}

/** Answers before reading the body, which is then drained unread so the client gets the answer. */
function refuseUnread(request: Request, error: ErrorCode): Response {
  discardBody(request);
  return errorResponse(error);
}
