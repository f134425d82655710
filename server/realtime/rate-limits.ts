import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

/**
 * Abuse limits. Whole classrooms join from one NAT address, so successful joins are never
 * limited; what is limited is guessing: failed joins and resumes per address, and room creation
 * per host.
 */
export interface AbuseLimits {
  /** True while `key` has used up its failures. */
  blocked(key: string): Promise<boolean>;
  recordFailure(key: string): Promise<void>;
  /** Consumes one room creation for `key`; false when over the limit. */
  allowCreate(key: string): Promise<boolean>;
}

export function createMemoryAbuseLimits(
  opts: {
    failuresPerMinute?: number;
    createsPerTenMinutes?: number;
  } = {},
): AbuseLimits {
  const failures = new RateLimiterMemory({ points: opts.failuresPerMinute ?? 20, duration: 60 });
  const creates = new RateLimiterMemory({ points: opts.createsPerTenMinutes ?? 30, duration: 600 });
  return {
    async blocked(key) {
      const res = await failures.get(key);
      return res !== null && res.remainingPoints <= 0;
    },
    async recordFailure(key) {
      await failures.consume(key).catch(ignoreRejection);
    },
    async allowCreate(key) {
      return creates.consume(key).then(
        () => true,
        (rejection: unknown) => {
          if (rejection instanceof RateLimiterRes) return false;
          throw rejection;
        },
      );
    },
  };
}

/** consume() rejects with a RateLimiterRes when over the limit: expected, not an error. */
function ignoreRejection(rejection: unknown): void {
  if (!(rejection instanceof RateLimiterRes)) throw rejection;
}
