import type { Logger } from "../logger";
import type { RoomCommit, RoomRecord, RoomStore } from "./room-store";

export interface RoomRecordsDeps {
  store: RoomStore;
  nodeId: string;
  leaseMs: number;
  logger: Logger;
  /** The lease turned out to be someone else's, or this node's copy stale (room-leases.ts). */
  lost(code: string): void;
}

/**
 * The rooms this node drives, as last committed, and the way their state reaches the store. The
 * single writer needs no re-read before each event: its copy is what the store holds at the
 * copy's version. Each commit is a compare-and-set on that version, fenced by the lease, and
 * sends only what changed since the copy (RoomStore.commit's `base`).
 *
 * A copy can fall behind without this node knowing: its lease lapsed (a long pause) and another
 * node drove the room meanwhile. An accepted event then fails its commit; a refused one commits
 * nothing, so `current` checks the version before a refusal is answered from the copy.
 */
export class RoomRecords {
  private readonly records = new Map<string, RoomRecord>();

  constructor(private readonly deps: RoomRecordsDeps) {}

  /** The copy, if this node keeps one (it drives the room). */
  held(code: string): RoomRecord | undefined {
    return this.records.get(code);
  }

  /** This node drives the room from now on, from `record` (read from the store). */
  set(record: RoomRecord): void {
    this.records.set(record.state.code, record);
  }

  delete(code: string): void {
    this.records.delete(code);
  }

  /** The copy, or the stored record (kept when this node holds the lease, per `holds`). */
  async read(code: string, holds: boolean): Promise<RoomRecord | null> {
    const cached = this.records.get(code);
    if (cached) return cached;
    const loaded = await this.deps.store.load(code);
    if (loaded && holds) this.records.set(code, loaded);
    return loaded;
  }

  /**
   * Whether `record` is what the store holds now. False (and the room given up, so the next try
   * takes it over afresh or forwards it to its driver) when another node committed since. A
   * store that lost the room (Redis back empty) has nothing newer: the copy stands.
   */
  async current(record: RoomRecord): Promise<boolean> {
    const { code } = record.state;
    const stored = await this.deps.store.version(code);
    if (stored === null || stored === record.version) return true;
    this.deps.logger.warn("room copy behind the store", {
      code,
      node: this.deps.nodeId,
      copy: record.version,
      stored,
    });
    this.deps.lost(code);
    this.records.delete(code);
    return false;
  }

  /**
   * Stores `next`, stepped from `record`. False when the store refused (another node drives the
   * room now, or the copy was stale): nothing was written, and the room is given up.
   */
  async commit(record: RoomRecord, next: RoomCommit): Promise<boolean> {
    const { store, nodeId } = this.deps;
    const { code } = next.state;
    let expected = record.version;
    let outcome = await store.commit(code, expected, next, nodeId, record);
    if (outcome === "missing" && (await this.restore(code))) {
      expected = 1;
      outcome = await store.commit(code, expected, next, nodeId); // in full: nothing to diff
    }
    if (outcome !== "ok") {
      this.deps.logger.warn("room commit refused", { code, outcome, node: nodeId });
      this.deps.lost(code);
      return false;
    }
    this.records.set(code, { ...next, version: expected + 1 });
    return true;
  }

  /**
   * The store lost a room this node drives (Redis restarted empty, or was flushed): this node's
   * copy is the latest committed state, so it is written back (at version 1) and the lease taken
   * again. A room this node removed itself (idle clean-up) has no copy left and stays gone.
   */
  async restore(code: string): Promise<boolean> {
    const { store, nodeId, leaseMs } = this.deps;
    const copy = this.records.get(code);
    if (!copy || (await store.has(code))) return false;
    const { state, timers, activeAt } = copy;
    const created = await store.create({ state, timers, activeAt });
    const leased = await store.acquireLease(code, nodeId, leaseMs);
    if (!created || !leased) return false;
    this.records.set(code, { ...copy, version: 1 });
    this.deps.logger.warn("room restored to the store from this node's copy", { code });
    return true;
  }
}
