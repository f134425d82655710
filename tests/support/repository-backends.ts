import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll } from "vitest";
import type { OpenDatabaseOptions } from "@/server/db/client";
import type { DbLog, MigrationTarget } from "@/server/db/migrate";

/**
 * The two databases the storage layer must work on, real Postgres and the embedded PGlite
 * default, so the migration and repository tests can run every case against both with
 * `describe.each(backends)`.
 */

export const quiet: DbLog = () => {};

/** An empty database of one kind, and a look inside it that does not go through Prisma. */
export interface Scratch {
  target: MigrationTarget;
  tables: () => Promise<string[]>;
  dispose: () => Promise<void>;
}

export interface Backend {
  name: "postgres" | "pglite";
  scratch: () => Promise<Scratch>;
  /** openDatabase options for a new empty database, and how to get rid of it afterwards. */
  fresh: () => Promise<{ options: OpenDatabaseOptions; dispose: () => Promise<void> }>;
}

/** A uniquely named database on the test server, so runs never collide or see leftovers. */
async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error("TEST_DATABASE_URL is unset (tests/support/global-setup.ts sets it)");
  const name = `kba_repo_test_${randomBytes(6).toString("hex")}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE "${name}" WITH (FORCE)`) };
}

const TABLES_SQL = `SELECT table_name AS name FROM information_schema.tables
  WHERE table_schema = 'public' ORDER BY 1`;

export const backends: Backend[] = [
  {
    name: "postgres",
    scratch: async () => {
      const { url, drop } = await createPostgresDatabase();
      const tables = async () => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        const result = await client.query<{ name: string }>(TABLES_SQL).finally(() => client.end());
        return result.rows.map((row) => row.name);
      };
      return { target: { kind: "postgres", url }, tables, dispose: drop };
    },
    fresh: async () => {
      const { url, drop } = await createPostgresDatabase();
      return { options: { databaseUrl: url, dataDir: "memory://" }, dispose: drop };
    },
  },
  {
    name: "pglite",
    scratch: async () => {
      const db = await PGlite.create();
      const tables = async () =>
        (await db.query<{ name: string }>(TABLES_SQL)).rows.map((row) => row.name);
      return { target: { kind: "pglite", db }, tables, dispose: () => db.close() };
    },
    fresh: () =>
      Promise.resolve({ options: { dataDir: "memory://" }, dispose: () => Promise.resolve() }),
  },
];

let unique = 0;
/** Rows from earlier tests stay in a backend's database: unique names keep tests apart. */
export const uniqueName = (prefix: string) =>
  `${prefix}-${++unique}-${randomBytes(3).toString("hex")}`;

/**
 * A list of timing lines that the calling test file prints once it has finished. Call it at the
 * top level of a test file (it registers an afterAll there).
 */
export function collectTimings(): string[] {
  const timings: string[] = [];
  afterAll(() => {
    // Figures, not assertions: a slow machine must not fail the suite.
    console.info(`database timings on this machine:\n  ${timings.join("\n  ")}`);
  });
  return timings;
}

export function ms(started: number): number {
  return Math.round(performance.now() - started);
}
