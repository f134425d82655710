/**
 * next-auth's client `signIn()` reports a refusal only as the `error` query parameter of the URL
 * the callback answers with, so a refused sign-in that must say "try again in N s" carries N in
 * that one string: `RATE_LIMITED:42`. Both sides use these two functions.
 */
export function rateLimitedSignInError(retryAfterSeconds: number): string {
  return `RATE_LIMITED:${Math.max(1, Math.ceil(retryAfterSeconds))}`;
}

export function parseSignInError(error: string): { code: string; retryAfterSeconds?: number } {
  const match = /^RATE_LIMITED:(\d{1,6})$/.exec(error);
  if (match) return { code: "RATE_LIMITED", retryAfterSeconds: Number(match[1]) };
  return { code: error };
}
