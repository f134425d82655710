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

/**
 * A burst that was stepped and whose write is under way. `settled`, which never rejects, gives
 * each event its verdict once the write is done and the state committed; null when nothing was
 * committed (the shared write failed, or the burst was stepped from a state that never got
 * committed), so each event goes through `apply` on its own and gets its own verdict.
 */
export interface StartedBatch {
  settled: Promise<Result<RoomState>[] | null>;
}

export interface QueueHandler {
  /**
   * Steps a burst of answers (or of joins) as one event and starts its one write. Called again
   * while an earlier burst's write is in flight, it steps from that burst's state, and commits
   * only after it (and only if it committed).
   */
  startBatch(batch: readonly QueuedEvent[]): Promise<StartedBatch>;
  /** One event; never rejects. */
  apply(queued: QueuedEvent): Promise<Result<RoomState>>;
}

/**
 * How many bursts of answers may be written at once. One: an answer that arrives while a burst is
 * being written waits for that write, then for its own (two WAL flushes); two: its own write
 * starts after the gather, beside the other, and it waits for the later of the two.
 */
export const MAX_WRITES_IN_FLIGHT = 2;

const isDbUnavailable = (result: Result<unknown>) =>
  !result.ok && result.error === "DB_UNAVAILABLE";

/**
 * One room's events, applied one at a time in arrival order. Consecutive answers are applied
 * together and written in one statement (group commit): under a burst of hundreds of answers, one
 * round trip each would make the last player wait seconds for an acknowledgement. Consecutive
 * joins likewise: a room filling up to 10,000 players takes them in bursts of hundreds. Bursts of
 * answers are pipelined: the next one is stepped and written while the last one's write is still
 * in flight (up to MAX_WRITES_IN_FLIGHT), and they commit in order; any other event waits until
 * every write in flight has committed.
 */
export class RoomEventQueue {
  private readonly queue: QueuedEvent[] = [];
  private draining = false;
  private lastAnswerAt = Number.NEGATIVE_INFINITY;
  /** The last answer came within ANSWER_GATHER_MS of the one before it. */
  private inBurst = false;
  private arrived: (() => void) | null = null;

  constructor(private readonly handler: QueueHandler) {}

  /** Resolves once the event was applied (or refused); never rejects. */
  push(event: EngineEvent, receivedAt: number, timer?: TimerKey): Promise<Result<RoomState>> {
    if (event.type === "player:answer") {
      this.inBurst = receivedAt - this.lastAnswerAt <= ANSWER_GATHER_MS;
      this.lastAnswerAt = receivedAt;
    }
    return new Promise((resolve) => {
      this.queue.push({ event, receivedAt, resolve, ...(timer && { timer }) });
      this.arrived?.();
      if (!this.draining) void this.drain();
    });
  }

  /** Resolves (false) when the next event is pushed. */
  private arrival(): Promise<false> {
    return new Promise((resolve) => {
      this.arrived = () => {
        this.arrived = null;
        resolve(false);
      };
    });
  }

  get length(): number {
    return this.queue.length;
  }

  private async drain(): Promise<void> {
    this.draining = true;
    const inFlight: InFlight[] = [];
    try {
      while (this.queue.length > 0 || inFlight.length > 0) {
        const head = this.queue[0];
        // Answers go on while earlier ones are being written; anything else waits for them.
        if (head?.event.type === "player:answer" && inFlight.length < MAX_WRITES_IN_FLIGHT) {
          await this.gather(head);
          // Answers refused meanwhile (the database timed out) may have left something else.
          if (this.queue[0]?.event.type === "player:answer") {
            inFlight.push(await this.start(takeBatch(this.queue)));
          }
          continue;
        }
        const oldest = inFlight[0];
        if (oldest) {
          // Nothing queued: the next answer may start its write before the oldest one is done.
          if (!head && !(await Promise.race([oldest.answered.then(() => true), this.arrival()]))) {
            continue;
          }
          await this.settle(inFlight.shift()!, inFlight);
          continue;
        }
        if (!head) continue;
        await this.gather(head);
        const batch = takeBatch(this.queue);
        const started = batch.length > 1 ? await this.start(batch) : null;
        if (started) await this.settle(started, inFlight);
        else await this.applyOneByOne(batch);
      }
    } finally {
      this.draining = false;
    }
  }

  /**
   * Let the sockets deliver what arrives meanwhile (the embedded database works in microtasks:
   * without a pause, a burst of answers would never form a batch at all).
   */
  private async gather(head: QueuedEvent): Promise<void> {
    if (!BATCHED.has(head.event.type) || this.queue.length >= MAX_BATCH) return;
    // The delay counts from the head's arrival: answers that queued up behind the last write
    // have waited for it already.
    const gather =
      head.event.type === "player:answer" && this.inBurst
        ? Math.min(ANSWER_GATHER_MS, head.receivedAt + ANSWER_GATHER_MS - Date.now())
        : 0;
    await (gather > 0 ? gatherFor(gather) : yieldToIo());
  }

  /** Steps the burst and starts its write; its events hear their verdicts the moment it commits. */
  private async start(batch: QueuedEvent[]): Promise<InFlight> {
    const { settled } = await this.handler.startBatch(batch);
    const answered = settled.then((results) => {
      if (!results) return false;
      batch.forEach((queued, i) => queued.resolve(results[i] ?? err("INTERNAL")));
      if (results.some(isDbUnavailable)) refuseQueuedAnswers(this.queue);
      return true;
    });
    return { batch, answered };
  }

  /**
   * Waits for the oldest write. When its burst committed nothing, neither will the ones stepped
   * from its state: all of them are applied one by one, in order, before anything else.
   */
  private async settle(written: InFlight, inFlight: InFlight[]): Promise<void> {
    if (await written.answered) return;
    const failed = [written, ...inFlight.splice(0)];
    for (const { batch, answered } of failed) {
      if (!(await answered)) await this.applyOneByOne(batch);
    }
  }

  private async applyOneByOne(batch: readonly QueuedEvent[]): Promise<void> {
    for (const queued of batch) {
      const result = await this.handler.apply(queued);
      queued.resolve(result);
      if (isDbUnavailable(result)) refuseQueuedAnswers(this.queue);
    }
  }
}

interface InFlight {
  batch: readonly QueuedEvent[];
  /** Whether its events have their verdicts; false: nothing of it was committed. */
  answered: Promise<boolean>;
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
