import type { Server as HttpServer } from "node:http";
import { baselineScorer } from "./coding/baseline";
import { CodingService } from "./coding/coding-service";
import { GatePool } from "./coding/gate-pool";
import { ModelEvaluator } from "./evaluator/evaluator";
import type { OriginPolicy } from "./http/origin";
import type { Logger } from "./logger";
import type { AbuseLimits } from "./realtime/rate-limits";
import { createRealtime, type Realtime, type RealtimeSettings } from "./realtime/socket-server";
import type { Repositories } from "./repositories/types";

export interface ArenaServices {
  realtime: Realtime;
  coding: CodingService;
  evaluator: ModelEvaluator;
  close(): Promise<void>;
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
  },
): ArenaServices {
  const { repos, logger, secret } = deps;
  const evaluator = new ModelEvaluator({ logger });
  // The upload gate's thread: parsing, weight checks and gzip -9 never run on the event loop.
  const gates = new GatePool({ logger });
  const realtime = createRealtime(httpServer, {
    repos,
    logger,
    secret,
    limits: deps.limits,
    origin: deps.origin,
    settings: deps.settings,
    baseline: baselineScorer(evaluator, gates),
  });
  const coding = new CodingService({
    runtime: realtime.runtime,
    submissions: repos.submissions,
    evaluator,
    transport: realtime.transport,
    logger,
    gates,
  });
  return {
    realtime,
    coding,
    evaluator,
    close: async () => {
      await realtime.close();
      await coding.idle();
      await gates.close();
      await evaluator.close();
    },
  };
}
