import type { Logger } from "../logger";
import type { RoomRecord, RoomStore, RoomSummary } from "./room-store";

/**
 * How long things live. The lease and sweep make a takeover happen within about
 * leaseMs + sweepMs of a node dying; the rest is the idle clean-up (README "Several nodes").
 */
export interface RoomLifetimes {
  /** A lease not renewed for this long is free for another node to take. */
  leaseMs: number;
  /** How often a node looks for rooms nobody drives (takeover) and for idle rooms (clean-up). */
  sweepMs: number;
  /** A lobby with no event for this long is closed (ABORTED in Postgres). */
  lobbyIdleMs: number;
  /** A game with no player connected and no event for this long is closed (ABORTED). */
  emptyRoomMs: number;
  /** A finished room stays live this long for late reconnects; its results are in Postgres. */
  finishedRetentionMs: number;
}

export const DEFAULT_ROOM_LIFETIMES: RoomLifetimes = {
  leaseMs: 10_000,
  sweepMs: 5_000,
  lobbyIdleMs: 30 * 60_000,
  emptyRoomMs: 10 * 60_000,
  finishedRetentionMs: 15 * 60_000,
};

/**
 * What the idle clean-up does with a room (times in RoomLifetimes): a finished room is removed
 * after its retention (its results are in Postgres); an idle lobby, or a game nobody is
 * connected to, is aborted (closed as ABORTED, its answers and standings kept) and removed.
 */
export function idleVerdict(
  summary: RoomSummary,
  lifetimes: RoomLifetimes,
  now: number,
): "keep" | "remove" | "abort" {
  const { phase, activeAt, endedAt, connected } = summary;
  if (phase === "podium") {
    const over = endedAt !== null && now - endedAt >= lifetimes.finishedRetentionMs;
    return over ? "remove" : "keep";
  }
  const idle = now - activeAt;
  if (phase === "lobby") return idle < lifetimes.lobbyIdleMs ? "keep" : "abort";
  return connected > 0 || idle < lifetimes.emptyRoomMs ? "keep" : "abort";
}

export interface RoomLeasesDeps {
  store: RoomStore;
  nodeId: string;
  lifetimes: RoomLifetimes;
  logger: Logger;
  /** This node now drives the room: restore its timers from the record. */
  adopt(record: RoomRecord): void;
  /** This node no longer drives the room: stop its timers, forget its cached state. */
  drop(code: string): void;
  /** The store lost a room this node drives: write it back from this node's copy. */
  restore(code: string): Promise<boolean>;
  /** A room this node drives, once per sweep: the idle clean-up. */
  tidy(summary: RoomSummary): Promise<void>;
}

/**
 * The rooms this node drives, and the two loops that keep that true: renewal (every third of
 * the lease) and the sweep, which takes over any live room whose lease is free, so a room whose
 * node died resumes (its timers come back from the store) even if no player sends anything.
 */
export class RoomLeases {
  private readonly held = new Set<string>();
  private readonly loops = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly deps: RoomLeasesDeps) {}

  start(): void {
    const { leaseMs, sweepMs } = this.deps.lifetimes;
    this.loop("renew", Math.max(50, Math.floor(leaseMs / 3)), () => this.renewAll());
    this.loop("sweep", sweepMs, () => this.sweep());
  }

  holds(code: string): boolean {
    return this.held.has(code);
  }

  /** Takes the room's lease if free (or ours) and adopts the room; true when this node drives it. */
  async take(code: string): Promise<boolean> {
    if (this.closed) return false;
    const { store, nodeId, lifetimes } = this.deps;
    if (!(await store.acquireLease(code, nodeId, lifetimes.leaseMs))) return false;
    const record = await store.load(code);
    if (!record) {
      await store.releaseLease(code, nodeId);
      return false;
    }
    if (!this.held.has(code)) this.deps.logger.info("driving room", { code, node: nodeId });
    this.held.add(code);
    this.deps.adopt(record);
    return true;
  }

  /** The lease turned out to be someone else's (or our cached state stale). */
  lost(code: string): void {
    if (!this.held.delete(code)) return;
    this.deps.logger.warn("room lease lost", { code, node: this.deps.nodeId });
    this.deps.drop(code);
  }

  /** The room is gone: forget it without touching the store (its record was deleted). */
  forget(code: string): void {
    this.held.delete(code);
  }

  /** Stops both loops and hands every room back, so another node takes over at once. */
  async close(handOver = true): Promise<void> {
    this.closed = true;
    for (const loop of this.loops.values()) clearTimeout(loop);
    const codes = handOver ? [...this.held] : [];
    this.held.clear();
    await Promise.allSettled(
      codes.map((code) => this.deps.store.releaseLease(code, this.deps.nodeId)),
    );
  }

  private loop(name: "renew" | "sweep", everyMs: number, run: () => Promise<void>): void {
    const schedule = () => {
      if (this.closed) return;
      const timer = setTimeout(() => {
        run()
          .catch((error: unknown) =>
            this.deps.logger.warn("room lease loop failed", { loop: name, error: String(error) }),
          )
          .finally(schedule);
      }, everyMs);
      timer.unref();
      this.loops.set(name, timer);
    };
    schedule();
  }

  private async renewAll(): Promise<void> {
    const { store, nodeId, lifetimes } = this.deps;
    await Promise.all(
      [...this.held].map(async (code) => {
        // A lease that lapsed (a long pause) but that nobody took is simply taken again: a stale
        // cached state cannot slip through, since every commit also checks the version.
        if (await store.renewLease(code, nodeId, lifetimes.leaseMs)) return;
        // No lease at all may also mean Redis came back empty: then the room itself is gone
        // too, and other nodes would call it ROOM_NOT_FOUND until it is written back.
        if (await store.acquireLease(code, nodeId, lifetimes.leaseMs)) {
          if (await this.deps.restore(code)) return;
          // While the lease was free another node may have driven the room (and let it go):
          // this node's copy, and its timers, may be behind the store. Start again from it.
          await this.readopt(code);
          return;
        }
        this.lost(code);
      }),
    );
  }

  private async readopt(code: string): Promise<void> {
    const record = await this.deps.store.load(code);
    if (!record) return this.lost(code);
    if (this.held.has(code)) this.deps.adopt(record);
  }

  private async sweep(): Promise<void> {
    const { store } = this.deps;
    for (const summary of await store.summaries()) {
      if (this.closed) return;
      if (this.held.has(summary.code)) await this.deps.tidy(summary);
      else if ((await store.leaseHolder(summary.code)) === null) await this.take(summary.code);
    }
  }
}
