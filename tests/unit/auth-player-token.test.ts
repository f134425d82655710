import { hkdfSync } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SignJWT } from "jose";
import {
  PLAYER_TOKEN_TTL_SECONDS,
  signPlayerToken,
  verifyPlayerToken,
} from "@/server/auth/player-token";

const SECRET = "test-secret-0123456789abcdef";
const CLAIMS = { roomCode: "ABC234", playerId: "player-1" };
const REFUSED = { ok: false, error: "INVALID_TOKEN" };

afterEach(() => {
  vi.useRealTimers();
});

/** Re-encodes the payload segment of a JWT, keeping the original signature. */
function withPayload(token: string, edit: (payload: Record<string, unknown>) => void): string {
  const [header, payload, signature] = token.split(".");
  const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString("utf8")) as Record<
    string,
    unknown
  >;
  edit(claims);
  return [header, Buffer.from(JSON.stringify(claims)).toString("base64url"), signature].join(".");
}

describe("player tokens", () => {
  it("round-trips the room code and player id", async () => {
    const token = await signPlayerToken(CLAIMS, SECRET);
    await expect(verifyPlayerToken(token, SECRET)).resolves.toEqual({ ok: true, ...CLAIMS });
  });

  it("is byte for byte the token jose signs with the derived key, so either signer's token is valid", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2030-01-01T00:00:00Z"));
    // The key as the module derives it: HKDF-SHA256 of the secret under the token's own label.
    const key = new Uint8Array(
      hkdfSync("sha256", SECRET, "", "kilobyte-arena player token v1", 32),
    );
    const now = Math.floor(Date.now() / 1000);
    const byJose = await new SignJWT({ room: CLAIMS.roomCode })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(CLAIMS.playerId)
      .setAudience("kilobyte-arena:player")
      .setIssuedAt()
      .setExpirationTime(now + PLAYER_TOKEN_TTL_SECONDS)
      .sign(key);
    await expect(signPlayerToken(CLAIMS, SECRET)).resolves.toBe(byJose);
    await expect(verifyPlayerToken(byJose, SECRET)).resolves.toEqual({ ok: true, ...CLAIMS });
  });

  it("refuses a token whose payload was edited", async () => {
    const token = await signPlayerToken(CLAIMS, SECRET);
    // Control: re-encoding without an edit keeps the token valid, so the refusal below is the edit's.
    await expect(
      verifyPlayerToken(
        withPayload(token, () => {}),
        SECRET,
      ),
    ).resolves.toMatchObject({ ok: true });
    const tampered = withPayload(token, (claims) => {
      claims.sub = "player-2";
    });
    await expect(verifyPlayerToken(tampered, SECRET)).resolves.toEqual(REFUSED);
  });

  it("refuses a token signed with another secret", async () => {
    const token = await signPlayerToken(CLAIMS, "another-secret-0123456789abcdef");
    await expect(verifyPlayerToken(token, SECRET)).resolves.toEqual(REFUSED);
  });

  it("refuses an HS256 token signed with the raw secret (the key is derived, not the secret)", async () => {
    const token = await new SignJWT({ room: CLAIMS.roomCode })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(CLAIMS.playerId)
      .setAudience("kilobyte-arena:player")
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode(SECRET));
    await expect(verifyPlayerToken(token, SECRET)).resolves.toEqual(REFUSED);
  });

  it("refuses an unsigned (alg: none) token", async () => {
    const token = await signPlayerToken(CLAIMS, SECRET);
    const [, payload] = token.split(".");
    const header = Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url");
    await expect(verifyPlayerToken(`${header}.${payload}.`, SECRET)).resolves.toEqual(REFUSED);
  });

  it("expires after the default 12 hours", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2030-01-01T00:00:00Z"));
    const token = await signPlayerToken(CLAIMS, SECRET);
    expect(PLAYER_TOKEN_TTL_SECONDS).toBe(12 * 60 * 60);

    vi.setSystemTime(Date.now() + (PLAYER_TOKEN_TTL_SECONDS - 1) * 1000);
    await expect(verifyPlayerToken(token, SECRET)).resolves.toMatchObject({ ok: true });
    vi.setSystemTime(Date.now() + 2000);
    await expect(verifyPlayerToken(token, SECRET)).resolves.toEqual(REFUSED);
  });

  it("honours a shorter ttl", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const token = await signPlayerToken(CLAIMS, SECRET, 60);
    vi.setSystemTime(Date.now() + 61_000);
    await expect(verifyPlayerToken(token, SECRET)).resolves.toEqual(REFUSED);
  });

  it.each(["", "garbage", "a.b.c", "x".repeat(2000), "eyJhbGciOiJIUzI1NiJ9.e30."])(
    "refuses garbage %#",
    async (garbage) => {
      await expect(verifyPlayerToken(garbage, SECRET)).resolves.toEqual(REFUSED);
    },
  );
});
