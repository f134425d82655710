import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { freePort } from "../../tests/support/server-processes";
import { sleep } from "./stats";

/**
 * The production server as `npm start` runs it once the build is fresh (start.ts only adds the
 * build-staleness check before importing server/index.ts), in its own process, on 127.0.0.1.
 */
const ROOT = path.resolve(import.meta.dirname, "..", "..");
const READY_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 15_000;
const HEALTH_POLL_MS = 25;

export interface ServerOptions {
  dataDir: string;
  secret: string;
  /** Real Postgres; the embedded PGlite under dataDir when absent. */
  databaseUrl?: string;
  /** Pin the process to these CPUs (taskset -c), e.g. "0": the load bench's one-core server. */
  cpus?: string;
  /** Another entry than the product's (the load bench's bare Socket.IO server). */
  script?: string;
  /** Extra environment (REDIS_URL, MAX_ROOM_PLAYERS, the bare server's frame templates). */
  env?: Record<string, string>;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
}

export interface RunningServer {
  url: string;
  pid: number;
  /** Spawn to the first 200 from GET /api/health. */
  readyMs: number;
  rssMb(): number;
  /** VmHWM: the largest resident set the process has had so far. */
  peakRssMb(): number;
  /** User + system CPU time the process has used so far. */
  cpuMs(): number;
  stop(): Promise<void>;
}

/** A bench that dies half-way must not leave a server holding a port and the PGlite lock. */
const live = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const port = await freePort();
  const env: Record<string, string | undefined> = { ...process.env };
  // Inherited settings would silently change what is measured (another database, another URL).
  for (const name of ["DATABASE_URL", "NEXTAUTH_URL", "PUBLIC_URL", "TRUST_PROXY"])
    delete env[name];
  Object.assign(env, {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: opts.dataDir,
    LOG_LEVEL: "warn",
    NEXTAUTH_SECRET: opts.secret,
    DATABASE_URL: opts.databaseUrl,
    // Every simulated player connects from 127.0.0.1: lift the per-address caps meant for NATs.
    MAX_CONNECTIONS_PER_ADDRESS: "100000",
    MAX_TCP_CONNECTIONS_PER_ADDRESS: "0",
    ...opts.env,
  });

  const started = performance.now();
  const nodeArgs = [...(opts.nodeArgs ?? []), "--import", "tsx", opts.script ?? "server/index.ts"];
  // taskset execs node in place, so the child's pid (for /proc figures and kill) is node's.
  const [command, args] = opts.cpus
    ? ["taskset", ["-c", opts.cpus, process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];
  const child = spawn(command, args, {
    cwd: ROOT,
    // Next's types make NODE_ENV a required key of ProcessEnv; it is set just above.
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  live.add(child);
  let output = "";
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-4000);
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

  const stop = async (): Promise<void> => {
    if (exited) return;
    child.kill("SIGTERM");
    await Promise.race([exit, sleep(STOP_TIMEOUT_MS)]);
    if (!exited) child.kill("SIGKILL");
    await Promise.race([exit, sleep(5_000)]);
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = started + READY_TIMEOUT_MS;
  let readyMs: number | null = null;
  while (readyMs === null && !exited && performance.now() < deadline) {
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) });
      await res.arrayBuffer();
      if (res.status === 200) readyMs = performance.now() - started;
    } catch {
      // Not listening yet.
    }
    if (readyMs === null) await sleep(HEALTH_POLL_MS);
  }
  const pid = child.pid;
  if (readyMs === null || pid === undefined) {
    await stop();
    const why = exited ? "exited" : `was not ready within ${READY_TIMEOUT_MS} ms`;
    throw new Error(`server ${why}; last output:\n${output}`);
  }

  return {
    url,
    pid,
    readyMs,
    rssMb: () => procStatusKb(pid, "VmRSS") / 1024,
    peakRssMb: () => procStatusKb(pid, "VmHWM") / 1024,
    cpuMs: () => procCpuMs(pid),
    stop,
  };
}

function procStatusKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
  return match?.[1] ? Number(match[1]) : Number.NaN;
}

const CLOCK_TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime + stime from /proc/<pid>/stat (fields 14 and 15; the name in field 2 may hold spaces). */
function procCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}
