import { loadavg } from "node:os";
import { RoomSettingsSchema } from "../lib/contract/schemas";
import { createRoomState } from "../lib/game/create-room";
import { step } from "../lib/game/engine";
import type { EngineEvent, RoomState } from "../lib/game/types";
import { connectRedis } from "../server/redis/client";
import { RedisRoomStore } from "../server/redis/redis-room-store";
import { encodeJson } from "../server/realtime/room-codec";
import { singleChoice } from "../tests/support/questions";

/**
 * What one commit costs on Redis for a full room: the state's size, encoding it, and the
 * compare-and-set round trip, for a room of N players mid-question with every answer in.
 * `node --import tsx bench/room-store-commit.ts [players]`. Prints figures; never fails on time.
 */
const players = Number(process.argv[2] ?? 500);
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
apply({
  type: "player:answers",
  answers: Array.from({ length: players - 1 }, (_, i) => ({
    playerId: `p${i}`,
    questionIndex: 0,
    answer: { type: "single", choice: 1 },
    receivedAt: Date.now(),
  })),
});

const client = await connectRedis(url);
const store = new RedisRoomStore(client, prefix);
await store.create({ state, timers: {}, activeAt: 0 });
await store.acquireLease(state.code, "bench", 60_000);
const runs = 50;
let t = performance.now();
let bytes = 0;
for (let i = 0; i < runs; i++) bytes = encodeJson({ state, timers: {}, activeAt: i }).length;
const encodeMs = (performance.now() - t) / runs;
t = performance.now();
for (let i = 0; i < runs; i++) {
  const outcome = await store.commit(
    state.code,
    i + 1,
    { state, timers: {}, activeAt: i },
    "bench",
  );
  if (outcome !== "ok") throw new Error(outcome);
}
const commitMs = (performance.now() - t) / runs;
t = performance.now();
for (let i = 0; i < runs; i++) await store.load(state.code);
const loadMs = (performance.now() - t) / runs;
await store.delete(state.code);
client.destroy();
console.log(
  JSON.stringify({
    players,
    stateKB: Math.round(bytes / 1024),
    encodeMs: +encodeMs.toFixed(2),
    commitMs: +commitMs.toFixed(2),
    loadMs: +loadMs.toFixed(2),
    load1: +loadavg()[0]!.toFixed(1),
  }),
);
