import type { IncomingMessage, ServerResponse } from "node:http";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { LIMITS } from "@/lib/model/artifact";
import { BOARD_SIZE, CODING_VARIANTS } from "@/lib/coding/round";
import type { ErrorCode } from "@/lib/contract/errors";
import { RoomCodeSchema } from "@/lib/contract/schemas";
import { verifyPlayerToken } from "../auth/player-token";
import { sessionUserFromCookieHeader } from "../auth/socket-session";
import type { CodingService } from "../coding/coding-service";
import type { Logger } from "../logger";
import type { SubmissionRepository } from "../repositories/types";
import { bearerToken, readBody, sendError, sendJson } from "./http-util";
import { serveTrainingData } from "./training-data";

export interface ApiDeps {
  coding: CodingService;
  submissions: SubmissionRepository;
  secret: string;
  logger: Logger;
}

/**
 * The JSON/binary endpoints that live beside Socket.IO in the custom server (they need the room
 * runtime and the evaluator, which Next's bundled route handlers cannot share):
 *   POST /api/rooms/:code/submissions?round=N   upload a model (Bearer player token)
 *   GET  /api/training-data                     the MNIST training split for the lab
 *   POST /api/submissions/:id/rescore           the room's host re-scores a stored model
 *   GET  /api/boards/:variant                   best models of all rooms' closed rounds
 * Returns false for any other path (Next handles it).
 */
export function createApiRoutes(deps: ApiDeps) {
  // Static checks gzip and parse: bound how often one player can make the server do them.
  const uploads = new RateLimiterMemory({ keyPrefix: "upload", points: 20, duration: 60 });

  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = new URL(req.url ?? "/", "http://local");
    const parts = url.pathname.split("/").filter(Boolean);
    if (parts[0] !== "api") return false;
    const route = `${req.method} /${parts.slice(1, 2).join("/")}`;

    let work: Promise<void> | undefined;
    if (route === "POST /rooms" && parts[3] === "submissions" && parts.length === 4) {
      work = upload(req, res, parts[2] ?? "", url.searchParams.get("round"));
    } else if (
      (route === "GET /training-data" || route === "HEAD /training-data") &&
      parts.length === 2
    ) {
      work = serveTrainingData(req, res);
    } else if (route === "POST /submissions" && parts[3] === "rescore" && parts.length === 4) {
      work = rescore(req, res, parts[2] ?? "");
    } else if (route === "GET /boards" && parts.length === 3) {
      work = board(res, parts[2] ?? "");
    }
    if (!work) return false;
    work.catch((error: unknown) => {
      deps.logger.error("api request failed", { path: url.pathname, error: String(error) });
      if (!res.headersSent) sendError(res, "INTERNAL");
      else res.end();
    });
    return true;
  };

  async function upload(
    req: IncomingMessage,
    res: ServerResponse,
    rawCode: string,
    round: string | null,
  ) {
    const code = RoomCodeSchema.safeParse(rawCode);
    const questionIndex = Number(round);
    if (!code.success || !Number.isInteger(questionIndex) || questionIndex < 0) {
      return refuseUnread(req, res, "INVALID_PAYLOAD");
    }
    const token = bearerToken(req);
    const player = token ? await verifyPlayerToken(token, deps.secret) : null;
    if (!player?.ok || player.roomCode !== code.data) {
      return refuseUnread(req, res, "INVALID_TOKEN");
    }
    try {
      await uploads.consume(player.playerId);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return refuseUnread(req, res, "RATE_LIMITED");
      throw rejection;
    }
    // Cheapest first (issue 7): the room's own refusal (kicked, round closed, no slots left) is
    // read from its state before a byte of the body is; the body is parsed, checked and sized
    // only after, on the gate's worker thread, and the engine checks the room again when storing.
    const target = { roomCode: code.data, playerId: player.playerId, questionIndex };
    const refusal = await deps.coding.refusal(target);
    if (refusal) return refuseUnread(req, res, refusal);
    const body = await readBody(req, LIMITS.maxBodyBytes);
    if (!body.ok) return sendError(res, body.error);
    const result = await deps.coding.submit({ ...target, body: body.body });
    if (!result.ok)
      return sendError(res, result.error, result.rejection ? { rejection: result.rejection } : {});
    // 202: stored and counted; the score follows over Socket.IO (submission:result).
    sendJson(res, 202, { ok: true, data: result.data });
  }

  /** Answers before reading the body, which is then drained unread so the client gets the answer. */
  function refuseUnread(req: IncomingMessage, res: ServerResponse, error: ErrorCode) {
    sendError(res, error);
    req.resume();
  }

  async function rescore(req: IncomingMessage, res: ServerResponse, id: string) {
    const user = await sessionUserFromCookieHeader(req.headers.cookie, deps.secret);
    if (!user) return sendError(res, "UNAUTHENTICATED");
    const row = id.length <= 64 ? await deps.submissions.get(id) : null;
    if (!row) return sendError(res, "INVALID_PAYLOAD");
    if (row.hostId !== user.userId) return sendError(res, "NOT_HOST");
    const result = await deps.coding.rescore(row);
    if (!result.ok) return sendError(res, result.error);
    sendJson(res, 200, result);
  }

  /**
   * The same board as /boards/:variant. Its bar is each model's own round's task, fixed when that
   * round closed: a `floor` (or any other) query parameter is ignored, so no URL can widen the
   * board, and the answer is the same with or without it.
   */
  async function board(res: ServerResponse, variant: string) {
    if (!(CODING_VARIANTS as readonly string[]).includes(variant)) {
      return sendError(res, "INVALID_PAYLOAD");
    }
    const data = await deps.submissions.bestModels(variant, BOARD_SIZE);
    sendJson(res, 200, { ok: true, data });
  }
}
