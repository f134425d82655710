import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Result } from "@/lib/contract/errors";
import { EVENTS } from "@/lib/contract/events";
import type { EvaluationObserver } from "../evaluator/evaluator";

/**
 * The process's Prometheus metrics (README "Operations" lists them), served by
 * app/api/metrics. One registry per process, made with the server's services and kept in the
 * app context, so nothing registers into prom-client's global registry twice.
 *
 * Counters and histograms are fed where things happen (every socket request's ack, every
 * evaluation); gauges are read at scrape time from the live objects, so keeping them costs
 * nothing between scrapes.
 */
export interface ArenaMetrics {
  registry: Registry;
  /** For server/realtime/handler.ts: every request's ack, with its time since the request came. */
  requestAcked: (event: string, result: Result<unknown>, seconds: number) => void;
  /** For the evaluator (ModelEvaluatorOptions.observer). */
  evaluator: EvaluationObserver;
  /** Reads the live gauges from these at scrape time (the last one given wins). */
  watch(sources: MetricSources): void;
}

/** What the gauges read. Counts are for this node: with several nodes, Prometheus sums them. */
export interface MetricSources {
  sockets?: () => SocketCounts;
  evaluator?: () => { queued: number; running: number };
}

export interface SocketCounts {
  /** Socket.IO connections open on this node. */
  connections: number;
  /** Distinct rooms with a player or host socket on this node. */
  rooms: number;
  /** Distinct players with a socket on this node. */
  players: number;
}

/**
 * Acks of a game's requests take from a few ms (memory) to the database timeout (5 s) and the
 * client's 8 s give-up; the buckets cover both ends, with detail around the 10-250 ms where the
 * load tests' p99 targets sit.
 */
const ACK_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** One evaluation: ~0.3-2 s for the models the gate lets through, 20 s at the time limit. */
const EVALUATION_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30];

export function createArenaMetrics(options: { defaultMetrics?: boolean } = {}): ArenaMetrics {
  const registry = new Registry();
  // Process CPU, memory, GC, handles and the event-loop lag (nodejs_eventloop_lag_*).
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  let sources: MetricSources = {};

  const sockets = () => sources.sockets?.() ?? { connections: 0, rooms: 0, players: 0 };
  new Gauge({
    name: "arena_rooms_live",
    help: "Rooms with at least one player or host socket connected to this node.",
    registers: [registry],
    collect() {
      this.set(sockets().rooms);
    },
  });
  new Gauge({
    name: "arena_players_connected",
    help: "Distinct players with a socket connected to this node.",
    registers: [registry],
    collect() {
      this.set(sockets().players);
    },
  });
  new Gauge({
    name: "arena_socket_connections",
    help: "Socket.IO connections open on this node (players, hosts, pages not in a room yet).",
    registers: [registry],
    collect() {
      this.set(sockets().connections);
    },
  });
  const answers = new Counter({
    name: "arena_answers_total",
    help: "Answers accepted and acknowledged (round:answer acked ok); rate() gives answers/s.",
    registers: [registry],
  });
  const requests = new Counter({
    name: "arena_socket_requests_total",
    help: "Socket requests acknowledged, by event and result (ok or the error code).",
    labelNames: ["event", "result"] as const,
    registers: [registry],
  });
  const ackLatency = new Histogram({
    name: "arena_ack_latency_seconds",
    help: "Time from a socket request's arrival to its acknowledgement, by event.",
    labelNames: ["event"] as const,
    buckets: ACK_BUCKETS,
    registers: [registry],
  });
  new Gauge({
    name: "arena_evaluation_queue_length",
    help: "Model evaluations waiting for their turn on this node (not counting the running one).",
    registers: [registry],
    collect() {
      this.set(sources.evaluator?.().queued ?? 0);
    },
  });
  new Gauge({
    name: "arena_evaluations_running",
    help: "Model evaluations running in this node's evaluator child (0 or 1).",
    registers: [registry],
    collect() {
      this.set(sources.evaluator?.().running ?? 0);
    },
  });
  const evaluationDuration = new Histogram({
    name: "arena_evaluation_duration_seconds",
    help: "Time to score one model in the evaluator child, by outcome (ok or rejection code).",
    labelNames: ["outcome"] as const,
    buckets: EVALUATION_BUCKETS,
    registers: [registry],
  });

  return {
    registry,
    requestAcked: (event, result, seconds) => {
      // Event names come from the contract's closed map and results from the closed error list,
      // so a client cannot grow the label set.
      requests.inc({ event, result: result.ok ? "ok" : result.error });
      ackLatency.observe({ event }, seconds);
      if (event === EVENTS.roundAnswer && result.ok) answers.inc();
    },
    evaluator: {
      evaluated(seconds, outcome) {
        evaluationDuration.observe({ outcome }, seconds);
      },
    },
    watch(next) {
      sources = { ...sources, ...next };
    },
  };
}
