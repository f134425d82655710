import { loadavg } from "node:os";
import { RoomSettingsSchema } from "../lib/contract/schemas";
import { createRoomState } from "../lib/game/create-room";
import { step } from "../lib/game/engine";
import type { BatchedAnswer, EngineEvent, RoomState } from "../lib/game/types";
import { connectRedis } from "../server/redis/client";
import { RedisRoomStore } from "../server/redis/redis-room-store";
import { roomWrites, writesBytes } from "../server/redis/room-layout";
import type { RoomCommit } from "../server/realtime/room-store";
import { singleChoice } from "../tests/support/questions";

/**
 * What one commit costs on Redis for a full room of N players mid-question: a full write (the
 * whole room, what every commit sent before deltas) and a delta (an answer burst of `burst`
 * answers, what the runtime commits while a question is open), each as bytes sent and time for
 * computing the writes plus the compare-and-set script; and a load (read and assemble).
 * `node --import tsx bench/room-store-commit.ts [players] [burst]`. Prints figures; never fails.
 */
const players = Number(process.argv[2] ?? 500);
const burst = Number(process.argv[3] ?? 20);
const url = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `ka-bench:${process.pid}:`;

let state: RoomState = createRoomState({
  roomId: "bench",
  code: "BEN234",
  hostUserId: "host",
  settings: RoomSettingsSchema.parse({ maxPlayers: 10_000 }),
  questions: [{ id: "q0", question: singleChoice({ options: 2, correct: 1 }) }],
  now: Date.now(),
  random: Math.random,
  hashSeed: [1, 2],
});
const apply = (event: EngineEvent) => {
  const result = step(state, event, Date.now());
  if (!result.ok) throw new Error(result.error);
  state = result.state;
};
for (let i = 0; i < players; i++) {
  apply({ type: "player:join", playerId: `p${i}`, nickname: `player ${i}`, userId: null });
}
apply({ type: "host:start" });
const answer = (i: number): BatchedAnswer => ({
  playerId: `p${i}`,
  questionIndex: 0,
  answer: { type: "single", choice: 1 },
  receivedAt: Date.now(),
});
// Half the room has answered: the bursts below answer from there on.
apply({
  type: "player:answers",
  answers: Array.from({ length: players / 2 }, (_, i) => answer(i)),
});

const client = await connectRedis(url);
const store = new RedisRoomStore(client, prefix);
const commitOf = (s: RoomState, activeAt: number): RoomCommit => ({
  state: s,
  timers: {},
  activeAt,
});
await store.create(commitOf(state, 0));
await store.acquireLease(state.code, "bench", 60_000);

const runs = Math.min(50, Math.floor(players / 2 / burst));
let version = 1;
let t = performance.now();
for (let i = 0; i < runs; i++) {
  const outcome = await store.commit(state.code, version++, commitOf(state, i), "bench");
  if (outcome !== "ok") throw new Error(outcome);
}
const fullMs = (performance.now() - t) / runs;
const fullBytes = writesBytes(roomWrites(commitOf(state, 0)));

let deltaMs = 0;
let deltaBytes = 0;
for (let i = 0; i < runs; i++) {
  const base = commitOf(state, i);
  const first = players / 2 + i * burst;
  apply({
    type: "player:answers",
    answers: Array.from({ length: burst }, (_, k) => answer(first + k)),
  });
  const next = commitOf(state, i + 1);
  t = performance.now();
  const outcome = await store.commit(state.code, version++, next, "bench", base);
  deltaMs += performance.now() - t;
  if (outcome !== "ok") throw new Error(outcome);
  deltaBytes += writesBytes(roomWrites(next, base));
}
t = performance.now();
for (let i = 0; i < runs; i++) await store.load(state.code);
const loadMs = (performance.now() - t) / runs;
const loaded = await store.get(state.code);
if (JSON.stringify(loaded?.counts) !== JSON.stringify(state.counts)) throw new Error("read back");
await store.delete(state.code);
client.destroy();
console.log(
  JSON.stringify({
    players,
    burst,
    fullKB: Math.round(fullBytes / 1024),
    fullCommitMs: +fullMs.toFixed(2),
    deltaKB: +(deltaBytes / runs / 1024).toFixed(1),
    deltaCommitMs: +(deltaMs / runs).toFixed(2),
    loadMs: +loadMs.toFixed(2),
    load1: +loadavg()[0]!.toFixed(1),
  }),
);
