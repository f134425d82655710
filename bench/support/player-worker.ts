/**
 * A process of simulated players for the load bench (forked by load-game.ts with an IPC channel):
 * real socket.io-clients, made as the app's pages make them, that join one room, answer every
 * question after a think time, and measure what they receive. Players live in several processes
 * so that the clients' own event loops do not hold up what they measure on the server.
 */
import { EVENTS } from "../../lib/contract/events";
import type { RoomUpdate } from "../../lib/contract/views";
import { answerFor, connectClient, request, type Client } from "./clients";
import type { FromWorker, ToWorker, WorkerReport } from "./player-protocol";
import { tally } from "./stats";

const CONNECT_TIMEOUT_MS = 60_000;
const ACK_TIMEOUT_MS = 120_000;
/** Measuring frame sizes costs a JSON.stringify: one player in this many does it. */
const SIZE_SAMPLE_EVERY = 50;

const report: WorkerReport = {
  connectMs: [],
  joinAckMs: [],
  joinErrors: {},
  joined: 0,
  questionFanoutMs: [],
  rankFanoutMs: [],
  leaderboardFanoutMs: [],
  answerAckMs: [],
  answerErrors: {},
  frames: 0,
  frameBytes: {},
  dropped: 0,
  missedQuestions: 0,
};
const sockets: Client[] = [];
const seen: Set<number>[] = [];
let closing = false;
let questionTotal = 0;

function send(message: FromWorker): void {
  process.send?.(message);
}

/** Deterministic think times per player, so the product and the bare runs see the same ones. */
function thinkMs(player: number, question: number, min: number, max: number): number {
  let x = (player * 2654435761 + question * 40503 + 1) >>> 0;
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  return min + ((x >>> 0) / 2 ** 32) * (max - min);
}

function play(socket: Client, index: number, job: Extract<ToWorker, { type: "join" }>): void {
  const questions = new Set<number>();
  let sampled = false;
  // Frames of the game only (from each player's first question on): not the lobby's or joins'.
  socket.onAny((event: string, room?: RoomUpdate) => {
    if (questions.size > 0 || (event === EVENTS.roomUpdate && room?.phase === "question"))
      report.frames += 1;
  });
  // A socket that never joined is closed by the server's join timeout: that is a refused join
  // (counted as such), not a dropped player.
  socket.on("disconnect", () => {
    if (!closing && session) report.dropped += 1;
  });
  socket.on(EVENTS.roomUpdate, (room: RoomUpdate) => {
    const delay = Date.now() - room.sentAt;
    if (index % SIZE_SAMPLE_EVERY === 0)
      (report.frameBytes[room.phase] ??= []).push(JSON.stringify(room).length);
    const q = room.question?.index ?? -1;
    if (room.phase === "question" && room.question && !questions.has(q)) {
      questions.add(q);
      questionTotal = room.question.total;
      report.questionFanoutMs.push(delay);
      const question = room.question;
      setTimeout(
        () => {
          const payload = { code: job.code, questionIndex: q, answer: answerFor(question, index) };
          const sent = performance.now();
          request(socket, EVENTS.roundAnswer, payload, ACK_TIMEOUT_MS).then(
            (ack) => {
              report.frames += 1;
              report.answerAckMs.push(performance.now() - sent);
              if (!ack.ok) tally(report.answerErrors, ack.error);
            },
            (error: unknown) => tally(report.answerErrors, String(error)),
          );
        },
        thinkMs(index, q, job.thinkMinMs, job.thinkMaxMs),
      );
    } else if (room.phase === "reveal" && room.me) {
      report.rankFanoutMs.push(delay);
      if (job.sample && !sampled && session) {
        sampled = true;
        send({ type: "sample", session, revealMe: room.me });
      }
    } else if (room.phase === "leaderboard") {
      report.leaderboardFanoutMs.push(delay);
    }
  });
  let session: Extract<Awaited<ReturnType<typeof joinRoom>>, { ok: true }>["data"] | null = null;
  const joinRoom = () =>
    request(socket, EVENTS.roomJoin, { code: job.code, nickname: `p${index}` }, ACK_TIMEOUT_MS);
  const started = performance.now();
  pending.push(
    joinRoom().then(
      (ack) => {
        report.joinAckMs.push(performance.now() - started);
        if (ack.ok) {
          report.joined += 1;
          seen.push(questions);
          session = ack.data;
        } else tally(report.joinErrors, ack.error);
      },
      (error: unknown) => tally(report.joinErrors, String(error)),
    ),
  );
}

let pending: Promise<void>[] = [];

async function join(job: Extract<ToWorker, { type: "join" }>): Promise<void> {
  for (let from = job.from; from < job.from + job.count; from += job.batch) {
    const indices = Array.from(
      { length: Math.min(job.batch, job.from + job.count - from) },
      (_, i) => from + i,
    );
    pending = [];
    await Promise.all(
      indices.map(async (index) => {
        const url = job.urls[index % job.urls.length] ?? "";
        const started = performance.now();
        try {
          const socket = await connectClient(url, CONNECT_TIMEOUT_MS);
          report.connectMs.push(performance.now() - started);
          sockets.push(socket);
          play(socket, index, job);
        } catch (error) {
          tally(report.joinErrors, `connect: ${String(error)}`);
        }
      }),
    );
    await Promise.all(pending);
  }
  send({ type: "joined", at: Date.now() });
}

process.on("message", (message: ToWorker) => {
  if (message.type === "join") void join(message);
  else if (message.type === "report") {
    report.missedQuestions = seen.reduce((sum, q) => sum + Math.max(0, questionTotal - q.size), 0);
    send({ type: "report", report });
  } else {
    closing = true;
    for (const socket of sockets) socket.disconnect();
    setTimeout(() => process.exit(0), 200);
  }
});
// The runner going away must not leave thousands of sockets open.
process.on("disconnect", () => process.exit(0));
