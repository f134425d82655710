import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end journeys in Debian's Chromium (Playwright cannot download its own browser here)
 * against the real production server: `npm start` (builds when needed) on its own port, on the
 * Postgres named by DATABASE_URL or, without it, a fresh embedded PGlite directory.
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${PORT}`;
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), "kba-e2e-"));

export default defineConfig({
  testDir: "tests/e2e",
  // After the server is up, before any spec: the administrator who grants roles (global-setup.ts).
  globalSetup: "./tests/e2e/global-setup.ts",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: "node --import tsx server/start.ts",
    url: `${baseURL}/api/health`,
    // A first start builds the app: about a minute on an idle 2-core machine, five on a busy one.
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      DATA_DIR: dataDir,
      NEXTAUTH_URL: baseURL,
      LOG_LEVEL: "warn",
      // Every journey signs up its own hosts from 127.0.0.1: some twenty in one run, more than
      // the default ten per address per ten minutes (a limit http-guards.test.ts checks).
      SIGN_UPS_PER_TEN_MINUTES: "200",
      // Those hosts sign up and host straight away, as on a small open install (README "Accounts
      // and roles"); the accounts journey checks what a player-only account sees on its own.
      OPEN_HOST_SIGNUP: "1",
      ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
    },
  },
});
