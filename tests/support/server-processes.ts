import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { buildState } from "@/server/build-check";

/**
 * Real server processes for the fault tests: the production entry (`npm start`, i.e.
 * server/start.ts, which builds the app first when the build is stale) and a private
 * redis-server, each on a free loopback port. Unlike the in-process harnesses, a process can be
 * killed with SIGKILL, which is the point: nothing in it gets to clean up.
 */
const ROOT = path.resolve(import.meta.dirname, "..", "..");
/** The first start of a run may build the app (`next build`): minutes on a busy 2-core box. */
const FIRST_READY_TIMEOUT_MS = 300_000;
const STOP_TIMEOUT_MS = 10_000;

/** A test that fails half-way must not leave processes holding ports. */
const live = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});

export interface ArenaNode {
  url: string;
  port: number;
  pid: number;
  /** The process's last output, for failure messages. */
  output(): string;
  /** Spawn to the first 200 from /api/health (a build, when one was needed, included). */
  readyMs: number;
  /** Still running: the same process, not a restart. */
  alive(): boolean;
  /** SIGKILL: the process gets no chance to flush, close sockets or release anything. */
  kill(): Promise<void>;
  /** SIGTERM (graceful), then SIGKILL if it does not exit in time. */
  stop(): Promise<void>;
}

export interface ArenaNodeOptions {
  databaseUrl: string;
  secret: string;
  redisUrl?: string;
  /** Extra settings (DB_QUERY_TIMEOUT_MS, ...): README "Configuration". */
  env?: Record<string, string>;
  label?: string;
}

export async function startArenaNode(opts: ArenaNodeOptions): Promise<ArenaNode> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: Record<string, string | undefined> = { ...process.env };
  // Inherited settings would silently point the node elsewhere (another database or Redis).
  for (const name of ["DATABASE_URL", "REDIS_URL", "NEXTAUTH_URL", "PUBLIC_URL", "TRUST_PROXY"])
    delete env[name];
  Object.assign(env, {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: mkdtempSync(path.join(tmpdir(), "kba-fault-")),
    LOG_LEVEL: "warn",
    NEXTAUTH_SECRET: opts.secret,
    NEXTAUTH_URL: url,
    DATABASE_URL: opts.databaseUrl,
    REDIS_URL: opts.redisUrl,
    // Every simulated player connects from 127.0.0.1: lift the per-address caps meant for NATs.
    MAX_CONNECTIONS_PER_ADDRESS: "100000",
    MAX_TCP_CONNECTIONS_PER_ADDRESS: "0",
    ...opts.env,
  });
  const spawnedAt = Date.now();
  const child = spawn(process.execPath, ["--import", "tsx", "server/start.ts"], {
    cwd: ROOT,
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const proc = track(child, opts.label ?? `node:${port}`);
  const ready = await waitUntil(FIRST_READY_TIMEOUT_MS, proc.exited, async () => {
    const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(3_000) });
    await res.arrayBuffer();
    return res.status === 200;
  });
  if (!ready || child.pid === undefined) {
    await proc.kill();
    throw new Error(`${opts.label ?? "node"} did not become ready; last output:\n${proc.output()}`);
  }
  return {
    url,
    port,
    pid: child.pid,
    readyMs: Date.now() - spawnedAt,
    output: proc.output,
    alive: () => !proc.exited(),
    kill: proc.kill,
    stop: proc.stop,
  };
}

/**
 * Several nodes on the same settings. Each start builds the app when the build is stale, so with
 * a stale build the first starts alone (and builds); otherwise they start side by side.
 */
export async function startArenaNodes(
  count: number,
  opts: Omit<ArenaNodeOptions, "label">,
): Promise<ArenaNode[]> {
  const labels = Array.from({ length: count }, (_, i) => `node${String.fromCharCode(65 + i)}`);
  const first =
    buildState(ROOT) === "fresh" ? [] : [await startArenaNode({ ...opts, label: labels[0] })];
  const rest = await Promise.all(
    labels.slice(first.length).map((label) => startArenaNode({ ...opts, label })),
  );
  return [...first, ...rest];
}

export interface RedisServer {
  url: string;
  port: number;
  /** SIGKILL, without starting it again. */
  kill(): Promise<void>;
  /** Starts it again on the same port (and the same directory). */
  start(): Promise<void>;
  /** SIGTERM: a clean shutdown (with appendOnly, everything written is on disk). */
  stop(): Promise<void>;
}

/**
 * A private redis-server on a free port (never the shared one on 6379). It keeps nothing on disk,
 * unless `appendOnly`: then, as the compose file's Redis, it logs every write to an append-only
 * file in its own directory, so a restart (stop, start) comes back with the data.
 */
export async function startRedisServer(opts: { appendOnly?: boolean } = {}): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), "kba-redis-"));
  const persistence = opts.appendOnly
    ? ["--appendonly", "yes", "--appendfsync", "always"]
    : ["--appendonly", "no"];
  let proc: TrackedProcess | null = null;
  const start = async () => {
    const child = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--dir", dir, ...persistence],
      { cwd: dir, stdio: ["ignore", "pipe", "pipe"] },
    );
    const started = track(child, `redis:${port}`);
    proc = started;
    const ready = await waitUntil(10_000, started.exited, () => redisPing(port));
    if (!ready) throw new Error(`redis-server did not start; output:\n${started.output()}`);
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    start,
    kill: async () => {
      await proc?.kill();
      proc = null;
    },
    stop: async () => {
      await proc?.stop();
      proc = null;
    },
  };
}

interface TrackedProcess {
  exited: () => boolean;
  output: () => string;
  kill: () => Promise<void>;
  stop: () => Promise<void>;
}

function track(child: ChildProcess, label: string): TrackedProcess {
  live.add(child);
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-6000);
    if (process.env.FAULT_LOG === "1") process.stderr.write(`[${label}] ${chunk.toString()}`);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once("exit", () => {
      exited = true;
      live.delete(child);
      resolve();
    }),
  );
  const signal = async (name: NodeJS.Signals, waitMs: number) => {
    if (exited) return;
    child.kill(name);
    await Promise.race([exit, sleep(waitMs)]);
  };
  return {
    exited: () => exited,
    output: () => output,
    kill: () => signal("SIGKILL", 5_000),
    stop: async () => {
      await signal("SIGTERM", STOP_TIMEOUT_MS);
      await signal("SIGKILL", 5_000);
    },
  };
}

/** Polls `check` until it answers true; false on timeout or when the process died. */
async function waitUntil(
  timeoutMs: number,
  exited: () => boolean,
  check: () => Promise<boolean>,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !exited()) {
    if (await check().catch(() => false)) return true;
    await sleep(50);
  }
  return false;
}

/** PING over the inline protocol: no Redis client needed to know the server is up. */
function redisPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once("error", () => done(false));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => done(data.toString().startsWith("+PONG")));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}
