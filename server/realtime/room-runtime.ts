import { setImmediate as yieldToIo } from "node:timers/promises";
import { err, ok, type Result } from "@/lib/contract/errors";
import { step } from "@/lib/game/engine";
import {
  lobbyView,
  ownViewsRideWithRoom,
  playerView,
  playerViews,
  progressView,
  roomView,
} from "@/lib/game/views";
import type { BatchedAnswer, Effect, EngineEvent, RoomState, TimerKey } from "@/lib/game/types";
import type { RoomRepository, SubmissionRepository } from "../repositories/types";
import { isDatabaseUnavailable } from "../db/unavailable";
import type { Logger } from "../logger";
import { persistOp } from "./persist-op";
import type { RoomStore } from "./room-store";
import type { RoomTransport } from "./room-transport";

/** Lobby lists and lobby-phase snapshots are sent at most this often, not once per join. */
const LOBBY_THROTTLE_MS = 250;
/** A finished room stays in memory this long for late reconnects; its results are in Postgres. */
const FINISHED_RETENTION_MS = 15 * 60_000;

const isDbUnavailable = (result: Result<unknown>) =>
  !result.ok && result.error === "DB_UNAVAILABLE";

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

/** The most answers written in one statement. */
const MAX_ANSWER_BATCH = 500;

interface QueuedEvent {
  event: EngineEvent;
  /** When the event reached the server: answers are timed by arrival, not by their turn. */
  receivedAt: number;
  resolve: (result: Result<RoomState>) => void;
}

interface RoomTimers {
  timers: Map<TimerKey | "lobby" | "publish" | "retention", NodeJS.Timeout>;
  /** This room's events, applied one at a time in arrival order. */
  queue: QueuedEvent[];
  draining: boolean;
}

export interface RoomRuntimeDeps {
  store: RoomStore;
  rooms: RoomRepository;
  submissions: SubmissionRepository;
  transport: RoomTransport;
  logger: Logger;
  now?: () => number;
}

/**
 * Runs the pure engine for live rooms: serialises each room's events, writes what must be durable
 * before committing state (so an acknowledged answer is in Postgres), then carries out the
 * engine's effects: timers, broadcasts, kicks. Game rules live in lib/game, not here.
 */
export class RoomRuntime {
  private readonly rooms = new Map<string, RoomTimers>();
  private readonly now: () => number;
  private closed = false;

  constructor(private readonly deps: RoomRuntimeDeps) {
    this.now = deps.now ?? Date.now;
  }

  async open(state: RoomState): Promise<void> {
    await this.deps.store.set(state);
    this.entry(state.code);
  }

  get(code: string): Promise<RoomState | null> {
    return this.deps.store.get(code);
  }

  /**
   * Applies one event to a room. Resolves with the committed state, or with the engine's (or the
   * database's) refusal, in which case nothing changed. The engine sees the time the event
   * arrived, so waiting in a busy room's queue costs no speed points.
   */
  dispatch(code: string, event: EngineEvent): Promise<Result<RoomState>> {
    const room = this.entry(code);
    const receivedAt = this.now();
    return new Promise((resolve) => {
      room.queue.push({ event, receivedAt, resolve });
      if (!room.draining) void this.drain(code, room);
    });
  }

  /** Stops every timer; in-flight events still finish. */
  close(): void {
    this.closed = true;
    for (const room of this.rooms.values()) {
      for (const timer of room.timers.values()) clearTimeout(timer);
      room.timers.clear();
    }
  }

  private entry(code: string): RoomTimers {
    let room = this.rooms.get(code);
    if (!room) {
      room = { timers: new Map(), queue: [], draining: false };
      this.rooms.set(code, room);
    }
    return room;
  }

