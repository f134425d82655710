import { monitorEventLoopDelay } from "node:perf_hooks";
import { EVENTS } from "../../lib/contract/events";
import type { PublicQuestion } from "../../lib/contract/views";
import { answerFor, connectClient, request, signUpHost, waitUntil, type Client } from "./clients";
import type { RunningServer } from "./server-process";
import { sleep, summarize, tally, type Summary } from "./stats";

const CONNECT_TIMEOUT_MS = 20_000;
/** Answers queue behind each other in the room: the 1000th ack waits for 999 database writes. */
const ACK_TIMEOUT_MS = 120_000;
const BROADCAST_TIMEOUT_MS = 120_000;
/** Lobby snapshots are throttled to 4/s: let the last ones go out before sampling memory. */
const SETTLE_MS = 1_000;

export interface RoomLoadResult {
  players: number;
  joined: number;
  question: { type: string; timeLimitSec: number };
  connectMs: Summary;
  /** Each batch's joins are sent together, so an ack also waits for the joins ahead of it. */
  joinAckMs: Summary;
  joinAckP50FirstBatchMs: number;
  joinAckP50LastBatchMs: number;
  joinErrors: Record<string, number>;
  /** The question's `room:update` after game:start: receive time minus `sentAt`. */
  startDeliveryMs: Summary;
  answerAckMs: Summary;
  answerErrors: Record<string, number>;
  /** Players divided by the time from the first answer sent to the last ack received. */
  answersPerSecond: number;
  revealDeliveryMs: Summary;
  firstAnswerToLastRevealMs: number;
  rssMb: { idle: number; withPlayers: number; afterReveal: number; peak: number };
  /** CPU used during the answer phase, as a share of one core (100 = one core busy). */
  serverCpuPct: number;
  benchCpuPct: number;
  /** The bench's own event-loop stalls during the answer phase inflate delivery figures this much. */
  benchLoopDelayMaxMs: number;
}

interface Probe {
  socket: Client;
  index: number;
  question?: PublicQuestion;
  startDeliveryMs?: number;
  revealDeliveryMs?: number;
  revealAt?: number;
}

/**
 * One room with `players` players on a running server: sign up a host, create and host a room,
 * connect and join players in batches, start, everyone answers question 0, everyone sees the
 * reveal. Every wait is bounded; every socket is closed at the end, whatever happened.
 */
