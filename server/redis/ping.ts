import type { RedisClient } from "./client";

/**
 * PING within `timeoutMs`, for /api/health. A client that is not connected answers false at once:
 * node-redis would queue the command until it reconnects, and a health check must not wait on it.
 */
export async function pingRedis(
  client: Pick<RedisClient, "isReady" | "ping">,
  timeoutMs: number,
): Promise<boolean> {
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
