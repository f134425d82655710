import { createServer, connect, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

/**
 * A TCP proxy between the server's pg pool and the real Postgres, to freeze "the database" for
 * one test without touching the shared Postgres other processes use. `pause()` stops forwarding
 * in both directions and keeps every socket open (a frozen server: connections hang, nothing is
 * refused); `holdReplies()` forwards queries but holds the answers (a write that commits after
 * the client gave up); `resume()` delivers what was held and forwards again. `stop()` is a
 * database that went away: every open connection is cut and new ones are refused until `start()`.
 */
export interface PausableProxy {
  /** The target URL with host and port replaced by the proxy's. */
  url: string;
  pause(): void;
  holdReplies(): void;
  resume(): void;
  /** Cuts every connection and refuses new ones (nothing listens on the port). */
  stop(): Promise<void>;
  /** Listens on the same port again. */
  start(): Promise<void>;
  close(): Promise<void>;
}

type Mode = "flowing" | "paused" | "holding-replies";

export async function startPausableProxy(targetUrl: string): Promise<PausableProxy> {
  const target = new URL(targetUrl);
  const targetPort = Number(target.port || 5432);
  let mode: Mode = "flowing";
  const pipes = new Set<{
    client: Socket;
    upstream: Socket;
    toServer: Buffer[];
    toClient: Buffer[];
  }>();

  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, target.hostname);
    const pipe = { client, upstream, toServer: [] as Buffer[], toClient: [] as Buffer[] };
    pipes.add(pipe);
    client.on("data", (chunk) => {
      if (mode === "paused") pipe.toServer.push(chunk);
      else upstream.write(chunk);
    });
    upstream.on("data", (chunk) => {
      if (mode === "flowing") client.write(chunk);
      else pipe.toClient.push(chunk);
    });
    const end = () => {
      pipes.delete(pipe);
      client.destroy();
      upstream.destroy();
    };
    client.on("close", end);
    upstream.on("close", end);
    client.on("error", end);
    upstream.on("error", end);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const url = new URL(targetUrl);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  const cutAll = () => {
    for (const pipe of pipes) {
      pipe.client.destroy();
      pipe.upstream.destroy();
    }
  };

  return {
    url: url.toString(),
    pause: () => {
      mode = "paused";
    },
    holdReplies: () => {
      mode = "holding-replies";
    },
    resume: () => {
      mode = "flowing";
      for (const pipe of pipes) {
        for (const chunk of pipe.toServer.splice(0)) pipe.upstream.write(chunk);
        for (const chunk of pipe.toClient.splice(0)) pipe.client.write(chunk);
      }
    },
    stop: async () => {
      mode = "flowing";
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      cutAll();
      await closed;
    },
    start: () =>
      new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, "127.0.0.1", () => {
          server.off("error", reject);
          resolve();
        });
      }),
    close: async () => {
      cutAll();
      if (!server.listening) return;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
