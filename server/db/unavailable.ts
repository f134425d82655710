/**
 * True when a database call failed because the database did not answer in time or could not be
 * reached (server/db/client.ts sets the timeouts), as opposed to a refusal such as a unique
 * violation. The error arrives wrapped by Prisma's driver adapter, so the whole cause chain and
 * its messages are searched. Such a failure means "unknown outcome": the write may still commit.
 */
const UNAVAILABLE_MESSAGES = [
  "Query read timeout", // pg query_timeout
  "timeout exceeded when trying to connect", // pg-pool connectionTimeoutMillis
  "Connection terminated", // the connection dropped mid-query
  "canceling statement due to statement timeout", // Postgres statement_timeout (57014)
];
/**
 * Postgres and socket codes, and the codes Prisma's driver adapter turns socket errors into: a
 * refused connection (a stopped database) arrives as P1001, a reset one as P1017, a socket
 * timeout as P1008, with no cause chain down to the socket's own code.
 */
const UNAVAILABLE_CODES = new Set([
  "57014",
  "57P01",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "P1001",
  "P1008",
  "P1017",
]);

/** The driver adapter's names for a socket-level failure (what P1001, P1017, P1008 stand for). */
const UNAVAILABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"]);

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let depth = 0, current = error; current && depth < 8; depth++) {
    if (typeof current !== "object") return false;
    const { message, code, cause, meta, originalCode, originalMessage, kind } = current as {
      message?: unknown;
      code?: unknown;
      cause?: unknown;
      meta?: { driverAdapterError?: unknown };
      originalCode?: unknown;
      originalMessage?: unknown;
      kind?: unknown;
    };
    for (const text of [message, originalMessage]) {
      if (typeof text === "string" && UNAVAILABLE_MESSAGES.some((m) => text.includes(m))) {
        return true;
      }
    }
    for (const c of [code, originalCode]) {
      if (typeof c === "string" && UNAVAILABLE_CODES.has(c)) return true;
    }
    if (typeof kind === "string" && UNAVAILABLE_KINDS.has(kind)) return true;
    // A raw query's failure (P2010) carries the adapter's error in meta rather than as a cause.
    current = cause ?? meta?.driverAdapterError;
  }
  return false;
}
