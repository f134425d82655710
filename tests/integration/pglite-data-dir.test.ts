import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/server/db/client";
import { createPrismaRepositories } from "@/server/repositories";
import { collectTimings, ms, quiet, uniqueName } from "../support/repository-backends";

const timings = collectTimings();

describe("embedded PGlite data directory", () => {
  it("keeps data when reopened", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "kba-pglite-"));
    const email = `${uniqueName("kept")}@example.com`;
    try {
      let started = performance.now();
      const first = await openDatabase({ dataDir, log: quiet });
      timings.push(`pglite: first open of a new data dir (init + migrate) ${ms(started)} ms`);
      expect(first.kind).toBe("pglite");
      const user = { email, name: "Kept", passwordHash: "h" };
      await createPrismaRepositories(first.prisma).users.create(user);
      await first.close();

      started = performance.now();
      const second = await openDatabase({ dataDir, log: quiet });
      timings.push(`pglite: reopen (migrations up to date) ${ms(started)} ms`);
      const users = createPrismaRepositories(second.prisma).users;
      await expect(users.findByEmail(email)).resolves.toMatchObject(user);
      await second.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("refuses a data directory another live process holds, and takes over a stale lock", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "kba-pglite-"));
    const lock = path.join(dataDir, "pglite.lock");
    try {
      await writeFile(lock, `${process.ppid}\n`); // a process that is certainly running
      await expect(openDatabase({ dataDir, log: quiet })).rejects.toThrow(/in use by process/);
      await writeFile(lock, "999999999\n"); // no such process
      const db = await openDatabase({ dataDir, log: quiet });
      await expect(readFile(lock, "utf8")).resolves.toBe(`${process.pid}\n`);
      await db.close();
      await expect(readFile(lock, "utf8")).rejects.toThrow(/ENOENT/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
