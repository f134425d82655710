import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import NextAuth from "next-auth";
import { encode } from "next-auth/jwt";
import { io as connect } from "socket.io-client";
import { appAuthOptions, appSignInLimits } from "@/server/auth/auth-options";
import { handleAuthPost } from "@/server/auth/auth-route-guard";
import { loadConfig, type Config } from "@/server/config";
import { setAppContext } from "@/server/context";
import { trainingData } from "@/server/http/training-data";
import { openDatabase, type Database } from "@/server/db/client";
import { seedBuiltInQuestionSets } from "@/server/db/seed";
import { originPolicy } from "@/server/http/origin";
import { createRequestListener } from "@/server/http/request-listener";
import { createLogger } from "@/server/logger";
import { createMemoryAbuseLimits } from "@/server/realtime/rate-limits";
import { connectRedis } from "@/server/redis/client";
import { pingRedis } from "@/server/redis/ping";
import { createPrismaRepositories } from "@/server/repositories";
import type { Repositories } from "@/server/repositories/types";
import { realtimeSettings } from "@/server/realtime/socket-server";
import { createArenaServices, type ArenaServices } from "@/server/services";
import { FIXTURE_SET } from "./fixture-set";
import { TEST_SECRET, type Client } from "./realtime-harness";
import { startPausableProxy, type PausableProxy } from "./pausable-proxy";
import { appRoutes, serveRoutes } from "./route-table";
import { createTestDatabase } from "./test-database";

/**
 * The app's real HTTP stack without Next's router: the custom server's request listener
 * (server/http/request-listener.ts: path and Origin guards, the custom API routes), Socket.IO, and
 * the real route handlers of app/api (sign-up, health, next-auth) mounted where Next mounts them.
 * A real Next server needs `next build` (or a dev compile), too heavy for these tests; everything
 * the app adds in front of and inside those routes runs here as in production. The only stand-in
 * is next-auth's entry point: its App Router handler needs Next's request scope (next/headers),
 * so the same NextAuth(options) runs through its API-route handler instead.
 */
export interface HttpApp {
  url: string;
  config: Config;
  repos: Repositories;
  db: Database;
  services: ArenaServices;
  /** Present when started with `{ proxy: true }`: the pg pool reaches Postgres through it. */
  proxy?: PausableProxy;
  /** Present when started with `{ redis: true }`: the app's Redis client reaches Redis through it. */
  redisProxy?: PausableProxy;
  socket(headers?: Record<string, string>): Promise<Client>;
  /** As the realtime harness's, so tests/support/room-setup.ts can open rooms here too. */
  createUser(name: string): Promise<{ id: string; name: string; email: string; cookie: string }>;
  client(opts?: { cookie?: string }): Promise<Client>;
  close(): Promise<void>;
}

