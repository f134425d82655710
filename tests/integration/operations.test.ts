import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gateUpload, uploadBytes, type GatedModel } from "@/lib/model/gate";
import { ModelEvaluator } from "@/server/evaluator/evaluator";
import type { HealthReport } from "@/server/observability/health";
import { startHttpApp, type HttpApp } from "../support/http-app";
import { sample } from "../support/prometheus-text";
import { next, request } from "../support/realtime-harness";
import { openRoom } from "../support/room-setup";
import { toArtifact } from "../support/tiny-model";

/**
 * Issue 12, part 4: /api/health names what is down, /api/metrics moves with real traffic. One
 * app on real Postgres (through a TCP proxy, so "the database is down" is a closed port without
 * touching the shared server), real Redis (through another proxy, so it can be frozen) and the
 * real evaluator child (stopped with SIGSTOP to hang it). The database goes down last: there is
 * no bringing that port back.
 */
const TOKEN = "metrics-token-for-the-operations-test";

async function health(app: HttpApp): Promise<{ status: number; body: HealthReport; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${app.url}/api/health`);
  const body = (await response.json()) as HealthReport;
  expect(response.headers.get("cache-control")).toBe("no-store");
  return { status: response.status, body, ms: performance.now() - started };
}

async function scrape(app: HttpApp): Promise<string> {
  const response = await fetch(`${app.url}/api/metrics`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  expect(response.status).toBe(200);
  return response.text();
}

/** An untrained 784-10 model through the real upload gate: it scores ~10%, which is still "ok". */
async function untrainedModel(): Promise<GatedModel> {
  await tf.setBackend("cpu");
  const model = tf.sequential({
    layers: [tf.layers.dense({ inputShape: [784], units: 10, activation: "softmax" })],
  });
  const gated = gateUpload(uploadBytes(await toArtifact(model, "uint8")));
  if (!gated.ok) throw new Error(`gate refused: ${gated.error.code}`);
  return gated.model;
}

describe("operations: health and metrics", () => {
  let app: HttpApp;
  beforeAll(async () => {
    app = await startHttpApp({ proxy: true, redis: true, env: { METRICS_TOKEN: TOKEN } });
  });
  afterAll(() => app?.close());

  it("health: 200 with every component up and timed; the idle evaluator counts as up", async () => {
    const { status, body } = await health(app);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      ok: true,
      status: "up",
      down: [],
      checks: {
        database: { status: "up", required: true },
        redis: { status: "up", required: true },
        evaluator: { status: "up", required: false, state: "idle" },
      },
    });
    for (const check of Object.values(body.checks)) {
      expect(check.latencyMs).toBeGreaterThanOrEqual(0);
      expect(check.latencyMs).toBeLessThan(1_000);
    }
  });

  it("metrics: 401 without the bearer token or with a wrong one", async () => {
    const bare = await fetch(`${app.url}/api/metrics`);
    expect(bare.status).toBe(401);
    expect(await bare.json()).toEqual({ ok: false, error: "UNAUTHENTICATED" });
    const wrong = await fetch(`${app.url}/api/metrics`, {
      headers: { authorization: `Bearer ${TOKEN}x` },
    });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${app.url}/api/metrics`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(right.status).toBe(200);
    expect(right.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it("metrics move after a real answer: answers, acks by result, rooms, players", async () => {
    const room = await openRoom(app, ["alice", "bob"], { defaultTimeLimitSec: 120 });
    const started = next(room.host, "room:update", (r) => r.phase === "question");
    await request(room.host, "game:start", { code: room.code });
    await started;

    const before = await scrape(app);
    expect(sample(before, "arena_answers_total")).toBe(0);
    expect(sample(before, "arena_rooms_live")).toBe(1);
    expect(sample(before, "arena_players_connected")).toBe(2);
    expect(sample(before, "arena_socket_connections")).toBe(3);
    const ack = await request(room.players[0]!.socket, "round:answer", {
      code: room.code,
      questionIndex: 0,
      answer: { type: "single", choice: 1 },
    });
    expect(ack).toEqual({ ok: true, data: { questionIndex: 0 } });
    // A refused answer is a request with its own result, not an answer.
    const refused = await request(room.players[1]!.socket, "round:answer", { code: room.code });
    expect(refused).toEqual({ ok: false, error: "INVALID_PAYLOAD" });

    const after = await scrape(app);
    const answerAcks = { event: "round:answer" };
    expect(sample(after, "arena_answers_total")).toBe(1);
    expect(sample(after, "arena_socket_requests_total", { ...answerAcks, result: "ok" })).toBe(1);
    expect(
      sample(after, "arena_socket_requests_total", { ...answerAcks, result: "INVALID_PAYLOAD" }),
    ).toBe(1);
    expect(sample(after, "arena_ack_latency_seconds_count", answerAcks)).toBe(2);
    const ackSeconds = sample(after, "arena_ack_latency_seconds_sum", answerAcks)!;
    expect(ackSeconds).toBeGreaterThan(0);
    expect(ackSeconds).toBeLessThan(5);
    expect(sample(after, "arena_ack_latency_seconds_bucket", { ...answerAcks, le: "+Inf" })).toBe(
      2,
    );
    // Every request is timed, the host's and the joins too.
    expect(sample(after, "arena_ack_latency_seconds_count", { event: "room:join" })).toBe(2);
    expect(
      sample(after, "arena_socket_requests_total", { event: "game:start", result: "ok" }),
    ).toBe(1);
    // Default process metrics, the event-loop lag among them.
    expect(sample(after, "nodejs_eventloop_lag_seconds")).toBeGreaterThanOrEqual(0);
    expect(sample(after, "process_resident_memory_bytes")).toBeGreaterThan(10 * 2 ** 20);

    for (const { socket } of room.players) socket.disconnect();
    await expect
      .poll(async () => sample(await scrape(app), "arena_players_connected"), { timeout: 10_000 })
      .toBe(0);
  });

  it("evaluator: timed evaluations and queue gauges; a hung child is down (degraded), then up", async () => {
    const { evaluator, metrics } = app.services;
    const model = await untrainedModel();
    await evaluator.warmUp();
    expect((await health(app)).body.checks.evaluator).toMatchObject({
      status: "up",
      state: "ready",
    });

    // Queued synchronously: read the registry before the event loop can hear from the child.
    const jobs = ["p1", "p2", "p3"].map((owner) => evaluator.evaluate(model, { owner }));
    const queued = await metrics.registry.metrics();
    expect(sample(queued, "arena_evaluations_running")).toBe(1);
    expect(sample(queued, "arena_evaluation_queue_length")).toBe(2);
    const results = await Promise.all(jobs);
    expect(results.map((r) => r.ok)).toEqual([true, true, true]);
    const done = await scrape(app);
    expect(sample(done, "arena_evaluation_queue_length")).toBe(0);
    expect(sample(done, "arena_evaluation_duration_seconds_count", { outcome: "ok" })).toBe(3);

    const pid = evaluator.childPid()!;
    process.kill(pid, "SIGSTOP");
    try {
      // Named as down, but not required: live quizzes do not need it, so the node stays in.
      const hung = await health(app);
      expect(hung.status).toBe(200);
      expect(hung.body).toMatchObject({
        ok: true,
        status: "degraded",
        down: ["evaluator"],
        checks: {
          database: { status: "up" },
          redis: { status: "up" },
          evaluator: { status: "down", state: "unresponsive" },
        },
      });
      expect(hung.body.checks.evaluator.latencyMs).toBeGreaterThanOrEqual(990);
      console.log(`health with a hung evaluator answered in ${Math.round(hung.ms)} ms`);
    } finally {
      process.kill(pid, "SIGCONT");
    }
    const back = await health(app);
    expect(back.status).toBe(200);
    expect(back.body.status).toBe("up");
    expect(back.body.checks.evaluator).toMatchObject({ status: "up", state: "ready" });
  });

  it("redis frozen: 503 naming redis within about the timeout, 200 once it flows again", async () => {
    app.redisProxy!.pause();
    try {
      const frozen = await health(app);
      expect(frozen.status).toBe(503);
      expect(frozen.body).toMatchObject({ ok: false, status: "down", down: ["redis"] });
      expect(frozen.body.checks.database.status).toBe("up");
      expect(frozen.ms).toBeLessThan(5_000);
    } finally {
      app.redisProxy!.resume();
    }
    await expect.poll(async () => (await health(app)).status, { timeout: 10_000 }).toBe(200);
  });

  it("database on a closed port: 503 naming the database; metrics still answer", async () => {
    await app.proxy!.close(); // the pool's connections drop and its port refuses new ones
    const down = await health(app);
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({
      ok: false,
      status: "down",
      down: ["database"],
      checks: { database: { status: "down" }, redis: { status: "up" } },
    });
    expect(down.ms).toBeLessThan(5_000);
    console.log(`health with the database's port closed answered in ${Math.round(down.ms)} ms`);
    expect(sample(await scrape(app), "arena_answers_total")).toBe(1);
  });
});

describe("an evaluator whose child cannot start", () => {
  it("is down (failed) with the reason, without a submission having to find out", async () => {
    const evaluator = new ModelEvaluator({ startTimeoutMs: 1 });
    try {
      expect(await evaluator.liveness(1_000)).toEqual({ up: true, state: "idle", queued: 0 });
      await expect(evaluator.warmUp()).rejects.toThrow(/not ready in 1 ms/);
      expect(await evaluator.liveness(1_000)).toEqual({
        up: false,
        state: "failed",
        queued: 0,
        detail: "evaluator child not ready in 1 ms",
      });
    } finally {
      await evaluator.close();
    }
    expect(await evaluator.liveness(1_000)).toMatchObject({ up: false, state: "closed" });
  });
});
