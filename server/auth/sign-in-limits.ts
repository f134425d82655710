import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { memoryLimiter, type LimiterFactory } from "../realtime/rate-limits";

export interface SignInLimitSettings {
  /** Failed sign-ins per account (normalised email) per window, from any number of addresses. */
  perAccount: number;
  /** Failed sign-ins per client address per window, over all accounts. */
  perAddress: number;
  windowSeconds: number;
}

export type SignInAttempt = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * Password guessing is bounded twice: per account (a distributed guesser still gets only
 * `perAccount` tries at one password) and per address (one machine cannot spray many accounts).
 * Every attempt takes a point before the password is checked, so a burst of parallel guesses
 * cannot slip through between check and record; a successful sign-in gives its points back, so
 * only failures count. In memory and per process by default (lost on restart); on Redis with
 * several nodes (README "Several nodes"), shared by all of them.
 *
 * The price of the per-account budget: someone who knows an email can lock its owner out for up
 * to one window. A hiring event's hosts sign in once before it starts, so we take that trade.
 */
export class SignInLimiter {
  private readonly accounts: RateLimiterAbstract;
  private readonly addresses: RateLimiterAbstract;

  constructor(settings: SignInLimitSettings, makeLimiter: LimiterFactory = memoryLimiter) {
    const duration = settings.windowSeconds;
    this.accounts = makeLimiter({
      keyPrefix: "signin-account",
      points: settings.perAccount,
      duration,
    });
    this.addresses = makeLimiter({
      keyPrefix: "signin-address",
      points: settings.perAddress,
      duration,
    });
  }

  async attempt(email: string, address: string): Promise<SignInAttempt> {
    const results = await Promise.allSettled([
      this.accounts.consume(accountKey(email)),
      this.addresses.consume(address),
    ]);
    let waitMs = 0;
    for (const result of results) {
      if (result.status === "fulfilled") continue;
      if (!(result.reason instanceof RateLimiterRes)) throw result.reason;
      waitMs = Math.max(waitMs, result.reason.msBeforeNext);
    }
    if (waitMs === 0) return { ok: true };
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  /** The owner proved the password: forget the account's failures and refund this attempt. */
  async succeeded(email: string, address: string): Promise<void> {
    await Promise.all([this.accounts.delete(accountKey(email)), this.addresses.reward(address, 1)]);
  }
}

/** The same normalisation as sign-up's email field, and bounded, whatever the body held. */
export function accountKey(email: string): string {
  return email.trim().toLowerCase().slice(0, 200);
}
