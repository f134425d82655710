/**
 * Room load (issue 12): the real production server against a bare Socket.IO server doing the same
 * joins, question broadcasts, answer acks and per-player rank frames, in the same invocation, so
 * every figure has a product/bare ratio that a busy shared machine moves far less than the figures
 * themselves. One room, 5 questions, think time 0.5-3 s; the server on one core (taskset -c 0),
 * the players in separate processes on the other cores. Prints tables, the issue's goals with
 * pass/fail, and writes bench/results/room-load-*.json; never fails the process on a time.
 *
 *   node --import tsx bench/room-load.ts [--players 500,2000] [--backends pglite,postgres]
 *     [--per-process 1000] [--batch 50] [--games 1] [--nodes 2 --redis] [--profile]
 *     [--postgres-url URL]
 *
 * --games: games played one after another on the same server processes (product and bare alike,
 * each game a new room with new players), each reported on its own; 1 by default. Measured at
 * 2,000 on Postgres, the second game did not cost the product less CPU than the first (the JIT is
 * not what the first game pays for), and its answer ack p99 was 27-41 ms against 9-13 ms: in the
 * server the handler's p99 rose only to ~10 ms and the answer write's p99 to 18 ms in some seconds
 * (no autovacuum worker seen; a checkpoint's full-page writes are a suspect, not measured); the rest of
 * the gap, between the socket and the handler, is not explained yet.
 * --nodes 2 --redis: two product processes (cores 0 and 1) with REDIS_URL pointing at a Redis of
 * the bench's own, players split between them, host on the first (Postgres only: PGlite is one
 * process's database). The bare figures then come from one bare node with the same N.
 * --profile: the product runs with node --cpu-prof (bench/results/profiles/<run>/, one file per
 * thread: the largest is the main thread's; read it with bench/support/profile-top.ts).
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { defaultClientCpus, playGame, type GameResult } from "./support/load-game";
import { formatRun, goals, type Backend, type PairedRun } from "./support/load-report";
import { startServer, type RunningServer, type ServerOptions } from "./support/server-process";
import { fmt, sleep } from "./support/stats";
import { startRedisServer } from "../tests/support/server-processes";
import { trainingDataCacheIndex } from "../server/http/training-data";

/** The first start's one-off compression of the lab's training data (10-20 s of CPU). */
const TRAINING_CACHE_TIMEOUT_MS = 180_000;

/** Memory right after the first 200 still includes start-up garbage; give it a moment. */
const IDLE_SETTLE_MS = 2_000;

const { values: args } = parseArgs({
  options: {
    players: { type: "string", default: "500,2000" },
    backends: { type: "string", default: "pglite,postgres" },
    "per-process": { type: "string", default: "1000" },
    batch: { type: "string", default: "50" },
    nodes: { type: "string", default: "1" },
    games: { type: "string", default: "1" },
    redis: { type: "boolean", default: false },
    profile: { type: "boolean", default: false },
    "client-cpus": { type: "string", default: defaultClientCpus() },
    "postgres-url": { type: "string", default: "postgresql://postgres@127.0.0.1:5432/test" },
  },
});
const playerCounts = args.players.split(",").map((s) => Number(s.trim()));
const backends = args.backends.split(",").map((s) => s.trim()) as Backend[];
const perProcess = Number(args["per-process"]);
const batch = Number(args.batch);
const nodes = Number(args.nodes);
const games = Number(args.games);
if (playerCounts.some((n) => !Number.isInteger(n) || n < 1 || n > 10_000))
  throw new Error("--players takes integers 1..10000, e.g. 500,2000");
if (backends.some((b) => b !== "pglite" && b !== "postgres"))
  throw new Error("--backends takes pglite and/or postgres");
if (!(perProcess >= 1) || !(batch >= 1))
  throw new Error("--per-process, --batch: positive integers");
if (nodes !== 1 && nodes !== 2) throw new Error("--nodes is 1 or 2");
if (!Number.isInteger(games) || games < 1 || games > 5) throw new Error("--games is 1..5");
if (nodes === 2 && (!args.redis || backends.includes("pglite")))
  throw new Error("--nodes 2 needs --redis and --backends postgres (PGlite lives in one process)");
const pgUrl = new URL(args["postgres-url"]);
if (!["127.0.0.1", "localhost", "[::1]"].includes(pgUrl.hostname))
  throw new Error("--postgres-url: this bench talks to 127.0.0.1 only");

