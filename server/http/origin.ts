/**
 * Where a state-changing request may come from. A browser attaches the session cookie to any
 * request to this host, so a page on another site could otherwise sign someone up, sign them in
 * or make their socket act for them (CSRF, cross-site WebSocket hijacking). Browsers always send
 * Origin on cross-site POSTs and WebSocket handshakes, and a page cannot forge it.
 *
 * The rule, in one place for the HTTP routes (server/app.ts) and the Socket.IO handshake:
 *   - Origin (or, without one, the Referer's origin) equal to PUBLIC_URL's origin, or to the
 *     request's own scheme://host, is allowed;
 *   - neither header at all is allowed: that is not a browser (curl, the tests, a script with a
 *     player's Bearer token), and a non-browser has no victim's cookie to ride on;
 *   - anything else ("null" from a sandboxed frame included) is foreign and refused.
 * The request's scheme is http (this server speaks plain HTTP) unless TRUST_PROXY is set, in which
 * case the proxy's X-Forwarded-Proto (and X-Forwarded-Host) say what the browser used.
 */
export interface OriginPolicy {
  publicUrl?: string;
  trustProxy: boolean;
}

export function originPolicy(config: { PUBLIC_URL?: string; TRUST_PROXY: boolean }): OriginPolicy {
  return { publicUrl: config.PUBLIC_URL, trustProxy: config.TRUST_PROXY };
}

export type OriginVerdict = "same-origin" | "no-origin" | "foreign";

type HeaderValue = string | string[] | undefined;
export type HeaderBag = Record<string, HeaderValue>;

export function checkOrigin(headers: HeaderBag, policy: OriginPolicy): OriginVerdict {
  const origin = first(headers.origin);
  const referer = first(headers.referer);
  if (origin === undefined && referer === undefined) return "no-origin";
  // "null" (a sandboxed frame) and anything unparsable never match.
  const claimed = toOrigin(origin ?? referer ?? "");
  return claimed !== undefined && allowedOrigins(headers, policy).includes(claimed)
    ? "same-origin"
    : "foreign";
}

/** The Socket.IO handshake rule: as for an HTTP state change (no policy: own host only). */
export function socketOriginAllowed(
  headers: HeaderBag,
  policy: OriginPolicy = { trustProxy: false },
): boolean {
  return checkOrigin(headers, policy) !== "foreign";
}

/** Methods that change state; GET/HEAD/OPTIONS must not, so they are never checked. */
export function isStateChanging(method: string | undefined): boolean {
  return method !== undefined && !["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase());
}

function allowedOrigins(headers: HeaderBag, policy: OriginPolicy): string[] {
  const origins: string[] = [];
  if (policy.publicUrl) origins.push(new URL(policy.publicUrl).origin.toLowerCase());
  const forwardedHost = policy.trustProxy ? firstListed(headers["x-forwarded-host"]) : undefined;
  const host = forwardedHost ?? first(headers.host);
  const proto =
    (policy.trustProxy ? firstListed(headers["x-forwarded-proto"]) : undefined) ?? "http";
  const own = host ? toOrigin(`${proto}://${host}`) : undefined;
  if (own) origins.push(own);
  return origins;
}

/** `new URL().origin` drops a default port, so "http://h:80" and "http://h" compare equal. */
function toOrigin(url: string): string | undefined {
  try {
    const origin = new URL(url).origin;
    return origin === "null" ? undefined : origin.toLowerCase();
  } catch {
    return undefined;
  }
}

function first(value: HeaderValue): string | undefined {
  const single = Array.isArray(value) ? value[0] : value;
  return single === undefined || single === "" ? undefined : single.trim();
}

/** Proxies may chain: "https, http" means the first hop, the browser's, was https. */
function firstListed(value: HeaderValue): string | undefined {
  return first(value)?.split(",")[0]?.trim() || undefined;
}
