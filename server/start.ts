import { spawnSync } from "node:child_process";
import path from "node:path";
import { buildState } from "./build-check";

/**
 * `npm start`: build the Next.js app when there is no build or the sources are newer than it
 * (server/build-check.ts), then run the production server. A fresh clone needs only
 * `npm install && npm start`.
 */
const root = path.resolve(import.meta.dirname, "..");
const state = buildState(root);
if (state !== "fresh" || process.env.FORCE_BUILD === "1") {
  console.log(
    state === "missing"
      ? "First start: building the app…"
      : "Sources changed since the last build: rebuilding…",
  );
  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  const build = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

(process.env as Record<string, string>).NODE_ENV = "production";
process.env.NEXT_TELEMETRY_DISABLED = "1";
await import("./index");
