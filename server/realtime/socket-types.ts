import type { Server, Socket } from "socket.io";
import type {
  ClientToServer,
  InterServer,
  ServerToClient,
  SocketData,
} from "@/lib/contract/events";

export type ArenaServer = Server<ClientToServer, ServerToClient, InterServer, SocketData>;
export type ArenaSocket = Socket<ClientToServer, ServerToClient, InterServer, SocketData>;

/** Socket.IO room names: one for the whole room, one for its host screens, one per player. */
export const channels = {
  room: (code: string) => `room:${code}`,
  host: (code: string) => `host:${code}`,
  player: (playerId: string) => `player:${playerId}`,
};
