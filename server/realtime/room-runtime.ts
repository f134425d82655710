import { randomUUID } from "node:crypto";
import { err, ok, type Result } from "@/lib/contract/errors";
import { step } from "@/lib/game/engine";
import type { Effect, EngineEvent, RoomState, StepResult, TimerKey } from "@/lib/game/types";
import type { RoomRepository, SubmissionRepository } from "../repositories/types";
import type { Logger } from "../logger";
import { persistBatch, persistOp } from "./persist-op";
import {
  batchEvent,
  RoomEventQueue,
  type QueuedEvent,
  type StartedBatch,
} from "./room-event-queue";
import type { RoomBus } from "./room-bus";
import { DEFAULT_ROOM_LIFETIMES, idleVerdict, RoomLeases, type RoomLifetimes } from "./room-leases";
import type { PlayerSeat } from "./player-seat";
import { RoomRecords } from "./room-records";
import { RoomRouter } from "./room-router";
import type { PendingTimer, RoomRecord, RoomStore, RoomSummary } from "./room-store";
import { LOBBY_THROTTLE_MS, pendingTimers, RoomEffects } from "./room-effects";
import { RoomTimers } from "./room-timers";
import type { RoomTransport } from "./room-transport";

// Tests and callers import it from here, where the runtime that throttles lives.
export { LOBBY_THROTTLE_MS };

const ENGINE_TIMERS: readonly TimerKey[] = ["question", "progress", "auto-advance", "deadline"];

export interface RoomRuntimeDeps {
  store: RoomStore;
  rooms: RoomRepository;
  submissions: SubmissionRepository;
  transport: RoomTransport;
  logger: Logger;
  now?: () => number;
  /** Other nodes (Redis mode); absent on a single node. */
  bus?: RoomBus;
  /** This node's id in leases; the bus's when there is one. */
  nodeId?: string;
  lifetimes?: Partial<RoomLifetimes>;
}

/**
 * Runs the pure engine for live rooms: each room's events go through its queue
 * (room-event-queue.ts) one at a time; what must be durable is written before the state is
 * committed (persist-op.ts), so an acknowledged answer is in Postgres; then the state is
 * committed (room-records.ts) and the engine's effects carried out (room-effects.ts: timers,
 * broadcasts). Game rules live in lib/game, not here.
 *
 * Several nodes: one node drives a room at a time, the holder of its lease (room-leases.ts). It
 * alone applies the room's events and runs its timers, so a room's events are still applied one
 * at a time, in one queue. Another node that receives an event for the room forwards it to the
 * holder over the bus and relays the verdict (room-router.ts, room-bus.ts). Each commit is also
 * a compare-and-set on the room's version, fenced by the lease, so a node that lost its lease
 * without noticing cannot overwrite its successor. The engine's pending timers are committed
 * with the state: a node taking a room over restores them.
 */
export class RoomRuntime {
  private readonly queues = new Map<string, RoomEventQueue>();
  /** Per room, the state of the last burst stepped whose write is still in flight. */
  private readonly tips = new Map<string, { state: RoomState; settled: Promise<unknown> }>();
  private readonly timers = new RoomTimers();
  private readonly records: RoomRecords;
  private readonly leases: RoomLeases;
  private readonly router: RoomRouter;
  private readonly effects: RoomEffects;
  private readonly lifetimes: RoomLifetimes;
  private readonly now: () => number;
  readonly nodeId: string;

  constructor(private readonly deps: RoomRuntimeDeps) {
    this.now = deps.now ?? Date.now;
    this.nodeId = deps.bus?.nodeId ?? deps.nodeId ?? randomUUID();
    this.lifetimes = { ...DEFAULT_ROOM_LIFETIMES, ...deps.lifetimes };
    this.records = new RoomRecords({
      store: deps.store,
      nodeId: this.nodeId,
      leaseMs: this.lifetimes.leaseMs,
      logger: deps.logger,
      lost: (code) => this.leases.lost(code),
    });
    this.leases = new RoomLeases({
      store: deps.store,
      nodeId: this.nodeId,
      lifetimes: this.lifetimes,
      logger: deps.logger,
      adopt: (record) => this.adopt(record),
      drop: (code) => this.drop(code),
      restore: (code) => this.records.restore(code),
      tidy: (summary) => this.tidy(summary),
    });
    this.effects = new RoomEffects({
      transport: deps.transport,
      timers: this.timers,
      logger: deps.logger,
      now: this.now,
      // Broadcasts go from the driver's own copy, not a round trip to the store.
      get: (code) => this.records.read(code, this.leases.holds(code)).then((r) => r?.state ?? null),
      schedule: (code, key, delayMs, event) => this.schedule(code, key, delayMs, event),
    });
    this.leases.start();
    this.router = new RoomRouter({
      ...deps,
      leases: this.leases,
      nodeId: this.nodeId,
      now: this.now,
      push: (code, event, receivedAt) => this.queueOf(code).push(event, receivedAt),
    });
    // A forwarded event is applied here or refused, never forwarded again.
    deps.bus?.serve(({ code, event, receivedAt, seatFor }) =>
      this.router.route(code, event, receivedAt, { mayForward: false, seatFor }),
    );
  }

