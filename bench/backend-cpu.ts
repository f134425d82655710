import { existsSync, readFileSync } from "node:fs";
import pg from "pg";
import type { Prisma } from "../generated/prisma/client";

/**
 * CPU time a local Postgres backend spends on a statement, read from /proc/<backend pid>/stat
 * (user + system ticks) around N runs on one connection: unlike wall time, it does not grow with
 * the machine's load, so figures from a busy shared machine can be compared with a quiet one.
 * Null when the server is not on this machine (no /proc entry for its backend).
 */
export interface CpuProbe {
  perStatementMs(sql: Prisma.Sql, runs: number): Promise<number>;
  close(): Promise<void>;
}

const TICK_MS = 10; // CLK_TCK is 100 on Linux

export async function backendCpuProbe(url: string): Promise<CpuProbe | null> {
  // Dates as UTC, as Prisma writes them into the `timestamp` columns.
  pg.defaults.parseInputDatesAsUTC = true;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const pid = (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
  const statFile = `/proc/${pid}/stat`;
  if (!existsSync(statFile)) {
    await client.end();
    return null;
  }
  // As the repository runs it (server/repositories/prisma-boards.ts).
  await client.query("SET jit = off");
  const cpuMs = () => {
    const stat = readFileSync(statFile, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  };
  return {
    async perStatementMs(sql, runs) {
      const text = sql.strings.reduce((acc, part, i) => `${acc}$${i}${part}`);
      await client.query(text, sql.values);
      const before = cpuMs();
      for (let i = 0; i < runs; i++) await client.query(text, sql.values);
      return (cpuMs() - before) / runs;
    },
    close: () => client.end(),
  };
}
