import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { EVENTS } from "../../lib/contract/events";
import type { RoomView } from "../../lib/contract/views";
import { connectClient, request, signUpHost, type Client } from "./clients";
import { TemplateRecorder, type FrameTemplates } from "./frame-templates";
import type { FromWorker, ToWorker, WorkerReport } from "./player-protocol";
import type { RunningServer } from "./server-process";
import { sleep, summarize, type Summary } from "./stats";

/** The scenario: one room, 5 questions, each player thinks 0.5-3 s before answering. */
export const QUESTIONS = 5;
const THINK_MIN_MS = 500;
const THINK_MAX_MS = 3_000;
/** Long enough that a slow server's late acks still count as answers, not as refusals. */
const TIME_LIMIT_SEC = 30;
/** The host looks at the reveal and at the leaderboard this long before moving on. */
const HOST_PAUSE_MS = 1_000;
const ACK_TIMEOUT_MS = 120_000;
const SETTLE_MS = 1_500;
const WORKER = path.join(import.meta.dirname, "player-worker.ts");

export interface GameOptions {
  servers: RunningServer[];
  players: number;
  perProcess: number;
  batch: number;
  /** Product: a signed-up host (session cookie) and the recorded frames; bare: neither. */
  secret?: string;
  /** taskset -c for the player processes ("" leaves them unpinned). */
  clientCpus: string;
}

export interface GameResult {
  players: number;
  joined: number;
  joinWallMs: number;
  joinAckMs: Summary;
  joinErrors: Record<string, number>;
  answerAckMs: Summary;
  answerErrors: Record<string, number>;
  questionFanoutMs: Summary;
  rankFanoutMs: Summary;
  leaderboardFanoutMs: Summary;
  /** Server CPU (all nodes) from game:start to the podium, divided by the questions. */
  cpuPerQuestionMs: number;
  /** The same per question: the first one also pays for code paths run for the first time. */
  cpuByQuestionMs: number[];
  framesPerPlayerPerQuestion: number;
  /** Mean JSON size of a player's room:update by phase. */
  frameBytes: Record<string, number>;
  rssIdleMb: number;
  rssJoinedMb: number;
  peakRssMb: number;
  rssPerPlayerKb: number;
  dropped: number;
  missedQuestions: number;
  gameMs: number;
  status: "ok" | "degraded";
  /** Why the status is degraded, in words. */
  problems: string[];
}