  /**
   * Works through a room's queue. Consecutive answers are applied together and written in one
   * statement (group commit): under a burst of hundreds of answers, one round trip each would
   * make the last player wait seconds for an acknowledgement.
   */
  private async drain(code: string, room: RoomTimers): Promise<void> {
    room.draining = true;
    try {
      while (room.queue.length > 0) {
        // Let the sockets deliver what has arrived first: the embedded database works in
        // microtasks, so without this pause a burst of answers would never form a batch.
        if (room.queue[0]?.event.type === "player:answer") await yieldToIo();
        const batch = takeBatch(room.queue);
        if (batch.length > 1) {
          const results = await this.applyAnswers(code, batch);
          if (results) {
            batch.forEach((queued, i) => queued.resolve(results[i]!));
            if (results.some(isDbUnavailable)) refuseQueuedAnswers(room.queue);
            continue;
          }
        }
        // One at a time: a single event, or a batch whose shared write failed.
        for (const queued of batch) {
          const result = await this.applySafely(code, queued);
          queued.resolve(result);
          if (isDbUnavailable(result)) refuseQueuedAnswers(room.queue);
        }
      }
    } finally {
      room.draining = false;
    }
  }

  private async applySafely(code: string, queued: QueuedEvent): Promise<Result<RoomState>> {
    try {
      return await this.apply(code, queued.event, queued.receivedAt);
    } catch (error) {
      this.deps.logger.error("event failed", {
        code,
        event: queued.event.type,
        error: String(error),
      });
      return err("INTERNAL");
    }
  }

  /**
   * Steps the batch as one player:answers event (one engine step for the burst, each answer
   * timed by its arrival and given its own verdict), writes all accepted records at once, then
   * commits. Returns null (nothing committed) when the shared write fails, so each answer can be
   * retried on its own and get its own verdict (e.g. ALREADY_ANSWERED).
   */
  private async applyAnswers(
    code: string,
    batch: QueuedEvent[],
  ): Promise<Result<RoomState>[] | null> {
    const initial = await this.deps.store.get(code);
    if (!initial) return batch.map(() => err("ROOM_NOT_FOUND"));
    const answers: BatchedAnswer[] = [];
    for (const { event, receivedAt } of batch) {
      if (event.type !== "player:answer") return null; // takeBatch only batches answers
      const { playerId, questionIndex, answer } = event;
      answers.push({ playerId, questionIndex, answer, receivedAt });
    }
    const result = step(initial, { type: "player:answers", answers }, this.now());
    if (!result.ok) return batch.map(() => result);
    const { state, effects, verdicts = [] } = result;
    const records = [];
    for (const effect of effects) {
      if (effect.type !== "persist") continue;
      if (effect.op.kind !== "answer") return null; // not a plain answer: let apply() handle it
      records.push(effect.op.record);
    }
    if (records.length > 0) {
      try {
        await this.deps.rooms.saveAnswers(initial.roomId, records);
      } catch (error) {
        // Retrying one by one would wait out the timeout again, past the client's own.
        if (isDatabaseUnavailable(error)) return batch.map(() => err("DB_UNAVAILABLE"));
        this.deps.logger.warn("batched answer write failed; retrying one by one", {
          code,
          answers: records.length,
          error: String(error),
        });
        return null;
      }
    }
    await this.deps.store.set(state);
    const now = this.now();
    for (const effect of effects) this.carryOut(state, effect, now);
    return batch.map((_, i) => {
      const verdict = verdicts[i];
      if (!verdict) return err("INTERNAL");
      return verdict.ok ? ok(state) : err(verdict.error);
    });
  }

  private async apply(
    code: string,
    event: EngineEvent,
    receivedAt: number,
  ): Promise<Result<RoomState>> {
    const state = await this.deps.store.get(code);
    if (!state) return err("ROOM_NOT_FOUND");
    const result = step(state, event, receivedAt);
    if (!result.ok) return result;
    const now = this.now();

    for (const effect of result.effects) {
      if (effect.type !== "persist") continue;
      const failure = await persistOp(this.deps, state.roomId, effect.op);
      if (failure) return err(failure);
    }
    await this.deps.store.set(result.state);
    for (const effect of result.effects) this.carryOut(result.state, effect, now);
    return ok(result.state);
  }

