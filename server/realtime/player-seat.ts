import type { PlayerView, RoomView } from "@/lib/contract/views";
import type { RoomState } from "@/lib/game/types";
import { playerView, roomView } from "@/lib/game/views";

/**
 * What a join or a resume shows the player: the room's view and their own, built by the node
 * that committed the event. Forwarded from another node, this is a few KB whatever the room's
 * size; the whole state (~400 bytes per player) made filling a room over two nodes O(players²).
 */
export interface PlayerSeat {
  room: RoomView;
  /** Null: the player is not in the room (not expected after an accepted join or resume). */
  me: PlayerView | null;
  /** A self-paced attempt still in its lobby: its clock starts once its player is here. */
  selfPacedLobby: boolean;
}

export function seatOf(state: RoomState, playerId: string, now: number): PlayerSeat {
  return {
    room: roomView(state, now),
    me: playerView(state, playerId, now),
    selfPacedLobby: state.selfPaced !== undefined && state.phase === "lobby",
  };
}
