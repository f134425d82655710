import { startArenaServer } from "./app";
import { loadConfig } from "./config";

/** Process entry: `node --import tsx server/index.ts` (npm start goes through start.ts). */
const config = loadConfig();
const server = await startArenaServer(config, { dev: config.NODE_ENV === "development" });

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