  private carryOut(state: RoomState, effect: Effect, now: number): void {
    const { transport } = this.deps;
    switch (effect.type) {
      case "persist":
        return; // done before the commit
      case "schedule":
        return this.setTimer(state.code, effect.key, effect.at - now, () => {
          void this.dispatch(state.code, effect.event);
        });
      case "cancel":
        return this.clearTimer(state.code, effect.key);
      case "publish":
        // In the lobby, joins come one by one: coalesce their snapshots (a mute's own view goes
        // now). Elsewhere a phase change must reach everyone at once.
        if (state.phase === "lobby") {
          if (effect.ownViews) this.sendOwnViews(state, effect.ownViews, now);
          return this.throttle(state.code, "publish", () => this.publish(state.code));
        }
        this.clearTimer(state.code, "publish");
        this.publishState(state, now, effect.ownViews);
        if (state.phase === "podium") this.scheduleRetention(state.code);
        return;
      case "lobby":
        return this.throttle(state.code, "lobby", () => this.sendLobby(state.code));
      case "progress":
        return transport.progress(state.code, progressView(state, now));
      case "kick":
        return transport.kick(state.code, effect.playerId, now);
    }
  }

  private async publish(code: string): Promise<void> {
    const state = await this.deps.store.get(code);
    if (state) this.publishState(state, this.now());
  }

  /**
   * One frame per player per change: the room view alone when no player's own view changed (a
   * question opening, the leaderboard), or each player's copy with their own view in it (a
   * reveal, the podium). Only where the room view is too big to copy per player (a coding board)
   * does a player get the two as separate frames.
   */
  private publishState(state: RoomState, now: number, ownViews?: "all" | string[]): void {
    const { transport } = this.deps;
    const room = roomView(state, now);
    if (ownViews === "all" && ownViewsRideWithRoom(state)) {
      transport.toHost(state.code, room);
      for (const me of playerViews(state, now)) transport.roomToPlayer(me.playerId, room, me);
      return;
    }
    transport.toRoom(state.code, room);
    if (ownViews) this.sendOwnViews(state, ownViews, now);
  }

  private sendOwnViews(state: RoomState, ownViews: "all" | string[], now: number): void {
    // One ranking for all players' views: per-player re-ranking would be O(players²).
    const views =
      ownViews === "all"
        ? playerViews(state, now)
        : ownViews.flatMap((id) => playerView(state, id, now) ?? []);
    for (const me of views) this.deps.transport.toPlayer(me.playerId, me);
  }

  private async sendLobby(code: string): Promise<void> {
    const state = await this.deps.store.get(code);
    if (!state) return;
    const lobby = lobbyView(state, this.now());
    this.deps.transport.lobbyToHost(code, lobby);
    // Players only need the count; the full list would make every join cost O(players).
    this.deps.transport.lobbyToRoom(code, { ...lobby, players: [], offline: [] });
  }

  private throttle(code: string, key: "lobby" | "publish", run: () => Promise<void>): void {
    const room = this.entry(code);
    if (room.timers.has(key)) return;
    this.setTimer(code, key, LOBBY_THROTTLE_MS, () => {
      void run().catch((error: unknown) =>
        this.deps.logger.error("broadcast failed", { code, error: String(error) }),
      );
    });
  }

  private scheduleRetention(code: string): void {
    this.setTimer(code, "retention", FINISHED_RETENTION_MS, () => {
      void this.deps.store.delete(code).then(() => {
        const room = this.rooms.get(code);
        if (room) for (const timer of room.timers.values()) clearTimeout(timer);
        this.rooms.delete(code);
      });
    });
  }

  private setTimer(
    code: string,
    key: TimerKey | "lobby" | "publish" | "retention",
    delayMs: number,
    fire: () => void,
  ): void {
    if (this.closed) return;
    const room = this.entry(code);
    const previous = room.timers.get(key);
    if (previous) clearTimeout(previous);
    const timer = setTimeout(
      () => {
        room.timers.delete(key);
        fire();
      },
      Math.max(0, delayMs),
    );
    timer.unref();
    room.timers.set(key, timer);
  }

  private clearTimer(code: string, key: TimerKey | "lobby" | "publish" | "retention"): void {
    const room = this.rooms.get(code);
    const timer = room?.timers.get(key);
    if (timer) clearTimeout(timer);
    room?.timers.delete(key);
  }
}

/** The head of the queue, plus the answers right behind it when the head is an answer. */
function takeBatch(queue: QueuedEvent[]): QueuedEvent[] {
  let size = 1;
  if (queue[0]?.event.type === "player:answer") {
    while (
      size < queue.length &&
      size < MAX_ANSWER_BATCH &&
      queue[size]?.event.type === "player:answer"
    ) {
      size++;
    }
  }
  return queue.splice(0, size);
}
