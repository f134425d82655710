/**
 * Per-page JavaScript weight, gzip, as a first-time visitor's real Chromium fetches it: home, the
 * host through the reveal and the podium, a player's phone from the QR link to the lobby (before
 * a question) and through the reveal, /results, a board, /sets and the authoring page (/sets/new
 * with a question open), and the lab once a coding round starts.
 * Prints a table and the heaviest files of each screen, writes bench/results/page-weight.json
 * (not committed); never fails on a size (tests/e2e/page-weight.spec.ts holds the budget).
 *
 *   node --import tsx bench/page-weight.ts [--build] [--top 5]
 *
 * How: the production server (the existing .next build; --build runs `next build` first) on a
 * free port with a fresh embedded database; each screen is loaded in a fresh browser context and
 * every JS response (pages and workers, once per URL) is gzip-compressed with node's zlib, so the
 * figure does not depend on whether the server compresses. Journeys: tests/support/weight-journeys.ts.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import { kb } from "../tests/support/js-weight";
import { measureAll } from "../tests/support/weight-journeys";
import { startServer } from "./support/server-process";

const ROOT = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: { build: { type: "boolean", default: false }, top: { type: "string", default: "5" } },
});

if (values.build) {
  execFileSync(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), "kba-weight-"));
const server = await startServer({ dataDir, secret: randomBytes(32).toString("base64url") });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"],
});
try {
  // Journeys use relative URLs, as the e2e specs do: every context gets the server's origin.
  const points = await measureAll({
    newContext: (options) => browser.newContext({ baseURL: server.url, ...options }),
  });
  const top = Number(values.top);
  const width = Math.max(...points.map((p) => p.name.length));
  console.log(`\nJavaScript per screen, gzip (zlib default level), first visit:\n`);
  for (const p of points)
    console.log(
      `  ${p.name.padEnd(width)}  ${kb(p.gzipBytes).padStart(9)}  ${p.files.length} files`,
    );
  for (const p of points) {
    console.log(`\n${p.name}: heaviest files`);
    for (const f of p.files.slice(0, top))
      console.log(`  ${kb(f.gzipBytes).padStart(9)}  ${new URL(f.url).pathname}`);
  }
  const out = path.join(ROOT, "bench", "results");
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, "page-weight.json"), JSON.stringify(points, null, 2));
} finally {
  await browser.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
