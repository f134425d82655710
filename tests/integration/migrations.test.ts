import { cp, mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  MIGRATIONS_DIR,
  applyMigrations,
  diagnoseMigrations,
  diffMigrationsToSchema,
  readMigrations,
} from "@/server/db/migrate";
import { backends, collectTimings, quiet } from "../support/repository-backends";

const timings = collectTimings();

describe.each(backends)("migrations on $name", (backend) => {
  it("applies the migrations to an empty database; re-applying is a no-op", async () => {
    const scratch = await backend.scratch();
    try {
      const { migrationDirectories } = await readMigrations(MIGRATIONS_DIR);
      expect(migrationDirectories.length).toBeGreaterThan(0);
      const first = await applyMigrations(scratch.target, { log: quiet });
      expect(first.applied).toEqual(migrationDirectories.map((dir) => dir.path));
      const tables = ["User", "QuestionSet", "Question", "Room", "Player", "Answer", "Result"];
      expect(await scratch.tables()).toEqual(expect.arrayContaining(tables));
      const again = await applyMigrations(scratch.target, { log: quiet });
      expect(again.applied).toEqual([]);
      timings.push(`${backend.name}: migrate from empty ${first.ms} ms, again ${again.ms} ms`);
      expect(await diagnoseMigrations(scratch.target)).toMatchObject({
        history: null,
        failedMigrationNames: [],
        editedMigrationNames: [],
      });
    } finally {
      await scratch.dispose();
    }
  });

  it("reports a failing migration and keeps none of its changes", async () => {
    const scratch = await backend.scratch();
    const dir = await mkdtemp(path.join(os.tmpdir(), "kba-migrations-"));
    try {
      await cp(MIGRATIONS_DIR, dir, { recursive: true });
      await mkdir(path.join(dir, "99990101000000_broken"));
      await writeFile(
        path.join(dir, "99990101000000_broken", "migration.sql"),
        'CREATE TABLE "Half" ("id" TEXT);\nSELECT "no_such_column" FROM "User";\n',
      );
      const options = { migrationsDir: dir, log: quiet };
      await expect(applyMigrations(scratch.target, options)).rejects.toThrow(/no_such_column/);
      const tables = await scratch.tables();
      expect(tables).toContain("User"); // the good migrations stay applied
      expect(tables).not.toContain("Half"); // the failed one ran as one transaction
      const status = await diagnoseMigrations(scratch.target, { migrationsDir: dir });
      expect(status.failedMigrationNames).toEqual(["99990101000000_broken"]);
    } finally {
      await scratch.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("migrations directory", () => {
  it("matches schema.prisma (after editing it: npm run db:new-migration -- <name>)", async () => {
    expect(await diffMigrationsToSchema()).toBeNull();
  });
});
