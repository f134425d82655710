import type { Server as HttpServer } from "node:http";
import { setProfileBoardRanks } from "./accounts/board-ranks";
import { baselineScorer } from "./coding/baseline";
import { CodingService } from "./coding/coding-service";
import { GatePool } from "./coding/gate-pool";
import { ModelEvaluator } from "./evaluator/evaluator";
import type { OriginPolicy } from "./http/origin";
import type { Logger } from "./logger";
import { createArenaMetrics, type ArenaMetrics } from "./observability/metrics";
import { socketCounts } from "./observability/socket-counts";
import { observeRequests } from "./realtime/handler";
import type { AbuseLimits } from "./realtime/rate-limits";
import { ChallengeService } from "./challenges/challenge-service";
import {
  createRealtime,
  type Realtime,
  type RealtimeOptions,
  type RealtimeSettings,
} from "./realtime/socket-server";
import type { Repositories } from "./repositories/types";

export interface ArenaServices {
  realtime: Realtime;
  coding: CodingService;
  /** Self-paced challenges: their attempts are solo rooms of this runtime. */
  challenges: ChallengeService;
  evaluator: ModelEvaluator;
  /** The Prometheus registry these services feed (app/api/metrics serves it). */
  metrics: ArenaMetrics;
  close(opts?: { handOver?: boolean }): Promise<void>;
}

/**
 * Everything that lives beside Next on the HTTP server: Socket.IO with the room runtime, the
 * model evaluator (a child process started on the first submission, not at start-up), the
 * coding-round service (its HTTP routes are Next route handlers under app/api). One wiring for the app and the integration tests.
 */
export function createArenaServices(
  httpServer: HttpServer,
  deps: {
    repos: Repositories;
    logger: Logger;
    secret: string;
    limits?: AbuseLimits;
    /** Who may open a socket; without it, the request's own host only. */
    origin?: OriginPolicy;
    settings?: Partial<RealtimeSettings>;
    /** One registry per process: the server passes none and gets a new one. */
    metrics?: ArenaMetrics;
    /** A self-paced attempt's reveal length (SELF_PACED_REVEAL_MS); the tests shorten it. */
    selfPacedRevealMs?: number;
  } & Pick<RealtimeOptions, "store" | "bus" | "adapter" | "lifetimes">,
): ArenaServices {
  const { repos, logger, secret } = deps;
  // The profile's board ranks (GET /api/account, /profile) come from the boards' repository.
  // Process-wide like the app context (last wiring wins), so the tests' app gets it too.
  setProfileBoardRanks((userId) => repos.boards.ranksForUser(userId));
  const metrics = deps.metrics ?? createArenaMetrics();
  const evaluator = new ModelEvaluator({ logger, observer: metrics.evaluator });
  // The upload gate's thread: parsing, weight checks and gzip -9 never run on the event loop.
  const gates = new GatePool({ logger });
  const baseline = baselineScorer(evaluator, gates);
  const realtime = createRealtime(httpServer, {
    repos,
    logger,
    secret,
    limits: deps.limits,
    origin: deps.origin,
    settings: deps.settings,
    store: deps.store,
    bus: deps.bus,
    adapter: deps.adapter,
    lifetimes: deps.lifetimes,
    baseline,
  });
  realtime.io.on("connection", (socket) => observeRequests(socket, metrics.requestAcked));
  metrics.watch({
    sockets: () => socketCounts(realtime.io),
    evaluator: () => ({ queued: evaluator.queueLength(), running: evaluator.busy ? 1 : 0 }),
  });
  const coding = new CodingService({
    runtime: realtime.runtime,
    submissions: repos.submissions,
    evaluator,
    transport: realtime.transport,
    logger,
    gates,
  });
  const challenges = new ChallengeService({
    repos,
    runtime: realtime.runtime,
    logger,
    secret,
    baseline,
    revealMs: deps.selfPacedRevealMs,
  });
  return {
    realtime,
    coding,
    challenges,
    evaluator,
    metrics,
    close: async (opts) => {
      await realtime.close(opts);
      await coding.idle();
      await gates.close();
      await evaluator.close();
    },
  };
}