const tempDirs: string[] = [];
process.once("exit", () => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});
// Exiting through process.exit runs the exit hooks that kill the servers and remove temp dirs.
// A stopped run also drops its Postgres database (an exit hook cannot wait for that), within 5 s.
const openDatabases = new Set<() => Promise<void>>();
const stopRun = (code: number): void => {
  const drops = Promise.allSettled([...openDatabases].map((drop) => drop()));
  void Promise.race([drops, sleep(5_000)]).then(() => process.exit(code));
};
process.once("SIGINT", () => stopRun(130));
process.once("SIGTERM", () => stopRun(143));

const resultsDir = path.join(import.meta.dirname, "results");
const loadAverage1m = (): number => os.loadavg()[0] ?? Number.NaN;

/** Ms until `file` exists, or null after `timeoutMs`. */
async function waitForFile(file: string, timeoutMs: number): Promise<number | null> {
  const started = performance.now();
  while (!existsSync(file)) {
    if (performance.now() - started > timeoutMs) return null;
    await sleep(250);
  }
  return performance.now() - started;
}

async function startIdle(opts: ServerOptions): Promise<RunningServer> {
  const server = await startServer(opts);
  await sleep(IDLE_SETTLE_MS);
  return server;
}

type Played = { result: GameResult | { error: string }; templates: unknown };

