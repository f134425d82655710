import { randomBytes } from "node:crypto";
import { availableParallelism } from "node:os";
import { hash as argon2Hash, verify as argon2Verify, type Options } from "@node-rs/argon2";
import { BcryptVerifier } from "./bcrypt-verifier";

/**
 * Passwords are hashed with argon2id (@node-rs/argon2: native, and its async calls run on the
 * libuv thread pool, never on the event loop). OWASP's minimum: 19 MiB, 2 passes, 1 lane.
 */
export const ARGON2_OPTIONS: Readonly<Options> = {
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

/** Sign-up refuses longer passwords; argon2 itself has no 72-byte cut like bcrypt's. */
export const MAX_PASSWORD_LENGTH = 200;

export type HashKind = "argon2id" | "bcrypt" | "unknown";

export function hashKind(hash: string): HashKind {
  if (hash.startsWith("$argon2id$")) return "argon2id";
  if (/^\$2[aby]\$\d\d\$/.test(hash)) return "bcrypt";
  return "unknown";
}

/**
 * The thread pool has 4 threads by default and also serves file reads, DNS look-ups and zlib: a
 * burst of sign-ins must not take all of them, or pages and static files would queue behind the
 * hashes, and on a 2-core box two hashes would leave no core for the event loop and Postgres.
 * At most two hashes run at once (one on 2 cores); the rest wait here (the limits bound the queue).
 */
const MAX_CONCURRENT_HASHES = Math.max(1, Math.min(2, availableParallelism() - 1));
let running = 0;
const queue: (() => void)[] = [];

async function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_HASHES) await new Promise<void>((go) => queue.push(go));
  else running += 1;
  try {
    return await work();
  } finally {
    const nextInLine = queue.shift();
    if (nextInLine) nextInLine();
    else running -= 1;
  }
}

/** `options` is an argument so tests can hash cheaply; production uses ARGON2_OPTIONS. */
export function hashPassword(plain: string, options: Options = ARGON2_OPTIONS): Promise<string> {
  return withHashSlot(() => argon2Hash(plain, options));
}

/** False (never a throw) for a malformed hash, so a bad row reads as a wrong password. */
export async function verifyPassword(plain: string, hash: string): Promise<boolean> {
  switch (hashKind(hash)) {
    case "argon2id":
      return withHashSlot(() => argon2Verify(hash, plain)).catch(() => false);
    case "bcrypt":
      return bcryptVerifier().verify(plain, hash);
    case "unknown":
      return false;
  }
}

/** A hash from before argon2 (or with weaker parameters) is replaced on the next sign-in. */
export function needsRehash(hash: string): boolean {
  if (hashKind(hash) !== "argon2id") return true;
  const { memoryCost, timeCost, parallelism } = ARGON2_OPTIONS;
  return !hash.includes(`$m=${memoryCost},t=${timeCost},p=${parallelism}$`);
}

/**
 * An argon2 hash of a random secret nobody knows, made once per process with the production
 * parameters. An unknown email is checked against it, so it costs what a wrong password for a
 * real account costs: response time does not reveal which emails have accounts.
 */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= argon2Hash(randomBytes(32).toString("base64url"), ARGON2_OPTIONS);
  return dummyHash;
}

/**
 * One verifier per process, kept on globalThis: Next's route bundles get their own copy of this
 * module, and the worker script's URL only resolves from the unbundled one. The custom server
 * calls preparePasswordHashing() at start-up so that copy is the one that makes it.
 */
const VERIFIER_KEY = Symbol.for("kilobyte-arena.bcrypt-verifier");
type VerifierHolder = { [VERIFIER_KEY]?: BcryptVerifier };

function bcryptVerifier(): BcryptVerifier {
  const holder = globalThis as VerifierHolder;
  holder[VERIFIER_KEY] ??= new BcryptVerifier(new URL("./bcrypt-worker.mjs", import.meta.url));
  return holder[VERIFIER_KEY];
}

export function preparePasswordHashing(): void {
  bcryptVerifier();
  void dummyPasswordHash();
}
