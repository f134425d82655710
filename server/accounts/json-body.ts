import type { z } from "zod";
import { errorResponse } from "../http/web-response";
import { readCappedText } from "../http/web-body";

/** The account routes take small JSON bodies (a role, a name, a few dozen claims). */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * The request's JSON body parsed by `schema`, or the refusal to send: 415 when it is not JSON (a
 * cross-site form cannot send JSON without a preflight), 413 when too large, 400 when it does not
 * parse or fit the schema.
 */
export async function parseJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<{ ok: true; data: z.infer<S> } | { ok: false; response: Response }> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json")
    return { ok: false, response: errorResponse("UNSUPPORTED_MEDIA_TYPE") };
  const text = await readCappedText(request, MAX_BODY_BYTES);
  if (text === null) return { ok: false, response: errorResponse("PAYLOAD_TOO_LARGE") };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, response: errorResponse("INVALID_PAYLOAD") };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, response: errorResponse("INVALID_PAYLOAD") };
  return { ok: true, data: parsed.data };
}
