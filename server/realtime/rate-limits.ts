import {
  RateLimiterMemory,
  RateLimiterRes,
  type IRateLimiterOptions,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";

/** Who is looking something up: the client address always, the socket when there is one. */
export interface LookupKeys {
  address: string;
  socket?: string;
}

/**
 * Abuse limits. Whole classrooms join from one NAT address, so successful joins are never
 * limited; what is limited is guessing: failed look-ups of a room code or token (joins, resumes,
 * host commands, the results page), per socket and per address, and room creation per host.
 *
 * A failure is answered only after its point was consumed: `recordFailure` resolves false when
 * the consume was refused, and the caller answers RATE_LIMITED instead of the failure. The
 * in-memory store counts synchronously, so a burst of parallel guesses cannot slip past the
 * budget between a check and a record (it did when the check and the record were two awaits).
 */
export interface AbuseLimits {
  /** True while any of the keys has used up its failed look-ups: run no look-up then. */
  blocked(keys: LookupKeys): Promise<boolean>;
  /** Consumes one failed look-up from every key; false when any of them was already spent. */
  recordFailure(keys: LookupKeys): Promise<boolean>;
  /** Consumes one room creation for `key`; false when over the limit. */
  allowCreate(key: string): Promise<boolean>;
  /**
   * Consumes one model upload for a player; false when over the limit. Each upload costs a gzip
   * and a parse on the gate's thread, so one player cannot keep that thread busy.
   */
  allowUpload(playerId: string): Promise<boolean>;
  /** Consumes one account sign-up for a client address; false when over the limit. */
  allowSignUp(address: string): Promise<boolean>;
}

export interface AbuseLimitOptions {
  /** Failed look-ups per address per minute (a classroom behind one NAT shares it). */
  failuresPerMinute?: number;
  /** Failed look-ups per socket per minute. */
  failuresPerSocketPerMinute?: number;
  createsPerTenMinutes?: number;
  uploadsPerMinute?: number;
  /**
   * Sign-ups per address per ten minutes: enough for a classroom behind one NAT creating its host
   * accounts, too few to mass-create accounts.
   */
  signUpsPerTenMinutes?: number;
}

export const DEFAULT_FAILURES_PER_MINUTE = 30;
export const DEFAULT_FAILURES_PER_SOCKET_PER_MINUTE = 10;
export const DEFAULT_UPLOADS_PER_MINUTE = 20;
export const DEFAULT_SIGN_UPS_PER_TEN_MINUTES = 10;

/** Makes one limiter: in memory (one process), or on Redis (shared by every node). */
export type LimiterFactory = (
  opts: Required<Pick<IRateLimiterOptions, "keyPrefix" | "points" | "duration">>,
) => RateLimiterAbstract;

export const memoryLimiter: LimiterFactory = (opts) => new RateLimiterMemory(opts);

export function createMemoryAbuseLimits(opts: AbuseLimitOptions = {}): AbuseLimits {
  return createAbuseLimits(opts, memoryLimiter);
}

/**
 * The limits over any rate-limiter-flexible store. On Redis (server/redis/redis-limits.ts) each
 * consume is one atomic script, so parallel guesses arriving at different nodes still share, and
 * cannot overrun, one budget.
 */
export function createAbuseLimits(
  opts: AbuseLimitOptions,
  makeLimiter: LimiterFactory,
): AbuseLimits {
  const perAddress = makeLimiter({
    keyPrefix: "lookup-address",
    points: opts.failuresPerMinute ?? DEFAULT_FAILURES_PER_MINUTE,
    duration: 60,
  });
  const perSocket = makeLimiter({
    keyPrefix: "lookup-socket",
    points: opts.failuresPerSocketPerMinute ?? DEFAULT_FAILURES_PER_SOCKET_PER_MINUTE,
    duration: 60,
  });
  const creates = makeLimiter({
    keyPrefix: "create",
    points: opts.createsPerTenMinutes ?? 30,
    duration: 600,
  });
  const signUps = makeLimiter({
    keyPrefix: "signup",
    points: opts.signUpsPerTenMinutes ?? DEFAULT_SIGN_UPS_PER_TEN_MINUTES,
    duration: 600,
  });
  const uploads = makeLimiter({
    keyPrefix: "upload",
    points: opts.uploadsPerMinute ?? DEFAULT_UPLOADS_PER_MINUTE,
    duration: 60,
  });

  const spent = async (limiter: RateLimiterAbstract, key: string | undefined) => {
    if (key === undefined) return false;
    const res = await limiter.get(key);
    return res !== null && res.remainingPoints <= 0;
  };

  return {
    async blocked({ address, socket }) {
      const [a, s] = await Promise.all([spent(perAddress, address), spent(perSocket, socket)]);
      return a || s;
    },
    async recordFailure({ address, socket }) {
      // Both are consumed (no short-circuit): each budget sees every failure.
      const [a, s] = await Promise.all([
        consumed(perAddress, address),
        socket === undefined ? true : consumed(perSocket, socket),
      ]);
      return a && s;
    },
    allowCreate: (key) => consumed(creates, key),
    allowUpload: (playerId) => consumed(uploads, playerId),
    allowSignUp: (address) => consumed(signUps, address),
  };
}

/** consume() rejects with a RateLimiterRes when over the limit: expected, not an error. */
function consumed(limiter: RateLimiterAbstract, key: string): Promise<boolean> {
  return limiter.consume(key).then(
    () => true,
    (rejection: unknown) => {
      if (rejection instanceof RateLimiterRes) return false;
      throw rejection;
    },
  );
}

export type LimitedLookup<T> =
  { kind: "found"; value: T } | { kind: "not-found" } | { kind: "rate-limited" };

/**
 * A look-up by a guessable key (a room code) under the failed-look-up limit: a blocked caller
 * looks nothing up, and a miss is reported only when its point was consumed. For callers without
 * a socket, such as the results page.
 */
export async function limitedLookup<T>(
  limits: AbuseLimits,
  keys: LookupKeys,
  find: () => Promise<T | null>,
): Promise<LimitedLookup<T>> {
  if (await limits.blocked(keys)) return { kind: "rate-limited" };
  const value = await find();
  if (value !== null) return { kind: "found", value };
  return (await limits.recordFailure(keys)) ? { kind: "not-found" } : { kind: "rate-limited" };
}
