import type { ErrorCode } from "@/lib/contract/errors";

/** The browser side of /api/events: JSON in, `{ ok, data } | { ok: false, error, issues }` out. */
export type ApiOutcome<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      error: ErrorCode;
      issues?: { path: string; message: string }[];
      /** The request fields an INVALID_PAYLOAD names (the challenges API): `a.0.b` paths. */
      fields?: string[];
    };

export async function eventApi<T>(
  path: string,
  init: { method?: string; body?: unknown; token?: string } = {},
): Promise<ApiOutcome<T>> {
  try {
    const response = await fetch(path, {
      method: init.method ?? "GET",
      headers: {
        ...(init.body === undefined ? {} : { "content-type": "application/json" }),
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return (await response.json()) as ApiOutcome<T>;
  } catch {
    return { ok: false, error: "INTERNAL" };
  }
}
