import type { PlayerSession } from "@/lib/contract/events";

/**
 * A player's resume token lives in sessionStorage, keyed by room code: it survives a reload of
 * the tab but not a new tab, so two tabs on one phone are two players, as on Kahoot.
 */

const key = (code: string) => `kba.player.${code.toUpperCase()}`;

export function saveToken(code: string, token: string): void {
  try {
    window.sessionStorage.setItem(key(code), token);
  } catch {
    // Without storage a reload means joining again; the game still works.
  }
}

export function loadToken(code: string): string | null {
  try {
    return window.sessionStorage.getItem(key(code));
  } catch {
    return null;
  }
}

export function clearToken(code: string): void {
  try {
    window.sessionStorage.removeItem(key(code));
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
