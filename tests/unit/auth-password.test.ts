import bcrypt from "bcryptjs";
import { describe, expect, it, vi } from "vitest";
import {
  ARGON2_OPTIONS,
  hashKind,
  hashPassword,
  needsRehash,
  verifyPassword,
} from "@/server/auth/password";

// The main thread's bcryptjs must never run a comparison: legacy hashes are checked in a worker
// (which loads its own, unmocked copy). Any call here fails the test.
vi.mock("bcryptjs", async (importOriginal) => {
  const real = await importOriginal<{ default: typeof import("bcryptjs") }>();
  const forbidden = () => {
    throw new Error("bcrypt ran on the main thread");
  };
  return {
    default: { ...real.default, compare: forbidden, compareSync: forbidden },
  };
});

/** Cheap argon2 parameters: these tests check behaviour, not cost. */
const FAST = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

describe("hashPassword / verifyPassword (argon2id)", () => {
  it("accepts the right password and refuses a wrong one", async () => {
    const hash = await hashPassword("correct horse battery", FAST);
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(hash).not.toContain("correct horse battery");
    await expect(verifyPassword("correct horse battery", hash)).resolves.toBe(true);
    await expect(verifyPassword("correct horse batterY", hash)).resolves.toBe(false);
    await expect(verifyPassword("", hash)).resolves.toBe(false);
  });

  it("salts: the same password hashes differently each time", async () => {
    const [a, b] = await Promise.all([hashPassword("same", FAST), hashPassword("same", FAST)]);
    expect(a).not.toBe(b);
  });

  it("uses OWASP's argon2id minimum unless told otherwise", async () => {
    expect(ARGON2_OPTIONS).toEqual({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    expect(await hashPassword("x")).toContain("$m=19456,t=2,p=1$");
  });

  it("reads every byte: passwords longer than bcrypt's 72 bytes are not truncated", async () => {
    const long = "a".repeat(100);
    const hash = await hashPassword(long, FAST);
    await expect(verifyPassword("a".repeat(72), hash)).resolves.toBe(false);
    await expect(verifyPassword(long, hash)).resolves.toBe(true);
  });

  it("reads a malformed stored hash as a wrong password instead of throwing", async () => {
    await expect(verifyPassword("anything", "not-a-hash")).resolves.toBe(false);
    await expect(verifyPassword("anything", "")).resolves.toBe(false);
    await expect(verifyPassword("anything", "$argon2id$v=19$garbage")).resolves.toBe(false);
    await expect(verifyPassword("anything", "$2b$12$short")).resolves.toBe(false);
  });
});

describe("legacy bcrypt hashes (existing installs)", () => {
  it("still verify, in a worker thread: the main thread's bcrypt is never called", async () => {
    // Made with the real bcryptjs before the mock: cost 12, as existing installs stored them.
    const legacy = "$2b$12$ilRATZmGkTx/3HrA6R90X.6ttCp4sVTmijgxMFylFLBQ9pGfLa5ci";
    expect(hashKind(legacy)).toBe("bcrypt");
    const results = await Promise.all(
      Array.from({ length: 2 }, (_, i) => verifyPassword(i === 0 ? "nope" : `x${i}`, legacy)),
    );
    expect(results).toEqual([false, false]);
    // Cost 12 in pure JS is about a second of CPU per hash; on a shared, loaded 2-core CI machine
    // two of them took longer than vitest's default 5 s.
  }, 30_000);

  it("accepts the right password for a bcrypt hash (cost 4 here) and flags it for rehash", async () => {
    const real = await vi.importActual<{ default: typeof bcrypt }>("bcryptjs");
    const legacy = real.default.hashSync("analytical", 4);
    await expect(verifyPassword("analytical", legacy)).resolves.toBe(true);
    await expect(verifyPassword("Analytical", legacy)).resolves.toBe(false);
    expect(needsRehash(legacy)).toBe(true);
    expect(needsRehash(await hashPassword("x"))).toBe(false);
    expect(needsRehash(await hashPassword("x", FAST))).toBe(true);
  });
});
