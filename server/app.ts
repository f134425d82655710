import { createServer, type Server as HttpServer } from "node:http";
import path from "node:path";
import next from "next";
import { BUILT_IN_SETS } from "@/lib/questions/bank";
import type { Config } from "./config";
import { setAppContext } from "./context";
import { openDatabase, type Database } from "./db/client";
import { seedBuiltInQuestionSets } from "./db/seed";
import { createLogger, setProcessLogger, type Logger } from "./logger";
import { connectRedis } from "./redis/client";
import { pingRedis } from "./redis/ping";
import { createPrismaRepositories } from "./repositories";
import { tightenHttpTimeouts } from "./realtime/connection-limits";
import { createAbuseLimits, memoryLimiter } from "./realtime/rate-limits";
import { closeOrphanedRooms } from "./realtime/room-recovery";
import { InMemoryRoomStore } from "./realtime/room-store";
import { realtimeSettings, roomLifetimes, type Realtime } from "./realtime/socket-server";
import { startRedisCluster } from "./redis/cluster";
import { createArenaServices } from "./services";
import { prepareTrainingData, trainingData } from "./http/training-data";
import { nextUpgradeTarget } from "./http/next-upgrades";
import { originPolicy } from "./http/origin";
import { createRequestListener } from "./http/request-listener";
import { preparePasswordHashing } from "./auth/password";

export interface ArenaServer {
  httpServer: HttpServer;
  realtime: Realtime;
  db: Database;
  url: string;
  close(): Promise<void>;
}

/**
 * One process, one port: Next.js (pages and API routes) and Socket.IO share the HTTP server.
 * Start-up: open the database (embedded PGlite when DATABASE_URL is unset) and migrate it, seed
 * the bundled question bank, then serve.
 */
export async function startArenaServer(
  config: Config,
  opts: { dev: boolean },
): Promise<ArenaServer> {
  const logger: Logger = createLogger(config.LOG_LEVEL);
  // Route handlers and next-auth callbacks log through this one too (server/logger.ts).
  setProcessLogger(logger);
  const started = performance.now();

  const dbLog = logger.child({ component: "db" });
  const db = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.dataDir,
    queryTimeoutMs: config.DB_QUERY_TIMEOUT_MS,
    log: (message, fields) => dbLog.info(message, fields),
  });
  const redis = config.REDIS_URL
    ? await connectRedis(config.REDIS_URL, logger.child({ component: "redis" }))
    : undefined;
  const repos = createPrismaRepositories(db.prisma, db.sql);
  const seeded = await seedBuiltInQuestionSets(repos.questionSets, BUILT_IN_SETS);
  logger.info("database ready", { kind: db.kind, seeded });
  // With Redis, rooms, leases, limits and broadcasts are shared by every node (README "Several
  // nodes"); without it this process is the only one and keeps rooms in memory.
  const cluster = redis
    ? await startRedisCluster({
        client: redis,
        logger: logger.child({ component: "cluster" }),
        prefix: config.REDIS_PREFIX,
      })
    : undefined;
  const store = cluster?.store ?? new InMemoryRoomStore();
  const limits = createAbuseLimits(
    {
      failuresPerMinute: config.LOOKUP_FAILURES_PER_MINUTE,
      failuresPerSocketPerMinute: config.LOOKUP_FAILURES_PER_SOCKET_PER_MINUTE,
      signUpsPerTenMinutes: config.SIGN_UPS_PER_TEN_MINUTES,
    },
    cluster?.limiter ?? memoryLimiter,
  );
  await closeOrphanedRooms({ rooms: repos.rooms, store, logger, graceMs: cluster ? 60_000 : 0 });
  // Made here, unbundled, so Next's route bundles find the bcrypt worker (server/auth/password.ts).
  preparePasswordHashing();

  const httpServer = createServer();
  tightenHttpTimeouts(httpServer);
  const port = config.PORT;
  // next-auth v4 builds redirects from NEXTAUTH_URL; without it, it assumes localhost:3000.
  process.env.NEXTAUTH_URL ??= config.PUBLIC_URL ?? `http://localhost:${port}`;
  process.env.NEXTAUTH_SECRET ??= config.NEXTAUTH_SECRET;

  const nextApp = next({
    dev: opts.dev,
    dir: path.resolve(import.meta.dirname, ".."),
    hostname: config.HOST,
    port,
    httpServer: nextUpgradeTarget(httpServer),
  });
  await nextApp.prepare();
  const handle = nextApp.getRequestHandler();
  const policy = originPolicy(config);
  const services = createArenaServices(httpServer, {
    repos,
    logger,
    secret: config.NEXTAUTH_SECRET,
    origin: policy,
    limits,
    settings: realtimeSettings(config),
    store,
    bus: cluster?.bus,
    adapter: cluster?.adapter,
    lifetimes: roomLifetimes(config),
    selfPacedRevealMs: config.SELF_PACED_REVEAL_MS,
  });
  // Before the first request: Next's route handlers reach these through the shared context.
  setAppContext({
    config,
    repos,
    limits,
    ...(cluster && { limiter: cluster.limiter }),
    database: db,
    coding: services.coding,
    challenges: services.challenges,
    trainingData,
    evaluator: services.evaluator,
    metrics: services.metrics,
    ...(redis ? { redis: { ping: (timeoutMs: number) => pingRedis(redis, timeoutMs) } } : {}),
  });
  // Socket.IO answers its own path on the same server; the listener guards the rest (bad paths,
  // foreign origins), then serves the custom API routes, then Next.
  httpServer.on("request", createRequestListener({ policy, logger, handle }));
  await listen(httpServer, port, config.HOST);

  // Off the request path: the lab's training data is compressed once per data directory.
  prepareTrainingData(config.dataDir).catch((error: unknown) =>
    logger.warn("training data not prepared", { error: String(error) }),
  );

  const url = `http://localhost:${port}`;
  logger.info("ready", { url, ms: Math.round(performance.now() - started), dev: opts.dev });

  return {
    httpServer,
    realtime: services.realtime,
    db,
    url,
    close: async () => {
      await services.close();
      await nextApp.close?.();
      await cluster?.close();
      redis?.destroy();
      await db.close();
    },
  };
}

function listen(server: HttpServer, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}
