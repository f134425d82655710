import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/**
 * Whether the Next.js build under `root` is missing or older than its sources (server/ counts:
 * pages and route handlers bundle parts of it). `npm start` (server/start.ts) builds then; the
 * fault tests ask first, so that several server processes never build at the same moment.
 */
const SOURCES = [
  "app",
  "lib",
  "server",
  "public",
  "next.config.mjs",
  "package-lock.json",
  "tsconfig.json",
];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(entry))
    newest = Math.max(newest, newestMtime(path.join(entry, name)));
  return newest;
}

export function buildState(root: string): "missing" | "stale" | "fresh" {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return "missing";
  const sourcesAt = Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s))));
  return statSync(buildId).mtimeMs < sourcesAt ? "stale" : "fresh";
}
