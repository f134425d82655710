import path from "node:path";
import { openDatabase } from "./client";

/**
 * `npm run db:migrate`: applies pending migrations to DATABASE_URL or, when unset, to the embedded
 * PGlite database under DATA_DIR (default .data). The server does the same at every start; this
 * is for deploy pipelines and for checking a migration before starting.
 */
async function main(): Promise<void> {
  // Only the two variables it needs (not loadConfig, which would also create the auth secret).
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = path.resolve(process.env.DATA_DIR || ".data");
  const db = await openDatabase({ databaseUrl, dataDir });
  await db.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
