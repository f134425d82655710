/**
 * Room load on the real production server process: start-up time (cold and warm), memory idle
 * and with N players in one room, join and answer acknowledgement latency, and how long the
 * reveal broadcast takes to reach everyone (receive time minus the broadcast's `sentAt`).
 * Prints figures and writes them to bench/results/; never fails on a time.
 *
 *   node --import tsx bench/room-load.ts [--players 50,500] [--batch 50]
 *     [--postgres [--postgres-url URL] [--postgres-load]]
 *
 * --postgres adds start-up runs against real Postgres (default postgresql://postgres@127.0.0.1:
 * 5432/test, which only runs the migrations there); --postgres-load also plays the rooms on it,
 * which writes a host, rooms, players and answers into that database.
 *
 * The bench's clients share the machine with the server (2 cores here): the answer phase reports
 * the CPU both used and the bench's own event-loop stalls, which inflate delivery figures.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { runRoomLoad, type RoomLoadResult } from "./support/room-scenario";
import { startServer, type RunningServer } from "./support/server-process";
import { fmt, formatSummary, formatTally, sleep, table } from "./support/stats";

type Backend = "pglite" | "postgres";
interface StartUp {
  backend: Backend;
  kind: string;
  readyMs: number;
  idleRssMb: number;
  /** Other work on a shared machine moves every figure: keep the 1-minute load average with it. */
  loadAverage1m: number;
}
interface RunInfo {
  backend: Backend;
  loadAverage1m: number;
}
type Played = RunInfo & RoomLoadResult;
type LoadRow = Played | (RunInfo & { players: number; error: string });

/** Memory right after the first 200 still includes start-up garbage; give it a moment. */
const IDLE_SETTLE_MS = 2_000;

const { values: args } = parseArgs({
  options: {
    players: { type: "string", default: "50,500" },
    batch: { type: "string", default: "50" },
    postgres: { type: "boolean", default: false },
    "postgres-url": { type: "string", default: "postgresql://postgres@127.0.0.1:5432/test" },
    "postgres-load": { type: "boolean", default: false },
  },
});
const playerCounts = args.players.split(",").map((s) => Number(s.trim()));
const batch = Number(args.batch);
if (playerCounts.some((n) => !Number.isInteger(n) || n < 1 || n > 5000) || !(batch >= 1)) {
  throw new Error("--players takes integers 1..5000, e.g. 50,500; --batch a positive integer");
}
const pgUrl = new URL(args["postgres-url"]);
if (!["127.0.0.1", "localhost", "[::1]"].includes(pgUrl.hostname))
  throw new Error("--postgres-url: this bench talks to 127.0.0.1 only");

const dataDirs: string[] = [];
process.once("exit", () => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});
// Exiting through process.exit runs the exit hooks that kill the server and remove DATA_DIRs.
process.once("SIGINT", () => process.exit(130));
process.once("SIGTERM", () => process.exit(143));

async function measureStart(
  backend: Backend,
  kind: string,
  dataDir: string,
  secret: string,
): Promise<{ server: RunningServer; startUp: StartUp }> {
  const databaseUrl = backend === "postgres" ? pgUrl.toString() : undefined;
  const server = await startServer({ dataDir, secret, databaseUrl });
  await sleep(IDLE_SETTLE_MS);
  const startUp = {
    backend,
    kind,
    readyMs: server.readyMs,
    idleRssMb: server.rssMb(),
    loadAverage1m: loadAverage1m(),
  };
  console.log(
    `  ${backend} ${kind}: ready in ${fmt(startUp.readyMs)} ms, ${fmt(startUp.idleRssMb)} MB`,
  );
  return { server, startUp };
}

async function benchBackend(
  backend: Backend,
  playLoad: boolean,
  startUps: StartUp[],
  loads: LoadRow[],
): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "kba-bench-"));
  dataDirs.push(dataDir);
  const secret = randomBytes(32).toString("base64url");
  const fresh = backend === "pglite" ? "cold (fresh DATA_DIR)" : "first start (fresh DATA_DIR)";
  for (const kind of [fresh, "warm restart"]) {
    const { server, startUp } = await measureStart(backend, kind, dataDir, secret);
    startUps.push(startUp);
    await server.stop();
  }
  if (!playLoad) return;
  for (const players of playerCounts) {
    // A fresh process per room size: memory figures do not carry the previous room's garbage.
    const { server, startUp } = await measureStart(
      backend,
      `warm restart (N=${players})`,
      dataDir,
      secret,
    );
    startUps.push(startUp);
    try {
      console.log(`  ${backend} N=${players}: playing…`);
      const loadAverage = loadAverage1m();
      const result = await runRoomLoad(server, { players, batch, secret });
      loads.push({ backend, loadAverage1m: loadAverage, ...result });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.log(`  ${backend} N=${players}: failed: ${message}`);
      loads.push({ backend, loadAverage1m: loadAverage1m(), players, error: message });
    } finally {
      await server.stop();
    }
  }
}

