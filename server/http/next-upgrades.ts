import type { IncomingMessage, Server as HttpServer } from "node:http";
import type { Duplex } from "node:stream";

type UpgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * The HTTP server as Next.js sees it (its `httpServer` option). On its first request Next adds
 * an "upgrade" listener to that server, for its dev server's HMR socket and for WebSocket
 * rewrites to other hosts (this app has none). In production the listener resolved Next's whole
 * route table for every Socket.IO connection, then left it alone: ~0.34 ms of the server's CPU
 * per join, measured over 2,000 joins (profile of bench:load), half as much again as the bare
 * Socket.IO server spends on the whole join. Here only upgrades outside Socket.IO's path reach it.
 */
export function nextUpgradeTarget(
  httpServer: HttpServer,
  socketIoPath = "/socket.io/",
): HttpServer {
  const target = {
    on(event: string, listener: (...args: unknown[]) => void) {
      if (event !== "upgrade") {
        httpServer.on(event, listener);
        return target;
      }
      const upgrade = listener as unknown as UpgradeListener;
      httpServer.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
        if (!req.url?.startsWith(socketIoPath)) upgrade(req, socket, head);
      });
      return target;
    },
  };
  // Next only ever calls `on` on it (next/dist/server/next.js, setupWebSocketHandler).
  return target as unknown as HttpServer;
}
