/**
 * The longest event-loop stall a model upload can cause (issue 7, item 3). The real services
 * (Socket.IO, room runtime, coding service with its gate thread, evaluator child, Postgres
 * repositories) run in THIS process, watched by perf_hooks.monitorEventLoopDelay; hostile uploads
 * come from a separate client process, so building and sending 3 MB bodies costs this loop
 * nothing. Phases, each measured on its own after an idle baseline in the same run:
 *   valid     the issue's model: 784-620-10 float32, random weights (~2.6 MB), from valid players;
 *             accepted, stored and scored (the scoring round trip is inside the window)
 *   kicked    the same body from a kicked player
 *   over cap  the same body from a player who has used every slot
 *   deep      a 3 MB body of nothing but `[[[[...]]]]`
 * A third, idle process watches its own event loop over the same windows ("control"): on a
 * shared machine, a stall it sees too is the scheduler's, not this server's.
 * Prints figures; never fails on a time.
 *
 *   npm run bench:upload            (Postgres at TEST_DATABASE_URL, default 127.0.0.1:5432/test)
 */
import { fork, type ChildProcess } from "node:child_process";
import { loadavg } from "node:os";
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { gateUpload } from "../lib/model/gate";
import { type Harness, request, startHarness } from "../tests/support/realtime-harness";
import { deepestBody, LARGEST_RANDOM_HIDDEN, randomMlp } from "../tests/support/random-model";

const UPLOADS_PER_PHASE = Number(process.env.BENCH_UPLOADS ?? 6);
const CONCURRENCY = 3;
const IDLE_MS = 3_000;

type BodyKind = "huge" | "deep" | "small";
interface Upload {
  token: string;
  body: BodyKind;
}
interface ClientJob {
  url: string;
  code: string;
  uploads: Upload[];
}

// ---- the client process -----------------------------------------------------------------------

function runClient(): void {
  const utf8 = (text: string) => new TextEncoder().encode(text);
  const bodies: Record<BodyKind, Uint8Array<ArrayBuffer>> = {
    huge: utf8(JSON.stringify(randomMlp(LARGEST_RANDOM_HIDDEN))),
    deep: utf8(deepestBody()),
    small: utf8(JSON.stringify(randomMlp(8, { quantize: "uint8" }))),
  };
  process.send!({ type: "ready", hugeBytes: bodies.huge.length, deepBytes: bodies.deep.length });
  process.on("message", (job: ClientJob) => {
    void (async () => {
      const results: string[] = [];
      const queue = [...job.uploads];
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          for (let u = queue.shift(); u; u = queue.shift()) {
            const response = await fetch(`${job.url}/api/rooms/${job.code}/submissions?round=0`, {
              method: "POST",
              headers: { authorization: `Bearer ${u.token}`, "content-type": "application/json" },
              body: bodies[u.body],
            });
            const json = (await response.json()) as {
              error?: string;
              rejection?: { code: string };
            };
            results.push(`${response.status} ${json.rejection?.code ?? json.error ?? "accepted"}`);
          }
        }),
      );
      process.send!({ type: "done", results });
    })();
  });
}

// ---- the control process: an idle event loop on the same machine -------------------------------

function runControl(): void {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  process.on("message", (message: string) => {
    if (message === "reset") histogram.reset();
    else if (message === "exit") process.exit(0);
    else process.send!({ max: histogram.max, p99: histogram.percentile(99) });
  });
  process.send!("ready");
}

function ask<T>(child: ChildProcess, message: string): Promise<T> {
  return new Promise((resolve) => {
    child.once("message", resolve as (m: unknown) => void);
    child.send(message);
  });
}

// ---- the server process -----------------------------------------------------------------------

function send(client: ChildProcess, job: ClientJob): Promise<string[]> {
  return new Promise((resolve) => {
    const onMessage = (message: { type: string; results?: string[] }) => {
      if (message.type !== "done") return;
      client.off("message", onMessage);
      resolve(message.results ?? []);
    };
    client.on("message", onMessage);
    client.send(job);
  });
}

async function player(h: Harness, code: string, nickname: string) {
  const socket = await h.client();
  const joined = await request(socket, "room:join", { code, nickname });
  if (!joined.ok) throw new Error(`join ${nickname}: ${joined.error}`);
  return joined.data;
}

const ms = (ns: number) => `${(ns / 1e6).toFixed(1)} ms`;

