/**
 * Signs in the way next-auth's client `signIn("credentials", { redirect: false })` does: fetch a
 * CSRF token (and its cookie), then post the form with `json=true` to the credentials callback.
 */
export async function signIn(
  baseUrl: string,
  email: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { ...headers, cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
    redirect: "manual",
  });
}

export function hasSessionCookie(response: Response): boolean {
  return response.headers.getSetCookie().some((c) => c.startsWith("next-auth.session-token="));
}
