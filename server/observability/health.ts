import type { EvaluatorLiveness } from "../evaluator/liveness";

/**
 * What /api/health checks, each within a short timeout and all at once, so the probe answers in
 * about one timeout even when everything hangs. Every check here is required when present: the
 * database (answers are written before they are acknowledged), Redis when REDIS_URL is set (room
 * state and the Socket.IO adapter live there), and the evaluator (coding rounds score with it).
 */
export interface HealthDeps {
  database?: { ping(timeoutMs: number): Promise<boolean> };
  /** Present only when REDIS_URL is set. */
  redis?: { ping(timeoutMs: number): Promise<boolean> };
  evaluator?: { liveness(timeoutMs: number): Promise<EvaluatorLiveness> };
}

export type ComponentName = "database" | "redis" | "evaluator";

export interface ComponentHealth {
  status: "up" | "down" | "not_configured";
  /** Wall time of the check; at most about the timeout. */
  latencyMs?: number;
  /** The evaluator's state (idle, ready, busy, ...; see server/evaluator/liveness.ts). */
  state?: string;
  detail?: string;
}

export interface HealthReport {
  ok: boolean;
  /** The components that are down, so a monitor's message can name them. */
  down: ComponentName[];
  checks: Record<ComponentName, ComponentHealth>;
}

export const HEALTH_TIMEOUT_MS = 1_000;

export async function checkHealth(
  deps: HealthDeps,
  timeoutMs = HEALTH_TIMEOUT_MS,
): Promise<HealthReport> {
  const [database, redis, evaluator] = await Promise.all([
    deps.database ? timed(() => pingCheck(deps.database!, timeoutMs)) : notConfigured(),
    deps.redis ? timed(() => pingCheck(deps.redis!, timeoutMs)) : notConfigured(),
    deps.evaluator ? timed(() => evaluatorCheck(deps.evaluator!, timeoutMs)) : notConfigured(),
  ]);
  const checks = { database, redis, evaluator };
  const down = (Object.keys(checks) as ComponentName[]).filter((k) => checks[k].status === "down");
  return { ok: down.length === 0, down, checks };
}

async function pingCheck(
  target: { ping(timeoutMs: number): Promise<boolean> },
  timeoutMs: number,
): Promise<ComponentHealth> {
  const up = await target.ping(timeoutMs).catch(() => false);
  return up
    ? { status: "up" }
    : { status: "down", detail: `no answer within ${timeoutMs} ms or an error` };
}

async function evaluatorCheck(
  evaluator: NonNullable<HealthDeps["evaluator"]>,
  timeoutMs: number,
): Promise<ComponentHealth> {
  const live = await evaluator.liveness(timeoutMs);
  return {
    status: live.up ? "up" : "down",
    state: live.state,
    ...(live.detail ? { detail: live.detail } : {}),
  };
}

async function timed(check: () => Promise<ComponentHealth>): Promise<ComponentHealth> {
  const started = performance.now();
  const result = await check();
  return { ...result, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
}

function notConfigured(): Promise<ComponentHealth> {
  return Promise.resolve({ status: "not_configured" });
}
