import type { IncomingMessage, Server as HttpServer } from "node:http";
import type { Socket as EngineSocket } from "engine.io";
import { Server, type ServerOptions } from "socket.io";
import { ROOM_PLAYERS_MAX } from "@/lib/contract/schemas";
import { sessionUserFromCookieHeader } from "../auth/socket-session";
import type { BaselineScore } from "../coding/baseline";
import { socketOriginAllowed, type OriginPolicy } from "../http/origin";
import type { Config } from "../config";
import type { Logger } from "../logger";
import type { Repositories } from "../repositories/types";
import { requestAddress } from "../http/client-address";
import { AddressConnectionCap, capTcpConnections } from "./connection-limits";
import { DEFAULT_REQUEST_BUDGET, setRequestBudget, type RequestBudget } from "./handler";
import { registerHostHandlers } from "./handlers/host-handlers";
import { registerPlayerHandlers } from "./handlers/player-handlers";
import { registerTeamHandlers } from "./handlers/team-handlers";
import { createMemoryAbuseLimits, type AbuseLimits } from "./rate-limits";
import type { RoomBus } from "./room-bus";
import type { RoomLifetimes } from "./room-leases";
import { RoomRuntime } from "./room-runtime";
import { InMemoryRoomStore, type RoomStore } from "./room-store";
import { installSharedFrameEncoder } from "./shared-room-frames";
import { SocketIoRoomTransport } from "./socket-transport";
import { channels, type ArenaServer, type ArenaSocket } from "./socket-types";

export interface RealtimeDeps {
  runtime: RoomRuntime;
  repos: Repositories;
  logger: Logger;
  /** Signs player tokens and verifies session cookies. */
  secret: string;
  limits: AbuseLimits;
  settings: RealtimeSettings;
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
  /** Several nodes (server/redis/cluster.ts): the bus to the other nodes and Socket.IO's adapter. */
  bus?: RoomBus;
  adapter?: ServerOptions["adapter"];
  lifetimes?: Partial<RoomLifetimes>;
  limits?: AbuseLimits;
  origin?: OriginPolicy;
  settings?: Partial<RealtimeSettings>;
  now?: () => number;
}

/** Connection and request limits (server/config.ts maps the environment onto these). */
export interface RealtimeSettings {
  /** Trust X-Forwarded-For (its last hop) for the client address. */
  trustProxy: boolean;
  /** Open Socket.IO connections per client address. */
  maxConnectionsPerAddress: number;
  /** Open TCP connections per remote address (only without a trusted proxy); 0: no cap. */
  maxTcpConnectionsPerAddress: number;
  /** A socket that has not joined a room (as player or host) by then is closed; 0: never. */
  joinTimeoutMs: number;
  requestBudget: RequestBudget;
  /** Refuse nicknames the English word list matches (NICKNAME_NOT_ALLOWED). */
  nicknameWordFilter: boolean;
  /** The largest maxPlayers room:create accepts (INVALID_PAYLOAD above it). */
  maxRoomPlayers: number;
}

/**
 * A classroom or a company behind one NAT shares one address: 1,000 connections is one tab for
 * every player of a full default room (maxPlayers 500) twice over (a second tab, or a reconnect
 * whose old connection has not timed out yet), while one address still holds at most a few
 * thousand file descriptors (the outside test reached ~19,800 before others got refused). TCP
 * connections also count the browsers' short keep-alive HTTP connections, hence twice that.
 */
export const DEFAULT_REALTIME_SETTINGS: RealtimeSettings = {
  trustProxy: false,
  maxConnectionsPerAddress: 1000,
  maxTcpConnectionsPerAddress: 2000,
  joinTimeoutMs: 60_000,
  requestBudget: DEFAULT_REQUEST_BUDGET,
  nicknameWordFilter: false,
  maxRoomPlayers: ROOM_PLAYERS_MAX,
};

export function realtimeSettings(config: Config): RealtimeSettings {
  return {
    trustProxy: config.TRUST_PROXY,
    maxConnectionsPerAddress: config.MAX_CONNECTIONS_PER_ADDRESS,
    maxTcpConnectionsPerAddress: config.MAX_TCP_CONNECTIONS_PER_ADDRESS,
    joinTimeoutMs: config.SOCKET_JOIN_TIMEOUT_MS,
    requestBudget: {
      maxInFlight: config.MAX_REQUESTS_IN_FLIGHT_PER_SOCKET,
      maxRefused: DEFAULT_REQUEST_BUDGET.maxRefused,
    },
    nicknameWordFilter: config.NICKNAME_WORD_FILTER,
    maxRoomPlayers: config.MAX_ROOM_PLAYERS,
  };
}

