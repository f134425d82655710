import type { IncomingMessage, ServerResponse } from "node:http";
import type { ErrorCode } from "@/lib/contract/errors";

/** HTTP status for each refusal code the JSON API can give. */
const STATUS: Partial<Record<ErrorCode, number>> = {
  INVALID_PAYLOAD: 400,
  UNAUTHENTICATED: 401,
  INVALID_TOKEN: 401,
  NOT_HOST: 403,
  FORBIDDEN_ORIGIN: 403,
  KICKED: 403,
  ROOM_NOT_FOUND: 404,
  PLAYER_NOT_FOUND: 404,
  QUESTION_NOT_CURRENT: 409,
  ANSWER_TOO_LATE: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  MODEL_REJECTED: 422,
  SUBMISSION_LIMIT: 429,
  RATE_LIMITED: 429,
  DB_UNAVAILABLE: 503,
  INTERNAL: 500,
};

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(json),
    "cache-control": "no-store",
  });
  res.end(json);
}

export function sendError(
  res: ServerResponse,
  error: ErrorCode,
  extra: Record<string, unknown> = {},
): void {
  sendJson(res, STATUS[error] ?? 400, { ok: false, error, ...extra });
}

/**
 * Reads a request body up to `limit` bytes. Larger bodies are refused as soon as they cross the
 * limit (by the declared length when there is one), without buffering the rest.
 */
export async function readBody(
  req: IncomingMessage,
  limit: number,
): Promise<
  { ok: true; body: Uint8Array } | { ok: false; error: "PAYLOAD_TOO_LARGE" | "INVALID_PAYLOAD" }
> {
  const declared = Number(req.headers["content-length"] ?? NaN);
  if (Number.isFinite(declared) && declared > limit)
    return { ok: false, error: "PAYLOAD_TOO_LARGE" };
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      if (size > limit) {
        req.resume(); // drain without keeping anything
        return { ok: false, error: "PAYLOAD_TOO_LARGE" };
      }
      chunks.push(buffer);
    }
  } catch {
    return { ok: false, error: "INVALID_PAYLOAD" };
  }
  return { ok: true, body: new Uint8Array(Buffer.concat(chunks)) };
}

export function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1] ?? null;
}
