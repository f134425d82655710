import type { RoomState } from "@/lib/game/types";
import {
  type CommitOutcome,
  type RoomCommit,
  type RoomRecord,
  type RoomStore,
  type RoomSummary,
} from "../realtime/room-store";
import type { RedisClient } from "./client";
import { APPLY_MAPS, assembleRecord, mapArguments, MAP_FIELDS, roomWrites } from "./room-layout";

/**
 * RoomStore on Redis, shared by every node. Layout, under a key prefix (default "ka:"):
 *   room:<code>            hash { version, core, questions, summary } (room-layout.ts)
 *   room:<code>:players    hash player id -> PlayerState (JSON); likewise :answers, :nicknames
 *   lease:<code>           string: the owning node's id, with a TTL (PX)
 *   rooms                  set of live codes (the sweep's list)
 * A commit writes only what changed since the record it was stepped from (room-layout.ts): at
 * 2,000 players an answer burst sends a few KB instead of the whole ~830 KB room. Every write
 * that must be atomic is one Lua script (Redis runs a script without interleaving any other
 * command): create-if-absent, the fenced compare-and-set commit with its delta, lease
 * renew/release by owner; a read is one MULTI, so it never sees half a commit. One Redis
 * instance is assumed (keys of one room are not hash-tagged for a cluster).
 */

// ARGV: core, summary, questions, code, then the map writes (mapArguments).
const CREATE = `${APPLY_MAPS}
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'version', 1, 'core', ARGV[1], 'summary', ARGV[2], 'questions', ARGV[3])
redis.call('SADD', KEYS[6], ARGV[4])
apply_maps(5)
return 1`;

// ARGV: expected version, owner ('' = unfenced), core, summary, questions ('' = unchanged), then
// the map writes. 1 written; 0 version conflict; -1 no such room; -2 the caller does not hold
// the lease. Nothing is written unless every check passes.
const COMMIT = `${APPLY_MAPS}
local version = redis.call('HGET', KEYS[1], 'version')
if not version then return -1 end
if ARGV[2] ~= '' and redis.call('GET', KEYS[2]) ~= ARGV[2] then return -2 end
if tonumber(version) ~= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'version', tonumber(ARGV[1]) + 1, 'core', ARGV[3], 'summary', ARGV[4])
if ARGV[5] ~= '' then redis.call('HSET', KEYS[1], 'questions', ARGV[5]) end
apply_maps(6)
return 1`;

const ACQUIRE = `
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;

const RENEW = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1`;

const OUTCOMES: Record<number, CommitOutcome> = {
  1: "ok",
  0: "conflict",
  [-1]: "missing",
  [-2]: "not-owner",
};

export class RedisRoomStore implements RoomStore {
  constructor(
    private readonly client: RedisClient,
    private readonly prefix = "ka:",
  ) {}

  private roomKey = (code: string) => `${this.prefix}room:${code}`;
  private leaseKey = (code: string) => `${this.prefix}lease:${code}`;
  private get setKey() {
    return `${this.prefix}rooms`;
  }

  async get(code: string): Promise<RoomState | null> {
    return (await this.load(code))?.state ?? null;
  }

  private mapKey = (code: string, field: string) => `${this.prefix}room:${code}:${field}`;
  private mapKeys = (code: string) => MAP_FIELDS.map((field) => this.mapKey(code, field));

  async load(code: string): Promise<RoomRecord | null> {
    const [fields, players, answers, nicknames] = (await this.client
      .multi()
      .hmGet(this.roomKey(code), ["version", "core", "questions"])
      .hGetAll(this.mapKey(code, "players"))
      .hGetAll(this.mapKey(code, "answers"))
      .hGetAll(this.mapKey(code, "nicknames"))
      .exec()) as unknown as [(string | null)[], ...Record<string, string>[]];
    const [version, core, questions] = fields;
    if (version == null || core == null || questions == null) return null;
    return assembleRecord(version, core, questions, {
      players: players ?? {},
      answers: answers ?? {},
      nicknames: nicknames ?? {},
    });
  }

  async create(commit: RoomCommit): Promise<boolean> {
    const code = commit.state.code;
    const writes = roomWrites(commit);
    const written = await this.client.eval(CREATE, {
      keys: [this.roomKey(code), this.leaseKey(code), ...this.mapKeys(code), this.setKey],
      arguments: [
        writes.core,
        writes.summary,
        writes.questions ?? "",
        code,
        ...mapArguments(writes.maps),
      ],
    });
    return written === 1;
  }

  /** With `base` (the record read at `expected`), only what differs from it is sent. */
  async commit(
    code: string,
    expected: number,
    next: RoomCommit,
    owner?: string,
    base?: RoomCommit,
  ): Promise<CommitOutcome> {
    const writes = roomWrites(next, base);
    const reply = await this.client.eval(COMMIT, {
      keys: [this.roomKey(code), this.leaseKey(code), ...this.mapKeys(code)],
      arguments: [
        String(expected),
        owner ?? "",
        writes.core,
        writes.summary,
        writes.questions ?? "",
        ...mapArguments(writes.maps),
      ],
    });
    return OUTCOMES[Number(reply)] ?? "missing";
  }

  async delete(code: string): Promise<void> {
    await this.client
      .multi()
      .del([this.roomKey(code), this.leaseKey(code), ...this.mapKeys(code)])
      .sRem(this.setKey, code)
      .exec();
  }

  async version(code: string): Promise<number | null> {
    const version = await this.client.hGet(this.roomKey(code), "version");
    return version == null ? null : Number(version);
  }

  async has(code: string): Promise<boolean> {
    return (await this.client.exists(this.roomKey(code))) === 1;
  }

  async summaries(): Promise<RoomSummary[]> {
    const codes = await this.client.sMembers(this.setKey);
    const found = await Promise.all(
      codes.map((code) => this.client.hGet(this.roomKey(code), "summary")),
    );
    const summaries: RoomSummary[] = [];
    for (const [i, text] of found.entries()) {
      if (text != null) summaries.push(JSON.parse(String(text)) as RoomSummary);
      // A code whose room is gone (deleted between the two reads): drop it from the list.
      else await this.client.sRem(this.setKey, codes[i]!);
    }
    return summaries;
  }

  async acquireLease(code: string, owner: string, ttlMs: number): Promise<boolean> {
    const reply = await this.client.eval(ACQUIRE, {
      keys: [this.leaseKey(code)],
      arguments: [owner, String(Math.max(1, Math.round(ttlMs)))],
    });
    return reply === 1;
  }

  async renewLease(code: string, owner: string, ttlMs: number): Promise<boolean> {
    const reply = await this.client.eval(RENEW, {
      keys: [this.leaseKey(code)],
      arguments: [owner, String(Math.max(1, Math.round(ttlMs)))],
    });
    return reply === 1;
  }

  async releaseLease(code: string, owner: string): Promise<void> {
    await this.client.eval(RELEASE, { keys: [this.leaseKey(code)], arguments: [owner] });
  }

  async leaseHolder(code: string): Promise<string | null> {
    const holder = await this.client.get(this.leaseKey(code));
    return holder == null ? null : String(holder);
  }
}