function report(startUps: StartUp[], loads: LoadRow[]): string {
  const starts = table(
    ["start-up", "ready (ms)", "idle RSS (MB)", "load avg"],
    startUps.map((s) => [
      `${s.backend} ${s.kind}`,
      fmt(s.readyMs),
      fmt(s.idleRssMb),
      s.loadAverage1m.toFixed(1),
    ]),
  );
  const ok = loads.filter((l): l is Played => !("error" in l));
  const metric = (name: string, cell: (r: Played) => string): string[] => [name, ...ok.map(cell)];
  const rooms = table(
    ["room load (p50 / p95 / max)", ...ok.map((r) => `${r.backend} N=${r.players}`)],
    [
      metric("machine load avg (1 min) at start", (r) => r.loadAverage1m.toFixed(1)),
      metric("players joined", (r) => `${r.joined}/${r.players}`),
      metric("question 0", (r) => `${r.question.type}, ${r.question.timeLimitSec} s`),
      metric("connect", (r) => formatSummary(r.connectMs)),
      metric(`join ack (batches of ${batch})`, (r) => formatSummary(r.joinAckMs)),
      metric(
        "join ack p50: first → last batch",
        (r) => `${fmt(r.joinAckP50FirstBatchMs)} → ${fmt(r.joinAckP50LastBatchMs)} ms`,
      ),
      metric("join refusals", (r) => formatTally(r.joinErrors)),
      metric("question broadcast delivery", (r) => formatSummary(r.startDeliveryMs)),
      metric("answer ack (answer in the DB)", (r) => formatSummary(r.answerAckMs)),
      metric("answers acknowledged per second", (r) => fmt(r.answersPerSecond)),
      metric("answer refusals", (r) => formatTally(r.answerErrors)),
      metric("reveal broadcast delivery", (r) => formatSummary(r.revealDeliveryMs)),
      metric("first answer → last reveal seen", (r) => `${fmt(r.firstAnswerToLastRevealMs)} ms`),
      metric(
        "server RSS idle → N joined",
        (r) => `${fmt(r.rssMb.idle)} → ${fmt(r.rssMb.withPlayers)} MB`,
      ),
      metric(
        "server RSS after reveal / peak",
        (r) => `${fmt(r.rssMb.afterReveal)} / ${fmt(r.rssMb.peak)} MB`,
      ),
      metric("server CPU, answer phase", (r) => `${fmt(r.serverCpuPct)} % of a core`),
      metric(
        "bench CPU / loop stall max",
        (r) => `${fmt(r.benchCpuPct)} % / ${fmt(r.benchLoopDelayMaxMs)} ms`,
      ),
    ],
  );
  const failed = loads
    .filter((l) => "error" in l)
    .map((l) => `${l.backend} N=${l.players} failed: ${"error" in l ? l.error : ""}`);
  return [starts, "", ok.length ? rooms : "(no room load completed)", ...failed].join("\n");
}

function loadAverage1m(): number {
  return os.loadavg()[0] ?? Number.NaN;
}

async function main(): Promise<void> {
  const startUps: StartUp[] = [];
  const loads: LoadRow[] = [];
  const startedAt = new Date();
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryMb: Math.round(os.totalmem() / 2 ** 20),
    loadAverageAtStart: os.loadavg(),
    node: process.version,
    commit: execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim(),
  };
  console.log(
    `Room load: players ${playerCounts.join(", ")} on ${machine.cpus} cores (${machine.cpuModel})`,
  );
  // A server that fails to start ends the run, but what was measured until then is still kept.
  let fatal: string | null = null;
  try {
    await benchBackend("pglite", true, startUps, loads);
    if (args.postgres) await benchBackend("postgres", args["postgres-load"], startUps, loads);
  } catch (error) {
    fatal = error instanceof Error ? error.message : String(error);
    process.exitCode = 1;
  }

  const text = report(startUps, loads) + (fatal ? `\n\nStopped early: ${fatal}` : "");
  console.log(`\n${text}`);
  const dir = path.join(import.meta.dirname, "results");
  mkdirSync(dir, { recursive: true });
  const stamp = startedAt.toISOString().replace(/:/g, "-").replace(/\..*$/, "");
  const file = path.join(dir, `room-load-${stamp}.json`);
  const options = {
    players: playerCounts,
    batch,
    postgres: args.postgres,
    postgresLoad: args["postgres-load"],
  };
  writeFileSync(
    file,
    `${JSON.stringify({ startedAt, machine, options, startUps, loads, fatal }, null, 2)}\n`,
  );
  console.log(`\nWritten to ${path.relative(process.cwd(), file)}`);
}

await main();
