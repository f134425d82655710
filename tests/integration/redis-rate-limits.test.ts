import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RedisClient } from "@/server/redis/client";
import { redisLimiter } from "@/server/redis/redis-limits";
import { createAbuseLimits } from "@/server/realtime/rate-limits";
import { dropPrefix, testPrefix, testRedis } from "../support/redis";

/** Two nodes, each with its own Redis connection, share one budget of failed look-ups. */
describe("abuse limits on Redis", () => {
  let a: RedisClient;
  let b: RedisClient;
  const prefix = testPrefix();
  beforeAll(async () => {
    [a, b] = await Promise.all([testRedis(), testRedis()]);
  });
  afterAll(async () => {
    await dropPrefix(a, prefix);
    a.destroy();
    b.destroy();
  });

  it("answers at most the budget of a burst split over two nodes", async () => {
    const opts = { failuresPerMinute: 20 };
    const nodeA = createAbuseLimits(opts, redisLimiter(a, prefix));
    const nodeB = createAbuseLimits(opts, redisLimiter(b, prefix));
    const keys = { address: "192.0.2.9" };
    const answered = await Promise.all(
      Array.from({ length: 120 }, (_, i) => (i % 2 ? nodeA : nodeB).recordFailure(keys)),
    );
    expect(answered.filter(Boolean)).toHaveLength(20);
    expect(await nodeA.blocked(keys)).toBe(true);
    expect(await nodeB.blocked(keys)).toBe(true);
    expect(await nodeB.blocked({ address: "192.0.2.10" })).toBe(false);
    expect(await nodeA.allowCreate("host-1")).toBe(true);
  });
});
