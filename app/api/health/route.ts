import { appContext } from "@/server/context";

export const dynamic = "force-dynamic";

/** A health check must answer quickly even when the database does not. */
const DB_PING_TIMEOUT_MS = 1_000;

/**
 * Readiness: the custom server has opened and migrated the database and seeded the bank, and the
 * database answers `SELECT 1` now. 503 `{ db: "down" }` when it does not: rooms cannot save
 * answers then, and a load balancer or a monitor should know.
 */
export async function GET(): Promise<Response> {
  let context;
  try {
    context = appContext();
  } catch {
    return Response.json({ ok: false }, { status: 503, headers: NO_STORE });
  }
  const up = (await context.database?.ping(DB_PING_TIMEOUT_MS)) ?? true;
  if (!up) return Response.json({ ok: false, db: "down" }, { status: 503, headers: NO_STORE });
  return Response.json({ ok: true, db: "up" }, { headers: NO_STORE });
}

const NO_STORE = { "cache-control": "no-store" };
