import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { io as connect, type Socket } from "socket.io-client";
import type { Result } from "@/lib/contract/errors";
import type { ClientToServer, ServerToClient } from "@/lib/contract/events";
import { openDatabase, type Database } from "@/server/db/client";
import { seedBuiltInQuestionSets } from "@/server/db/seed";
import { createLogger } from "@/server/logger";
import type { CodingService } from "@/server/coding/coding-service";
import type { ModelEvaluator } from "@/server/evaluator/evaluator";
import type { Realtime, RealtimeSettings } from "@/server/realtime/socket-server";
import { createArenaServices } from "@/server/services";
import { createPrismaRepositories } from "@/server/repositories";
import type { Repositories } from "@/server/repositories/types";
import {
  createAbuseLimits,
  createMemoryAbuseLimits,
  type AbuseLimits,
} from "@/server/realtime/rate-limits";
import type { RoomLifetimes } from "@/server/realtime/room-leases";
import type { RoomStore } from "@/server/realtime/room-store";
import type { RedisClient } from "@/server/redis/client";
import { startRedisCluster, type RedisCluster } from "@/server/redis/cluster";
import { testRedis } from "./redis";
import { loadConfig } from "@/server/config";
import { setAppContext } from "@/server/context";
import { trainingData } from "@/server/http/training-data";
import { FIXTURE_SET } from "./fixture-set";
import { appRoutes, serveRoutes } from "./route-table";
import { createTestDatabase } from "./test-database";

/** No sessions are signed in over HTTP here: the auth routes answer 404 as a missing route. */
const notFound = () => Promise.resolve(new Response("not found", { status: 404 }));
const ROUTES = appRoutes({ GET: notFound, POST: notFound });

export type Client = Socket<ServerToClient, ClientToServer>;
export const TEST_SECRET = "test-secret-that-is-long-enough-0123456789";

export interface Harness {
  url: string;
  /** The Postgres database (a second node of the same installation opens it too). */
  databaseUrl: string | undefined;
  /** Present when the harness runs as a node on Redis. */
  cluster?: RedisCluster;
  repos: Repositories;
  db: Database;
  realtime: Realtime;
  /** Coding rounds: the evaluator child starts on the first submission only. */
  coding: CodingService;
  evaluator: ModelEvaluator;
  /** A signed-in user's session cookie, made the way next-auth makes it. */
  sessionCookie(user: { id: string; name: string; email: string }): Promise<string>;
  createUser(name: string): Promise<{ id: string; name: string; email: string; cookie: string }>;
  client(opts?: { cookie?: string; headers?: Record<string, string> }): Promise<Client>;
  close(): Promise<void>;
  /**
   * A node dying as far as the others can tell: it stops without handing its rooms back, so
   * another node has to wait for their leases to run out.
   */
  crash(): Promise<void>;
}

/**
 * The real realtime stack (Socket.IO, runtime, engine, Prisma repositories) on a free port, on
 * real Postgres (a fresh database) or the embedded PGlite. Next.js is left out: these tests are
 * about the socket protocol; the browser tests cover the pages.
 */
