import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { sessionUserFromCookieHeader } from "../auth/socket-session";
import type { BaselineScore } from "../coding/baseline";
import { socketOriginAllowed, type OriginPolicy } from "../http/origin";
import type { Logger } from "../logger";
import type { Repositories } from "../repositories/types";
import { registerHostHandlers } from "./handlers/host-handlers";
import { registerPlayerHandlers } from "./handlers/player-handlers";
import { createMemoryAbuseLimits, type AbuseLimits } from "./rate-limits";
import { RoomRuntime } from "./room-runtime";
import { InMemoryRoomStore, type RoomStore } from "./room-store";
import { SocketIoRoomTransport } from "./socket-transport";
import { channels, type ArenaServer, type ArenaSocket } from "./socket-types";

export interface RealtimeDeps {
  runtime: RoomRuntime;
  repos: Repositories;
  logger: Logger;
  /** Signs player tokens and verifies session cookies. */
  secret: string;
  limits: AbuseLimits;
  /** The "shrink" round's baseline scores (needs the evaluator); absent: shrink rounds refused. */
  baseline?: () => Promise<BaselineScore>;
  now?: () => number;
}

export interface RealtimeOptions {
  baseline?: () => Promise<BaselineScore>;
  repos: Repositories;
  logger: Logger;
  secret: string;
  store?: RoomStore;
  limits?: AbuseLimits;
  origin?: OriginPolicy;
  now?: () => number;
}

export interface Realtime {
  io: ArenaServer;
  runtime: RoomRuntime;
  transport: SocketIoRoomTransport;
  close(): Promise<void>;
}

/**
 * Socket.IO on the app's HTTP server: typed with the one contract, authenticated from the
 * next-auth session cookie, with connection state recovery so a short drop replays what was
 * missed (a longer one resumes with the player token and a full snapshot).
 */
export function createRealtime(httpServer: HttpServer, options: RealtimeOptions): Realtime {
  const io: ArenaServer = new Server(httpServer, {
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: true },
    maxHttpBufferSize: 64 * 1024,
    pingInterval: 20_000,
    pingTimeout: 20_000,
    // The handshake carries the session cookie: a page on another site must not open one.
    allowRequest: (req, callback) => {
      const allowed = socketOriginAllowed(req.headers, options.origin);
      callback(allowed ? null : "FORBIDDEN_ORIGIN", allowed);
    },
  });
  const transport = new SocketIoRoomTransport(io);
  const runtime = new RoomRuntime({
    store: options.store ?? new InMemoryRoomStore(),
    rooms: options.repos.rooms,
    submissions: options.repos.submissions,
    transport,
    logger: options.logger,
    now: options.now,
  });
  const deps: RealtimeDeps = {
    runtime,
    repos: options.repos,
    logger: options.logger,
    secret: options.secret,
    limits: options.limits ?? createMemoryAbuseLimits(),
    baseline: options.baseline,
    now: options.now,
  };

  io.use((socket, next) => {
    sessionUserFromCookieHeader(socket.request.headers.cookie, options.secret).then(
      (user) => {
        socket.data.userId = user?.userId ?? null;
        socket.data.userName = user?.name ?? null;
        next();
      },
      () => {
        socket.data.userId = null;
        socket.data.userName = null;
        next();
      },
    );
  });

  io.on("connection", (socket) => {
    registerHostHandlers(socket, deps);
    registerPlayerHandlers(socket, deps);
    if (socket.recovered) void markConnected(socket, true);
    socket.on("disconnect", () => void markConnected(socket, false));
  });

  async function markConnected(socket: ArenaSocket, connected: boolean): Promise<void> {
    const { playerId, roomCode } = socket.data;
    if (!playerId || !roomCode) return;
    if (!connected) {
      // A player may have several tabs: only the last one leaving makes them disconnected.
      const others = await io.in(channels.player(playerId)).fetchSockets();
      if (others.length > 0) return;
    }
    await runtime.dispatch(roomCode, { type: "player:connection", playerId, connected });
  }

  return {
    io,
    runtime,
    transport,
    close: async () => {
      runtime.close();
      await io.close();
    },
  };
}