  async open(state: RoomState): Promise<void> {
    const created = await this.deps.store.create({ state, timers: {}, activeAt: this.now() });
    if (!created) throw new Error(`room ${state.code} is live already`);
    await this.leases.take(state.code);
  }

  /** The room as committed: this node's copy when it drives the room and the copy is current. */
  async get(code: string): Promise<RoomState | null> {
    const held = this.records.held(code);
    if (held && (await this.records.current(held))) return held.state;
    return this.deps.store.get(code);
  }

  /**
   * Applies one event to a room, here or on the node that drives it. Resolves with the verdict:
   * the engine's (or the database's) refusal means nothing changed. The engine sees the time the
   * event arrived, so waiting in a busy room's queue costs no speed points.
   */
  async dispatch(code: string, event: EngineEvent): Promise<Result<null>> {
    const result = await this.router.route(code, event, this.now(), { mayForward: true });
    return result.ok ? ok(null) : result;
  }

  /** dispatch, and the player's seat (room and own view) as committed: a join or a resume. */
  async dispatchAndSeat(
    code: string,
    event: EngineEvent,
    playerId: string,
  ): Promise<Result<PlayerSeat>> {
    const seated = { mayForward: true, seatFor: playerId };
    const result = await this.router.route(code, event, this.now(), seated);
    if (!result.ok) return result;
    return result.data ? ok(result.data) : err("INTERNAL");
  }

  /**
   * Stops every timer and hands this node's rooms back, so another node takes them over at once;
   * in-flight events still finish. `handOver: false` lets the leases run out instead (what
   * another node sees when this one dies).
   */
  async close(opts: { handOver?: boolean } = {}): Promise<void> {
    this.timers.close();
    await this.leases.close(opts.handOver ?? true);
  }

  private queueOf(code: string): RoomEventQueue {
    let queue = this.queues.get(code);
    if (!queue) {
      queue = new RoomEventQueue({
        startBatch: (batch) => this.startBatch(code, batch),
        apply: (queued) => this.applySafely(code, queued),
      });
      this.queues.set(code, queue);
    }
    return queue;
  }

  private async applySafely(code: string, queued: QueuedEvent): Promise<Result<RoomState>> {
    try {
      return await this.apply(code, queued);
    } catch (error) {
      const { type } = queued.event;
      this.deps.logger.error("event failed", { code, event: type, error: String(error) });
      return err("INTERNAL");
    }
  }

  /**
   * Steps a burst of answers (or of joins) as one batch event, each timed by its arrival and
   * given its own verdict, and starts the one statement that makes it durable; `settled` commits
   * once that is written. A burst started while an earlier one is being written is stepped from
   * that one's state (the room's tip) and commits after it, only if the state it was stepped from
   * is the one committed: when the earlier one committed nothing, neither does this one (null,
   * so each event is retried on its own and gets its own verdict, e.g. ALREADY_ANSWERED).
   */
  private async startBatch(code: string, batch: readonly QueuedEvent[]): Promise<StartedBatch> {
    const verdicts = (result: Result<RoomState>) => ({
      settled: Promise.resolve(batch.map(() => result)),
    });
    try {
      const record = await this.records.read(code, this.leases.holds(code));
      if (!record) return verdicts(err("ROOM_NOT_FOUND"));
      if (!this.leases.holds(code)) return verdicts(err("BUSY"));
      const event = batchEvent(batch);
      if (!event) return { settled: Promise.resolve(null) };
      const tip = this.tips.get(code);
      const from = tip?.state ?? record.state;
      const stepped = step(from, event, this.now());
      const written = stepped.ok ? persistBatch(this.deps, from.roomId, stepped.effects) : null;
      const settled = this.settleBatch(code, batch, {
        from,
        stepped,
        written,
        after: tip?.settled,
      });
      if (stepped.ok) {
        const next = { state: stepped.state, settled };
        this.tips.set(code, next);
        void settled.then(() => {
          if (this.tips.get(code) === next) this.tips.delete(code);
        });
      }
      return { settled };
    } catch (error) {
      this.deps.logger.error("batch failed", { code, size: batch.length, error: String(error) });
      return verdicts(err("INTERNAL"));
    }
  }

