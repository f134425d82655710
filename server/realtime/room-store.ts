import type { EngineEvent, Phase, RoomState, TimerKey } from "@/lib/game/types";

/** An engine timer still to fire: whoever drives the room next (after a takeover) restores it. */
export interface PendingTimer {
  at: number;
  event: EngineEvent;
}

export type PendingTimers = Partial<Record<TimerKey, PendingTimer>>;

/** What a commit writes besides the state. */
export interface RoomCommit {
  state: RoomState;
  timers: PendingTimers;
  /** The last event that was not a timer (idle clean-up counts from it). */
  activeAt: number;
}

export interface RoomRecord extends RoomCommit {
  /** 1 when opened, +1 per commit: a commit names the version it read (compare-and-set). */
  version: number;
}

/** The few fields the clean-up sweep reads without decoding the whole state. */
export interface RoomSummary {
  code: string;
  roomId: string;
  phase: Phase;
  connected: number;
  endedAt: number | null;
  activeAt: number;
}

export type CommitOutcome = "ok" | "conflict" | "missing" | "not-owner";

/**
 * Where live rooms are kept between events, and who drives each one. InMemoryRoomStore serves a
 * single process; RedisRoomStore (server/redis/redis-room-store.ts) is shared by several, and
 * both pass one contract suite (tests/integration/room-store-contract.test.ts).
 *
 * The lease: one node at a time drives a room (applies its events, runs its timers). It is a
 * key with an owner and an expiry, taken when free, renewed by its owner only, and taken over by
 * another node once the owner stops renewing (it died). Commits are fenced by it: a node that
 * lost its lease cannot overwrite the new owner's state, even if it has not noticed yet.
 */
export interface RoomStore {
  get(code: string): Promise<RoomState | null>;
  load(code: string): Promise<RoomRecord | null>;
  /** Opens a room at version 1; false (nothing written) when the code is live already. */
  create(commit: RoomCommit): Promise<boolean>;
  /**
   * Writes when the stored version is `expected` and (when given) `owner` holds the lease;
   * otherwise writes nothing and says why. `base`, when given, must be the record stored at
   * `expected` (the one `next` was stepped from): a store may then write only what differs.
   */
  commit(
    code: string,
    expected: number,
    next: RoomCommit,
    owner?: string,
    base?: RoomCommit,
  ): Promise<CommitOutcome>;
  delete(code: string): Promise<void>;
  has(code: string): Promise<boolean>;
  /** The stored version alone (null: no such room), to tell whether a copy is current. */
  version(code: string): Promise<number | null>;
  /** Every live room's summary, for the clean-up and takeover sweep. */
  summaries(): Promise<RoomSummary[]>;
  /** Takes the lease when free (or already `owner`'s, renewing it); true when `owner` holds it. */
  acquireLease(code: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Extends the lease only if `owner` still holds it. */
  renewLease(code: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up only if `owner` holds it. */
  releaseLease(code: string, owner: string): Promise<void>;
  leaseHolder(code: string): Promise<string | null>;
  close?(): Promise<void>;
}

export function summaryOf(record: RoomCommit): RoomSummary {
  const { state } = record;
  return {
    code: state.code,
    roomId: state.roomId,
    phase: state.phase,
    connected: state.counts.connected,
    endedAt: state.endedAt,
    activeAt: record.activeAt,
  };
}

interface Lease {
  owner: string;
  expiresAt: number;
}

/** The single-process default. Records are kept as given (no copy): the engine never mutates. */
export class InMemoryRoomStore implements RoomStore {
  private readonly rooms = new Map<string, RoomRecord>();
  private readonly leases = new Map<string, Lease>();

  constructor(private readonly now: () => number = Date.now) {}

  get(code: string): Promise<RoomState | null> {
    return Promise.resolve(this.rooms.get(code)?.state ?? null);
  }

  load(code: string): Promise<RoomRecord | null> {
    return Promise.resolve(this.rooms.get(code) ?? null);
  }

  create(commit: RoomCommit): Promise<boolean> {
    const code = commit.state.code;
    if (this.rooms.has(code)) return Promise.resolve(false);
    this.rooms.set(code, { ...commit, version: 1 });
    return Promise.resolve(true);
  }

  commit(code: string, expected: number, next: RoomCommit, owner?: string) {
    const current = this.rooms.get(code);
    let outcome: CommitOutcome = "ok";
    if (!current) outcome = "missing";
    else if (owner !== undefined && this.holder(code) !== owner) outcome = "not-owner";
    else if (current.version !== expected) outcome = "conflict";
    else this.rooms.set(code, { ...next, version: expected + 1 });
    return Promise.resolve(outcome);
  }

  delete(code: string): Promise<void> {
    this.rooms.delete(code);
    this.leases.delete(code);
    return Promise.resolve();
  }

  has(code: string): Promise<boolean> {
    return Promise.resolve(this.rooms.has(code));
  }

  version(code: string): Promise<number | null> {
    return Promise.resolve(this.rooms.get(code)?.version ?? null);
  }

  summaries(): Promise<RoomSummary[]> {
    return Promise.resolve([...this.rooms.values()].map(summaryOf));
  }

  acquireLease(code: string, owner: string, ttlMs: number): Promise<boolean> {
    const holder = this.holder(code);
    if (holder !== null && holder !== owner) return Promise.resolve(false);
    this.leases.set(code, { owner, expiresAt: this.now() + ttlMs });
    return Promise.resolve(true);
  }

  renewLease(code: string, owner: string, ttlMs: number): Promise<boolean> {
    if (this.holder(code) !== owner) return Promise.resolve(false);
    this.leases.set(code, { owner, expiresAt: this.now() + ttlMs });
    return Promise.resolve(true);
  }

  releaseLease(code: string, owner: string): Promise<void> {
    if (this.holder(code) === owner) this.leases.delete(code);
    return Promise.resolve();
  }

  leaseHolder(code: string): Promise<string | null> {
    return Promise.resolve(this.holder(code));
  }

  get size(): number {
    return this.rooms.size;
  }

  private holder(code: string): string | null {
    const lease = this.leases.get(code);
    if (!lease || lease.expiresAt <= this.now()) return null;
    return lease.owner;
  }
}
