import { describe, expect, it } from "vitest";
import bcrypt from "bcryptjs";
import {
  PRODUCTION_BCRYPT_COST,
  hashPassword,
  passwordTooLongForBcrypt,
  verifyPassword,
} from "@/server/auth/password";

const FAST_COST = 4;

describe("hashPassword / verifyPassword", () => {
  it("accepts the right password and refuses a wrong one", async () => {
    const hash = await hashPassword("correct horse battery", FAST_COST);
    expect(hash).not.toContain("correct horse battery");
    await expect(verifyPassword("correct horse battery", hash)).resolves.toBe(true);
    await expect(verifyPassword("correct horse batterY", hash)).resolves.toBe(false);
    await expect(verifyPassword("", hash)).resolves.toBe(false);
  });

  it("salts: the same password hashes differently each time", async () => {
    const [a, b] = await Promise.all([
      hashPassword("same", FAST_COST),
      hashPassword("same", FAST_COST),
    ]);
    expect(a).not.toBe(b);
  });

  it("uses cost 12 unless told otherwise", async () => {
    expect(PRODUCTION_BCRYPT_COST).toBe(12);
    expect(bcrypt.getRounds(await hashPassword("x", FAST_COST))).toBe(FAST_COST);
  });

  it("reads a malformed stored hash as a wrong password instead of throwing", async () => {
    await expect(verifyPassword("anything", "not-a-bcrypt-hash")).resolves.toBe(false);
    await expect(verifyPassword("anything", "")).resolves.toBe(false);
  });

  it("flags passwords bcrypt would truncate (over 72 UTF-8 bytes)", () => {
    expect(passwordTooLongForBcrypt("a".repeat(72))).toBe(false);
    expect(passwordTooLongForBcrypt("a".repeat(73))).toBe(true);
    expect(passwordTooLongForBcrypt("é".repeat(37))).toBe(true); // 74 bytes, 37 characters
  });
});
