import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "@/generated/prisma/client";
import { applyMigrations, consoleLog, type DbLog } from "./migrate";

export interface Database {
  prisma: PrismaClient;
  kind: "postgres" | "pglite";
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
}

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
  const pool = new pg.Pool({ connectionString: url });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    kind: "postgres",
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
  const db = await PGlite.create(dir);
  const initMs = Math.round(performance.now() - started);
  try {
    await applyMigrations({ kind: "pglite", db }, { log, migrationsDir: options.migrationsDir });
  } catch (error) {
    await db.close();
    throw error;
  }
  log("embedded database ready", {
    dir: inMemory ? dir : path.relative(process.cwd(), dir) || ".",
    initMs,
    totalMs: Math.round(performance.now() - started),
  });
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(db) });
  return {
    prisma,
    kind: "pglite",
    close: async () => {
      await prisma.$disconnect();
      await db.close();
    },
  };
}
