import type { PlayerSession } from "@/lib/contract/events";

/**
 * A player's resume token lives in localStorage, keyed by room code, so a tab the phone closed
 * (or the browser discarded) finds it again when the room's link is reopened: the same player
 * resumes with their score instead of joining afresh as "nickname already taken". The price: two
 * tabs of one browser are one player, not two (a second device or profile is a second player).
 * The token only resumes this one room, and expires with it.
 */

const key = (code: string) => `kba.player.${code.toUpperCase()}`;

export function saveToken(code: string, token: string): void {
  try {
    window.localStorage.setItem(key(code), token);
  } catch {
    // Without storage a reload means joining again; the game still works.
  }
  void keepClaimFor(token);
}

export function loadToken(code: string): string | null {
  try {
    return window.localStorage.getItem(key(code));
  } catch {
    return null;
  }
}

export function clearToken(code: string): void {
  try {
    window.localStorage.removeItem(key(code));
  } catch {
    // Nothing to clear.
  }
}

/**
 * The join form already holds a full session when it navigates to the player screen; handing it
 * over in memory saves a needless room:resume round trip on the same socket.
 */
let handoff: PlayerSession | null = null;

export function handOffSession(session: PlayerSession): void {
  handoff = session;
}

export function takeHandedOffSession(code: string): PlayerSession | null {
  const session = handoff;
  if (!session || session.room.code !== code.toUpperCase()) return null;
  handoff = null;
  return session;
}

/** Reads the handed-over session without consuming it (safe in render and StrictMode). */
export function peekHandedOffSession(code: string): PlayerSession | null {
  return handoff && handoff.room.code === code.toUpperCase() ? handoff : null;
}

/**
 * Guest claims (issue 10): after a join, the device swaps its player token for the server's
 * long-lived signed claim on that player (POST /api/account/claim-token) and keeps it here, so a
 * guest who signs up later can attach these games to their account (app/profile's claim offer).
 * Kept per player id; a player token is a JWT whose `sub` is the player id (read, not trusted:
 * the server verifies every claim).
 */
const CLAIMS_KEY = "kba.claims";
/** A phone that plays every day for months still keeps a bounded list. */
const MAX_CLAIMS = 200;

export interface StoredClaim {
  playerId: string;
  roomCode: string;
  token: string;
}

export function loadClaims(): StoredClaim[] {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(CLAIMS_KEY) ?? "[]");
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (c): c is StoredClaim =>
        typeof c === "object" &&
        c !== null &&
        typeof (c as StoredClaim).playerId === "string" &&
        typeof (c as StoredClaim).roomCode === "string" &&
        typeof (c as StoredClaim).token === "string",
    );
  } catch {
    return [];
  }
}

function storeClaims(claims: StoredClaim[]): void {
  try {
    window.localStorage.setItem(CLAIMS_KEY, JSON.stringify(claims.slice(-MAX_CLAIMS)));
  } catch {
    // Without storage, nothing can be claimed later; the game itself is unaffected.
  }
}

/** Forget claims that were used, or that the server says belong to an account already. */
export function forgetClaims(playerIds: readonly string[]): void {
  const drop = new Set(playerIds);
  storeClaims(loadClaims().filter((c) => !drop.has(c.playerId)));
}

function playerIdOf(token: string): string | null {
  try {
    const payload = token.split(".")[1] ?? "";
    const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
    const sub = (JSON.parse(json) as { sub?: unknown }).sub;
    return typeof sub === "string" ? sub : null;
  } catch {
    return null;
  }
}

/** Fire and forget: a failed swap only means this game cannot be claimed later. */
export async function keepClaimFor(playerToken: string): Promise<void> {
  const playerId = playerIdOf(playerToken);
  if (!playerId || loadClaims().some((c) => c.playerId === playerId)) return;
  try {
    const response = await fetch("/api/account/claim-token", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ playerToken }),
    });
    const json = (await response.json()) as { ok: boolean; data?: StoredClaim };
    if (!json.ok || !json.data) return;
    const { playerId: id, roomCode, token } = json.data;
    storeClaims([
      ...loadClaims().filter((c) => c.playerId !== id),
      { playerId: id, roomCode, token },
    ]);
  } catch {
    // Offline or refused: nothing to keep.
  }
}
