import { describe, expect, it } from "vitest";
import { createMemoryAbuseLimits, limitedLookup } from "@/server/realtime/rate-limits";

describe("failed look-up limits", () => {
  it("answers at most the budget of a parallel burst of failures (consumed atomically)", async () => {
    const limits = createMemoryAbuseLimits({ failuresPerMinute: 20 });
    const keys = { address: "192.0.2.1" };
    const answered = await Promise.all(
      Array.from({ length: 250 }, () => limits.recordFailure(keys)),
    );
    expect(answered.filter(Boolean)).toHaveLength(20);
    expect(await limits.blocked(keys)).toBe(true);
    expect(await limits.blocked({ address: "192.0.2.2" })).toBe(false);
  });

  it("counts per socket and per address, and refuses when either is spent", async () => {
    const limits = createMemoryAbuseLimits({ failuresPerMinute: 5, failuresPerSocketPerMinute: 2 });
    const a = { address: "192.0.2.3", socket: "a" };
    const b = { address: "192.0.2.3", socket: "b" };
    expect(await limits.recordFailure(a)).toBe(true);
    expect(await limits.recordFailure(a)).toBe(true);
    expect(await limits.recordFailure(a)).toBe(false);
    expect(await limits.blocked(a)).toBe(true);
    // Another socket on that address still has its own budget, until the address runs out.
    expect(await limits.blocked(b)).toBe(false);
    expect(await limits.recordFailure(b)).toBe(true);
    expect(await limits.recordFailure(b)).toBe(true);
    expect(await limits.blocked({ address: "192.0.2.3", socket: "c" })).toBe(true);
  });

  it("limitedLookup: misses count, hits never do, a blocked caller looks nothing up", async () => {
    const limits = createMemoryAbuseLimits({ failuresPerMinute: 3 });
    const keys = { address: "192.0.2.4" };
    let lookups = 0;
    const find = (value: string | null) => () => {
      lookups += 1;
      return Promise.resolve(value);
    };
    for (let i = 0; i < 10; i++) {
      expect(await limitedLookup(limits, keys, find("room"))).toEqual({
        kind: "found",
        value: "room",
      });
    }
    const misses = await Promise.all(
      Array.from({ length: 10 }, () => limitedLookup(limits, keys, find(null))),
    );
    expect(misses.filter((m) => m.kind === "not-found")).toHaveLength(3);
    expect(misses.filter((m) => m.kind === "rate-limited")).toHaveLength(7);
    lookups = 0;
    expect(await limitedLookup(limits, keys, find("room"))).toEqual({ kind: "rate-limited" });
    expect(lookups).toBe(0);
  });
});
