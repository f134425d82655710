import { ERROR_CODES, type ErrorCode } from "@/lib/contract/errors";

/** The account routes' answers, as the profile and admin pages read them. */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ErrorCode };

const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === "string" && (ERROR_CODES as readonly string[]).includes(value);

export async function callApi<T>(
  url: string,
  method: "GET" | "POST" | "PATCH" | "DELETE",
  body?: unknown,
): Promise<ApiResult<T>> {
  try {
    const response = await fetch(url, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as { ok?: boolean; data?: T; error?: unknown };
    if (json.ok) return { ok: true, data: json.data as T };
    return { ok: false, error: isErrorCode(json.error) ? json.error : "INTERNAL" };
  } catch {
    return { ok: false, error: "INTERNAL" };
  }
}
