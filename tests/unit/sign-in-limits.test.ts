import { describe, expect, it } from "vitest";
import { parseSignInError, rateLimitedSignInError } from "@/lib/contract/sign-in";
import { SignInLimiter } from "@/server/auth/sign-in-limits";
import { isDatabaseUnavailable } from "@/server/db/unavailable";

describe("SignInLimiter", () => {
  const settings = { perAccount: 3, perAddress: 5, windowSeconds: 60 };

  it("counts attempts per normalised account across addresses", async () => {
    const limits = new SignInLimiter(settings);
    for (const address of ["a", "b", "c"]) {
      expect(await limits.attempt("Ann@X.org", address)).toEqual({ ok: true });
    }
    const refused = await limits.attempt(" ann@x.org ", "d");
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.retryAfterSeconds).toBeGreaterThan(0);
  });

  it("counts attempts per address across accounts", async () => {
    const limits = new SignInLimiter(settings);
    for (let i = 0; i < 5; i++) expect((await limits.attempt(`u${i}@x.org`, "a")).ok).toBe(true);
    expect((await limits.attempt("fresh@x.org", "a")).ok).toBe(false);
    expect((await limits.attempt("fresh@x.org", "b")).ok).toBe(true);
  });

  it("a parallel burst gets exactly the budget through", async () => {
    const limits = new SignInLimiter(settings);
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, i) => limits.attempt("ann@x.org", `addr${i}`)),
    );
    expect(burst.filter((a) => a.ok)).toHaveLength(3);
  });

  it("a success gives the account's budget back: only failures count", async () => {
    const limits = new SignInLimiter(settings);
    for (let i = 0; i < 3; i++) await limits.attempt("ann@x.org", "a");
    await limits.succeeded("ann@x.org", "a");
    expect((await limits.attempt("ann@x.org", "a")).ok).toBe(true);
  });
});

describe("the rate-limited sign-in error string", () => {
  it("round-trips the wait, rounded up to whole seconds", () => {
    expect(rateLimitedSignInError(41.2)).toBe("RATE_LIMITED:42");
    expect(parseSignInError("RATE_LIMITED:42")).toEqual({
      code: "RATE_LIMITED",
      retryAfterSeconds: 42,
    });
    expect(parseSignInError("CredentialsSignin")).toEqual({ code: "CredentialsSignin" });
    expect(parseSignInError("RATE_LIMITED:abc")).toEqual({ code: "RATE_LIMITED:abc" });
  });
});

describe("isDatabaseUnavailable", () => {
  it("finds a timeout or a lost connection anywhere in the cause chain", () => {
    expect(isDatabaseUnavailable(new Error("Query read timeout"))).toBe(true);
    const wrapped = new Error("driver adapter error", {
      cause: { message: "timeout exceeded when trying to connect" },
    });
    expect(isDatabaseUnavailable(wrapped)).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("x"), { code: "57014" }))).toBe(true);
  });

  it("knows a stopped database through Prisma's driver adapter codes", () => {
    // PrismaClientKnownRequestError's shape when Postgres refuses connections (seen in
    // tests/integration/fault-postgres-outage.test.ts): no cause chain, only Prisma's code.
    const refused = Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), {
      code: "P1001",
      meta: { driverAdapterError: { cause: { kind: "DatabaseNotReachable" } } },
    });
    expect(isDatabaseUnavailable(refused)).toBe(true);
    for (const code of ["P1008", "P1017"])
      expect(isDatabaseUnavailable(Object.assign(new Error("x"), { code }))).toBe(true);
    // A unique violation through the same adapter is a refusal, not an outage.
    expect(isDatabaseUnavailable(Object.assign(new Error("x"), { code: "P2002" }))).toBe(false);
  });

  it("reads a raw query's failure (P2010), whose adapter error sits in meta, not in a cause", () => {
    // The shape of PrismaClientKnownRequestError from $executeRaw (server/repositories/room-rows-sql.ts).
    const raw = (cause: Record<string, unknown>) =>
      Object.assign(new Error("Raw query failed."), {
        code: "P2010",
        meta: { driverAdapterError: { name: "DriverAdapterError", cause } },
      });
    expect(isDatabaseUnavailable(raw({ kind: "DatabaseNotReachable" }))).toBe(true);
    expect(isDatabaseUnavailable(raw({ kind: "ConnectionClosed" }))).toBe(true);
    expect(
      isDatabaseUnavailable(raw({ kind: "postgres", originalMessage: "Query read timeout" })),
    ).toBe(true);
    expect(isDatabaseUnavailable(raw({ kind: "postgres", originalCode: "57014" }))).toBe(true);
    const clash = raw({ kind: "UniqueConstraintViolation", originalCode: "23505" });
    expect(isDatabaseUnavailable(clash)).toBe(false);
  });

  it("does not take a refusal for an outage", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("dup"), { code: "23505" }))).toBe(false);
    expect(isDatabaseUnavailable("Query read timeout")).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
