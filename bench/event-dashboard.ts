/**
 * What an organiser waits for at a 500-candidate event: the dashboard's data (GET
 * /api/events/:id/dashboard) and the CSV and JSON exports, through the real route functions and
 * repository, on embedded PGlite and, when it answers, the local Postgres. The seed: 500
 * registered candidates, 480 of whom played two rooms of 15 questions each (14,400 answers over
 * the article bank's eight topics) and submitted three models each in a closed coding round.
 * Prints order statistics over several runs; never fails on a time.
 *
 *   npm run bench:events            (500 candidates)
 *   npm run bench:events -- 2000    (another size)
 */
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { aiStartupQuestionSet } from "../lib/questions/bank/ai-startup";
import { openDatabase, type Database } from "../server/db/client";
import { createEventRoutes } from "../server/events/event-routes";
import { createPrismaRepositories } from "../server/repositories";
import { fmt, summarize } from "./support/stats";

const CANDIDATES = Number(process.argv[2] ?? 500);
const PLAYED = Math.round(CANDIDATES * 0.96);
const ROOMS = 2;
const QUESTIONS_PER_ROOM = 15;
const MODELS_EACH = 3;
const RUNS = 15;
const POSTGRES = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

async function seed(db: Database): Promise<{ eventId: string; organiserId: string }> {
  const prisma = db.prisma;
  const repos = createPrismaRepositories(prisma);
  await repos.questionSets.upsertBuiltIn(aiStartupQuestionSet);
  const set = await prisma.questionSet.findFirstOrThrow({ where: { builtIn: true } });
  const questions = await prisma.question.findMany({
    where: { setId: set.id, position: { gte: 0 } },
    orderBy: { position: "asc" },
  });
  const organiser = await prisma.user.create({
    data: { email: `org-${Date.now()}@bench.test`, name: "Organiser", role: "ORGANISER" },
  });
  const event = await prisma.event.create({
    data: {
      organiserId: organiser.id,
      name: "Bench hiring day",
      startsAt: new Date(Date.now() - 3_600_000),
      endsAt: new Date(Date.now() + 86_400_000),
      terms: "bench",
      sets: { create: [{ setId: set.id, position: 0 }] },
    },
  });
  const candidateIds = Array.from(
    { length: CANDIDATES },
    (_, i) => `cand${String(i).padStart(6, "0")}x${event.id}`,
  );
  await prisma.candidate.createMany({
    data: candidateIds.map((id, i) => ({
      id,
      eventId: event.id,
      name: `Candidate ${i + 1}`,
      email: `c${i + 1}@bench.test`,
      acceptedTermsAt: new Date(),
    })),
  });
  for (let r = 0; r < ROOMS; r++) {
    const played = questions.slice(r * QUESTIONS_PER_ROOM, (r + 1) * QUESTIONS_PER_ROOM);
    const room = await prisma.room.create({
      data: {
        code: `B${r}${Date.now().toString(36).slice(-4).toUpperCase()}`,
        hostId: organiser.id,
        questionSetId: set.id,
        settings: {},
        questionIds: played.map((q) => q.id),
        status: "FINISHED",
        eventId: event.id,
        endedAt: new Date(),
      },
    });
    const players = candidateIds.slice(0, PLAYED).map((candidateId, i) => ({
      id: `${room.id}-${i}`,
      roomId: room.id,
      nickname: `Candidate ${i + 1}`,
      candidateId,
    }));
    await prisma.player.createMany({ data: players });
    const answers = players.flatMap((player, i) =>
      played.map((question, index) => {
        const right = (i * 7 + index * 3) % 5 !== 0;
        return {
          roomId: room.id,
          playerId: player.id,
          questionId: question.id,
          questionIndex: index,
          payload: {},
          receivedAt: new Date(),
          elapsedMs: 1500 + ((i * 31 + index * 17) % 9000),
          correctness: right ? 1 : 0,
          points: right ? 500 + ((i * 13 + index) % 500) : 0,
          streak: right ? 1 : 0,
        };
      }),
    );
    for (let i = 0; i < answers.length; i += 2000) {
      await prisma.answer.createMany({ data: answers.slice(i, i + 2000) });
    }
    if (r === 0) {
      const models = players.flatMap((player, i) =>
        Array.from({ length: MODELS_EACH }, (_, m) => ({
          id: `${player.id}-m${m}`,
          roomId: room.id,
          playerId: player.id,
          questionIndex: QUESTIONS_PER_ROOM,
          variant: "scratch",
          body: new Uint8Array(8),
          sha256: "0".repeat(64),
          sizeBytes: 2000 + ((i * 97 + m * 11) % 30000),
          parameters: 1000 + m,
          summary: "dense(32) int8",
          status: "SCORED" as const,
          publicAccuracy: 0.9 + (i % 9) / 100,
          privateAccuracy: 0.89 + (i % 9) / 100,
          final: m === MODELS_EACH - 1,
          points: m === MODELS_EACH - 1 ? 1000 - (i % 1000) : null,
          createdAt: new Date(),
        })),
      );
      for (let i = 0; i < models.length; i += 1000) {
        await prisma.submission.createMany({ data: models.slice(i, i + 1000) });
      }
    }
  }
  return { eventId: event.id, organiserId: organiser.id };
}

async function measure(label: string, db: Database): Promise<void> {
  const seeded = performance.now();
  const { eventId, organiserId } = await seed(db);
  console.info(`  ${label}: seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);
  const routes = createEventRoutes({
    events: createPrismaRepositories(db.prisma).events,
    viewer: () => Promise.resolve(organiserId),
    secret: "bench-secret-bench-secret-bench-secret",
    now: () => new Date(),
  });
  const call = async (path: string, run: (r: Request) => Promise<Response>) => {
    const started = performance.now();
    const response = await run(new Request(`http://bench${path}`));
    const body = await response.arrayBuffer();
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return { ms: performance.now() - started, bytes: body.byteLength };
  };
  const cases: [string, string, (r: Request) => Promise<Response>][] = [
    ["dashboard", `/api/events/${eventId}/dashboard`, (r) => routes.dashboard(r, eventId)],
    [
      "CSV export",
      `/api/events/${eventId}/export?format=csv`,
      (r) => routes.exportFile(r, eventId),
    ],
    [
      "JSON export",
      `/api/events/${eventId}/export?format=json`,
      (r) => routes.exportFile(r, eventId),
    ],
  ];
  for (const [name, path, run] of cases) {
    await call(path, run); // warm-up: query plans, the client's wasm
    const samples: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
      const result = await call(path, run);
      samples.push(result.ms);
      bytes = result.bytes;
    }
    const s = summarize(samples);
    console.info(
      `    ${name.padEnd(12)} p50 ${fmt(s.p50)} ms · p95 ${fmt(s.p95)} ms · max ${fmt(s.max)} ms · ${(bytes / 1024).toFixed(0)} KB`,
    );
  }
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
    `${CANDIDATES} candidates (${PLAYED} played ${ROOMS} rooms x ${QUESTIONS_PER_ROOM} questions, ` +
      `${MODELS_EACH} models each), ${RUNS} runs (node ${process.version}, load average ` +
      `${loadavg()[0]!.toFixed(1)}: figures on a shared machine grow with it)`,
  );
  const lite = await openDatabase({ dataDir: "memory://", log: () => {} });
  try {
    await measure("PGlite (in memory)", lite);
  } finally {
    await lite.close();
  }
  if (await postgresAvailable()) {
    const name = `kba_bench_events_${Date.now()}`;
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
      await measure("Postgres", db);
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
