import { appContext } from "@/server/context";
import { checkHealth } from "@/server/observability/health";

export const dynamic = "force-dynamic";

/**
 * Readiness for load balancers, Docker's HEALTHCHECK and monitors: the database answers a query,
 * Redis a PING (when REDIS_URL is set) and the evaluator shows it is alive, each within 1 s
 * (server/observability/health.ts). 200 `{ ok: true, status: "up" | "degraded" }` or 503
 * `{ ok: false, status: "down" }` when a required part (database, Redis) is down; `down` names
 * every part that is, and `checks` has each one's status and latency. Before start-up: 503.
 */
export async function GET(): Promise<Response> {
  let context;
  try {
    context = appContext();
  } catch {
    return Response.json(
      { ok: false, status: "down", down: ["server"] },
      { status: 503, headers: NO_STORE },
    );
  }
  const report = await checkHealth({
    database: context.database,
    redis: context.redis,
    evaluator: context.evaluator,
  });
  return Response.json(report, { status: report.ok ? 200 : 503, headers: NO_STORE });
}

const NO_STORE = { "cache-control": "no-store" };
