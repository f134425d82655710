import type { PlayerState } from "./types";

/**
 * The name every view shows for a player. A nickname the host hid ("mute") never leaves the
 * server again: views send a neutral "Player N" with `hiddenAs: N`, and clients word it in their
 * language ("Player 7" / "玩家 7").
 */
export function shownName(p: {
  nickname: PlayerState["nickname"];
  /** null: as stored in Postgres (Player.hiddenAs) when the name is not hidden. */
  hiddenAs?: number | null;
}): { nickname: string; hiddenAs?: number } {
  return p.hiddenAs === undefined || p.hiddenAs === null
    ? { nickname: p.nickname }
    : { nickname: `Player ${p.hiddenAs}`, hiddenAs: p.hiddenAs };
}
