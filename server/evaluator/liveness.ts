import type { EvaluatorChild } from "./child-process";
import type { ChildMessage } from "./protocol";

/**
 * What /api/health reports for the evaluator. "idle" is up: the child starts on the first
 * submission, so a node that has scored nothing yet is healthy. Down means a submission now would
 * not be scored: the evaluator was closed, its child failed to start, a warm child does not answer
 * a ping (hung, stopped), or a job has run well past the time limit that should have killed it.
 */
export type EvaluatorState =
  "idle" | "starting" | "ready" | "busy" | "closed" | "failed" | "unresponsive";

export interface EvaluatorLiveness {
  up: boolean;
  state: EvaluatorState;
  /** Jobs waiting for their turn (not the running one). */
  queued: number;
  detail?: string;
}

/** A running job older than its time limit plus this is overdue: the kill timer did not fire. */
const OVERDUE_GRACE_MS = 5_000;

/** The evaluator's state as ModelEvaluator.liveness() sees it. */
export interface EvaluatorSnapshot {
  closed: boolean;
  child: EvaluatorChild | undefined;
  childReady: boolean;
  startFailure: string | undefined;
  running: { startedAt: number; timeLimitMs: number } | undefined;
  queued: number;
}

/** Never starts a child: a probe must not spend a TF.js start-up on an idle evaluator. */
export async function checkLiveness(
  s: EvaluatorSnapshot,
  timeoutMs: number,
): Promise<EvaluatorLiveness> {
  const { queued } = s;
  if (s.closed) return { up: false, state: "closed", queued };
  if (!s.child) {
    return s.startFailure
      ? { up: false, state: "failed", queued, detail: s.startFailure }
      : { up: true, state: "idle", queued };
  }
  if (!s.childReady) return { up: true, state: "starting", queued };
  if (s.running) {
    // TF.js may hold the child's loop for a whole job, so a ping would wait on it; the job's own
    // time limit bounds it, and only a job far past that limit says something is wrong.
    const ageMs = performance.now() - s.running.startedAt;
    if (ageMs <= s.running.timeLimitMs + OVERDUE_GRACE_MS)
      return { up: true, state: "busy", queued };
    const detail = `a job has run for ${Math.round(ageMs)} ms`;
    return { up: false, state: "unresponsive", queued, detail };
  }
  const roundTrip = await pingChild(s.child, timeoutMs);
  if (roundTrip === null) {
    const detail = `no answer to a ping within ${timeoutMs} ms`;
    return { up: false, state: "unresponsive", queued, detail };
  }
  return { up: true, state: "ready", queued };
}

let nextPingId = 1;

/**
 * Sends a Ping over the child's IPC channel and waits for its Pong: cheap (no TF.js work) and it
 * proves the child's event loop turns. Resolves with the round trip in ms, or null on no answer.
 */
export function pingChild(child: EvaluatorChild, timeoutMs: number): Promise<number | null> {
  const id = nextPingId++;
  const started = performance.now();
  return new Promise((resolve) => {
    const done = (result: number | null) => {
      clearTimeout(timer);
      child.process.off("message", onMessage);
      child.process.off("exit", onExit);
      resolve(result);
    };
    const onMessage = (message: ChildMessage) => {
      if (message.type === "pong" && message.id === id) done(performance.now() - started);
    };
    const onExit = () => done(null);
    const timer = setTimeout(() => done(null), timeoutMs);
    child.process.on("message", onMessage);
    child.process.on("exit", onExit);
    if (!child.process.connected) return done(null);
    child.process.send({ type: "ping", id }, (error) => {
      if (error) done(null);
    });
  });
}
