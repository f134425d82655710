import {
  keyedChanges,
  keyedFromEntries,
  keyedGet,
  keyedKeys,
  type HashSeed,
  type KeyedMap,
} from "@/lib/game/keyed-map";
import type { RoomState } from "@/lib/game/types";
import { decodeJson, encodeJson } from "../realtime/room-codec";
import { summaryOf, type RoomCommit, type RoomRecord } from "../realtime/room-store";

/**
 * How a room is laid out in Redis so that a commit writes what changed, not the whole room.
 * The state's three per-player maps each live in their own hash, one field per entry (a player,
 * an answer, a nickname key); the questions are one field of the room hash, written when they
 * change (never, after the room opens); the rest of the state (phase, counts, settings, teams,
 * timers: a few KB whatever the room's size) is one more field, written by every commit.
 *
 * A delta is computed against the record the commit was stepped from (its `base`): the store's
 * compare-and-set on the version guarantees that record is exactly what Redis holds, so the
 * delta applied there gives the new state. Without a base (a create, a restore) every hash is
 * written in full.
 */

export const MAP_FIELDS = ["players", "answers", "nicknames"] as const;
export type MapField = (typeof MAP_FIELDS)[number];

/** The room hash without the maps and questions, plus each map's seed to rebuild it with. */
interface StoredCore extends Omit<RoomCommit, "state"> {
  state: Omit<RoomState, MapField | "questions">;
  seeds: Record<MapField, HashSeed>;
}

/** One map's writes: `reset` empties the hash first (then `set` holds every entry). */
export interface MapWrites {
  reset: boolean;
  set: [string, string][];
  deleted: string[];
}

export interface RoomWrites {
  core: string;
  summary: string;
  /** Null: unchanged since the base. */
  questions: string | null;
  maps: Record<MapField, MapWrites>;
}

function coreOf(commit: RoomCommit): string {
  const { state, timers, activeAt } = commit;
  const { players, answers, nicknames, questions: _questions, ...rest } = state;
  const core: StoredCore = {
    state: rest,
    timers,
    activeAt,
    seeds: { players: players.seed, answers: answers.seed, nicknames: nicknames.seed },
  };
  return encodeJson(core);
}

function fullMap(map: KeyedMap<unknown>): MapWrites {
  const set = keyedKeys(map).map((key): [string, string] => [key, encodeJson(keyedGet(map, key))]);
  return { reset: true, set, deleted: [] };
}

function mapWrites(before: KeyedMap<unknown>, after: KeyedMap<unknown>): MapWrites {
  const changes = keyedChanges(before, after);
  // Writing it all is cheaper than a delta as big as the map (e.g. answers cleared for the next
  // question: one DEL instead of a field per player).
  if (!changes || changes.set.length + changes.deleted.length > Math.max(1, after.size)) {
    return fullMap(after);
  }
  const set = changes.set.map(([key, value]): [string, string] => [key, encodeJson(value)]);
  return { reset: false, set, deleted: changes.deleted };
}

/** What to write for `next`: only what differs from `base` when there is one. */
export function roomWrites(next: RoomCommit, base?: RoomCommit): RoomWrites {
  const { state } = next;
  const mapOf = (field: MapField) =>
    base ? mapWrites(base.state[field], state[field]) : fullMap(state[field]);
  return {
    core: coreOf(next),
    summary: JSON.stringify(summaryOf(next)),
    questions: base?.state.questions === state.questions ? null : encodeJson(state.questions),
    maps: { players: mapOf("players"), answers: mapOf("answers"), nicknames: mapOf("nicknames") },
  };
}

/**
 * The script's arguments after its fixed ones: for each map in MAP_FIELDS order, a reset flag,
 * the number of fields set and deleted, then the field/value pairs and the deleted fields.
 */
export function mapArguments(maps: RoomWrites["maps"]): string[] {
  const args: string[] = [];
  for (const field of MAP_FIELDS) {
    const { reset, set, deleted } = maps[field];
    args.push(reset ? "1" : "0", String(set.length), String(deleted.length));
    for (const [key, value] of set) args.push(key, value);
    args.push(...deleted);
  }
  return args;
}

/**
 * Lua: applies mapArguments (from ARGV index `first`) to KEYS[3..5]. HSET/HDEL go in chunks:
 * unpack() of a 10,000-player room's fields would overflow Lua's C stack.
 */
export const APPLY_MAPS = `
local function apply_maps(first)
  local i = first
  for m = 1, 3 do
    local key = KEYS[m + 2]
    local reset, nset, ndel = ARGV[i], tonumber(ARGV[i + 1]), tonumber(ARGV[i + 2])
    i = i + 3
    if reset == '1' then redis.call('DEL', key) end
    local stop = i + 2 * nset - 1
    while i <= stop do
      local last = math.min(i + 999, stop)
      redis.call('HSET', key, unpack(ARGV, i, last))
      i = last + 1
    end
    stop = i + ndel - 1
    while i <= stop do
      local last = math.min(i + 999, stop)
      redis.call('HDEL', key, unpack(ARGV, i, last))
      i = last + 1
    end
  end
end`;

/** The record back from the room hash's fields and the three maps' hashes. */
export function assembleRecord(
  version: string,
  core: string,
  questions: string,
  maps: Record<MapField, Record<string, string>>,
): RoomRecord {
  const { state, timers, activeAt, seeds } = decodeJson<StoredCore>(core);
  const mapOf = <V>(field: MapField) =>
    keyedFromEntries<V>(
      seeds[field],
      Object.entries(maps[field]).map(([key, text]): [string, V] => [key, decodeJson<V>(text)]),
    );
  return {
    state: {
      ...state,
      questions: decodeJson<RoomState["questions"]>(questions),
      players: mapOf("players"),
      answers: mapOf("answers"),
      nicknames: mapOf("nicknames"),
    },
    timers,
    activeAt,
    version: Number(version),
  };
}

/** Bytes a commit sends (for the benchmark and the log). */
export function writesBytes(writes: RoomWrites): number {
  let bytes = writes.core.length + writes.summary.length + (writes.questions?.length ?? 0);
  for (const field of MAP_FIELDS) {
    const { set, deleted } = writes.maps[field];
    for (const [key, value] of set) bytes += key.length + value.length;
    for (const key of deleted) bytes += key.length;
  }
  return bytes;
}
