import type { RoomState } from "@/lib/game/types";
import { decodeJson, encodeJson } from "../realtime/room-codec";
import {
  summaryOf,
  type CommitOutcome,
  type RoomCommit,
  type RoomRecord,
  type RoomStore,
  type RoomSummary,
} from "../realtime/room-store";
import type { RedisClient } from "./client";

/**
 * RoomStore on Redis, shared by every node. Layout, under a key prefix (default "ka:"):
 *   room:<code>   hash { version, data (state + timers + activeAt, room-codec JSON), summary }
 *   lease:<code>  string: the owning node's id, with a TTL (PX)
 *   rooms         set of live codes (the sweep's list)
 * Every write that must be atomic is one Lua script (Redis runs a script without interleaving
 * any other command): create-if-absent, the fenced compare-and-set commit, lease renew/release
 * by owner. One Redis instance is assumed (keys of one room are not hash-tagged for a cluster).
 */

const CREATE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'version', 1, 'data', ARGV[1], 'summary', ARGV[2])
redis.call('SADD', KEYS[2], ARGV[3])
return 1`;

// 1 written; 0 version conflict; -1 no such room; -2 the caller does not hold the lease.
const COMMIT = `
local version = redis.call('HGET', KEYS[1], 'version')
if not version then return -1 end
if ARGV[4] ~= '' and redis.call('GET', KEYS[2]) ~= ARGV[4] then return -2 end
if tonumber(version) ~= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'version', tonumber(ARGV[1]) + 1, 'data', ARGV[2], 'summary', ARGV[3])
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

type StoredData = Omit<RoomRecord, "version">;

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

  async load(code: string): Promise<RoomRecord | null> {
    const [version, data] = await this.client.hmGet(this.roomKey(code), ["version", "data"]);
    if (version == null || data == null) return null;
    return { ...decodeJson<StoredData>(String(data)), version: Number(version) };
  }

  async create(commit: RoomCommit): Promise<boolean> {
    const code = commit.state.code;
    const written = await this.client.eval(CREATE, {
      keys: [this.roomKey(code), this.setKey],
      arguments: [encodeJson(commit), JSON.stringify(summaryOf(commit)), code],
    });
    return written === 1;
  }

  async commit(
    code: string,
    expected: number,
    next: RoomCommit,
    owner?: string,
  ): Promise<CommitOutcome> {
    const reply = await this.client.eval(COMMIT, {
      keys: [this.roomKey(code), this.leaseKey(code)],
      arguments: [String(expected), encodeJson(next), JSON.stringify(summaryOf(next)), owner ?? ""],
    });
    return OUTCOMES[Number(reply)] ?? "missing";
  }

  async delete(code: string): Promise<void> {
    await this.client
      .multi()
      .del([this.roomKey(code), this.leaseKey(code)])
      .sRem(this.setKey, code)
      .exec();
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
