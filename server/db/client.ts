import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "@/generated/prisma/client";
import { applyMigrations, consoleLog, type DbLog } from "./migrate";

/**
 * One parameterised statement run on the driver itself (the pg pool, or PGlite), past Prisma's
 * client: for the game's bulk writes (server/repositories/room-rows-sql.ts), where Prisma's
 * pipeline cost more than the statement. Errors are the driver's own (a Postgres error code
 * such as 23505; pg's timeouts), which isDatabaseUnavailable and the repositories read.
 */
export interface SqlExecutor {
  execute(text: string, params: readonly unknown[]): Promise<void>;
}

export interface Database {
  prisma: PrismaClient;
  /** The same database as `prisma`, through the same connections. */
  sql: SqlExecutor;
  kind: "postgres" | "pglite";
  /** `SELECT 1` within `timeoutMs`: false when the database does not answer in time. */
  ping(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A Postgres connection string; without one the embedded PGlite database is used. */
  databaseUrl?: string;
  /** PGlite keeps its files in `<dataDir>/pglite`; `"memory://"` keeps nothing (tests). */
  dataDir: string;
  log?: DbLog;
  /** Defaults to prisma/migrations. */
  migrationsDir?: string;
  /** Postgres only: the longest wait for a query or a connection (DB_QUERY_TIMEOUT_MS). */
  queryTimeoutMs?: number;
}

/** Used when the caller gives none: the answer path's budget is the client's 8 s timeout. */
export const DEFAULT_QUERY_TIMEOUT_MS = 5_000;

/**
 * Opens the database and migrates it, so every start runs on the current schema. One per process
 * (the caller keeps it): PGlite is single-connection and owns its data directory, and a Postgres
 * pool per client would multiply connections.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options) : openPglite(options);
}

async function openPostgres(url: string, options: OpenDatabaseOptions): Promise<Database> {
  await applyMigrations(
    { kind: "postgres", url },
    { log: options.log, migrationsDir: options.migrationsDir },
  );
  const timeout = options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  const pool = new pg.Pool({
    connectionString: url,
    // A stalled database must not stall every room: a query that has no answer within the
    // timeout fails (query_timeout, on our side, also when the server is frozen and cannot
    // cancel anything), as does waiting for a connection; statement_timeout makes the server
    // itself give up on a statement that runs (or waits on a lock) that long.
    query_timeout: timeout,
    statement_timeout: timeout,
    connectionTimeoutMillis: timeout,
  });
  // A connection that dies while idle in the pool emits "error": without a listener that would
  // crash the process. The next query takes a fresh connection.
  pool.on("error", () => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    sql: {
      execute: async (text, params) => {
        await pool.query(text, [...params]);
      },
    },
    kind: "postgres",
    ping: (timeoutMs) => ping(prisma, timeoutMs),
    close: async () => {
      await prisma.$disconnect();
      await pool.end(); // the adapter leaves a pool it was given open
    },
  };
}

async function openPglite(options: OpenDatabaseOptions): Promise<Database> {
  const log = options.log ?? consoleLog;
  const started = performance.now();
  const inMemory = options.dataDir.startsWith("memory://");
  const dir = inMemory ? options.dataDir : path.join(path.resolve(options.dataDir), "pglite");
  if (!inMemory) await mkdir(dir, { recursive: true });
  const unlock = inMemory ? async () => {} : await lockDataDir(dir);
  const db = await PGlite.create(dir).catch(async (error: unknown) => {
    await unlock();
    throw error;
  });
  const initMs = Math.round(performance.now() - started);
  try {
    await applyMigrations({ kind: "pglite", db }, { log, migrationsDir: options.migrationsDir });
  } catch (error) {
    await db.close();
    await unlock();
    throw error;
  }
  const relative = path.relative(process.cwd(), dir);
  log("embedded database ready", {
    dir: inMemory || relative.startsWith("..") ? dir : relative,
    initMs,
    totalMs: Math.round(performance.now() - started),
  });
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(db) });
  return {
    prisma,
    sql: {
      execute: async (text, params) => {
        await db.query(text, [...params]);
      },
    },
    kind: "pglite",
    ping: (timeoutMs) => ping(prisma, timeoutMs),
    close: async () => {
      await prisma.$disconnect();
      await db.close();
      await unlock();
    },
  };
}

async function ping(prisma: PrismaClient, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const answer = prisma.$queryRaw`SELECT 1`.then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([answer, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * PGlite does not lock its data directory: a second process (another server on the same DATA_DIR,
 * or `npm run db:migrate` while one runs) would open the same files and corrupt them. A pid file
 * next to the directory refuses that; one left by a process that is gone is taken over.
 */
async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const file = `${dir}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(file, `${process.pid}\n`, { flag: "wx" });
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const pid = Number.parseInt(await readFile(file, "utf8").catch(() => ""), 10);
    // Our own pid is a stale file too: a container's server is often pid 1 at every start.
    if (Number.isNaN(pid) || (pid !== process.pid && isRunning(pid))) {
      throw new Error(
        `The embedded database ${dir} is in use by process ${Number.isNaN(pid) ? "?" : pid}. ` +
          `Stop it first (or delete ${file} if no such process exists), or set DATABASE_URL.`,
      );
    }
    await rm(file, { force: true });
  }
  throw new Error(`Could not lock ${dir}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: only checks that the process exists
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by someone else
  }
}
