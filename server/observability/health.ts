import type { EvaluatorLiveness } from "../evaluator/liveness";

/**
 * What /api/health checks, each within a short timeout and all at once, so the probe answers in
 * about one timeout even when everything hangs. Required, so a 503 when down: the database
 * (answers are written before they are acknowledged) and Redis when REDIS_URL is set (room state
 * and the Socket.IO adapter live there). The evaluator is checked and reported but not required:
 * only coding rounds need it, and a load balancer that pulled a node over a hung evaluator would
 * stop live quizzes that do not use it; the report's status is then "degraded".
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
  /** A required component that is down makes the whole report down (HTTP 503). */
  required: boolean;
  /** Wall time of the check; at most about the timeout. */
  latencyMs?: number;
  /** The evaluator's state (idle, ready, busy, ...; see server/evaluator/liveness.ts). */
  state?: string;
  detail?: string;
}

export interface HealthReport {
  /** Every required component is up (HTTP 200); false: HTTP 503. */
  ok: boolean;
  /** "degraded": required parts up, an optional one (the evaluator) down. */
  status: "up" | "degraded" | "down";
  /** The components that are down, required or not, so a monitor's message can name them. */
  down: ComponentName[];
  checks: Record<ComponentName, ComponentHealth>;
}

export const HEALTH_TIMEOUT_MS = 1_000;

export async function checkHealth(
  deps: HealthDeps,
  timeoutMs = HEALTH_TIMEOUT_MS,
): Promise<HealthReport> {
  const [database, redis, evaluator] = await Promise.all([
    deps.database ? timed(true, () => pingCheck(deps.database!, timeoutMs)) : notConfigured(true),
    deps.redis ? timed(true, () => pingCheck(deps.redis!, timeoutMs)) : notConfigured(true),
    deps.evaluator
      ? timed(false, () => evaluatorCheck(deps.evaluator!, timeoutMs))
      : notConfigured(false),
  ]);
  const checks = { database, redis, evaluator };
  const down = (Object.keys(checks) as ComponentName[]).filter((k) => checks[k].status === "down");
  const ok = down.every((name) => !checks[name].required);
  return { ok, status: !ok ? "down" : down.length > 0 ? "degraded" : "up", down, checks };
}

type Outcome = Omit<ComponentHealth, "required" | "latencyMs">;

async function pingCheck(
  target: { ping(timeoutMs: number): Promise<boolean> },
  timeoutMs: number,
): Promise<Outcome> {
  const up = await target.ping(timeoutMs).catch(() => false);
  return up
    ? { status: "up" }
    : { status: "down", detail: `no answer within ${timeoutMs} ms or an error` };
}

async function evaluatorCheck(
  evaluator: NonNullable<HealthDeps["evaluator"]>,
  timeoutMs: number,
): Promise<Outcome> {
  const live = await evaluator.liveness(timeoutMs);
  return {
    status: live.up ? "up" : "down",
    state: live.state,
    ...(live.detail ? { detail: live.detail } : {}),
  };
}

async function timed(required: boolean, check: () => Promise<Outcome>): Promise<ComponentHealth> {
  const started = performance.now();
  const result = await check();
  return { ...result, required, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
}

function notConfigured(required: boolean): Promise<ComponentHealth> {
  return Promise.resolve({ status: "not_configured", required });
}
