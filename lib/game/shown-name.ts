import type { PlayerState } from "./types";

/**
 * The name every view shows for a player. A nickname the host hid ("mute") never leaves the
 * server again: views send a neutral "Player N" with `hiddenAs: N`, and clients word it in their
 * language ("Player 7" / "玩家 7").
 */
export function shownName(p: Pick<PlayerState, "nickname" | "hiddenAs">): {
  nickname: string;
  hiddenAs?: number;
} {
  return p.hiddenAs === undefined
    ? { nickname: p.nickname }
    : { nickname: `Player ${p.hiddenAs}`, hiddenAs: p.hiddenAs };
}
