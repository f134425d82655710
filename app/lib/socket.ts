import { io, type Socket } from "socket.io-client";
import type { ClientToServer, ServerToClient } from "@/lib/contract/events";
import type { Result } from "@/lib/contract/errors";

/**
 * The one Socket.IO client of the app. Same origin as the page, so the next-auth cookie rides
 * along in the handshake and a signed-in host is recognised. Created lazily (never during server
 * rendering) and shared by every screen, so client-side navigation keeps the connection.
 */
export type ClientSocket = Socket<ServerToClient, ClientToServer>;

let socket: ClientSocket | null = null;

export function getSocket(): ClientSocket {
  if (typeof window === "undefined") throw new Error("getSocket() is browser-only");
  // WebSocket first: the polling upgrade dance costs a round trip per phone on a busy Wi-Fi.
  socket ??= io({ transports: ["websocket", "polling"] });
  return socket;
}

export type RequestEvent = keyof ClientToServer;
export type RequestPayload<E extends RequestEvent> = Parameters<ClientToServer[E]>[0];
type AckOf<E extends RequestEvent> = Parameters<ClientToServer[E]>[1];
export type RequestResult<E extends RequestEvent> = Parameters<AckOf<E>>[0];

const DEFAULT_TIMEOUT_MS = 8000;

/**
 * Emits a request and resolves with its Result. Never rejects: a server that does not answer in
 * time yields INTERNAL, so every caller handles one shape. Emits made while disconnected are
 * buffered by socket.io and sent on reconnect, which the timeout bounds.
 */
export function request<E extends RequestEvent>(
  event: E,
  payload: RequestPayload<E>,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<RequestResult<E>> {
  const client = getSocket();
  // The server closes a socket that joins no room within a minute (a form left open), and a
  // kicked one; socket.io does not reconnect after a server-side close, so the next request does.
  if (!client.connected && !client.active) client.connect();
  return new Promise((resolve) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      resolve({ ok: false, error: "INTERNAL" } as RequestResult<E>);
    }, timeoutMs);
    // The typed emit cannot be called with a generic event name; the signature below is exactly
    // what ClientToServer declares for every request (payload, ack).
    const emit = client.emit.bind(client) as unknown as (
      ev: E,
      body: RequestPayload<E>,
      ack: (result: Result<unknown>) => void,
    ) => void;
    emit(event, payload, (result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result as RequestResult<E>);
    });
  });
}

/**
 * The session cookie is read once, at the handshake. After signing in or out the connection must
 * be made again, or the server would still see the old identity.
 */
export function resetSocket(): void {
  if (!socket) return;
  socket.removeAllListeners();
  socket.disconnect();
  socket = null;
}

/**
 * A room screen's view of the connection: `onChange` hears it drop and return, and after a
 * reconnect Socket.IO could not recover (the missed broadcasts were not replayed) `resync` asks
 * the server for a fresh snapshot. Returns the function that stops watching.
 */
export function watchConnection(
  socket: ClientSocket,
  onChange: (connected: boolean) => void,
  resync: () => void,
): () => void {
  let lostConnection = false;
  const onDisconnect = () => {
    lostConnection = true;
    onChange(false);
  };
  const onConnect = () => {
    onChange(true);
    if (lostConnection && !socket.recovered) resync();
    lostConnection = false;
  };
  socket.on("disconnect", onDisconnect);
  socket.on("connect", onConnect);
  return () => {
    socket.off("disconnect", onDisconnect);
    socket.off("connect", onConnect);
  };
}