  private async settleBatch(
    code: string,
    batch: readonly QueuedEvent[],
    burst: {
      from: RoomState;
      stepped: StepResult;
      written: Promise<"saved" | "unavailable" | "failed"> | null;
      after: Promise<unknown> | undefined;
    },
  ): Promise<Result<RoomState>[] | null> {
    try {
      const { from, stepped } = burst;
      const written = await burst.written;
      await burst.after;
      if (written === "unavailable") return batch.map(() => err("DB_UNAVAILABLE"));
      const record = this.records.held(code);
      if (written === "failed" || record?.state !== from) return null;
      if (!stepped.ok) return batch.map(() => stepped);
      const { state, effects, verdicts = [] } = stepped;
      const activeAt = Math.max(...batch.map((queued) => queued.receivedAt));
      if (!(await this.commit(record, state, effects, { activeAt }))) {
        return batch.map(() => err("BUSY"));
      }
      return batch.map((_, i) => {
        const verdict = verdicts[i];
        if (!verdict) return err("INTERNAL");
        return verdict.ok ? ok(state) : err(verdict.error);
      });
    } catch (error) {
      this.deps.logger.error("batch failed", { code, size: batch.length, error: String(error) });
      return batch.map(() => err("INTERNAL"));
    }
  }

  private async apply(code: string, queued: QueuedEvent): Promise<Result<RoomState>> {
    const record = await this.records.read(code, this.leases.holds(code));
    if (!record) return err("ROOM_NOT_FOUND");
    if (!this.leases.holds(code)) return err("BUSY");
    const { state } = record;
    const result = step(state, queued.event, queued.receivedAt);
    // A refusal commits nothing, so no version check guards it: one more read does. (A copy
    // that fell behind would tell a player who joined on the room's new driver PLAYER_NOT_FOUND;
    // BUSY instead makes route() retry on the current state.)
    if (!result.ok) return (await this.records.current(record)) ? result : err("BUSY");
    for (const effect of result.effects) {
      if (effect.type !== "persist") continue;
      const failure = await persistOp(this.deps, state.roomId, effect.op);
      if (failure) return err(failure);
    }
    const activeAt = queued.timer ? record.activeAt : queued.receivedAt;
    const committed = await this.commit(record, result.state, result.effects, {
      activeAt,
      fired: queued.timer,
    });
    return committed ? ok(result.state) : err("BUSY");
  }

  /**
   * The durable effects are written: store the state with its pending timers (room-records.ts),
   * then carry out the rest. False when the store refused: nothing was committed, and the
   * client's retry reaches the room's new driver (an answer already written then counts once).
   */
  private async commit(
    record: RoomRecord,
    state: RoomState,
    effects: readonly Effect[],
    opts: { activeAt: number; fired?: TimerKey },
  ): Promise<boolean> {
    const timers = pendingTimers(record.timers, effects, opts.fired);
    if (!(await this.records.commit(record, { state, timers, activeAt: opts.activeAt }))) {
      return false;
    }
    const now = this.now();
    for (const effect of effects) this.effects.carryOut(state, effect, now);
    return true;
  }

  /** This node drives the room from now on: its timers come back from the store. */
  private adopt(record: RoomRecord): void {
    const { code } = record.state;
    // Timers of an older copy that the store no longer has (another node fired them) must not.
    for (const key of ENGINE_TIMERS) this.timers.clear(code, key);
    this.records.set(record);
    const now = this.now();
    for (const [key, timer] of Object.entries(record.timers) as [TimerKey, PendingTimer][]) {
      this.schedule(code, key, timer.at - now, timer.event);
    }
  }

  private drop(code: string): void {
    this.records.delete(code);
    this.timers.dispose(code);
  }

  private schedule(code: string, key: TimerKey, delayMs: number, event: EngineEvent): void {
    this.timers.set(code, key, delayMs, () => {
      void this.queueOf(code).push(event, this.now(), key);
    });
  }

  /** The idle clean-up, once per sweep for each room this node drives (idleVerdict). */
  private async tidy(summary: RoomSummary): Promise<void> {
    const now = this.now();
    const verdict = idleVerdict(summary, this.lifetimes, now);
    if (verdict === "keep") return;
    if (verdict === "abort") {
      await this.deps.rooms.abortUnfinished({ roomIds: [summary.roomId], at: new Date(now) });
      this.deps.logger.info("idle room closed", { code: summary.code, phase: summary.phase });
    }
    await this.remove(summary.code);
  }

  private async remove(code: string): Promise<void> {
    await this.deps.store.delete(code);
    this.leases.forget(code);
    this.drop(code);
    this.queues.delete(code);
  }
}
