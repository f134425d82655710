import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * A fresh, uniquely named database on the real Postgres named by TEST_DATABASE_URL, dropped
 * afterwards: runs never see each other's rows or depend on leftovers.
 */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base)
    throw new Error("TEST_DATABASE_URL is not set (tests/support/global-setup.ts sets it)");
  const name = `kba_test_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}