/** `games` games one after another on the same servers, which are stopped after the last. */
async function playOn(
  servers: RunningServer[],
  players: number,
  secret?: string,
): Promise<Played[]> {
  const played: Played[] = [];
  try {
    for (let game = 1; game <= games; game++) {
      if (game > 1) await sleep(IDLE_SETTLE_MS);
      played.push(await playOnce(servers, players, secret));
    }
    return played;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

async function playOnce(
  servers: RunningServer[],
  players: number,
  secret?: string,
): Promise<Played> {
  try {
    const { result, templates } = await playGame({
      servers,
      players,
      perProcess,
      batch,
      secret,
      clientCpus: nodes === 2 ? "" : args["client-cpus"],
    });
    return { result, templates };
  } catch (error) {
    return {
      result: { error: error instanceof Error ? error.message : String(error) },
      templates: null,
    };
  }
}

async function pairedRun(
  backend: Backend,
  players: number,
  dataDir: string,
  secret: string,
  databaseUrl: string | undefined,
  redisUrl?: string,
): Promise<PairedRun[]> {
  // Each run signs up a new host: on a database that already has its first (admin) account, only
  // open host sign-up lets that host create rooms.
  const env: Record<string, string> = { MAX_ROOM_PLAYERS: "10000", OPEN_HOST_SIGNUP: "1" };
  if (redisUrl) env.REDIS_URL = redisUrl;
  const nodeArgs = args.profile
    ? [
        "--cpu-prof",
        // One directory per run and node's own file names: a fixed --cpu-prof-name would let the
        // tsx loader's worker thread overwrite the main thread's profile.
        `--cpu-prof-dir=${path.join(resultsDir, "profiles", `product-${backend}-${players}-${Date.now()}`)}`,
      ]
    : [];
  const base = {
    dataDir,
    secret,
    databaseUrl,
    env,
    nodeArgs,
  };
  const productServers = [await startIdle({ ...base, cpus: "0" })];
  if (nodes === 2) productServers.push(await startIdle({ ...base, cpus: "1" }));
  const loadProduct = loadAverage1m();
  console.log(`  ${backend} N=${players}: product (load ${loadProduct.toFixed(1)})…`);
  const product = await playOn(productServers, players, secret);
  const templates = product.find((game) => game.templates)?.templates;
  const paired = (bare: (index: number) => GameResult | { error: string }, loadBare: number) =>
    product.map(({ result }, i): PairedRun => ({
      backend,
      players,
      nodes,
      game: { index: i + 1, of: games },
      nodeNote: nodes === 2 ? twoNodeNote(result) : undefined,
      loadAverage1m: { product: loadProduct, bare: loadBare },
      product: result,
      bare: bare(i),
    }));
  if (!templates) return paired(() => ({ error: "no product frames to replay" }), Number.NaN);
  const templateDir = mkdtempSync(path.join(os.tmpdir(), "kba-frames-"));
  tempDirs.push(templateDir);
  const templateFile = path.join(templateDir, "frames.json");
  writeFileSync(templateFile, JSON.stringify(templates));
  const bareServer = await startIdle({
    ...base,
    nodeArgs: [],
    cpus: "0",
    script: "bench/support/bare-server.ts",
    env: { BARE_TEMPLATES: templateFile },
  });
  const loadBare = loadAverage1m();
  console.log(`  ${backend} N=${players}: bare (load ${loadBare.toFixed(1)})…`);
  const bare = await playOn([bareServer], players);
  return paired((i) => bare[i]?.result ?? { error: "not played" }, loadBare);
}

/** A product that keeps rooms in one process refuses the second node's joins: say so. */
function twoNodeNote(result: GameResult | { error: string }): string {
  if ("error" in result) return "two-node run failed";
  const refused = result.joinErrors.ROOM_NOT_FOUND ?? 0;
  return refused > 0
    ? `the second node refused ${refused} joins with ROOM_NOT_FOUND: this build does not share rooms between nodes (REDIS_URL is only pinged by /api/health); the figures are for the ${result.joined} players of the first node, not a two-node room`
    : `both nodes served the room (${result.joined}/${result.players} joined across two nodes through Redis)`;
}

/** A database of the run's own on the given Postgres (rooms, players, answers), dropped after. */
async function createDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `kba_loadbench_${randomBytes(5).toString("hex")}`;
  const admin = async (sql: string): Promise<void> => {
    const client = new pg.Client({ connectionString: pgUrl.toString() });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  const drop = async (): Promise<void> => {
    openDatabases.delete(drop);
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  };
  openDatabases.add(drop);
  return { url: url.toString(), drop };
}

async function main(): Promise<void> {
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
    `Room load: N ${playerCounts.join(", ")} on ${backends.join(", ")}, ${nodes} node(s), ${machine.cpus} cores, load ${machine.loadAverageAtStart.map((l) => l.toFixed(1)).join(" ")}`,
  );
  const stamp = startedAt.toISOString().replace(/:/g, "-").replace(/\..*$/, "");
  const options = {
    players: playerCounts,
    backends,
    perProcess,
    batch,
    nodes,
    redis: args.redis,
    profile: args.profile,
    games,
    clientCpus: args["client-cpus"],
  };
  const save = (runs: PairedRun[], pgliteFixedMb?: number): string => {
    mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `room-load-${stamp}.json`);
    const withGoals = runs.map((r) => ({ ...r, goals: goals(r) }));
    const loadAverageNow = os.loadavg();
    const body = { startedAt, machine, options, runs: withGoals, pgliteFixedMb, loadAverageNow };
    writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
    return file;
  };
  const redis = args.redis ? await startRedisServer() : null;
  const runs: PairedRun[] = [];
  const idleRssMb: Partial<Record<Backend, number[]>> = {};
  for (const backend of backends) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "kba-bench-"));
    tempDirs.push(dataDir);
    const secret = randomBytes(32).toString("base64url");
    const database = backend === "postgres" ? await createDatabase() : null;
    // The first start migrates (and on PGlite creates the database): not counted as idle. It
    // also compresses the lab's training data once per data directory, in the background, 10-20
    // s of CPU on the thread pool: stopped before that ends, the next start would do it again
    // while players join and answer, and the game's CPU would count it.
    const first = await startServer({ dataDir, secret, databaseUrl: database?.url });
    console.log(`  ${backend}: first start ready in ${fmt(first.readyMs)} ms`);
    const cachedMs = await waitForFile(trainingDataCacheIndex(dataDir), TRAINING_CACHE_TIMEOUT_MS);
    console.log(
      cachedMs === null
        ? `  ${backend}: training data not cached within ${TRAINING_CACHE_TIMEOUT_MS} ms (runs will pay for it)`
        : `  ${backend}: training data cached ${fmt(cachedMs)} ms later`,
    );
    await first.stop();
    for (const players of playerCounts) {
      const played = await pairedRun(backend, players, dataDir, secret, database?.url, redis?.url);
      const [cold] = played;
      // The idle figure of a server that has not played yet: later games start from its leftovers.
      if (cold && !("error" in cold.product))
        (idleRssMb[backend] ??= []).push(cold.product.rssIdleMb / nodes);
      runs.push(...played);
      for (const run of played) console.log(`\n${formatRun(run)}\n`);
      // Kept after every run: a later run that goes wrong must not take these figures with it.
      save(runs);
    }
    await database?.drop();
  }
  await redis?.stop();
  const mean = (xs: number[] | undefined): number =>
    xs?.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN;
  const pgliteFixedMb = mean(idleRssMb.pglite) - mean(idleRssMb.postgres);
  const fixed = `PGlite's fixed cost: idle product RSS ${fmt(mean(idleRssMb.pglite))} MB on PGlite vs ${fmt(mean(idleRssMb.postgres))} MB on Postgres = ${fmt(pgliteFixedMb)} MB (not per player; excluded from the per-player figure, which is RSS growth from idle)`;
  console.log(
    `\n${runs.map(formatRun).join("\n\n")}\n\n${fixed}\nload average now: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  const file = save(runs, pgliteFixedMb);
  console.log(`\nWritten to ${path.relative(process.cwd(), file)}`);
}

try {
  await main();
} finally {
  // A run that failed half-way still leaves no database behind.
  await Promise.allSettled([...openDatabases].map((drop) => drop()));
}
