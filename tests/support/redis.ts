import { randomBytes } from "node:crypto";
import { connectRedis, type RedisClient } from "@/server/redis/client";

/** The shared Redis of this machine and CI (never flushed: other suites use it too). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** A fresh key prefix per test, so tests sharing one Redis never see each other's keys. */
export function testPrefix(): string {
  return `ka-test:${randomBytes(6).toString("hex")}:`;
}

export async function testRedis(): Promise<RedisClient> {
  return connectRedis(TEST_REDIS_URL);
}

/** Deletes every key under `prefix` (SCAN, not KEYS: the shared instance stays responsive). */
export async function dropPrefix(client: RedisClient, prefix: string): Promise<void> {
  for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
    if (keys.length > 0) await client.del(keys);
  }
}
