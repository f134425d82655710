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
const UNAVAILABLE_CODES = new Set(["57014", "57P01", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT"]);

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let depth = 0, current = error; current && depth < 8; depth++) {
    if (typeof current !== "object") return false;
    const { message, code, cause } = current as {
      message?: unknown;
      code?: unknown;
      cause?: unknown;
    };
    if (typeof message === "string" && UNAVAILABLE_MESSAGES.some((m) => message.includes(m))) {
      return true;
    }
    if (typeof code === "string" && UNAVAILABLE_CODES.has(code)) return true;
    current = cause;
  }
  return false;
}
