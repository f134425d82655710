import { createHash, hkdfSync, randomBytes } from "node:crypto";
import { SignJWT, jwtVerify } from "jose";
import { z } from "zod";

/**
 * The two secrets of an event. An invite link carries 32 random bytes; the database keeps only
 * their SHA-256, so a dump or a log of the table opens no event, and a revoked row stays revoked.
 * A candidate token is what a registered candidate's browser keeps (like a player token, an HS256
 * JWT under a key derived from NEXTAUTH_SECRET with its own label): it names the candidate and the
 * event, and lets them join the event's rooms and see what the organiser allows them to see.
 */

export function newInviteSecret(): string {
  return randomBytes(32).toString("base64url");
}

export function inviteHash(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

const KEY_LABEL = "kilobyte-arena candidate token v1";
const AUDIENCE = "kilobyte-arena:candidate";
const ALGORITHM = "HS256";

const keys = new Map<string, Uint8Array>();
function candidateKey(secret: string): Uint8Array {
  let key = keys.get(secret);
  if (!key) {
    key = new Uint8Array(hkdfSync("sha256", secret, "", KEY_LABEL, 32));
    keys.set(secret, key);
  }
  return key;
}

const ClaimsSchema = z.object({ sub: z.string().min(1).max(64), event: z.string().min(1).max(64) });

export interface CandidateClaims {
  candidateId: string;
  eventId: string;
}

/** Valid until `expiresAt` (the event's end plus the time results stay viewable). */
export function signCandidateToken(
  claims: CandidateClaims,
  secret: string,
  expiresAt: Date,
): Promise<string> {
  return new SignJWT({ event: claims.eventId })
    .setProtectedHeader({ alg: ALGORITHM })
    .setSubject(claims.candidateId)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(candidateKey(secret));
}

/** Any failure (signature, expiry, another kind of token) is the same null. */
export async function verifyCandidateToken(
  token: string,
  secret: string,
): Promise<CandidateClaims | null> {
  try {
    const { payload } = await jwtVerify(token, candidateKey(secret), {
      algorithms: [ALGORITHM],
      audience: AUDIENCE,
      requiredClaims: ["exp"],
    });
    const claims = ClaimsSchema.safeParse(payload);
    return claims.success ? { candidateId: claims.data.sub, eventId: claims.data.event } : null;
  } catch {
    return null;
  }
}