export async function runRoomLoad(
  server: RunningServer,
  opts: { players: number; batch: number; secret: string },
): Promise<RoomLoadResult> {
  const rssIdle = server.rssMb();
  const sockets: Client[] = [];
  try {
    const host = await signUpHost(server.url, opts.secret, `n${opts.players}`);
    const hostSocket = await connectClient(server.url, CONNECT_TIMEOUT_MS, host.cookie);
    sockets.push(hostSocket);
    const created = await request(
      hostSocket,
      EVENTS.roomCreate,
      // The longest time limit the schema allows, so queueing answers are not refused as late.
      { settings: { defaultTimeLimitSec: 240, questionCount: 1, maxPlayers: opts.players } },
      ACK_TIMEOUT_MS,
    );
    if (!created.ok) throw new Error(`room:create refused: ${created.error}`);
    const { code } = created.data;
    const hosted = await request(hostSocket, EVENTS.roomHost, { code }, ACK_TIMEOUT_MS);
    if (!hosted.ok) throw new Error(`room:host refused: ${hosted.error}`);

    const connectMs: number[] = [];
    const joinMs: number[][] = [];
    const joinErrors: Record<string, number> = {};
    const joined: Probe[] = [];
    for (let from = 0; from < opts.players; from += opts.batch) {
      const indices = range(from, Math.min(opts.players, from + opts.batch));
      const connected = await Promise.allSettled(
        indices.map(async (index) => {
          const started = performance.now();
          const socket = await connectClient(server.url, CONNECT_TIMEOUT_MS);
          connectMs.push(performance.now() - started);
          sockets.push(socket);
          return listen({ socket, index });
        }),
      );
      const batchMs: number[] = [];
      joinMs.push(batchMs);
      await Promise.all(
        connected.map(async (outcome) => {
          if (outcome.status === "rejected")
            return tally(joinErrors, `connect: ${errorText(outcome.reason)}`);
          const probe = outcome.value;
          const started = performance.now();
          const nickname = `p${probe.index}`;
          try {
            const ack = await request(
              probe.socket,
              EVENTS.roomJoin,
              { code, nickname },
              ACK_TIMEOUT_MS,
            );
            batchMs.push(performance.now() - started);
            if (ack.ok) joined.push(probe);
            else tally(joinErrors, ack.error);
          } catch (error) {
            tally(joinErrors, errorText(error));
          }
        }),
      );
    }
    if (joined.length === 0) throw new Error("no player joined");
    await sleep(SETTLE_MS);
    const rssWithPlayers = server.rssMb();

    const started = await request(hostSocket, EVENTS.gameStart, { code }, ACK_TIMEOUT_MS);
    if (!started.ok) throw new Error(`game:start refused: ${started.error}`);
    await waitUntil(
      "every player sees question 0",
      () => joined.every((p) => p.question !== undefined),
      BROADCAST_TIMEOUT_MS,
    );
    const question = joined[0]?.question;
    if (!question) throw new Error("no question");

    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const serverCpu0 = server.cpuMs();
    const benchCpu0 = process.cpuUsage();
    const answerMs: number[] = [];
    const answerErrors: Record<string, number> = {};
    const firstSent = performance.now();
    let lastAck = firstSent;
    await Promise.all(
      joined.map(async (probe) => {
        const sent = performance.now();
        const payload = { code, questionIndex: 0, answer: answerFor(question, probe.index) };
        try {
          const ack = await request(probe.socket, EVENTS.roundAnswer, payload, ACK_TIMEOUT_MS);
          lastAck = performance.now();
          answerMs.push(lastAck - sent);
          if (!ack.ok) tally(answerErrors, ack.error);
        } catch (error) {
          tally(answerErrors, errorText(error));
        }
      }),
    );
    // A refused answer keeps the question open until its deadline: close it as the host would.
    if (Object.keys(answerErrors).length > 0)
      await request(hostSocket, EVENTS.gameNext, { code }, ACK_TIMEOUT_MS);
    await waitUntil(
      "every player sees the reveal",
      () => joined.every((p) => p.revealAt !== undefined),
      BROADCAST_TIMEOUT_MS,
    );
    const lastReveal = Math.max(...joined.map((p) => p.revealAt ?? Number.NaN));
    const phaseMs = Math.max(lastReveal, lastAck) - firstSent;
    const serverCpuMs = server.cpuMs() - serverCpu0;
    const benchCpu = process.cpuUsage(benchCpu0);
    loop.disable();

    return {
      players: opts.players,
      joined: joined.length,
      question: { type: question.type, timeLimitSec: question.timeLimitSec },
      connectMs: summarize(connectMs),
      joinAckMs: summarize(joinMs.flat()),
      joinAckP50FirstBatchMs: summarize(joinMs[0] ?? []).p50,
      joinAckP50LastBatchMs: summarize(joinMs.at(-1) ?? []).p50,
      joinErrors,
      startDeliveryMs: summarize(joined.map((p) => p.startDeliveryMs ?? Number.NaN)),
      answerAckMs: summarize(answerMs),
      answerErrors,
      answersPerSecond: (joined.length * 1000) / (lastAck - firstSent),
      revealDeliveryMs: summarize(joined.map((p) => p.revealDeliveryMs ?? Number.NaN)),
      firstAnswerToLastRevealMs: lastReveal - firstSent,
      rssMb: {
        idle: rssIdle,
        withPlayers: rssWithPlayers,
        afterReveal: server.rssMb(),
        peak: server.peakRssMb(),
      },
      serverCpuPct: (serverCpuMs / phaseMs) * 100,
      benchCpuPct: ((benchCpu.user + benchCpu.system) / 1000 / phaseMs) * 100,
      benchLoopDelayMaxMs: loop.max / 1e6,
    };
  } finally {
    for (const socket of sockets) socket.disconnect();
  }
}

/** Records when this player first sees the question and the reveal, against the server's sentAt. */
function listen(probe: Probe): Probe {
  probe.socket.on(EVENTS.roomUpdate, (room) => {
    const now = Date.now();
    if (room.phase === "question" && probe.question === undefined && room.question) {
      probe.startDeliveryMs = now - room.sentAt;
      probe.question = room.question;
    } else if (room.phase === "reveal" && probe.revealAt === undefined) {
      probe.revealDeliveryMs = now - room.sentAt;
      probe.revealAt = performance.now();
    }
  });
  return probe;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
