import type { ErrorCode } from "@/lib/contract/errors";
import type { Role } from "@/lib/accounts/roles";
import { SignUpSchema } from "@/lib/contract/schemas";
import { forwardedAddress } from "@/server/http/client-address";
import { hashPassword } from "@/server/auth/password";
import { appContext } from "@/server/context";
import { readCappedText } from "@/server/http/web-body";
import { processLogger } from "@/server/logger";
import { EmailTakenError } from "@/server/repositories/types";
import { passwordWeakness } from "@/lib/accounts/password-strength";

/**
 * POST { email, name, password } -> 201 { ok: true, data: { id, email, name, role } }, or a refusal
 * that wrote nothing: 400 INVALID_PAYLOAD (with the invalid `fields`), 400 WEAK_PASSWORD (a common
 * or repetitive password, or one built from the email or name), 409 EMAIL_TAKEN, 415
 * UNSUPPORTED_MEDIA_TYPE, 429 RATE_LIMITED (500 INTERNAL if storage fails). A foreign Origin was
 * already refused by the custom server (server/http/origin.ts). Every attempt counts against the caller's address, failures included, which also
 * throttles probing for registered emails through EMAIL_TAKEN.
 */

type SignedUpUser = { id: string; email: string; name: string; role: Role };

/** The refusals this route can give, from the one closed list of codes. */
type SignUpError = Extract<
  ErrorCode,
  | "INVALID_PAYLOAD"
  | "WEAK_PASSWORD"
  | "EMAIL_TAKEN"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "RATE_LIMITED"
  | "INTERNAL"
>;
type SignUpResult =
  { ok: true; data: SignedUpUser } | { ok: false; error: SignUpError; fields?: string[] };

/** The limit's window: a refused caller is told to come back after it at the latest. */
const SIGN_UP_WINDOW_SECONDS = 10 * 60;

/** A sign-up body is a few hundred bytes; refuse to buffer anything much larger. */
const MAX_BODY_BYTES = 4 * 1024;

const STATUS: Record<SignUpError, number> = {
  INVALID_PAYLOAD: 400,
  WEAK_PASSWORD: 400,
  EMAIL_TAKEN: 409,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

export async function POST(request: Request): Promise<Response> {
  // A form on another site can post text/plain without a CORS preflight; JSON needs one.
  if (!isJson(request.headers.get("content-type"))) return refuse("UNSUPPORTED_MEDIA_TYPE");
  // Every attempt counts, failures included (SIGN_UPS_PER_TEN_MINUTES per address).
  const { limits } = appContext();
  if (!(await limits.allowSignUp(forwardedAddress(request.headers.get("x-forwarded-for"))))) {
    return refuse("RATE_LIMITED", { "Retry-After": String(SIGN_UP_WINDOW_SECONDS) });
  }

  const body = await readJsonBody(request);
  const parsed = SignUpSchema.safeParse(body);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? "")))];
    return respond({ ok: false, error: "INVALID_PAYLOAD", fields: fields.filter(Boolean) }, 400);
  }
  const { email, name, password } = parsed.data;
  if (passwordWeakness(password, { email, name })) return refuse("WEAK_PASSWORD");

  try {
    // Hash before the insert, so a taken email costs the same time as a new one.
    const passwordHash = await hashPassword(password);
    const { repos, config } = appContext();
    // The role is decided inside the insert's transaction: the first account of an install is
    // its admin, even when two sign up at the same instant (lib/accounts/roles.ts).
    const user = await repos.accounts.signUp(
      { email, name, passwordHash },
      { openHostSignup: config.OPEN_HOST_SIGNUP },
    );
    const data = { id: user.id, email: user.email, name: user.name, role: user.role };
    return respond({ ok: true, data }, 201);
  } catch (error) {
    if (isEmailTaken(error)) return refuse("EMAIL_TAKEN");
    processLogger().error("sign-up: could not create the user", { component: "signup", error });
    return refuse("INTERNAL");
  }
}

/**
 * The repositories are built by the custom server, outside Next's bundle, while this route gets
 * its own bundled copy of server/repositories/types.ts: the error the repository throws is an
 * instance of the other copy's class, so `instanceof` alone misses it. The name is shared.
 */
function isEmailTaken(error: unknown): boolean {
  return (
    error instanceof EmailTakenError ||
    (error instanceof Error && error.name === new EmailTakenError().name)
  );
}

function isJson(contentType: string | null): boolean {
  return contentType?.split(";")[0]?.trim().toLowerCase() === "application/json";
}

/** The parsed JSON body, or undefined when it is missing, too large or not JSON. */
async function readJsonBody(request: Request): Promise<unknown> {
  const text = await readCappedText(request, MAX_BODY_BYTES);
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function refuse(error: SignUpError, headers?: Record<string, string>): Response {
  return respond({ ok: false, error }, STATUS[error], headers);
}

function respond(result: SignUpResult, status: number, headers?: Record<string, string>): Response {
  return Response.json(result, { status, headers });
}
