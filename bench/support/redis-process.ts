import { spawn } from "node:child_process";
import { createServer, connect } from "node:net";
import { sleep } from "./stats";

/**
 * A Redis of the bench's own on a free port (no persistence): the shared one on 6379 belongs to
 * every helper and test on the machine, and a two-node run must not leave streams in it.
 */
export async function startRedis(): Promise<{ url: string; stop(): void }> {
  const port = await freePort();
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    {
      stdio: "ignore",
    },
  );
  process.once("exit", () => child.kill("SIGKILL"));
  const deadline = performance.now() + 10_000;
  while (!(await answers(port))) {
    if (performance.now() > deadline) throw new Error("redis-server did not start");
    await sleep(50);
  }
  return { url: `redis://127.0.0.1:${port}`, stop: () => child.kill("SIGTERM") };
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.end();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}
