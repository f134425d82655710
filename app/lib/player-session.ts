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
