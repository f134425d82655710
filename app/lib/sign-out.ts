/**
 * next-auth's sign-out without its client library (which would ship with every page): fetch a
 * CSRF token, POST the sign-out, then load the start page afresh so every screen (and the
 * socket's handshake) sees the cleared cookie.
 */
export async function signOut(): Promise<void> {
  try {
    const csrf = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    await fetch("/api/auth/signout", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken: csrf.csrfToken, callbackUrl: "/", json: "true" }),
    });
  } finally {
    window.location.assign("/");
  }
}
