// node:timers/promises, not the global timers: a test's fake clock must not hold answers back.
import { setImmediate as yieldToIo, setTimeout as gatherFor } from "node:timers/promises";
import { err, type Result } from "@/lib/contract/errors";
import type {
  BatchedAnswer,
  BatchedJoin,
  EngineEvent,
  RoomState,
  TimerKey,
} from "@/lib/game/types";

/** The most answers, or joins, stepped and written at once. */
export const MAX_BATCH = 500;

/**
 * Under a burst, how long an answer at the head of the queue waits for others to join its write
 * (a commit delay, as Postgres's own `commit_delay`). Without it a burst at 2,000 players was
 * written in ~1,450 statements of 1.4 answers per question, and the statements' client-side cost
 * (encoding, a loopback write each, the reply) was ~15 % of the server's CPU per question; with
 * 2 ms, ~580 statements of 3.4. A burst is an answer arriving within this long of the previous
 * one: a small room's answers are written at once, as before.
 */
export const ANSWER_GATHER_MS = 2;

export interface QueuedEvent {
  event: EngineEvent;
  /** When the event reached the server: answers are timed by arrival, not by their turn. */
  receivedAt: number;
  /** Set when one of the engine's timers fired it (that timer is then no longer pending). */
  timer?: TimerKey;
  resolve: (result: Result<RoomState>) => void;
}

export interface QueueHandler {
  /**
   * A burst of answers, or of joins, as one step and one write. Null: nothing was committed, so
   * each event goes through `apply` on its own and gets its own verdict.
   */
  applyBatch(batch: readonly QueuedEvent[]): Promise<Result<RoomState>[] | null>;
  /** One event; never rejects. */
  apply(queued: QueuedEvent): Promise<Result<RoomState>>;
}

const isDbUnavailable = (result: Result<unknown>) =>
  !result.ok && result.error === "DB_UNAVAILABLE";

/**
 * One room's events, applied one at a time in arrival order. Consecutive answers are applied
 * together and written in one statement (group commit): under a burst of hundreds of answers, one
 * round trip each would make the last player wait seconds for an acknowledgement. Consecutive
 * joins likewise: a room filling up to 10,000 players takes them in bursts of hundreds.
 */
export class RoomEventQueue {
  private readonly queue: QueuedEvent[] = [];
  private draining = false;
  private lastAnswerAt = Number.NEGATIVE_INFINITY;
  /** The last answer came within ANSWER_GATHER_MS of the one before it. */
  private inBurst = false;

  constructor(private readonly handler: QueueHandler) {}

  /** Resolves once the event was applied (or refused); never rejects. */
  push(event: EngineEvent, receivedAt: number, timer?: TimerKey): Promise<Result<RoomState>> {
    if (event.type === "player:answer") {
      this.inBurst = receivedAt - this.lastAnswerAt <= ANSWER_GATHER_MS;
      this.lastAnswerAt = receivedAt;
    }
    return new Promise((resolve) => {
      this.queue.push({ event, receivedAt, resolve, ...(timer && { timer }) });
      if (!this.draining) void this.drain();
    });
  }

  get length(): number {
    return this.queue.length;
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        // Let the sockets deliver what arrives meanwhile (the embedded database works in
        // microtasks: without a pause, a burst of answers would never form a batch at all).
        const head = this.queue[0];
        if (head && BATCHED.has(head.event.type) && this.queue.length < MAX_BATCH) {
          // The delay counts from the head's arrival: answers that queued up behind the last
          // write have waited for it already.
          const gather =
            head.event.type === "player:answer" && this.inBurst
              ? Math.min(ANSWER_GATHER_MS, head.receivedAt + ANSWER_GATHER_MS - Date.now())
              : 0;
          await (gather > 0 ? gatherFor(gather) : yieldToIo());
        }
        const batch = takeBatch(this.queue);
        if (batch.length > 1) {
          const results = await this.handler.applyBatch(batch);
          if (results) {
            batch.forEach((queued, i) => queued.resolve(results[i] ?? err("INTERNAL")));
            if (results.some(isDbUnavailable)) refuseQueuedAnswers(this.queue);
            continue;
          }
        }
        // One at a time: a single event, or a batch whose shared write failed.
        for (const queued of batch) {
          const result = await this.handler.apply(queued);
          queued.resolve(result);
          if (isDbUnavailable(result)) refuseQueuedAnswers(this.queue);
        }
      }
    } finally {
      this.draining = false;
    }
  }
}

/**
 * The one engine event for a burst this queue handed over: its answers as player:answers, its
 * joins as player:joins, each with its arrival time. Null for anything else (takeBatch batches
 * one of those two types at a time).
 */
export function batchEvent(batch: readonly QueuedEvent[]): EngineEvent | null {
  const answers: BatchedAnswer[] = [];
  const joins: BatchedJoin[] = [];
  for (const { event, receivedAt } of batch) {
    if (event.type === "player:answer") {
      const { type: _answer, ...answer } = event;
      answers.push({ ...answer, receivedAt });
    } else if (event.type === "player:join") {
      const { type: _join, ...join } = event;
      joins.push({ ...join, receivedAt });
    } else return null;
  }
  if (answers.length > 0 && joins.length > 0) return null;
  return answers.length > 0 ? { type: "player:answers", answers } : { type: "player:joins", joins };
}

const BATCHED: ReadonlySet<EngineEvent["type"]> = new Set(["player:answer", "player:join"]);

/** The head of the queue, plus the events of its type right behind it (answers, joins). */
function takeBatch(queue: QueuedEvent[]): QueuedEvent[] {
  const type = queue[0]?.event.type;
  let size = 1;
  if (type !== undefined && BATCHED.has(type)) {
    while (size < queue.length && size < MAX_BATCH && queue[size]?.event.type === type) {
      size++;
    }
  }
  return queue.splice(0, size);
}

/**
 * The database just timed out: answers that queued up meanwhile would each wait out another full
 * timeout, past the client's own. They are refused now (nothing of them was written); other
 * events (timers, joins) still run, so the room's clock keeps going.
 */
function refuseQueuedAnswers(queue: QueuedEvent[]): void {
  for (let i = queue.length - 1; i >= 0; i--) {
    const queued = queue[i]!;
    if (queued.event.type !== "player:answer") continue;
    queue.splice(i, 1);
    queued.resolve(err("DB_UNAVAILABLE"));
  }
}
