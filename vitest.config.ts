import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const alias = { "@": fileURLToPath(new URL(".", import.meta.url)) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
          // Pure and CPU-bound, and done before the integration files start: every core (vitest's
          // default leaves one free, which on a 2-core machine runs them one at a time).
          maxWorkers: "100%",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          // Real Postgres, PGlite and socket servers: one file at a time keeps the 2-core box calm.
          fileParallelism: false,
          // One worker runs the files one after another and keeps its module cache: the server's
          // modules, Prisma's Wasm compiler, next-auth and the route modules load once, not once
          // per file (a third of this project's time on a 2-core machine). Each file still starts
          // and stops its own servers, databases and Redis prefixes; what it leaves pending (a
          // timer, an un-awaited wait) fires in the next file, so a file must leave nothing behind.
          isolate: false,
          // Not isolated, these files would join the unit files' group and its worker count;
          // their own group, after the unit files, keeps them on one worker.
          sequence: { groupOrder: 1 },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          globalSetup: ["tests/support/global-setup.ts"],
        },
      },
    ],
  },
});