async function main(): Promise<void> {
  process.env.TEST_DATABASE_URL ??=
    process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
  const h = await startHarness("postgres");
  const start = (mode: string) =>
    fork(fileURLToPath(import.meta.url), [mode], {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
  const client = start("--client");
  const control = start("--control");
  try {
    await new Promise((resolve) => control.once("message", resolve));
    const ready = await new Promise<{ hugeBytes: number; deepBytes: number }>((resolve) =>
      client.once("message", resolve as (m: unknown) => void),
    );

    // One room in a coding round: valid players, one to kick, one who uses up the cap.
    const maxSubmissions = 2;
    const hostUser = await h.createUser("Host");
    const host = await h.client({ cookie: hostUser.cookie });
    const created = await request(host, "room:create", {
      questionSetSlug: "test-fixture",
      settings: { questionCount: 1 },
      codingRounds: [{ afterQuestion: 0, durationSec: 3600, accuracyFloor: 0.5, maxSubmissions }],
    });
    if (!created.ok) throw new Error(`room:create: ${created.error}`);
    const { code } = created.data;
    await request(host, "room:host", { code });
    const validCount = Math.ceil(UPLOADS_PER_PHASE / maxSubmissions);
    const valid = await Promise.all(
      Array.from({ length: validCount }, (_, i) => player(h, code, `valid${i}`)),
    );
    const kicked = await player(h, code, "kicked");
    const capped = await player(h, code, "capped");
    const deep = await player(h, code, "deep");
    await request(host, "game:start", { code });
    await request(host, "room:kick", { code, playerId: kicked.playerId });
    const used = await send(client, {
      url: h.url,
      code,
      uploads: Array.from({ length: maxSubmissions }, () => ({
        token: capped.token,
        body: "small" as const,
      })),
    });
    await h.coding.idle();
    await h.evaluator.warmUp();

    const histogram = monitorEventLoopDelay({ resolution: 1 });
    histogram.enable();
    // The longest garbage-collection pause per phase: part of a stall, and not the gate's.
    let gcMaxMs = 0;
    const gc = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) gcMaxMs = Math.max(gcMaxMs, entry.duration);
    });
    gc.observe({ entryTypes: ["gc"] });
    const measure = async (work: () => Promise<string[]>) => {
      histogram.reset();
      gcMaxMs = 0;
      control.send("reset");
      const results = await work();
      await h.coding.idle();
      const idleLoop = await ask<{ max: number; p99: number }>(control, "read");
      return {
        max: histogram.max,
        p99: histogram.percentile(99),
        mean: histogram.mean,
        gcMs: gcMaxMs,
        controlMax: idleLoop.max,
        results,
      };
    };
    const phase = (token: (i: number) => string, body: BodyKind) => () =>
      send(client, {
        url: h.url,
        code,
        uploads: Array.from({ length: UPLOADS_PER_PHASE }, (_, i) => ({ token: token(i), body })),
      });

    const idle = await measure(async () => {
      await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
      return [];
    });
    const phases: [string, Awaited<ReturnType<typeof measure>>][] = [
      ["idle baseline", idle],
      [
        "valid player (accepted + scored)",
        await measure(phase((i) => valid[i % validCount]!.token, "huge")),
      ],
      ["kicked player", await measure(phase(() => kicked.token, "huge"))],
      ["over-cap player", await measure(phase(() => capped.token, "huge"))],
      ["deep 3 MB body", await measure(phase(() => deep.token, "deep"))],
    ];
    histogram.disable();
    gc.disconnect();

    // For scale: the same gate on this thread, as the upload path ran it before issue 7.
    const huge = Buffer.from(JSON.stringify(randomMlp(LARGEST_RANDOM_HIDDEN)));
    const inlineStarted = performance.now();
    const inline = gateUpload(new Uint8Array(huge));
    const inlineMs = performance.now() - inlineStarted;

    console.log(
      `bodies: ${ready.hugeBytes} B (784-${LARGEST_RANDOM_HIDDEN}-10 float32, random weights), deep ${ready.deepBytes} B; ` +
        `${UPLOADS_PER_PHASE} uploads per phase, ${CONCURRENCY} at a time; cap setup: ${used.join(", ")}`,
    );
    console.log(
      `load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")} (stalls include time this process waited for a CPU)`,
    );
    console.log(
      "phase                              max stall   p99        mean      longest GC  control max  responses",
    );
    for (const [name, s] of phases) {
      const responses = [...new Set(s.results)].map(
        (r) => `${s.results.filter((x) => x === r).length}x ${r}`,
      );
      console.log(
        `${name.padEnd(34)} ${ms(s.max).padEnd(11)} ${ms(s.p99).padEnd(10)} ${ms(s.mean).padEnd(9)} ${`${s.gcMs.toFixed(1)} ms`.padEnd(11)} ${ms(s.controlMax).padEnd(12)} ${responses.join(", ")}`,
      );
    }
    const worst = Math.max(...phases.slice(1).map(([, s]) => s.max));
    console.log(`longest stall under hostile uploads: ${ms(worst)} (idle: ${ms(idle.max)})`);
    console.log(
      `the same gate inline on the event loop (pre-fix placement): ${inlineMs.toFixed(0)} ms ` +
        `(${inline.ok ? `accepted, ${inline.model.sizeBytes} B` : inline.error.code}); ` +
        `gated on threads ${h.coding.gateStats().threads.join(", ")} (main is 0)`,
    );
  } finally {
    client.kill();
    control.kill();
    await h.close();
  }
}

if (process.argv.includes("--client")) runClient();
else if (process.argv.includes("--control")) runControl();
else await main();
