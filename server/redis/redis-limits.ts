import { RateLimiterRedis } from "rate-limiter-flexible";
import type { LimiterFactory } from "../realtime/rate-limits";
import type { RedisClient } from "./client";

/**
 * Rate limiters on Redis (rate-limiter-flexible's RateLimiterRedis over node-redis), so every
 * node counts against one budget. `useRedisPackage` is set explicitly: the library guesses the
 * client kind from its class name, which node-redis 5 no longer matches. While Redis is down a
 * consume rejects with an Error (not a RateLimiterRes), which the callers treat as a failure of
 * the request, not as a free pass.
 */
export function redisLimiter(client: RedisClient, prefix = "ka:"): LimiterFactory {
  return (opts) =>
    new RateLimiterRedis({
      ...opts,
      keyPrefix: `${prefix}rl:${opts.keyPrefix}`,
      storeClient: client,
      useRedisPackage: true,
    });
}
