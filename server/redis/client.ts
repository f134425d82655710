import { createClient } from "redis";
import type { Logger } from "../logger";

export type RedisClient = ReturnType<typeof createClient>;

/**
 * A node-redis client for REDIS_URL: it reconnects by itself (backing off to one try every 5 s)
 * and reports connection errors to the log instead of crashing the process (an "error" event
 * without a listener would). Call `connect()` on it; `destroy()` at shutdown.
 */
export function createRedisClient(url: string, logger?: Logger): RedisClient {
  const client = createClient({
    url,
    socket: {
      connectTimeout: 5_000,
      reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5_000),
    },
  });
  // One line per outage, not one per reconnect attempt.
  let reported = false;
  client.on("error", (error: unknown) => {
    if (reported) return;
    reported = true;
    logger?.warn("redis: connection lost, reconnecting", { error: String(error) });
  });
  client.on("ready", () => {
    if (reported) logger?.info("redis: connected again");
    reported = false;
  });
  return client;
}

/**
 * PING within `timeoutMs`. A client that is not connected answers false at once: node-redis would
 * queue the command until it reconnects, and a health check must not wait on that.
 */
export async function pingRedis(client: RedisClient, timeoutMs: number): Promise<boolean> {
  if (!client.isReady) return false;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const answer = client.ping().then(
    (reply) => reply === "PONG",
    () => false,
  );
  try {
    return await Promise.race([answer, late]);
  } finally {
    clearTimeout(timer);
  }
}
