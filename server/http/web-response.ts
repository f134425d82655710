import type { ErrorCode } from "@/lib/contract/errors";

/** HTTP status for each refusal code the JSON API can give (400 for any other). */
export const ERROR_STATUS: Partial<Record<ErrorCode, number>> = {
  INVALID_PAYLOAD: 400,
  UNAUTHENTICATED: 401,
  INVALID_TOKEN: 401,
  NOT_HOST: 403,
  FORBIDDEN_ORIGIN: 403,
  KICKED: 403,
  ROOM_NOT_FOUND: 404,
  PLAYER_NOT_FOUND: 404,
  QUESTION_SET_NOT_FOUND: 404,
  QUESTION_NOT_CURRENT: 409,
  ANSWER_TOO_LATE: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  MODEL_REJECTED: 422,
  SUBMISSION_LIMIT: 429,
  RATE_LIMITED: 429,
  DB_UNAVAILABLE: 503,
  INTERNAL: 500,
  TRAINING_BUDGET_EXCEEDED: 403,
  ROLE_REQUIRED: 403,
  LAST_ADMIN: 409,
  USER_NOT_FOUND: 404,
  WEAK_PASSWORD: 400,
  CLAIM_INVALID: 403,
  CLAIM_TAKEN: 409,
  CONFIRMATION_MISMATCH: 400,
  CHALLENGE_NOT_FOUND: 404,
  CHALLENGE_NOT_OPEN: 409,
  CHALLENGE_CLOSED: 410,
  ATTEMPT_USED: 409,
  EVENT_NOT_FOUND: 404,
  EVENT_CLOSED: 410,
  NOT_ORGANISER: 403,
  NOT_A_CANDIDATE: 403,
  NO_QUESTIONS: 400,
  NOT_ENOUGH_QUESTIONS: 400,
};

const NO_STORE = { "cache-control": "no-store" };

/** A JSON answer that no cache keeps: every API answer depends on who asks and when. */
export function jsonResponse(status: number, body: unknown): Response {
  return Response.json(body, { status, headers: NO_STORE });
}

/** `{ ok: false, error, ...extra }` with the code's status. */
export function errorResponse(error: ErrorCode, extra: Record<string, unknown> = {}): Response {
  return jsonResponse(ERROR_STATUS[error] ?? 400, { ok: false, error, ...extra });
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1] ?? null;
}
