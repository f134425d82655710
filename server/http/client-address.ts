import type { IncomingMessage } from "node:http";

/**
 * The client address every limit keys on, in one place. Behind a trusted reverse proxy
 * (TRUST_PROXY) it is the last X-Forwarded-For entry: the one our proxy appended, the hop nearest
 * to us (entries to its left came from the client and can be forged). Otherwise the TCP peer,
 * whatever the headers say. The request listener (server/http/request-listener.ts) overwrites
 * X-Forwarded-For with the TCP peer unless TRUST_PROXY, so code behind it (Next's routes and
 * pages) reads the header either way.
 */

/** The last X-Forwarded-For entry, or null when there is none. */
export function lastForwardedHop(header: string | string[] | null | undefined): string | null {
  const joined = Array.isArray(header) ? header.join(",") : header;
  return joined?.split(",").at(-1)?.trim() || null;
}

/** For code behind the request listener, which has only the (already trusted) header. */
export function forwardedAddress(header: string | string[] | null | undefined): string {
  return lastForwardedHop(header) ?? "unknown";
}

/** For a raw Node request the listener has not seen (the Socket.IO handshake). */
export function requestAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? lastForwardedHop(req.headers["x-forwarded-for"]) : null;
  return forwarded ?? req.socket.remoteAddress ?? "unknown";
}