export async function startHttpApp(
  opts: { env?: Record<string, string>; proxy?: boolean; redis?: boolean } = {},
): Promise<HttpApp> {
  const testDb = await createTestDatabase();
  const proxy = opts.proxy ? await startPausableProxy(testDb.url) : undefined;
  // As server/app.ts does with REDIS_URL: a client whose PING /api/health reports.
  const redisProxy = opts.redis ? await startPausableProxy(TEST_REDIS_URL) : undefined;
  // node-redis retries a refused connection for ever: fail the set-up instead of hanging on it.
  const redis = redisProxy
    ? await withTimeout(
        connectRedis(redisProxy.url),
        10_000,
        `Redis not answering at ${TEST_REDIS_URL}`,
      )
    : undefined;
  const config = loadConfig({
    NODE_ENV: "test",
    NEXTAUTH_SECRET: TEST_SECRET,
    DATA_DIR: mkdtempSync(path.join(tmpdir(), "kba-http-")),
    LOG_LEVEL: "silent",
    ...opts.env,
  });
  const db = await openDatabase({
    databaseUrl: proxy?.url ?? testDb.url,
    dataDir: "memory://",
    queryTimeoutMs: config.DB_QUERY_TIMEOUT_MS,
    log: () => {},
  });
  const repos = createPrismaRepositories(db.prisma, db.sql);
  await seedBuiltInQuestionSets(repos.questionSets, [FIXTURE_SET]);
  const limits = createMemoryAbuseLimits({ failuresPerMinute: 1000 });

  const httpServer = createServer();
  const logger = createLogger(process.env.HTTP_APP_LOG === "1" ? "debug" : "silent");
  const policy = originPolicy(config);
  const services = createArenaServices(httpServer, {
    repos,
    logger,
    secret: TEST_SECRET,
    origin: policy,
    limits,
    settings: realtimeSettings(config),
    // As server/app.ts wires it: SELF_PACED_REVEAL_MS in `env` shortens attempts' reveals.
    selfPacedRevealMs: config.SELF_PACED_REVEAL_MS,
  });
  // As in tests/support/realtime-harness.ts: each request installs this app's context.
  const context = {
    config,
    repos,
    limits,
    database: db,
    coding: services.coding,
    challenges: services.challenges,
    trainingData,
    evaluator: services.evaluator,
    metrics: services.metrics,
    ...(redis ? { redis: { ping: (timeoutMs: number) => pingRedis(redis, timeoutMs) } } : {}),
  };
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    setAppContext(context);
    return serveRoutes(ROUTES, req, res);
  };
  setAppContext(context);
  httpServer.on("request", createRequestListener({ policy, logger, handle }));
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  process.env.NEXTAUTH_URL = url;
  const sockets: Client[] = [];
  let users = 0;

  const socket: HttpApp["socket"] = async (headers) => {
    const client: Client = connect(url, {
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
      extraHeaders: headers,
    });
    sockets.push(client);
    await new Promise<void>((resolve, reject) => {
      client.once("connect", () => resolve());
      client.once("connect_error", reject);
    });
    return client;
  };

  return {
    url,
    config,
    repos,
    db,
    services,
    proxy,
    redisProxy,
    socket,
    client: ({ cookie } = {}) => socket(cookie ? { cookie } : undefined),
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
      const token = await encode({
        token: { sub: user.id, name: user.name, email: user.email },
        secret: TEST_SECRET,
      });
      return { ...user, cookie: `next-auth.session-token=${token}` };
    },
    async close() {
      for (const socket of sockets) socket.disconnect();
      await services.close();
      proxy?.resume();
      await db.close();
      await proxy?.close();
      redis?.destroy();
      await redisProxy?.close();
      await testDb.drop();
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Redis on loopback (CI starts it); only PINGed here, so the database number does not matter. */
const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379/13";

/** Next's part of the listener: the app/api route handlers, and 404 for anything else. */
const ROUTES = appRoutes({
  GET: runNextAuth,
  POST: (request) => handleAuthPost(request, appSignInLimits(), runNextAuth),
});

/** next-auth's own handler (API-route flavour) over a Web Request; see the note at the top. */
async function runNextAuth(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const nextauth = url.pathname.split("/").slice(3);
  const text = request.method === "POST" ? await request.text() : "";
  const type = request.headers.get("content-type") ?? "";
  const body: unknown = type.includes("application/json")
    ? JSON.parse(text || "{}")
    : Object.fromEntries(new URLSearchParams(text));
  const cookies: Record<string, string> = {};
  for (const pair of (request.headers.get("cookie") ?? "").split(";")) {
    const eq = pair.indexOf("=");
    if (eq > 0) cookies[pair.slice(0, eq).trim()] = decodeURIComponent(pair.slice(eq + 1).trim());
  }
  const out = new Headers();
  let setCookies: string[] = [];
  let status = 200;
  let payload = "";
  const res = {
    status(code: number) {
      status = code;
      return res;
    },
    setHeader(name: string, value: string | string[]) {
      if (name.toLowerCase() === "set-cookie") setCookies = [value].flat();
      else out.set(name, String(value));
      return res;
    },
    getHeader(name: string) {
      return name.toLowerCase() === "set-cookie" ? setCookies : (out.get(name) ?? undefined);
    },
    json(value: unknown) {
      out.set("content-type", "application/json");
      payload = JSON.stringify(value);
    },
    send(value: unknown) {
      payload = typeof value === "string" ? value : JSON.stringify(value);
    },
    end() {},
  };
  const req = {
    query: { ...Object.fromEntries(url.searchParams), nextauth },
    body,
    cookies,
    headers: Object.fromEntries(request.headers),
    method: request.method,
  };
  await nextAuthApiHandler()(req, res, appAuthOptions());
  for (const cookie of setCookies) out.append("set-cookie", cookie);
  return new Response(status === 204 || status === 304 ? null : payload, { status, headers: out });
}

type ApiHandler = (req: unknown, res: unknown, options: unknown) => Promise<void>;

/** next-auth is CommonJS: vitest hands over its default export, plain Node ESM (tsx) the module. */
function nextAuthApiHandler(): ApiHandler {
  const imported = NextAuth as unknown as ApiHandler | { default: ApiHandler };
  return typeof imported === "function" ? imported : imported.default;
}
