/**
 * Sign-in load: how responsive the server stays while 40 sign-ins run at once (issue 7, item 9).
 * Measures GET /api/health latency (p50 / p99 / max) and the event loop's delay, idle and under
 * 40 parallel credential sign-ins, for:
 *   - argon2id accounts (production parameters, on the libuv thread pool);
 *   - legacy bcrypt cost-12 accounts (verified in worker threads, then rehashed to argon2);
 *   - for comparison, what the old code did: bcryptjs cost 12 on the event loop (40 compares
 *     started on the main thread while health is polled; no HTTP sign-in involved).
 * In process (tests/support/http-app.ts: the real request listener and route handlers, real
 * Postgres at TEST_DATABASE_URL or 127.0.0.1:5432/test, a scratch database dropped afterwards).
 * Prints figures; never fails on a time.
 *
 *   node --import tsx bench/signin-load.ts [--parallel 40] [--rounds 3]
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { parseArgs } from "node:util";
import bcrypt from "bcryptjs";
import { hashPassword } from "@/server/auth/password";
import { startHttpApp, type HttpApp } from "../tests/support/http-app";
import { signIn } from "../tests/support/sign-in-client";
import { fmt, table } from "./support/stats";

const { values } = parseArgs({
  options: {
    parallel: { type: "string", default: "40" },
    rounds: { type: "string", default: "3" },
  },
});
const PARALLEL = Number(values.parallel);
/** Each phase runs this many bursts (fresh accounts each time: legacy ones are rehashed). */
const ROUNDS = Number(values.rounds);
process.env.TEST_DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/test";

interface Phase {
  name: string;
  health: number[];
  /** Health requests that failed or answered non-2xx. */
  failed: number;
  loopDelayMaxMs: number;
  loopDelayP99Ms: number;
  wallMs: number;
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/**
 * Polls /api/health one request at a time from a worker thread, so the prober has its own event
 * loop: a stalled server loop shows up as slow answers instead of also stalling the prober.
 */
const PROBER = `
const { parentPort, workerData } = require("node:worker_threads");
let stop = false;
parentPort.on("message", () => { stop = true; });
(async () => {
  const samples = [];
  while (!stop || samples.length < 20) {
    const t = performance.now();
    try {
      const response = await fetch(workerData.url);
      await response.arrayBuffer();
      samples.push(response.ok ? performance.now() - t : -1);
    } catch {
      samples.push(-1);
    }
  }
  parentPort.postMessage(samples);
})();
`;

async function measure(app: HttpApp, name: string, work: () => Promise<unknown>): Promise<Phase> {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const prober = new Worker(PROBER, { eval: true, workerData: { url: `${app.url}/api/health` } });
  const samples = new Promise<number[]>((resolve) => prober.once("message", resolve));
  const started = performance.now();
  await work();
  const wallMs = performance.now() - started;
  prober.postMessage("stop");
  const health = await samples;
  await prober.terminate();
  loop.disable();
  return {
    name,
    health: health.filter((ms) => ms >= 0),
    failed: health.filter((ms) => ms < 0).length,
    loopDelayMaxMs: loop.max / 1e6,
    loopDelayP99Ms: loop.percentile(99) / 1e6,
    wallMs,
  };
}

async function main(): Promise<void> {
  const app = await startHttpApp({ env: { TRUST_PROXY: "1", LOG_LEVEL: "silent" } });
  try {
    const legacyHash = bcrypt.hashSync("right-password", 12);
    const modernHash = await hashPassword("right-password");
    for (let i = 0; i < PARALLEL * ROUNDS; i++) {
      for (const [kind, passwordHash] of [
        ["argon", modernHash],
        ["legacy", legacyHash],
      ] as const) {
        await app.repos.users.create({ email: `${kind}${i}@bench.test`, name: kind, passwordHash });
      }
    }
    const burst = (kind: string) => async () => {
      for (let round = 0; round < ROUNDS; round++) {
        await Promise.all(
          Array.from({ length: PARALLEL }, (_, j) => {
            const i = round * PARALLEL + j;
            return signIn(app.url, `${kind}${i}@bench.test`, "right-password", {
              "x-forwarded-for": `198.18.${kind.length}.${j + 1}`,
            }).then((r) => {
              if (r.status !== 200) throw new Error(`sign-in ${kind}${i}: ${r.status}`);
            });
          }),
        );
      }
    };
    const idleFor = (ms: number) => () => new Promise((resolve) => setTimeout(resolve, ms));

    const phases: Phase[] = [];
    phases.push(await measure(app, "idle", idleFor(2_000)));
    phases.push(await measure(app, `${ROUNDS}x ${PARALLEL} sign-ins, argon2id`, burst("argon")));
    phases.push(
      await measure(
        app,
        `${ROUNDS}x ${PARALLEL} sign-ins, legacy bcrypt (workers)`,
        burst("legacy"),
      ),
    );
    phases.push(
      await measure(app, `before: ${PARALLEL} bcryptjs on the event loop`, () =>
        Promise.all(
          Array.from({ length: PARALLEL }, () => bcrypt.compare("right-password", legacyHash)),
        ),
      ),
    );

    console.log(
      `\nGET /api/health while ${PARALLEL} sign-ins run (ms; probed from a worker thread)\n`,
    );
    console.log(
      table(
        [
          "phase",
          "health requests",
          "failed",
          "p50",
          "p99",
          "max",
          "loop delay p99",
          "loop delay max",
          "wall",
        ],
        phases.map((p) => [
          p.name,
          String(p.health.length),
          String(p.failed),
          fmt(percentile(p.health, 50)),
          fmt(percentile(p.health, 99)),
          fmt(Math.max(...p.health)),
          fmt(p.loopDelayP99Ms),
          fmt(p.loopDelayMaxMs),
          fmt(p.wallMs),
        ]),
      ),
    );
  } finally {
    await app.close();
  }
}

await main();
