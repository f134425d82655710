import { describe, expect, it } from "vitest";
import { signClaimToken, verifyClaimToken } from "@/server/auth/claim-token";
import { signPlayerToken, verifyPlayerToken } from "@/server/auth/player-token";

const SECRET = "unit-test-secret-that-is-long-enough";
const claim = { playerId: "player-1", roomCode: "ABC234" };

describe("guest claim tokens", () => {
  it("round-trip the player and room they were signed for", async () => {
    const token = await signClaimToken(claim, SECRET);
    expect(await verifyClaimToken(token, SECRET)).toEqual({ ok: true, ...claim });
  });

  it("refuse an expired, re-keyed or tampered claim", async () => {
    const refused = { ok: false, error: "CLAIM_INVALID" };
    expect(await verifyClaimToken(await signClaimToken(claim, SECRET, -1), SECRET)).toEqual(
      refused,
    );
    expect(await verifyClaimToken(await signClaimToken(claim, `${SECRET}!`), SECRET)).toEqual(
      refused,
    );
    const token = await signClaimToken(claim, SECRET);
    const [header, , signature] = token.split(".");
    const payload = Buffer.from(
      JSON.stringify({ sub: "player-2", room: "ABC234", aud: "x" }),
    ).toString("base64url");
    expect(await verifyClaimToken(`${header}.${payload}.${signature}`, SECRET)).toEqual(refused);
    expect(await verifyClaimToken("not.a.jwt", SECRET)).toEqual(refused);
  });

  it("are never taken for a player token, nor the other way round", async () => {
    const playerToken = await signPlayerToken(claim, SECRET);
    expect(await verifyClaimToken(playerToken, SECRET)).toEqual({
      ok: false,
      error: "CLAIM_INVALID",
    });
    const claimToken = await signClaimToken(claim, SECRET);
    expect(await verifyPlayerToken(claimToken, SECRET)).toEqual({
      ok: false,
      error: "INVALID_TOKEN",
    });
  });

  it("last long enough for a guest to sign up weeks later", async () => {
    const token = await signClaimToken(claim, SECRET);
    const { exp, iat } = JSON.parse(
      Buffer.from(token.split(".")[1] ?? "", "base64url").toString(),
    ) as { exp: number; iat: number };
    expect(exp - iat).toBe(180 * 24 * 60 * 60);
  });
});
