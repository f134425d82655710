import {
  lobbyView,
  ownViewsRideWithRoom,
  playerView,
  playerViews,
  roomView,
} from "@/lib/game/views";
import type { RoomState } from "@/lib/game/types";
import type { RoomTransport } from "./room-transport";

/** Which players' own views changed with a publish (the engine's `publish` effect). */
export type OwnViews = "all" | readonly string[];

/**
 * One frame per player per change: the room view alone when no player's own view changed (a
 * question opening, the leaderboard), or each player's copy with their own view in it (a
 * reveal, the podium). Only where the room view is too big to copy per player (a coding board)
 * does a player get the two as separate frames.
 */
export function publishRoom(
  transport: RoomTransport,
  state: RoomState,
  now: number,
  ownViews?: OwnViews,
): void {
  const room = roomView(state, now);
  if (ownViews === "all" && ownViewsRideWithRoom(state)) {
    transport.toHost(state.code, room);
    transport.roomToPlayers(state.code, room, playerViews(state, now));
    return;
  }
  transport.toRoom(state.code, room);
  if (ownViews) sendOwnViews(transport, state, now, ownViews);
}

/** Own views alone (player:update), e.g. a mute's in the lobby, or beside a coding board. */
export function sendOwnViews(
  transport: RoomTransport,
  state: RoomState,
  now: number,
  ownViews: OwnViews,
): void {
  // One ranking for all players' views: per-player re-ranking would be O(players²).
  const views =
    ownViews === "all"
      ? playerViews(state, now)
      : ownViews.flatMap((id) => playerView(state, id, now) ?? []);
  for (const me of views) transport.toPlayer(me.playerId, me);
}

/**
 * The host's lobby list. Players get no lobby:update: their lobby screen shows the count from the
 * room's own snapshot (room:update), and a second room-wide frame per change cost as much again.
 */
export function sendLobby(transport: RoomTransport, state: RoomState, now: number): void {
  transport.lobbyToHost(state.code, lobbyView(state, now));
}