/** The room lifetimes from the environment; the sweep runs twice per lease, at most every 5 s. */
export function roomLifetimes(config: Config): RoomLifetimes {
  return {
    leaseMs: config.ROOM_LEASE_MS,
    sweepMs: Math.min(5_000, Math.floor(config.ROOM_LEASE_MS / 2)),
    lobbyIdleMs: config.ROOM_LOBBY_IDLE_MS,
    emptyRoomMs: config.ROOM_EMPTY_MS,
    finishedRetentionMs: config.ROOM_FINISHED_RETENTION_MS,
  };
}

export interface Realtime {
  io: ArenaServer;
  runtime: RoomRuntime;
  transport: SocketIoRoomTransport;
  /** `handOver: false`: this node's rooms are not handed back (see RoomRuntime.close). */
  close(opts?: { handOver?: boolean }): Promise<void>;
}

/**
 * Socket.IO on the app's HTTP server: typed with the one contract, authenticated from the
 * next-auth session cookie, with connection state recovery so a short drop replays what was
 * missed (a longer one resumes with the player token and a full snapshot).
 */
export function createRealtime(httpServer: HttpServer, options: RealtimeOptions): Realtime {
  const settings: RealtimeSettings = { ...DEFAULT_REALTIME_SETTINGS, ...options.settings };
  const connections = new AddressConnectionCap(settings.maxConnectionsPerAddress);
  const addressOf = (req: IncomingMessage) => requestAddress(req, settings.trustProxy);
  const io: ArenaServer = new Server(httpServer, {
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: true },
    maxHttpBufferSize: 64 * 1024,
    ...(options.adapter && { adapter: options.adapter }),
    pingInterval: 20_000,
    pingTimeout: 20_000,
    // Runs once per new Engine.IO connection (not per polling request). Each check returns a
    // refusal message or null: the handshake carries the session cookie, so a page on another
    // site must not open one (server/http/origin.ts); then the per-address connection cap.
    allowRequest: (req, callback) => {
      const refusal = !socketOriginAllowed(req.headers, options.origin)
        ? "FORBIDDEN_ORIGIN"
        : connections.allows(addressOf(req))
          ? null
          : "too many connections";
      callback(refusal, refusal === null);
    },
  });
  installSharedFrameEncoder(io);
  // allowRequest only reads the count; it is taken here, once the connection exists, so a burst
  // of parallel handshakes cannot all pass the check before any of them is counted.
  io.engine.on("connection", (raw: EngineSocket) => {
    const address = addressOf(raw.request);
    if (!connections.acquire(address)) return raw.close();
    raw.once("close", () => connections.release(address));
  });
  const stopTcpCap =
    !settings.trustProxy && settings.maxTcpConnectionsPerAddress > 0
      ? capTcpConnections(httpServer, settings.maxTcpConnectionsPerAddress)
      : () => undefined;
  const transport = new SocketIoRoomTransport(io);
  const runtime = new RoomRuntime({
    store: options.store ?? new InMemoryRoomStore(),
    rooms: options.repos.rooms,
    submissions: options.repos.submissions,
    transport,
    logger: options.logger,
    now: options.now,
    bus: options.bus,
    lifetimes: options.lifetimes,
  });
  const deps: RealtimeDeps = {
    runtime,
    repos: options.repos,
    logger: options.logger,
    secret: options.secret,
    limits: options.limits ?? createMemoryAbuseLimits(),
    settings,
    baseline: options.baseline,
    now: options.now,
  };

  io.use((socket, next) => {
    socket.data.address = addressOf(socket.request);
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
    setRequestBudget(socket, settings.requestBudget);
    closeUnlessJoined(socket);
    registerHostHandlers(socket, deps);
    registerPlayerHandlers(socket, deps);
    registerTeamHandlers(socket, deps);
    if (socket.recovered) markConnectedSafely(socket, true);
    socket.on("disconnect", () => markConnectedSafely(socket, false));
  });

  /**
   * Every page that opens a socket joins a room with it (as player or host) soon after; one that
   * never does only holds a file descriptor. The client reconnects on its next request.
   */
  function closeUnlessJoined(socket: ArenaSocket): void {
    if (settings.joinTimeoutMs <= 0 || socket.data.roomCode) return;
    const timer = setTimeout(() => {
      if (!socket.data.roomCode) socket.disconnect(true);
    }, settings.joinTimeoutMs);
    timer.unref();
    socket.once("disconnect", () => clearTimeout(timer));
  }

  /** Fire-and-forget from socket events: a failure (Redis down) is logged, never unhandled. */
  function markConnectedSafely(socket: ArenaSocket, connected: boolean): void {
    markConnected(socket, connected).catch((error: unknown) =>
      options.logger.warn("connection state not recorded", { error: String(error) }),
    );
  }

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
    close: async (opts) => {
      await runtime.close(opts);
      stopTcpCap();
      await io.close();
    },
  };
}
