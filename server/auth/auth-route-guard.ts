import type { ErrorCode } from "@/lib/contract/errors";
import { rateLimitedSignInError } from "@/lib/contract/sign-in";
import type { SignInLimiter } from "./sign-in-limits";
import { forwardedAddress } from "../http/client-address";
import { readCappedText } from "../http/web-body";

/**
 * What stands in front of next-auth's POST routes (/api/auth/*). next-auth v4 parses the body
 * itself and answers 500 when a JSON body does not parse; and it has no notion of a rate limit.
 * So the body is read and checked here first (bounded, form or JSON only), a credentials sign-in
 * takes its attempt from the limits, and next-auth gets the same body again, already known good.
 */

/** A sign-in form is a few hundred bytes (email, password, CSRF token, callback URL). */
const MAX_BODY_BYTES = 8 * 1024;

export type AuthPostGuard =
  { ok: true; body: string; fields: Record<string, string> } | { ok: false; response: Response };

export async function guardAuthPost(
  request: Request,
  deps: { limits: SignInLimiter },
): Promise<AuthPostGuard> {
  const body = await readCappedText(request, MAX_BODY_BYTES);
  if (body === null) return refuse("PAYLOAD_TOO_LARGE", 413);
  const fields = parseFields(request.headers.get("content-type"), body);
  if (fields === "unsupported") return refuse("UNSUPPORTED_MEDIA_TYPE", 415);
  if (fields === "invalid") return refuse("INVALID_PAYLOAD", 400);

  if (new URL(request.url).pathname.endsWith("/callback/credentials")) {
    const address = forwardedAddress(request.headers.get("x-forwarded-for"));
    const attempt = await deps.limits.attempt(fields.email ?? "", address);
    if (!attempt.ok) {
      // next-auth's client reads the refusal from `url`'s error parameter (lib/contract/sign-in.ts).
      const error = rateLimitedSignInError(attempt.retryAfterSeconds);
      // next-auth's own base (set from PUBLIC_URL or the port at start-up), not the listen address:
      // behind `HOST=0.0.0.0` the request URL names a host no browser can open.
      const base = process.env.NEXTAUTH_URL ?? request.url;
      const url = new URL(`/api/auth/error?error=${encodeURIComponent(error)}`, base);
      return {
        ok: false,
        response: Response.json(
          { ok: false, error: "RATE_LIMITED", retryAfterSeconds: attempt.retryAfterSeconds, url },
          { status: 429, headers: { "Retry-After": String(attempt.retryAfterSeconds) } },
        ),
      };
    }
  }
  return { ok: true, body, fields };
}

/**
 * The route's POST: the guard, then next-auth (`run`) on a copy of the request carrying the body
 * the guard already read. `run` is next-auth's App Router handler in the app, and next-auth's
 * own API handler in the integration tests (which run without Next).
 */
export async function handleAuthPost(
  request: Request,
  limits: SignInLimiter,
  run: (checked: Request) => Promise<Response>,
): Promise<Response> {
  const guard = await guardAuthPost(request, { limits });
  if (!guard.ok) return guard.response;
  return run(
    new Request(request.url, { method: "POST", headers: request.headers, body: guard.body }),
  );
}

const SIGN_IN_FIELDS = new Set(["email", "password", "csrfToken", "callbackUrl", "json"]);

/** next-auth's client posts a form; JSON is accepted as next-auth's own parser does. */
function parseFields(
  contentType: string | null,
  body: string,
): Record<string, string> | "unsupported" | "invalid" {
  const type = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (type === "application/x-www-form-urlencoded") {
    return Object.fromEntries(new URLSearchParams(body));
  }
  if (type === "application/json") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return "invalid";
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return "invalid";
    const fields: Record<string, string> = {};
    for (const [key, value] of Object.entries(parsed)) {
      if (typeof value === "string") fields[key] = value;
      // The sign-in fields must be strings; other routes (the client's _log) carry objects.
      else if (SIGN_IN_FIELDS.has(key)) return "invalid";
    }
    return fields;
  }
  // An empty POST (no body at all) is what next-auth's sign-out without a form looks like.
  return body === "" ? {} : "unsupported";
}

function refuse(error: ErrorCode, status: number): { ok: false; response: Response } {
  return { ok: false, response: Response.json({ ok: false, error }, { status }) };
}
