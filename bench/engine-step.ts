/**
 * What the room engine's step() costs per join and per answer as a room grows: N players join,
 * the game starts, and everyone answers one question, first one event at a time (player:answer),
 * then again in the runtime's bursts of 500 (player:answers). Pure CPU, no sockets or database.
 * Prints figures and their ratio between the smallest and the largest room: a flat ratio (~1)
 * means the cost per event does not grow with the room. Never fails on a time.
 *
 *   npm run bench:engine                  (N = 500, 2,000 and 10,000)
 *   npm run bench:engine -- 500,20000     (other sizes)
 *   BENCH_TEAMS=8 npm run bench:engine     (in team mode with 8 teams: joins pick the smallest team)
 */
import { performance } from "node:perf_hooks";
import { RoomSettingsSchema } from "../lib/contract/schemas";
import { createRoomState } from "../lib/game/create-room";
import { step } from "../lib/game/engine";
import type { BatchedAnswer, EngineEvent, RoomState } from "../lib/game/types";
import { singleChoice } from "../tests/support/questions";

const SIZES = (process.argv[2] ?? "500,2000,10000").split(",").map(Number);
/** The runtime writes (and now steps) at most this many answers at once (room-runtime.ts). */
const BURST = 500;
const ROUNDS = 3;
/** Team mode with this many teams (lib/game/teams.ts); unset: no teams. */
const TEAMS = Number(process.env.BENCH_TEAMS ?? 0);

const QUESTION = singleChoice({ options: 4, correct: 1 });
const T0 = 1_700_000_000_000;

function run(state: RoomState, event: EngineEvent, now: number): RoomState {
  const result = step(state, event, now);
  if (!result.ok) throw new Error(`${event.type} refused: ${result.error}`);
  return result.state;
}

function emptyRoom(n: number): RoomState {
  return createRoomState({
    roomId: "bench",
    code: "BENCH1",
    hostUserId: "host",
    settings: RoomSettingsSchema.parse({
      maxPlayers: n,
      defaultTimeLimitSec: 240,
      ...(TEAMS > 0 && { teams: { mode: "host", count: TEAMS } }),
    }),
    questions: [{ id: "q", question: QUESTION }],
    now: T0,
    random: () => 0.5,
    hashSeed: [1, 2],
  });
}

const answerOf = (i: number): BatchedAnswer => ({
  playerId: `player-${i}`,
  questionIndex: 0,
  answer: { type: "single", choice: i % 4 },
  receivedAt: T0 + 10_000 + i,
});

interface Figures {
  n: number;
  /** Mean µs per join over the whole room, and over its last 10 % (the fullest room). */
  joinUs: number;
  lastJoinUs: number;
  /** µs per answer, all but the last player (the question stays open). */
  answerUs: number;
  burstAnswerUs: number;
  /** ms for the last answer, which closes the question (scores move: O(players) once). */
  closeMs: number;
  /** ms of step() for the whole question, one event per answer. */
  questionMs: number;
}

function measure(n: number): Figures {
  let lobby = emptyRoom(n);
  const joinStart = performance.now();
  let lastTenthStart = joinStart;
  for (let i = 0; i < n; i++) {
    if (i === Math.floor(n * 0.9)) lastTenthStart = performance.now();
    lobby = run(
      lobby,
      { type: "player:join", playerId: `player-${i}`, nickname: `p${i}`, userId: null },
      T0 + i,
    );
  }
  const joinEnd = performance.now();
  const open = run(lobby, { type: "host:start" }, T0 + 10_000);

  // One event per answer, as the runtime steps a lone answer.
  let s = open;
  const answerStart = performance.now();
  for (let i = 0; i < n - 1; i++) {
    const { receivedAt, ...a } = answerOf(i);
    s = run(s, { type: "player:answer", ...a }, receivedAt);
  }
  const answerEnd = performance.now();
  const { receivedAt, ...last } = answerOf(n - 1);
  s = run(s, { type: "player:answer", ...last }, receivedAt);
  const closeEnd = performance.now();
  if (s.phase !== "reveal") throw new Error("the last answer did not close the question");

  // The same answers in the runtime's bursts.
  let b = open;
  const burstStart = performance.now();
  for (let from = 0; from < n - 1; from += BURST) {
    const answers = [];
    for (let i = from; i < Math.min(n - 1, from + BURST); i++) answers.push(answerOf(i));
    b = run(b, { type: "player:answers", answers }, T0 + 10_000 + from);
  }
  const burstEnd = performance.now();
  if (b.answers.size !== n - 1) throw new Error("a burst lost answers");

  return {
    n,
    joinUs: ((joinEnd - joinStart) * 1000) / n,
    lastJoinUs: ((joinEnd - lastTenthStart) * 1000) / (n - Math.floor(n * 0.9)),
    answerUs: ((answerEnd - answerStart) * 1000) / (n - 1),
    burstAnswerUs: ((burstEnd - burstStart) * 1000) / (n - 1),
    closeMs: closeEnd - answerEnd,
    questionMs: closeEnd - answerStart,
  };
}

/** The best of ROUNDS runs per figure: the machine is shared, so the minimum is the least noisy. */
function best(n: number): Figures {
  const runs = Array.from({ length: ROUNDS }, () => measure(n));
  const min = (f: (x: Figures) => number) => Math.min(...runs.map(f));
  return {
    n,
    joinUs: min((r) => r.joinUs),
    lastJoinUs: min((r) => r.lastJoinUs),
    answerUs: min((r) => r.answerUs),
    burstAnswerUs: min((r) => r.burstAnswerUs),
    closeMs: min((r) => r.closeMs),
    questionMs: min((r) => r.questionMs),
  };
}

measure(Math.min(...SIZES)); // warm-up: let V8 optimise the engine before timing it
const rows = SIZES.map(best);
const first = rows[0]!;
const lastRow = rows.at(-1)!;

const columns: [string, (f: Figures) => number, number][] = [
  ["join, µs each (whole room)", (f) => f.joinUs, 1],
  ["join, µs each (last 10 %)", (f) => f.lastJoinUs, 1],
  ["answer, µs each (one event each)", (f) => f.answerUs, 2],
  ["answer, µs each (bursts of 500)", (f) => f.burstAnswerUs, 2],
  ["last answer + close, ms", (f) => f.closeMs, 2],
  ["step() per question, ms", (f) => f.questionMs, 1],
];
const header = ["", ...rows.map((r) => `N=${r.n}`), `ratio N=${lastRow.n} / N=${first.n}`];
const table = columns.map(([label, get, digits]) => [
  label,
  ...rows.map((r) => get(r).toFixed(digits)),
  (get(lastRow) / get(first)).toFixed(2),
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
const line = (cells: string[]) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
console.log(`engine step() cost, best of ${ROUNDS} runs (node ${process.version})`);
console.log(line(header));
for (const row of table) console.log(line(row));
console.log(
  `\nPlayers grew ${lastRow.n / first.n}x. A ratio near 1 is O(1) per event; near ${lastRow.n / first.n} ` +
    "is O(players) per event (O(players²) per question).",
);
