import { describe, expect, it } from "vitest";
import type { EvaluatorLiveness } from "@/server/evaluator/liveness";
import { checkHealth } from "@/server/observability/health";

const pinging = (answer: boolean | Error) => ({
  ping: (timeoutMs: number) => {
    expect(timeoutMs).toBe(1_000);
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  },
});
const evaluator = (liveness: EvaluatorLiveness) => ({ liveness: () => Promise.resolve(liveness) });
const idle = evaluator({ up: true, state: "idle", queued: 0 });

/** The rules of the report; the real components are in tests/integration/operations.test.ts. */
describe("the health report", () => {
  it("is up when everything configured is up; an unset Redis is not_configured, not down", async () => {
    const report = await checkHealth({ database: pinging(true), evaluator: idle });
    expect(report).toMatchObject({ ok: true, status: "up", down: [] });
    expect(report.checks.redis).toEqual({ status: "not_configured", required: true });
    expect(report.checks.database).toMatchObject({ status: "up", required: true });
    expect(report.checks.database.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("a required part down (or throwing) makes it down and names each one", async () => {
    const report = await checkHealth({
      database: pinging(new Error("ECONNREFUSED")),
      redis: pinging(false),
      evaluator: idle,
    });
    expect(report).toMatchObject({ ok: false, status: "down", down: ["database", "redis"] });
  });

  it("the evaluator down only degrades it, with its state and reason", async () => {
    const report = await checkHealth({
      database: pinging(true),
      evaluator: evaluator({ up: false, state: "failed", queued: 3, detail: "missing child" }),
    });
    expect(report).toMatchObject({ ok: true, status: "degraded", down: ["evaluator"] });
    expect(report.checks.evaluator).toMatchObject({
      status: "down",
      required: false,
      state: "failed",
      detail: "missing child",
    });
  });
});
