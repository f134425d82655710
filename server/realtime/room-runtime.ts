import { err, ok, type Result } from "@/lib/contract/errors";
import { step } from "@/lib/game/engine";
import { progressView } from "@/lib/game/views";
import type { BatchedAnswer, Effect, EngineEvent, RoomState } from "@/lib/game/types";
import type { RoomRepository, SubmissionRepository } from "../repositories/types";
import type { Logger } from "../logger";
import { answerRecordsOf, persistAnswers, persistOp } from "./persist-op";
import { RoomEventQueue, type QueuedEvent } from "./room-event-queue";
import { publishRoom, sendLobby, sendOwnViews } from "./room-publisher";
import type { RoomStore } from "./room-store";
import { RoomTimers } from "./room-timers";
import type { RoomTransport } from "./room-transport";

/** Lobby lists and lobby-phase snapshots are sent at most this often, not once per join. */
export const LOBBY_THROTTLE_MS = 250;
/** A finished room stays in memory this long for late reconnects; its results are in Postgres. */
export const FINISHED_RETENTION_MS = 15 * 60_000;

export interface RoomRuntimeDeps {
  store: RoomStore;
  rooms: RoomRepository;
  submissions: SubmissionRepository;
  transport: RoomTransport;
  logger: Logger;
  now?: () => number;
}

/**
 * Runs the pure engine for live rooms: each room's events go through its queue
 * (room-event-queue.ts) one at a time; what must be durable is written before the state is
 * committed (persist-op.ts), so an acknowledged answer is in Postgres; then the engine's effects
 * are carried out: timers (room-timers.ts) and broadcasts (room-publisher.ts). Game rules live in
 * lib/game, not here.
 */
export class RoomRuntime {
  private readonly queues = new Map<string, RoomEventQueue>();
  private readonly timers = new RoomTimers();
  private readonly now: () => number;

  constructor(private readonly deps: RoomRuntimeDeps) {
    this.now = deps.now ?? Date.now;
  }

  async open(state: RoomState): Promise<void> {
    await this.deps.store.set(state);
    this.queueOf(state.code);
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
    return this.queueOf(code).push(event, this.now());
  }

  /** Stops every timer; in-flight events still finish. */
  close(): void {
    this.timers.close();
  }

  private queueOf(code: string): RoomEventQueue {
    let queue = this.queues.get(code);
    if (!queue) {
      queue = new RoomEventQueue({
        applyAnswers: (batch) => this.applyAnswers(code, batch),
        apply: (queued) => this.applySafely(code, queued),
      });
      this.queues.set(code, queue);
    }
    return queue;
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
    batch: readonly QueuedEvent[],
  ): Promise<Result<RoomState>[] | null> {
    const initial = await this.deps.store.get(code);
    if (!initial) return batch.map(() => err("ROOM_NOT_FOUND"));
    const answers: BatchedAnswer[] = [];
    for (const { event, receivedAt } of batch) {
      if (event.type !== "player:answer") return null; // the queue only batches answers
      const { playerId, questionIndex, answer } = event;
      answers.push({ playerId, questionIndex, answer, receivedAt });
    }
    const result = step(initial, { type: "player:answers", answers }, this.now());
    if (!result.ok) return batch.map(() => result);
    const { state, effects, verdicts = [] } = result;
    const records = answerRecordsOf(effects);
    if (!records) return null; // a durable effect other than an answer: let apply() handle it
    const written = await persistAnswers(this.deps, initial.roomId, records);
    if (written === "unavailable") return batch.map(() => err("DB_UNAVAILABLE"));
    if (written === "failed") return null;
    await this.commit(state, effects);
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
    for (const effect of result.effects) {
      if (effect.type !== "persist") continue;
      const failure = await persistOp(this.deps, state.roomId, effect.op);
      if (failure) return err(failure);
    }
    await this.commit(result.state, result.effects);
    return ok(result.state);
  }

  /** The durable effects are written: store the state, then carry out the rest. */
  private async commit(state: RoomState, effects: readonly Effect[]): Promise<void> {
    await this.deps.store.set(state);
    const now = this.now();
    for (const effect of effects) this.carryOut(state, effect, now);
  }

  private carryOut(state: RoomState, effect: Effect, now: number): void {
    const { transport } = this.deps;
    const { code } = state;
    switch (effect.type) {
      case "persist":
        return; // done before the commit
      case "schedule":
        return this.timers.set(code, effect.key, effect.at - now, () => {
          void this.dispatch(code, effect.event);
        });
      case "cancel":
        return this.timers.clear(code, effect.key);
      case "publish":
        // In the lobby, joins come one by one: coalesce their snapshots (a mute's own view goes
        // now). Elsewhere a phase change must reach everyone at once.
        if (state.phase === "lobby") {
          if (effect.ownViews) sendOwnViews(transport, state, now, effect.ownViews);
          return this.throttled(code, "publish", (latest, at) =>
            publishRoom(transport, latest, at),
          );
        }
        this.timers.clear(code, "publish");
        publishRoom(transport, state, now, effect.ownViews);
        if (state.phase === "podium") this.scheduleRetention(code);
        return;
      case "lobby":
        return this.throttled(code, "lobby", (latest, at) => sendLobby(transport, latest, at));
      case "progress":
        return transport.progress(code, progressView(state, now));
      case "kick":
        return transport.kick(code, effect.playerId, now);
    }
  }

  /** Sends at most once per LOBBY_THROTTLE_MS, from the room's state as it is by then. */
  private throttled(
    code: string,
    name: "lobby" | "publish",
    send: (state: RoomState, now: number) => void,
  ): void {
    this.timers.throttle(code, name, LOBBY_THROTTLE_MS, () => {
      this.deps.store
        .get(code)
        .then((latest) => {
          if (latest) send(latest, this.now());
        })
        .catch((error: unknown) =>
          this.deps.logger.error("broadcast failed", { code, error: String(error) }),
        );
    });
  }

  private scheduleRetention(code: string): void {
    this.timers.set(code, "retention", FINISHED_RETENTION_MS, () => {
      void this.deps.store.delete(code).then(() => {
        this.timers.dispose(code);
        this.queues.delete(code);
      });
    });
  }
}