/** Plays the scenario once; returns the figures and, for the product, the frames it sent. */
export async function playGame(
  opts: GameOptions,
): Promise<{ result: GameResult; templates: FrameTemplates | null }> {
  const [first] = opts.servers;
  if (!first) throw new Error("no server");
  const sum = (f: (s: RunningServer) => number): number =>
    opts.servers.reduce((total, s) => total + f(s), 0);
  const rssIdleMb = sum((s) => s.rssMb());
  const workers: ChildProcess[] = [];
  let host: Client | null = null;
  try {
    const cookie = opts.secret
      ? (await signUpHost(first.url, opts.secret, `n${opts.players}`)).cookie
      : undefined;
    host = await connectClient(first.url, 30_000, cookie);
    const created = await request(
      host,
      EVENTS.roomCreate,
      {
        settings: {
          defaultTimeLimitSec: TIME_LIMIT_SEC,
          questionCount: QUESTIONS,
          maxPlayers: opts.players,
        },
      },
      ACK_TIMEOUT_MS,
    );
    if (!created.ok) throw new Error(`room:create refused: ${created.error}`);
    const { code } = created.data;
    const hosted = await request(host, EVENTS.roomHost, { code }, ACK_TIMEOUT_MS);
    if (!hosted.ok) throw new Error(`room:host refused: ${hosted.error}`);
    const recorder = opts.secret ? new TemplateRecorder(code, hosted.data) : null;
    const cpuAtQuestion: number[] = [];
    const podium = drive(host, code, recorder, () => cpuAtQuestion.push(sum((s) => s.cpuMs())));
    // Awaited after the joins; until then a rejection must not end the process as unhandled.
    podium.catch(() => undefined);

    const count = Math.ceil(opts.players / opts.perProcess);
    const joinedAll: Promise<unknown>[] = [];
    const joinStarted = performance.now();
    for (let w = 0; w < count; w += 1) {
      const worker = startWorker(opts.clientCpus);
      workers.push(worker);
      worker.on("message", (m: FromWorker) => {
        if (m.type === "sample") recorder?.onPlayerSample(m.session, m.revealMe);
      });
      joinedAll.push(next(worker, "joined"));
      const from = w * opts.perProcess;
      send(worker, {
        type: "join",
        urls: opts.servers.map((s) => s.url),
        code,
        from,
        count: Math.min(opts.perProcess, opts.players - from),
        batch: opts.batch,
        thinkMinMs: THINK_MIN_MS,
        thinkMaxMs: THINK_MAX_MS,
        sample: w === 0,
      });
    }
    await Promise.all(joinedAll);
    const joinWallMs = performance.now() - joinStarted;
    await sleep(SETTLE_MS);
    const rssJoinedMb = sum((s) => s.rssMb());

    const cpu0 = sum((s) => s.cpuMs());
    const gameStarted = performance.now();
    const started = await request(host, EVENTS.gameStart, { code }, ACK_TIMEOUT_MS);
    if (!started.ok) throw new Error(`game:start refused: ${started.error}`);
    await podium;
    const gameMs = performance.now() - gameStarted;
    const cpuEnd = sum((s) => s.cpuMs());
    const cpuMs = cpuEnd - cpu0;
    // From each question's broadcast to the next one's (the last: to the podium).
    const cpuByQuestionMs = cpuAtQuestion.map((at, i) => (cpuAtQuestion[i + 1] ?? cpuEnd) - at);
    // Acks of the last question may still be on their way when the podium lands: let them in.
    await sleep(SETTLE_MS);

    const reports = await Promise.all(
      workers.map(async (w) => {
        const reply = next(w, "report");
        send(w, { type: "report" });
        return ((await reply) as Extract<FromWorker, { type: "report" }>).report;
      }),
    );
    const result = summarizeGame(opts.players, reports, {
      joinWallMs,
      cpuMs,
      cpuByQuestionMs,
      gameMs,
      rssIdleMb,
      rssJoinedMb,
      peakRssMb: sum((s) => s.peakRssMb()),
    });
    return { result, templates: recorder?.templates() ?? null };
  } finally {
    host?.disconnect();
    for (const w of workers) if (w.connected) send(w, { type: "close" });
    await sleep(500);
    for (const w of workers) w.kill("SIGKILL");
  }
}

