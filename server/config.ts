import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { SELF_PACED_REVEAL_MS } from "@/lib/challenges/rules";
import { ROOM_PLAYERS_MAX } from "@/lib/contract/schemas";

/** Configuration, validated once at start-up (t3's env.js). See the README's table. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  /** Postgres connection string; when absent the embedded PGlite database under DATA_DIR is used. */
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  /** Signs sessions and player tokens. Generated and kept in DATA_DIR when absent. */
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  /** Origin players' phones use to reach the server (QR code links); defaults to the request's. */
  PUBLIC_URL: z.string().url().optional(),
  /** Behind a reverse proxy that sets X-Forwarded-For: trust it for client addresses (rate limits). */
  TRUST_PROXY: z
    .enum(["0", "1", "true", "false"])
    .default("0")
    .transform((v) => v === "1" || v === "true"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  // --- Socket abuse limits (README "Security"): per client address unless said otherwise. ---
  /** Open Socket.IO connections per client address (a classroom behind one NAT shares one). */
  MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(1).default(1000),
  /** Open TCP connections per remote address when TRUST_PROXY is off; 0 turns the cap off. */
  MAX_TCP_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(0).default(2000),
  /** A socket that joins no room (as player or host) within this is closed; 0: never. */
  SOCKET_JOIN_TIMEOUT_MS: z.coerce.number().int().min(0).default(60_000),
  /** Requests one socket may have running; more are answered BUSY. */
  MAX_REQUESTS_IN_FLIGHT_PER_SOCKET: z.coerce.number().int().min(1).max(1000).default(16),
  /** Failed room-code / token look-ups per minute, per address and per socket. */
  LOOKUP_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  LOOKUP_FAILURES_PER_SOCKET_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /** Account sign-ups per client address per ten minutes. */
  SIGN_UPS_PER_TEN_MINUTES: z.coerce.number().int().min(1).default(10),
  /** The largest maxPlayers a host may give a room (INVALID_PAYLOAD above it); at most 10,000. */
  MAX_ROOM_PLAYERS: z.coerce.number().int().min(1).max(ROOM_PLAYERS_MAX).default(ROOM_PLAYERS_MAX),
  /** Refuse nicknames matched by the English word list (obscenity's preset); off by default. */
  NICKNAME_WORD_FILTER: z
    .enum(["0", "1", "true", "false"])
    .default("0")
    .transform((v) => v === "1" || v === "true"),

  // --- Sign-in limits and database timeouts (README "Security"). ---
  /** Failed sign-ins allowed per account (email) per window, from any addresses. */
  SIGNIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
  /** Failed sign-ins allowed per client address per window, over all accounts. */
  SIGNIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(30),
  SIGNIN_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(15 * 60),
  /**
   * Longest wait for one database query (and for a connection). Well under the client's 8 s answer
   * timeout, so a player hears "not saved" while still waiting, not after giving up.
   */
  DB_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),

  // --- Operations (README "Operations"). ---
  /**
   * Redis for several nodes: rooms, leases, rate limits and the Socket.IO adapter live there
   * (README "Several nodes"); /api/health checks it. Unset: one process, rooms in memory.
   */
  REDIS_URL: z.string().url().optional(),
  /** Prefix of every Redis key, stream and channel of this installation. */
  REDIS_PREFIX: z.string().min(1).max(64).default("ka:"),
  // --- Room lifetimes (README "Several nodes"). ---
  /** A node that stops renewing a room's lease for this long loses the room to another node. */
  ROOM_LEASE_MS: z.coerce.number().int().min(500).max(300_000).default(10_000),
  /** A lobby with no event for this long is closed (ABORTED). */
  ROOM_LOBBY_IDLE_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .default(30 * 60_000),
  /** A started game with no player connected and no event for this long is closed (ABORTED). */
  ROOM_EMPTY_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .default(10 * 60_000),
  /** How long a self-paced attempt's reveal stays up before its next question opens. */
  SELF_PACED_REVEAL_MS: z.coerce.number().int().min(100).max(60_000).default(SELF_PACED_REVEAL_MS),
  /** A finished room stays live this long for late reconnects (its results are in Postgres). */
  ROOM_FINISHED_RETENTION_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .default(15 * 60_000),
  /** When set, GET /api/metrics needs `Authorization: Bearer <METRICS_TOKEN>`; empty is unset. */
  METRICS_TOKEN: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(16).optional()),
  // --- Accounts (README "Accounts and roles"). ---
  /**
   * New accounts may host (role HOST) instead of only playing (PLAYER). Off by default: an admin
   * grants hosting. The first account of a fresh install is ADMIN either way.
   */
  OPEN_HOST_SIGNUP: z
    .enum(["0", "1", "true", "false"])
    .default("0")
    .transform((v) => v === "1" || v === "true"),
  /** Each OAuth provider is on exactly when its id and secret are both set. */
  GITHUB_ID: z.string().min(1).optional(),
  GITHUB_SECRET: z.string().min(1).optional(),
  GOOGLE_CLIENT_ID: z.string().min(1).optional(),
  GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
  /** A generic OpenID Connect issuer (Keycloak, Authentik, Okta...): its discovery URL's base. */
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** The button's label on the sign-in page. */
  OIDC_NAME: z.string().min(1).max(40).default("Single sign-on"),
});

/** Settings that only make sense together: half a provider is a mistake worth failing on. */
const PROVIDER_GROUPS = [
  ["GITHUB_ID", "GITHUB_SECRET"],
  ["GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET"],
  ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"],
] as const;

function incompleteProviders(env: Record<string, unknown>): string[] {
  return PROVIDER_GROUPS.filter((group) => {
    const set = group.filter((key) => env[key] !== undefined).length;
    return set > 0 && set < group.length;
  }).map((group) => `  ${group.join(", ")}: set all of them or none`);
}

export type Config = Omit<z.infer<typeof EnvSchema>, "NEXTAUTH_SECRET"> & {
  NEXTAUTH_SECRET: string;
  dataDir: string;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // `DATABASE_URL=` (an env file's or compose's empty entry) means unset, as t3-env's
  // emptyStringAsUndefined: an empty value is never a valid URL, number or secret here.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const parsed = EnvSchema.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const incomplete = incompleteProviders(parsed.data);
  if (incomplete.length > 0) throw new Error(`Invalid configuration:\n${incomplete.join("\n")}`);
  const dataDir = path.resolve(parsed.data.DATA_DIR);
  const secret = parsed.data.NEXTAUTH_SECRET ?? persistedSecret(dataDir);
  return { ...parsed.data, NEXTAUTH_SECRET: secret, dataDir };
}

/** A self-hosted install should not need a secret configured: make one once and keep it. */
function persistedSecret(dataDir: string): string {
  const file = path.join(dataDir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
