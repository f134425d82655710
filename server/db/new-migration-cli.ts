import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { MIGRATION_LOCK, MIGRATIONS_DIR, diffMigrationsToSchema } from "./migrate";

/**
 * `npm run db:new-migration -- <name>`: writes the SQL that brings prisma/migrations up to
 * prisma/schema.prisma as prisma/migrations/<UTC timestamp>_<name>/migration.sql, the layout
 * `prisma migrate dev` would produce (its native engine cannot be downloaded here). Review the SQL
 * before committing it: the engine does not warn about data loss on this path.
 */
async function main(): Promise<number> {
  const raw = process.argv[2];
  const name = raw
    ?.trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (!name) {
    console.error("usage: npm run db:new-migration -- <name>   (e.g. add_room_theme)");
    return 2;
  }
  const sql = await diffMigrationsToSchema();
  if (sql === null) {
    console.info("no changes: prisma/migrations already matches prisma/schema.prisma");
    return 0;
  }
  const dir = path.join(MIGRATIONS_DIR, `${utcTimestamp(new Date())}_${name}`);
  await mkdir(dir, { recursive: true });
  // `wx`: an existing lock file is kept as it is; a new migrations directory gets one.
  await writeFile(path.join(MIGRATIONS_DIR, "migration_lock.toml"), MIGRATION_LOCK, {
    flag: "wx",
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "EEXIST") throw error;
  });
  await writeFile(path.join(dir, "migration.sql"), sql, { flag: "wx" });
  console.info(`wrote ${path.relative(process.cwd(), path.join(dir, "migration.sql"))}`);
  return 0;
}

/** Prisma's migration prefix: YYYYMMDDHHMMSS in UTC, so names sort in the order they were made. */
function utcTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
