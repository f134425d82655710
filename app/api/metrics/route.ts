import { createHash, timingSafeEqual } from "node:crypto";
import { appContext } from "@/server/context";
import { bearerToken, errorResponse } from "@/server/http/web-response";

export const dynamic = "force-dynamic";

/**
 * Prometheus scrape endpoint: this process's registry (server/observability/metrics.ts) in the
 * text exposition format. With METRICS_TOKEN set, only `Authorization: Bearer <token>` may read
 * it (401 UNAUTHENTICATED otherwise); without it the endpoint is open, so keep it off the public
 * side of the proxy (deploy/haproxy.cfg does).
 */
export async function GET(request: Request): Promise<Response> {
  const { config, metrics } = appContext();
  if (config.METRICS_TOKEN && !sameSecret(bearerToken(request), config.METRICS_TOKEN))
    return errorResponse("UNAUTHENTICATED");
  if (!metrics) return errorResponse("INTERNAL");
  const body = await metrics.registry.metrics();
  return new Response(body, {
    headers: { "content-type": metrics.registry.contentType, "cache-control": "no-store" },
  });
}

/** Compares digests, so the time taken says nothing about how much of the token was right. */
function sameSecret(given: string | null, token: string): boolean {
  if (given === null) return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(token));
}
