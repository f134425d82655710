import { describe, expect, it, vi } from "vitest";
import { encode } from "next-auth/jwt";
import { sessionUserFromCookieHeader } from "@/server/auth/socket-session";

const SECRET = "test-secret-0123456789abcdef";
const USER = { sub: "user-42", name: "Ada", email: "ada@example.org" };

function sessionToken(secret = SECRET, maxAge?: number): Promise<string> {
  return encode({ token: USER, secret, maxAge });
}

describe("sessionUserFromCookieHeader", () => {
  it("finds the session cookie among others", async () => {
    const token = await sessionToken();
    const header = `theme=dark; next-auth.csrf-token=abc%7Cdef; next-auth.session-token=${token}; lang=zh`;
    await expect(sessionUserFromCookieHeader(header, SECRET)).resolves.toEqual({
      userId: "user-42",
      name: "Ada",
    });
  });

  it("reads the __Secure- cookie that next-auth sets over https", async () => {
    const header = `a=1;__Secure-next-auth.session-token=${await sessionToken()}`;
    await expect(sessionUserFromCookieHeader(header, SECRET)).resolves.toMatchObject({
      userId: "user-42",
    });
  });

  it("falls back to the plain cookie when a stale __Secure- one does not decode", async () => {
    const header = `__Secure-next-auth.session-token=stale; next-auth.session-token=${await sessionToken()}`;
    await expect(sessionUserFromCookieHeader(header, SECRET)).resolves.toMatchObject({
      userId: "user-42",
    });
  });

  it("joins a session cookie next-auth split into .0, .1 chunks", async () => {
    const token = await sessionToken();
    const cut = Math.floor(token.length / 2);
    const header = `next-auth.session-token.1=${token.slice(cut)}; x=y; next-auth.session-token.0=${token.slice(0, cut)}`;
    await expect(sessionUserFromCookieHeader(header, SECRET)).resolves.toMatchObject({
      userId: "user-42",
    });
    // A missing chunk is a partial token: refused, not thrown.
    await expect(
      sessionUserFromCookieHeader(`next-auth.session-token.1=${token.slice(cut)}`, SECRET),
    ).resolves.toBeNull();
  });

  it("returns null for a token encrypted with another secret", async () => {
    const header = `next-auth.session-token=${await sessionToken("another-secret-0123456789abcdef")}`;
    await expect(sessionUserFromCookieHeader(header, SECRET)).resolves.toBeNull();
  });

  it("returns null for an expired token", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const header = `next-auth.session-token=${await sessionToken(SECRET, 60)}`;
      await expect(sessionUserFromCookieHeader(header, SECRET)).resolves.not.toBeNull();
      vi.setSystemTime(Date.now() + 60_000 + 16_000); // past expiry and next-auth's 15 s leeway
      await expect(sessionUserFromCookieHeader(header, SECRET)).resolves.toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it("returns null for a token without a subject", async () => {
    const token = await encode({ token: { name: "No Id" }, secret: SECRET });
    await expect(
      sessionUserFromCookieHeader(`next-auth.session-token=${token}`, SECRET),
    ).resolves.toBeNull();
  });

  it.each([
    undefined,
    "",
    "theme=dark; lang=zh",
    "next-auth.session-token=",
    "next-auth.session-token=garbage",
    "next-auth.session-token=a.b.c.d.e",
    "next-auth.session-token=%E0%A4%A",
    ";;==; =; next-auth.session-token",
  ])("returns null for %j", async (header) => {
    await expect(sessionUserFromCookieHeader(header, SECRET)).resolves.toBeNull();
  });
});