export async function startHarness(
  backend: "postgres" | "pglite",
  opts: {
    limits?: AbuseLimits;
    settings?: Partial<RealtimeSettings>;
    /** Another harness's database: two nodes of one installation (not dropped on close). */
    databaseUrl?: string;
    /** Run as a node on the shared Redis, under this key prefix (one per installation). */
    redis?: { prefix: string; nodeId?: string };
    store?: RoomStore;
    lifetimes?: Partial<RoomLifetimes>;
    /** Self-paced attempts' reveal length (SELF_PACED_REVEAL_MS); default as in production. */
    selfPacedRevealMs?: number;
  } = {},
): Promise<Harness> {
  const testDb = backend === "postgres" && !opts.databaseUrl ? await createTestDatabase() : null;
  const databaseUrl = opts.databaseUrl ?? testDb?.url;
  const db = await openDatabase({ databaseUrl, dataDir: "memory://" });
  const repos = createPrismaRepositories(db.prisma, db.sql);
  await seedBuiltInQuestionSets(repos.questionSets, [FIXTURE_SET]);

  const httpServer = createServer();
  let redis: RedisClient | undefined;
  let cluster: RedisCluster | undefined;
  if (opts.redis) {
    redis = await testRedis();
    cluster = await startRedisCluster({
      client: redis,
      logger: createLogger("error"),
      prefix: opts.redis.prefix,
      nodeId: opts.redis.nodeId,
      blockTimeInMs: 200,
    });
  }
  const lenient = { failuresPerMinute: 1000, failuresPerSocketPerMinute: 1000 };
  const limits =
    opts.limits ??
    (cluster ? createAbuseLimits(lenient, cluster.limiter) : createMemoryAbuseLimits(lenient));
  const services = createArenaServices(httpServer, {
    repos,
    logger: createLogger("error"),
    secret: TEST_SECRET,
    limits,
    settings: opts.settings,
    store: opts.store ?? cluster?.store,
    bus: cluster?.bus,
    adapter: cluster?.adapter,
    lifetimes: opts.lifetimes,
    selfPacedRevealMs: opts.selfPacedRevealMs,
  });
  const { realtime, coding, evaluator } = services;
  // The app's route handlers (model uploads, re-scoring, boards) reach these services through
  // the shared context, as under Next. A test file may run two harnesses at once, so each request
  // installs its own harness's context; handlers read it before their first await.
  const config = loadConfig({
    NODE_ENV: "test",
    NEXTAUTH_SECRET: TEST_SECRET,
    LOG_LEVEL: "silent",
  });
  const context = {
    ...{ config, repos, limits, database: db, coding, trainingData, evaluator },
    metrics: services.metrics,
    challenges: services.challenges,
  };
  httpServer.on("request", (req, res) => {
    if (req.url?.startsWith("/socket.io/")) return;
    setAppContext(context);
    void serveRoutes(ROUTES, req, res);
  });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  const clients: Client[] = [];
  let users = 0;

  const sessionCookie: Harness["sessionCookie"] = async (user) => {
    const token = await encode({
      token: { sub: user.id, name: user.name, email: user.email },
      secret: TEST_SECRET,
    });
    return `theme=dark; next-auth.session-token=${token}`;
  };

  return {
    url,
    databaseUrl,
    ...(cluster && { cluster }),
    repos,
    db,
    realtime,
    coding,
    evaluator,
    sessionCookie,
    async createUser(name) {
      users += 1;
      const email = `${name.toLowerCase()}-${users}-${Date.now()}@example.test`;
      // Hosts: the rooms these tests open need the role (lib/accounts/roles.ts).
      const user = await repos.users.create({
        email,
        name,
        passwordHash: "not-used-here",
        role: "HOST",
      });
      return { ...user, cookie: await sessionCookie(user) };
    },
    async client({ cookie, headers } = {}) {
      const socket: Client = connect(url, {
        transports: ["websocket"],
        forceNew: true,
        reconnection: false,
        extraHeaders: { ...headers, ...(cookie ? { cookie } : {}) },
      });
      clients.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once("connect", () => resolve());
        socket.once("connect_error", reject);
      });
      return socket;
    },
    crash: () => stop(false),
    close: () => stop(true),
  };

  async function stop(handOver: boolean) {
    for (const socket of clients) socket.disconnect();
    await services.close({ handOver });
    await cluster?.close();
    await redis?.close();
    await db.close();
    await testDb?.drop();
  }
}

type AckData<E extends keyof ClientToServer> = Parameters<ClientToServer[E]>[1] extends (
  result: Result<infer T>,
) => void
  ? T
  : never;

/**
 * Sends a request and resolves with its Result acknowledgement. The payload is `unknown` on
 * purpose: bad-input tests send what the contract forbids.
 */
export function request<E extends keyof ClientToServer>(
  socket: Client,
  event: E,
  payload: unknown,
): Promise<Result<AckData<E>>> {
  const untyped = socket.timeout(5_000) as unknown as {
    emitWithAck(event: string, payload: unknown): Promise<Result<AckData<E>>>;
  };
  return untyped.emitWithAck(event, payload);
}

/** Resolves with the next `event` whose payload satisfies `match`. */
export function next<E extends keyof ServerToClient>(
  socket: Client,
  event: E,
  match: (payload: Parameters<ServerToClient[E]>[0]) => boolean = () => true,
  timeoutMs = 8_000,
): Promise<Parameters<ServerToClient[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener as never);
      reject(new Error(`timed out waiting for ${event}`));
    }, timeoutMs);
    const listener = (payload: Parameters<ServerToClient[E]>[0]) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener as never);
      resolve(payload);
    };
    socket.on(event, listener as never);
  });
}
