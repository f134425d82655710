import type { ArenaServer } from "../realtime/socket-types";
import type { SocketCounts } from "./metrics";

/**
 * This node's sockets, counted at scrape time: one pass over the local sockets (~1 ms at 10,000),
 * instead of counters kept on every join and leave in code the metrics do not own. Socket data
 * is what the handlers set on a join (room code, player id), so a host's socket counts its room.
 */
export function socketCounts(io: ArenaServer): SocketCounts {
  const rooms = new Set<string>();
  const players = new Set<string>();
  for (const socket of io.of("/").sockets.values()) {
    const { roomCode, playerId } = socket.data;
    if (roomCode) rooms.add(roomCode);
    if (playerId) players.add(playerId);
  }
  return { connections: io.engine.clientsCount, rooms: rooms.size, players: players.size };
}
