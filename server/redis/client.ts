import { createClient } from "redis";
import type { Logger } from "../logger";

export type RedisClient = ReturnType<typeof createClient>;

/**
 * One connected node-redis client per process (its duplicates serve pub/sub and the adapter's
 * blocking reads). Errors are logged, not thrown: node-redis reconnects by itself, and commands
 * issued meanwhile are queued or rejected, which the callers turn into typed errors.
 */
export async function connectRedis(url: string, logger?: Logger): Promise<RedisClient> {
  const client = createClient({
    url,
    socket: { reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2_000) },
  });
  let reported = false;
  client.on("error", (error: unknown) => {
    // One line per outage, not one per retry.
    if (!reported) logger?.warn("redis error", { error: String(error) });
    reported = true;
  });
  client.on("ready", () => {
    if (reported) logger?.info("redis connected again");
    reported = false;
  });
  await client.connect();
  return client;
}
