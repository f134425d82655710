/**
 * Board query times at issue 10's volume (100,000 answers, 20,000 players, 10,000 submissions;
 * bench/boards-seed.ts): p50 and p99 of the board page read (page 1 of 25, the signed-in
 * viewer's own row included: the one statement GET /api/boards runs) for every board, window and
 * scope, on real Postgres (DATABASE_URL, or the local one) in a fresh database, then on embedded
 * PGlite. No cache: every read aggregates the results tables through the board_indexes indexes.
 * On a local Postgres it also prints the server's CPU time per read (bench/backend-cpu.ts), which
 * unlike wall time does not grow with the machine's load. Prints figures; never fails on a time.
 *
 *   npm run bench:boards             (100 reads per board on Postgres, 20 on PGlite)
 *   npm run bench:boards -- 300      (another count)
 */
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { BoardParamsSchema, type BoardParams } from "../lib/boards/query";
import { openDatabase, type Database } from "../server/db/client";
import { PrismaBoardRepository } from "../server/repositories/prisma-boards";
import { windowRange } from "../lib/boards/windows";
import { boardPageSql } from "../server/repositories/board-sql";
import { backendCpuProbe, type CpuProbe } from "./backend-cpu";
import { BENCH_NOW, BENCH_SET, BENCH_VIEWER, SEED_STATEMENTS } from "./boards-seed";

const RUNS = Number(process.argv[2] ?? 100);
const POSTGRES = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

const CASES: Record<string, string>[] = [];
for (const window of ["all", "month", "week"]) {
  CASES.push({ board: "quiz", window });
  CASES.push({ board: "quiz", window, scope: "set", set: BENCH_SET });
  CASES.push({ board: "coding", window });
  CASES.push({ board: "coding", window, scope: "variant", variant: "shrink" });
  CASES.push({ board: "combined", window });
}
// A deep page and a name search, on the largest board.
CASES.push({ board: "combined", window: "all", page: "150" });
CASES.push({ board: "combined", window: "all", q: "player 12" });

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function seed(db: Database): Promise<number> {
  const started = performance.now();
  for (const statement of SEED_STATEMENTS) await db.prisma.$executeRawUnsafe(statement);
  // What autovacuum does soon after a bulk load: statistics, and the visibility map that lets
  // the covering index answer without visiting the table.
  await db.prisma.$executeRawUnsafe("VACUUM ANALYZE");
  return performance.now() - started;
}

async function measure(
  label: string,
  db: Database,
  runs: number,
  cpu: CpuProbe | null = null,
): Promise<void> {
  const seedMs = await seed(db);
  const counts = await db.prisma.$queryRawUnsafe<{ a: bigint; p: bigint; s: bigint }[]>(
    `SELECT (SELECT COUNT(*) FROM "Answer") a, (SELECT COUNT(*) FROM "Player") p,
            (SELECT COUNT(*) FROM "Submission") s`,
  );
  const c = counts[0]!;
  console.info(
    `\n${label}: seeded ${c.a} answers, ${c.p} players, ${c.s} submissions in ${(seedMs / 1000).toFixed(1)} s; ${runs} reads each`,
  );
  console.info(
    `  board     window scope                  p50 ms   p99 ms${cpu ? "  cpu ms" : ""}   rows  total  you`,
  );
  const boards = new PrismaBoardRepository(db.prisma);
  for (const raw of CASES) {
    const params: BoardParams = BoardParamsSchema.parse(raw);
    const run = async () => {
      const page = await boards.page(params, BENCH_VIEWER, BENCH_NOW);
      if (!page.ok) throw new Error(page.error);
      return page.data;
    };
    for (let i = 0; i < 3; i++) await run();
    const times: number[] = [];
    let last = await run();
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      last = await run();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const cpuMs = cpu
      ? await cpu.perStatementMs(
          boardPageSql(
            {
              board: params.board,
              scope: params.scope,
              range: windowRange(params.window, BENCH_NOW),
            },
            {
              limit: params.pageSize,
              offset: (params.page - 1) * params.pageSize,
              q: params.q,
              viewerId: BENCH_VIEWER,
            },
          ),
          runs,
        )
      : null;
    const scope =
      (raw.scope ? `${raw.scope}:${raw.set ?? raw.variant}` : "everyone") +
      (raw.page ? ` p${raw.page}` : "") +
      (raw.q ? ` q="${raw.q}"` : "");
    const cells = [
      raw.board!.padEnd(9),
      raw.window!.padEnd(6),
      scope.padEnd(22),
      percentile(times, 50).toFixed(1).padStart(6),
      percentile(times, 99).toFixed(1).padStart(8),
      ...(cpuMs === null ? [] : [cpuMs.toFixed(1).padStart(7)]),
      String(last.rows.length).padStart(6),
      String(last.total).padStart(6),
      last.you ? ` #${last.you.rank}` : " -",
    ];
    console.info(`  ${cells.join(" ")}`);
  }
}

async function freshPostgres(): Promise<{ url: string; drop(): Promise<void> } | null> {
  const admin = new pg.Client({ connectionString: POSTGRES, connectionTimeoutMillis: 1000 });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  const name = `kba_bench_boards_${process.pid}`;
  await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(POSTGRES);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: POSTGRES });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

async function main(): Promise<void> {
  console.info(
    `board page reads (node ${process.version}, load average ${loadavg()[0]!.toFixed(1)}: ` +
      "figures on a shared machine grow with it)",
  );
  const fresh = await freshPostgres();
  if (fresh) {
    // The seed's 100,000-row INSERT outlasts the app's 5 s query budget under load.
    const db = await openDatabase({
      databaseUrl: fresh.url,
      dataDir: "memory://",
      log: () => {},
      queryTimeoutMs: 300_000,
    });
    const cpu = await backendCpuProbe(fresh.url);
    try {
      await measure("Postgres", db, RUNS, cpu);
    } finally {
      await cpu?.close();
      await db.close();
      await fresh.drop();
    }
  } else console.info(`Postgres at ${POSTGRES} does not answer: skipped`);
  if (process.env.BENCH_PGLITE !== "0") {
    const db = await openDatabase({ dataDir: "memory://", log: () => {} });
    try {
      await measure("PGlite (embedded)", db, Math.max(5, Math.round(RUNS / 5)));
    } finally {
      await db.close();
    }
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
