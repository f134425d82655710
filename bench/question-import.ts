/**
 * What importing a 1,000-question CSV costs: the pure part (papaparse, per-cell checks, the zod
 * schemas and the set's rules) and the write (one transaction: the set and a createMany of its
 * questions) on embedded PGlite and, when it answers, the local Postgres. The questions cycle
 * through the article bank (both languages, code listings, all six types where the bank has them).
 * Prints figures (median of several runs); never fails on a time.
 *
 *   npm run bench:import               (1,000 questions)
 *   npm run bench:import -- 2000       (another size, up to the 2,000-row cap)
 */
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { exportQuestionSetCsv, importQuestionSetCsv } from "../lib/question-sets/csv";
import { draftFromBank } from "../lib/question-sets/json-format";
import { aiStartupQuestionSet } from "../lib/questions/bank/ai-startup";
import { openDatabase, type Database } from "../server/db/client";
import { createPrismaRepositories } from "../server/repositories";

const COUNT = Number(process.argv[2] ?? 1000);
const RUNS = 10;
const WARM_UP = 3;
const POSTGRES = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

const bank = draftFromBank(aiStartupQuestionSet);
const questions = Array.from({ length: COUNT }, (_, i) => ({
  ...bank.questions[i % bank.questions.length]!,
  id: `q-${i + 1}`,
}));
const csv = exportQuestionSetCsv(questions);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function parseOnce() {
  const started = performance.now();
  const result = importQuestionSetCsv(csv, bank);
  const ms = performance.now() - started;
  if (!result.ok) throw new Error(`import refused: ${JSON.stringify(result.issues.slice(0, 3))}`);
  return { ms, set: result.set };
}

async function storeRuns(label: string, db: Database): Promise<void> {
  const repos = createPrismaRepositories(db.prisma);
  const owner = await repos.users.create({
    email: `bench-${Date.now()}@example.com`,
    name: "Bench",
    passwordHash: "x",
  });
  const { set } = parseOnce();
  await repos.questionSets.create(owner.id, set); // warm-up (query plans, the client's wasm)
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await repos.questionSets.create(owner.id, set);
    times.push(performance.now() - started);
  }
  console.info(`  store on ${label}: median ${median(times).toFixed(0)} ms (${RUNS} runs)`);
}

async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function main(): Promise<void> {
  console.info(
    `${COUNT} questions, CSV ${(Buffer.byteLength(csv) / 1024).toFixed(0)} KB (node ${process.version}, ` +
      `load average ${loadavg()[0]!.toFixed(1)}: figures on a shared machine grow with it)`,
  );
  for (let i = 0; i < WARM_UP; i++) parseOnce(); // JIT, zod's compiled checks
  const parse = Array.from({ length: RUNS }, () => parseOnce().ms);
  console.info(`  parse + validate: median ${median(parse).toFixed(0)} ms (${RUNS} runs)`);

  const lite = await openDatabase({ dataDir: "memory://", log: () => {} });
  try {
    await storeRuns("PGlite (in memory)", lite);
  } finally {
    await lite.close();
  }
  if (await postgresAvailable()) {
    // A throwaway database, so the bench leaves nothing behind.
    const name = `kba_bench_import_${Date.now()}`;
    const admin = new pg.Client({ connectionString: POSTGRES });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(POSTGRES);
    url.pathname = `/${name}`;
    const db = await openDatabase({
      databaseUrl: url.toString(),
      dataDir: "memory://",
      log: () => {},
    });
    try {
      await storeRuns("Postgres", db);
    } finally {
      await db.close();
      await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
      await admin.end();
    }
  } else console.info(`  Postgres: not answering at ${POSTGRES}, skipped`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
