import { decode } from "next-auth/jwt";

/**
 * Identity for a Socket.IO handshake, read from the same session cookie the pages use.
 *
 * next-auth's `getToken({ req: socket.request })` returns null here: it reads `req.cookies`, which
 * only Next's request wrappers fill in, and a raw Node IncomingMessage has just the Cookie header.
 * So we parse that header ourselves and hand the JWE to next-auth's own `decode`.
 */

/**
 * The https name first: a browser sends `__Secure-` cookies only over https, so there it is the
 * live one. Both are tried, because a stale cookie of the other name may linger after NEXTAUTH_URL
 * switched between http and https.
 */
const SESSION_COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/** The Cookie header is client input: cap what we are willing to parse and decrypt. */
const MAX_COOKIE_HEADER_LENGTH = 64 * 1024;

export interface SocketSessionUser {
  userId: string;
  name: string;
}

export async function sessionUserFromCookieHeader(
  cookieHeader: string | undefined,
  secret: string,
): Promise<SocketSessionUser | null> {
  if (!cookieHeader || cookieHeader.length > MAX_COOKIE_HEADER_LENGTH) return null;
  const cookies = parseCookieHeader(cookieHeader);
  for (const name of SESSION_COOKIE_NAMES) {
    const token = sessionTokenFromCookies(cookies, name);
    const user = token ? await decodeSessionToken(token, secret) : null;
    if (user) return user;
  }
  return null;
}

async function decodeSessionToken(
  token: string,
  secret: string,
): Promise<SocketSessionUser | null> {
  try {
    // Throws on a wrong key or a tampered token; jose also refuses an expired one (15 s leeway).
    const payload = await decode({ token, secret });
    if (!payload || typeof payload.sub !== "string" || payload.sub === "") return null;
    return { userId: payload.sub, name: typeof payload.name === "string" ? payload.name : "" };
  } catch {
    return null;
  }
}

/**
 * next-auth v4 splits a session cookie longer than ~3.9 KB into `<name>.0`, `<name>.1`, ...
 * (core/lib/cookie.js SessionStore). Our tokens are small, but a browser may still hold chunks,
 * so join them in order; a gap in the numbering means a partial set, which cannot decrypt anyway.
 */
function sessionTokenFromCookies(cookies: Map<string, string>, name: string): string | null {
  const chunks: string[] = [];
  for (let i = 0; cookies.has(`${name}.${i}`); i++) chunks.push(cookies.get(`${name}.${i}`) ?? "");
  if (chunks.length > 0) return chunks.join("");
  return cookies.get(name) || null;
}

/** RFC 6265 `name=value; name2=value2`; the first occurrence of a name wins, as in `cookie.parse`. */
function parseCookieHeader(header: string): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const pair of header.split(";")) {
    const eq = pair.indexOf("=");
    if (eq < 0) continue;
    const name = pair.slice(0, eq).trim();
    if (!name || cookies.has(name)) continue;
    let value = pair.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"'))
      value = value.slice(1, -1);
    cookies.set(name, safeDecodeURIComponent(value));
  }
  return cookies;
}

function safeDecodeURIComponent(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
