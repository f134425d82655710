import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRequestListener } from "@/server/http/request-listener";
import { createLogger } from "@/server/logger";

/**
 * The custom server's request log (server/http/request-listener.ts): one structured line per
 * request when it ends, on a real HTTP server. The routes behind it are stand-ins here: what is
 * tested is the listener's logging, for answered, refused and failing requests.
 */
describe("the request log", () => {
  const lines: Record<string, unknown>[] = [];
  let server: Server;
  let url: string;
  beforeAll(async () => {
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString("utf8").split("\n").filter(Boolean))
          lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const logger = createLogger("debug", { destination });
    const handle = async (req: IncomingMessage, res: ServerResponse) => {
      await Promise.resolve();
      if (req.url === "/boom") throw new Error("route exploded");
      res.statusCode = req.url?.startsWith("/missing") ? 404 : 200;
      res.end("hi");
    };
    server = createServer(createRequestListener({ policy: { trustProxy: false }, logger, handle }));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const requestLines = () => lines.filter((l) => l.message === "request");

  it("logs method, path without the query, status and time, at debug", async () => {
    await fetch(`${url}/missing/page?token=secret`);
    await expect.poll(() => requestLines().length).toBe(1);
    const [line] = requestLines();
    expect(line).toMatchObject({
      level: "debug",
      method: "GET",
      path: "/missing/page",
      status: 404,
    });
    expect(line!.ms).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(lines)).not.toContain("secret");
  });

  it("a refused request is logged with its refusal status", async () => {
    const response = await fetch(`${url}/x`, {
      method: "POST",
      headers: { origin: "https://evil.example" },
    });
    expect(response.status).toBe(403);
    await expect.poll(() => requestLines().at(-1)).toMatchObject({ method: "POST", status: 403 });
  });

  it("a failing route: the error with its stack, then the 500 at warn", async () => {
    const response = await fetch(`${url}/boom`);
    expect(response.status).toBe(500);
    await expect.poll(() => requestLines().at(-1)).toMatchObject({ level: "warn", status: 500 });
    const failure = lines.find((l) => l.message === "request failed");
    expect(failure).toMatchObject({ level: "error", method: "GET", path: "/boom" });
    expect(failure!.error).toMatchObject({ type: "Error", message: "route exploded" });
  });
});
