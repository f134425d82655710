/**
 * The address to rate-limit, from the X-Forwarded-For header. The custom server (server/app.ts)
 * overwrites that header with the socket's address unless TRUST_PROXY is set, so without a proxy
 * a client cannot pick its own key; behind one, the proxy appends the address it saw, so the
 * last entry is the one closest to us.
 */
export function clientAddress(forwardedFor: string | null | undefined, fallback?: string): string {
  const last = forwardedFor?.split(",").at(-1)?.trim();
  return last || fallback || "unknown";
}
