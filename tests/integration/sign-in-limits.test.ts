import { performance } from "node:perf_hooks";
import bcrypt from "bcryptjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSignInError } from "@/lib/contract/sign-in";
import { hashPassword } from "@/server/auth/password";
import { startHttpApp, type HttpApp } from "../support/http-app";
import { hasSessionCookie, signIn } from "../support/sign-in-client";

/**
 * Item 9: sign-in is limited per address and per account, and hashing never runs on the event
 * loop. Real next-auth callback, real Postgres, production argon2 parameters.
 */
const from = (address: string) => ({ "x-forwarded-for": address });

async function errorOf(response: Response): Promise<string | null> {
  const { url } = (await response.json()) as { url: string };
  return new URL(url).searchParams.get("error");
}

describe("sign-in limits (TRUST_PROXY=1, addresses from X-Forwarded-For)", () => {
  let app: HttpApp;
  beforeAll(async () => {
    app = await startHttpApp({ env: { TRUST_PROXY: "1" } });
    for (const name of ["ada", "bob", "cy"]) {
      await app.repos.users.create({
        email: `${name}@example.org`,
        name,
        passwordHash: await hashPassword("right-password"),
      });
    }
  });
  afterAll(() => app.close());

  it("signs in with the right password and sets the session cookie", async () => {
    const response = await signIn(
      app.url,
      "ada@example.org",
      "right-password",
      from("198.51.100.1"),
    );
    expect(response.status).toBe(200);
    expect(hasSessionCookie(response)).toBe(true);
  });

  it("60 wrong passwords from one address: 429 after 30, and then the right password is refused too", async () => {
    const attacker = from("203.0.113.7");
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) {
      // Different (mostly unknown) accounts: the address budget is what runs out.
      const response = await signIn(app.url, `guess${i}@example.org`, "wrong", attacker);
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(30).every((s) => s === 429)).toBe(true);

    const right = await signIn(app.url, "bob@example.org", "right-password", attacker);
    expect(right.status).toBe(429);
    expect(hasSessionCookie(right)).toBe(false);
    expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(0);
    // What the sign-in form reads: next-auth's client takes `error` from the answer's url.
    const refusal = parseSignInError((await errorOf(right)) ?? "");
    expect(refusal.code).toBe("RATE_LIMITED");
    expect(refusal.retryAfterSeconds).toBeGreaterThan(0);

    // Another address is not affected.
    const elsewhere = await signIn(
      app.url,
      "bob@example.org",
      "right-password",
      from("198.51.100.2"),
    );
    expect(elsewhere.status).toBe(200);
  });

  it("limits one account across many addresses, atomically under a parallel burst", async () => {
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        signIn(app.url, "cy@example.org", `wrong-${i}`, from(`192.0.2.${i + 1}`)),
      ),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30);

    const owner = await signIn(app.url, "CY@example.org ", "right-password", from("198.51.100.3"));
    expect(owner.status).toBe(429);
  });
});

describe("sign-in limits without TRUST_PROXY", () => {
  let app: HttpApp;
  beforeAll(async () => {
    app = await startHttpApp({ env: { SIGNIN_MAX_FAILURES_PER_ADDRESS: "5" } });
  });
  afterAll(() => app.close());

  it("a forged X-Forwarded-For does not buy a fresh budget", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const response = await signIn(app.url, `u${i}@example.org`, "wrong", from(`10.9.8.${i}`));
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
  });
});

describe("hashing off the event loop", () => {
  let app: HttpApp;
  beforeAll(async () => {
    app = await startHttpApp({ env: { TRUST_PROXY: "1" } });
    // Half the accounts come from an older install: cost-12 bcrypt hashes, ~250 ms of pure JS.
    const legacy = await bcrypt.hash("right-password", 12);
    const modern = await hashPassword("right-password");
    for (let i = 0; i < 40; i++) {
      await app.repos.users.create({
        email: `load${i}@example.org`,
        name: `load ${i}`,
        passwordHash: i % 2 === 0 ? legacy : modern,
      });
    }
  });
  afterAll(() => app.close());

  it("40 parallel sign-ins keep the event loop free, /api/health answers, bcrypt rows are rehashed", async () => {
    const before = performance.eventLoopUtilization();
    const signIns = Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        signIn(app.url, `load${i}@example.org`, "right-password", from(`198.18.0.${i + 1}`)),
      ),
    );
    const health = await fetch(`${app.url}/api/health`);
    const responses = await signIns;
    const busy = performance.eventLoopUtilization(before);

    expect(health.status).toBe(200);
    expect(responses.map((r) => r.status)).toEqual(Array(40).fill(200));
    // Not a clock: the share of the burst this thread spent running code rather than waiting.
    // Hashing here (bcryptjs, as before) keeps it near 1; argon2 on the thread pool and bcrypt
    // in workers leave only HTTP and JSON on it.
    console.log(`event loop utilisation during 40 sign-ins: ${busy.utilization.toFixed(2)}`);
    expect(busy.utilization).toBeLessThan(0.6);

    const user = await app.repos.users.findByEmail("load0@example.org");
    expect(user?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});
