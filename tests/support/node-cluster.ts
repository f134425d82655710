import { afterAll, afterEach, beforeAll } from "vitest";
import type { RedisClient } from "@/server/redis/client";
import type { RoomLifetimes } from "@/server/realtime/room-leases";
import { startHarness, type Harness } from "./realtime-harness";
import { dropPrefix, testPrefix, testRedis } from "./redis";
import { createTestDatabase } from "./test-database";

/**
 * Nodes of one installation in this process, each its own HTTP server, Socket.IO server, Redis
 * connections and Prisma client, sharing one Postgres database and one Redis key prefix. Call it
 * inside a `describe`: after each test the nodes close, the database is dropped and the prefix's
 * keys deleted. `fresh()` starts a new installation (a new prefix) for the test at hand.
 */
export function nodeCluster(lifetimes: Partial<RoomLifetimes>) {
  let redis: RedisClient | undefined;
  let prefix = "";
  let database: { url: string; drop(): Promise<void> } | null = null;
  const nodes: Harness[] = [];
  beforeAll(async () => {
    redis = await testRedis();
  });
  afterAll(() => redis?.destroy());
  afterEach(async () => {
    for (const node of nodes.splice(0)) await node.close();
    await database?.drop();
    database = null;
    if (redis) await dropPrefix(redis, prefix);
  });
  return {
    /** The shared Redis, to look at what the nodes stored. */
    get redis(): RedisClient {
      if (!redis) throw new Error("nodeCluster: Redis is not connected yet");
      return redis;
    },
    get prefix(): string {
      return prefix;
    },
    fresh(): void {
      prefix = testPrefix();
    },
    /** A node of the installation: the shared database, the shared prefix. */
    async start(nodeId: string): Promise<Harness> {
      database ??= await createTestDatabase();
      const node = await startHarness("postgres", {
        redis: { prefix, nodeId },
        lifetimes,
        databaseUrl: database.url,
      });
      nodes.push(node);
      return node;
    },
    /** A node dies without closing anything (see Harness.crash); the others go on. */
    async crash(node: Harness): Promise<void> {
      nodes.splice(nodes.indexOf(node), 1);
      await node.crash();
    },
  };
}
