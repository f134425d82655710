import { hkdfSync } from "node:crypto";
import { SignJWT, jwtVerify } from "jose";
import { z } from "zod";

/**
 * A guest-result claim: the server's signature that this device played as `playerId` in `room`.
 * A guest keeps it in localStorage (app/lib/player-session.ts) and, once signed in, sends it back
 * to attach that player's results to their account (POST /api/account/claims). A nickname proves
 * nothing (anyone can type one); this can only come from the server, to the device that joined.
 *
 * Its key is derived from NEXTAUTH_SECRET under its own HKDF label (as player-token.ts does), and
 * it has its own audience, so a claim is never accepted as a player token, nor the other way round.
 * It lives far longer than a player token (12 h): a guest may sign up weeks after playing.
 */
const KEY_LABEL = "kilobyte-arena guest claim v1";
const AUDIENCE = "kilobyte-arena:claim";
const ALGORITHM = "HS256";
export const CLAIM_TOKEN_TTL_SECONDS = 180 * 24 * 60 * 60;

const ClaimsSchema = z.object({
  sub: z.string().min(1).max(64),
  room: z.string().min(1).max(16),
});

export type ClaimTokenResult =
  { ok: true; roomCode: string; playerId: string } | { ok: false; error: "CLAIM_INVALID" };

const keys = new Map<string, Uint8Array>();

function claimKey(secret: string): Uint8Array {
  let key = keys.get(secret);
  if (!key) {
    key = new Uint8Array(hkdfSync("sha256", secret, "", KEY_LABEL, 32));
    keys.set(secret, key);
  }
  return key;
}

export function signClaimToken(
  claims: { roomCode: string; playerId: string },
  secret: string,
  ttlSeconds: number = CLAIM_TOKEN_TTL_SECONDS,
): Promise<string> {
  return new SignJWT({ room: claims.roomCode })
    .setProtectedHeader({ alg: ALGORITHM })
    .setSubject(claims.playerId)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(claimKey(secret));
}

/** Any failure (forged, expired, another key or audience, not a JWT) is one refusal. */
export async function verifyClaimToken(token: string, secret: string): Promise<ClaimTokenResult> {
  try {
    const { payload } = await jwtVerify(token, claimKey(secret), {
      algorithms: [ALGORITHM],
      audience: AUDIENCE,
      requiredClaims: ["exp"],
    });
    const claims = ClaimsSchema.safeParse(payload);
    if (!claims.success) return { ok: false, error: "CLAIM_INVALID" };
    return { ok: true, roomCode: claims.data.room, playerId: claims.data.sub };
  } catch {
    return { ok: false, error: "CLAIM_INVALID" };
  }
}
