import type { ChallengeService } from "./challenges/challenge-service";
import type { CodingService } from "./coding/coding-service";
import type { Config } from "./config";
import type { AbuseLimits } from "./realtime/rate-limits";
import type { Repositories } from "./repositories/types";
import type { TrainingDataService } from "./http/training-data";
import type { EvaluatorLiveness } from "./evaluator/liveness";
import type { ArenaMetrics } from "./observability/metrics";

/**
 * The process's shared services. The custom server (server/index.ts) builds them once; Next's
 * route handlers and server components run in the same process but in separately bundled
 * modules, so the instance is kept on globalThis rather than in a module variable.
 */
export interface AppContext {
  config: Config;
  repos: Repositories;
  /** Failed look-up limits, shared by Socket.IO and the pages that look rooms up by code. */
  limits: AbuseLimits;
  /** Coding-round uploads and re-scoring (app/api/rooms/.../submissions, .../rescore). */
  coding: Pick<CodingService, "refusal" | "submit" | "rescore" | "trainingBudget">;
  /** Self-paced challenges (app/api/challenges): attempts open solo rooms on the runtime. */
  challenges: ChallengeService;
  /** The lab's training shards (app/api/rooms/[code]/training-data), prepared at start-up. */
  trainingData: TrainingDataService;
  /** For /api/health: does the database answer (server/db/client.ts)? */
  database?: { ping(timeoutMs: number): Promise<boolean> };
  /** For /api/health: does Redis answer a PING? Present only when REDIS_URL is set. */
  redis?: { ping(timeoutMs: number): Promise<boolean> };
  /** For /api/health: is the model evaluator alive (server/evaluator/liveness.ts)? */
  evaluator?: { liveness(timeoutMs: number): Promise<EvaluatorLiveness> };
  /** The process's Prometheus registry (app/api/metrics). */
  metrics?: ArenaMetrics;
}

const KEY = Symbol.for("kilobyte-arena.context");
type Holder = { [KEY]?: AppContext };

export function setAppContext(context: AppContext): void {
  (globalThis as Holder)[KEY] = context;
}

export function appContext(): AppContext {
  const context = (globalThis as Holder)[KEY];
  if (!context) throw new Error("App context not initialised: start the app with server/index.ts");
  return context;
}
