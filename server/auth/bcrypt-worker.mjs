// Verifies legacy bcrypt hashes for server/auth/bcrypt-verifier.ts, off the main event loop.
// Plain JavaScript on purpose: it runs as-is under tsx, vitest and a Next build, with no loader.
import { parentPort } from "node:worker_threads";
import bcrypt from "bcryptjs";

parentPort?.on("message", (message) => {
  const { id, plain, hash } = message;
  let matches = false;
  try {
    // Synchronous here is the point: this thread has nothing else to do.
    matches = bcrypt.compareSync(plain, hash);
  } catch {
    // A malformed stored hash reads as a wrong password.
  }
  parentPort?.postMessage({ id, matches });
});
