import { setImmediate as nextTurn } from "node:timers";
import { progressView } from "@/lib/game/views";
import type { Effect, EngineEvent, RoomState, TimerKey } from "@/lib/game/types";
import type { Logger } from "../logger";
import { publishRoom, sendLobby, sendOwnViews } from "./room-publisher";
import type { PendingTimers } from "./room-store";
import type { RoomTimers } from "./room-timers";
import type { RoomTransport } from "./room-transport";

/** The host's lobby list is sent at most this often, not once per join. */
export const LOBBY_THROTTLE_MS = 250;

/** Lobby-phase snapshots to the whole room stay under this many frames per second. */
export const LOBBY_ROOM_FRAMES_PER_SECOND = 4_000;

/**
 * How often the lobby's snapshot (the player count, the teams) goes to the whole room: every
 * LOBBY_THROTTLE_MS up to 1,000 players, then less often, so that joins, which come fastest in
 * the biggest rooms, do not spend the server on frames to everyone already waiting. At 10,000
 * players every 2.5 s: at 250 ms the lobby's two room-wide frames were 80,000 a second, half of
 * the server's CPU went to them, and the last of 10,000 joins waited 12 s for its ack.
 */
export function lobbyRoomIntervalMs(players: number): number {
  return Math.max(LOBBY_THROTTLE_MS, Math.ceil((players * 1_000) / LOBBY_ROOM_FRAMES_PER_SECOND));
}

export interface RoomEffectsDeps {
  transport: RoomTransport;
  timers: RoomTimers;
  logger: Logger;
  now: () => number;
  /** The room as last committed. */
  get(code: string): Promise<RoomState | null>;
  /** Sets one of the engine's timers (the runtime queues its event when it fires). */
  schedule(code: string, key: TimerKey, delayMs: number, event: EngineEvent): void;
}

/**
 * Carries out the engine's effects once a step is committed (durable ones were written before):
 * timers, broadcasts, kicks. Only the node that drives a room runs them (room-runtime.ts).
 *
 * Timers are set at once; frames go out on the next turn of the event loop, in the order they
 * were made, after the acknowledgements of the step that made them. A reveal is one frame per
 * player: sent inline, the acks of the answers that closed the question waited for all of them
 * (the slowest answer ack at 10,000 players was 1.6 s, the reveal's own fan-out).
 */
export class RoomEffects {
  private readonly outbox: (() => void)[] = [];

  constructor(private readonly deps: RoomEffectsDeps) {}

  carryOut(state: RoomState, effect: Effect, now: number): void {
    const { transport } = this.deps;
    const { code } = state;
    switch (effect.type) {
      case "persist":
        return; // done before the commit
      case "schedule":
        return this.deps.schedule(code, effect.key, effect.at - now, effect.event);
      case "cancel":
        return this.deps.timers.clear(code, effect.key);
      case "publish": {
        // In the lobby, joins come one by one: coalesce their snapshots (a mute's own view goes
        // now). Elsewhere a phase change must reach everyone at once.
        const { ownViews } = effect;
        if (state.phase === "lobby") {
          if (ownViews) this.send(code, () => sendOwnViews(transport, state, now, ownViews));
          return this.throttled(
            code,
            "publish",
            lobbyRoomIntervalMs(state.counts.players),
            (latest, at) => publishRoom(transport, latest, at),
          );
        }
        this.deps.timers.clear(code, "publish");
        return this.send(code, () => publishRoom(transport, state, now, ownViews));
      }
      case "lobby":
        return this.throttled(code, "lobby", LOBBY_THROTTLE_MS, (latest, at) =>
          sendLobby(transport, latest, at),
        );
      case "progress":
        return this.send(code, () => transport.progress(code, progressView(state, now)));
      case "kick":
        return this.send(code, () => transport.kick(code, effect.playerId, now));
    }
  }

  /** Queues a frame for the next turn (one flush for everything queued before it). */
  private send(code: string, frame: () => void): void {
    this.outbox.push(() => {
      try {
        frame();
      } catch (error) {
        this.deps.logger.error("broadcast failed", { code, error: String(error) });
      }
    });
    if (this.outbox.length === 1) nextTurn(() => this.flush());
  }

  private flush(): void {
    for (const frame of this.outbox.splice(0)) frame();
  }

  /** Sends at most once per `intervalMs`, from the room's state as it is by then. */
  private throttled(
    code: string,
    name: "lobby" | "publish",
    intervalMs: number,
    send: (state: RoomState, now: number) => void,
  ): void {
    this.deps.timers.throttle(code, name, intervalMs, () => {
      // From this node's committed copy (it drives the room), not a round trip to the store.
      this.deps
        .get(code)
        .then((latest) => {
          if (latest) send(latest, this.deps.now());
        })
        .catch((error: unknown) =>
          this.deps.logger.error("broadcast failed", { code, error: String(error) }),
        );
    });
  }
}

/** The engine's timers still pending after a step: the one that fired is spent. */
export function pendingTimers(
  before: PendingTimers,
  effects: readonly Effect[],
  fired: TimerKey | undefined,
): PendingTimers {
  const timers = { ...before };
  if (fired) delete timers[fired];
  for (const effect of effects) {
    if (effect.type === "schedule") timers[effect.key] = { at: effect.at, event: effect.event };
    else if (effect.type === "cancel") delete timers[effect.key];
  }
  return timers;
}