/** The host's part: after each reveal and leaderboard, a pause, then game:next; until the podium. */
function drive(
  host: Client,
  code: string,
  recorder: TemplateRecorder | null,
  onQuestion: () => void,
): Promise<void> {
  const timeoutMs = QUESTIONS * (TIME_LIMIT_SEC * 1000 + 4 * HOST_PAUSE_MS) + 120_000;
  return new Promise((resolve, reject) => {
    // Counted from the first question: joining 10,000 players may take minutes of its own.
    let timer: NodeJS.Timeout | undefined;
    const startClock = (): void => {
      timer ??= setTimeout(() => reject(new Error(`no podium within ${timeoutMs} ms`)), timeoutMs);
    };
    const advance = (): void => {
      setTimeout(() => {
        request(host, EVENTS.gameNext, { code }, ACK_TIMEOUT_MS).catch(reject);
      }, HOST_PAUSE_MS);
    };
    let last = "";
    host.on(EVENTS.roomUpdate, (room: RoomView) => {
      recorder?.onHostRoom(room);
      const step = `${room.phase}:${room.question?.index ?? -1}`;
      if (step === last) return;
      last = step;
      if (room.phase === "question") {
        startClock();
        onQuestion();
      } else if (room.phase === "reveal" || room.phase === "leaderboard") advance();
      else if (room.phase === "podium") {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}

function startWorker(cpus: string): ChildProcess {
  const args = ["--import", "tsx", WORKER];
  const [command, argv] = cpus
    ? ["taskset", ["-c", cpus, process.execPath, ...args]]
    : [process.execPath, args];
  return spawn(command, argv, { stdio: ["ignore", "inherit", "inherit", "ipc"] });
}

function send(worker: ChildProcess, message: ToWorker): void {
  worker.send(message);
}

function next(worker: ChildProcess, type: FromWorker["type"]): Promise<FromWorker> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: FromWorker): void => {
      if (m.type !== type) return;
      worker.off("message", onMessage);
      resolve(m);
    };
    worker.on("message", onMessage);
    worker.once("exit", (exitCode) => reject(new Error(`player process exited (${exitCode})`)));
  });
}

function summarizeGame(
  players: number,
  reports: WorkerReport[],
  measured: Pick<
    GameResult,
    "joinWallMs" | "cpuByQuestionMs" | "gameMs" | "rssIdleMb" | "rssJoinedMb" | "peakRssMb"
  > & {
    cpuMs: number;
  },
): GameResult {
  const all = (f: (r: WorkerReport) => number[]): number[] => reports.flatMap(f);
  const merge = (f: (r: WorkerReport) => Record<string, number>): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const r of reports) for (const [k, n] of Object.entries(f(r))) out[k] = (out[k] ?? 0) + n;
    return out;
  };
  const joined = reports.reduce((n, r) => n + r.joined, 0);
  const dropped = reports.reduce((n, r) => n + r.dropped, 0);
  const missedQuestions = reports.reduce((n, r) => n + r.missedQuestions, 0);
  const frames = reports.reduce((n, r) => n + r.frames, 0);
  const bytes: Record<string, number> = {};
  for (const phase of ["lobby", "question", "reveal", "leaderboard", "podium"]) {
    const sizes = all((r) => r.frameBytes[phase] ?? []);
    if (sizes.length) bytes[phase] = sizes.reduce((a, b) => a + b, 0) / sizes.length;
  }
  const answerAckMs = summarize(all((r) => r.answerAckMs));
  const joinAckMs = summarize(all((r) => r.joinAckMs));
  const answerErrors = merge((r) => r.answerErrors);
  const joinErrors = merge((r) => r.joinErrors);
  const problems: string[] = [];
  if (joined < players) problems.push(`${players - joined} players not joined`);
  if (dropped > 0) problems.push(`${dropped} players dropped`);
  if (missedQuestions > 0) problems.push(`${missedQuestions} questions missed by players`);
  if (Object.keys(answerErrors).length > 0) problems.push("answers refused or unacknowledged");
  // Every ack: a join's as well as an answer's.
  if (!(answerAckMs.max <= 1_000))
    problems.push(`slowest answer ack ${Math.round(answerAckMs.max)} ms > 1 s`);
  if (!(joinAckMs.max <= 1_000))
    problems.push(`slowest join ack ${Math.round(joinAckMs.max)} ms > 1 s`);
  return {
    players,
    joined,
    joinWallMs: measured.joinWallMs,
    joinAckMs,
    joinErrors,
    answerAckMs,
    answerErrors,
    questionFanoutMs: summarize(all((r) => r.questionFanoutMs)),
    rankFanoutMs: summarize(all((r) => r.rankFanoutMs)),
    leaderboardFanoutMs: summarize(all((r) => r.leaderboardFanoutMs)),
    cpuPerQuestionMs: measured.cpuMs / QUESTIONS,
    cpuByQuestionMs: measured.cpuByQuestionMs,
    framesPerPlayerPerQuestion: joined ? frames / joined / QUESTIONS : Number.NaN,
    frameBytes: bytes,
    rssIdleMb: measured.rssIdleMb,
    rssJoinedMb: measured.rssJoinedMb,
    peakRssMb: measured.peakRssMb,
    rssPerPlayerKb: joined
      ? ((measured.rssJoinedMb - measured.rssIdleMb) * 1024) / joined
      : Number.NaN,
    dropped,
    missedQuestions,
    gameMs: measured.gameMs,
    status: problems.length === 0 ? "ok" : "degraded",
    problems,
  };
}

export function defaultClientCpus(): string {
  // Server on core 0, players on the rest (here: core 1); one core: share it.
  const cpus = os.cpus().length;
  return cpus > 1 ? `1-${cpus - 1}` : "";
}
