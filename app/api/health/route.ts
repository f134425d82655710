import { appContext } from "@/server/context";
import { checkHealth } from "@/server/observability/health";

export const dynamic = "force-dynamic";

/**
 * Readiness for load balancers, Docker's HEALTHCHECK and monitors: the database answers a query,
 * Redis a PING (when REDIS_URL is set) and the evaluator shows it is alive, each within 1 s
 * (server/observability/health.ts). 200 `{ ok: true, ... }`, or 503 naming what is `down`, with
 * each component's status and latency in `checks`. Before the server has started: 503.
 */
export async function GET(): Promise<Response> {
  let context;
  try {
    context = appContext();
  } catch {
    return Response.json({ ok: false, down: ["server"] }, { status: 503, headers: NO_STORE });
  }
  const report = await checkHealth({
    database: context.database,
    redis: context.redis,
    evaluator: context.evaluator,
  });
  return Response.json(report, { status: report.ok ? 200 : 503, headers: NO_STORE });
}

const NO_STORE = { "cache-control": "no-store" };
