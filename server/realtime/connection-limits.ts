import type { Server as HttpServer } from "node:http";
import type { Socket as NetSocket } from "node:net";

/**
 * Counts open connections per client address and refuses new ones over the cap, so one address
 * cannot hold every file descriptor (an outside test opened ~19,800 idle sockets from one
 * machine). Whole classrooms share one NAT address, so the cap is generous; it is about
 * exhaustion, not fairness.
 */
export class AddressConnectionCap {
  private readonly open = new Map<string, number>();

  constructor(readonly max: number) {}

  /** True when one more connection from `address` would still be within the cap. */
  allows(address: string): boolean {
    return (this.open.get(address) ?? 0) < this.max;
  }

  /** Counts a connection; false (and nothing counted) when it would exceed the cap. */
  acquire(address: string): boolean {
    const count = this.open.get(address) ?? 0;
    if (count >= this.max) return false;
    this.open.set(address, count + 1);
    return true;
  }

  release(address: string): void {
    const count = (this.open.get(address) ?? 0) - 1;
    if (count > 0) this.open.set(address, count);
    else this.open.delete(address);
  }

  count(address: string): number {
    return this.open.get(address) ?? 0;
  }
}

/**
 * Caps raw TCP connections per remote address on the HTTP server (used when no proxy is
 * trusted: behind one, every connection comes from the proxy and only the Socket.IO cap, keyed
 * by X-Forwarded-For, applies). A connection over the cap is destroyed before it is read.
 * Returns the function that stops counting.
 */
export function capTcpConnections(server: HttpServer, max: number): () => void {
  const cap = new AddressConnectionCap(max);
  const onConnection = (socket: NetSocket) => {
    const address = socket.remoteAddress ?? "unknown";
    if (!cap.acquire(address)) {
      socket.destroy();
      return;
    }
    socket.once("close", () => cap.release(address));
  };
  server.on("connection", onConnection);
  return () => server.off("connection", onConnection);
}

/**
 * Node's defaults let a client hold a request open for 5 minutes (requestTimeout) and send its
 * headers for a whole minute. Tighten them unless the operator set them: headers within 20 s, a
 * whole request (model uploads from phones included) within 2 minutes. Idle keep-alive stays at
 * Node's 5 s. WebSocket connections are upgraded out of these timers; Socket.IO's ping covers
 * them.
 */
export function tightenHttpTimeouts(server: HttpServer): void {
  const nodeDefaults = { headersTimeout: 60_000, requestTimeout: 300_000 };
  if (server.headersTimeout === nodeDefaults.headersTimeout) server.headersTimeout = 20_000;
  if (server.requestTimeout === nodeDefaults.requestTimeout) server.requestTimeout = 120_000;
}
