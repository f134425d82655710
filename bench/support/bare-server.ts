/**
 * The load bench's floor: a bare Socket.IO server doing what the product does for one room and
 * nothing else. Same socket.io, same options as server/realtime/socket-server.ts (transports,
 * no perMessageDeflate, connection-state recovery, buffer cap, pings), same event names from the
 * one contract, same channels (the room, the host, one per player), and the product's own frames:
 * the bench records them from the product's run of the same N in the same invocation
 * (BARE_TEMPLATES, a FrameTemplates JSON), so every payload has the product's size. What it leaves
 * out is the product: no database, no engine, no auth, no Next. Answers are checked with the
 * contract's zod schema as the product checks them; scores are a coin toss.
 *
 *   BARE_TEMPLATES=frames.json PORT=… HOST=127.0.0.1 node --import tsx bench/support/bare-server.ts
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { Server } from "socket.io";
import { ok, err } from "../../lib/contract/errors";
import { EVENTS } from "../../lib/contract/events";
import { HostCommandSchema, JoinRoomSchema, SubmitAnswerSchema } from "../../lib/contract/schemas";
import type { PlayerView, RoomView } from "../../lib/contract/views";
import type { ArenaServer, ArenaSocket } from "../../server/realtime/socket-types";
import { LOBBY_THROTTLE_MS, lobbyRoomIntervalMs } from "../../server/realtime/room-effects";
import type { FrameTemplates } from "./frame-templates";

/** The product's answer-count tick to the host (lib/game/answers.ts PROGRESS_TICK_MS). */
const PROGRESS_TICK_MS = 1_000;

interface Player {
  id: string;
  nickname: string;
  score: number;
  streak: number;
  rank: number;
  answered: number;
  connected: boolean;
}

const templates = JSON.parse(
  readFileSync(process.env.BARE_TEMPLATES ?? "", "utf8"),
) as FrameTemplates;
const code = templates.code;
const room = `room:${code}`;
const host = `host:${code}`;
const players = new Map<string, Player>();
let phase: RoomView["phase"] = "lobby";
let questionIndex = -1;
let answeredCount = 0;
let deadlineTimer: NodeJS.Timeout | undefined;
let lobbyTimer: NodeJS.Timeout | undefined;
let lobbyRoomTimer: NodeJS.Timeout | undefined;
let progressTimer: NodeJS.Timeout | undefined;

const httpServer = createServer((req, res) => {
  // The bench waits for this as it waits for the product's /api/health.
  res.writeHead(req.url === "/api/health" ? 200 : 404, { "content-type": "application/json" });
  res.end(JSON.stringify({ ok: req.url === "/api/health" }));
});
const io: ArenaServer = new Server(httpServer, {
  connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: true },
  maxHttpBufferSize: 64 * 1024,
  pingInterval: 20_000,
  pingTimeout: 20_000,
});

const stamp = <T extends { sentAt: number }>(view: T): T => ({ ...view, sentAt: Date.now() });

function meOf(player: Player, template = templates.me): PlayerView {
  return {
    ...template,
    playerId: player.id,
    nickname: player.nickname,
    score: player.score,
    rank: player.rank,
    streak: player.streak,
    questionIndex,
    answeredCurrent: player.answered === questionIndex,
    sentAt: Date.now(),
  };
}

/** One ranking per reveal (sorted once), then each player's own copy, as the product sends it. */
function publishToEachPlayer(view: RoomView): void {
  const ranked = [...players.values()].sort((a, b) => b.score - a.score);
  ranked.forEach((p, i) => {
    p.rank = i > 0 && ranked[i - 1]?.score === p.score ? (ranked[i - 1]?.rank ?? i + 1) : i + 1;
  });
  const shared = stamp(view);
  io.to(host).emit(EVENTS.roomUpdate, shared);
  for (const p of players.values())
    io.to(`player:${p.id}`).emit(EVENTS.roomUpdate, { ...shared, me: meOf(p) });
}

function openQuestion(index: number): void {
  const view = templates.questions[index];
  if (!view) return finish();
  phase = "question";
  clearTimeout(lobbyRoomTimer); // as the product's first question replaces a pending lobby snapshot
  lobbyRoomTimer = undefined;
  questionIndex = index;
  answeredCount = 0;
  const now = Date.now();
  const limitMs = (view.question?.timeLimitSec ?? 20) * 1000;
  io.to(room).emit(EVENTS.roomUpdate, {
    ...view,
    questionStartedAt: now,
    questionDeadline: now + limitMs,
    sentAt: now,
  });
  deadlineTimer = setTimeout(reveal, limitMs);
}

function reveal(): void {
  clearTimeout(deadlineTimer);
  clearTimeout(progressTimer);
  progressTimer = undefined;
  phase = "reveal";
  const view = templates.reveals[questionIndex] ?? templates.reveals[0];
  if (view) publishToEachPlayer(view);
}

function finish(): void {
  phase = "podium";
  if (templates.podium) publishToEachPlayer(templates.podium);
}

function next(): void {
  if (phase === "question") return reveal();
  if (phase === "reveal") {
    phase = "leaderboard";
    const view = templates.leaderboards[questionIndex] ?? templates.leaderboards[0];
    if (view) io.to(room).emit(EVENTS.roomUpdate, stamp(view));
    return;
  }
  if (phase === "leaderboard") openQuestion(questionIndex + 1);
}

/** As the product: the host's list on its throttle, the room's lobby snapshot on the room's. */
function scheduleLobby(): void {
  lobbyTimer ??= setTimeout(() => {
    lobbyTimer = undefined;
    const all = [...players.values()];
    const listed = all
      .slice(0, 200)
      .map((p) => ({ playerId: p.id, nickname: p.nickname, connected: p.connected }));
    io.to(host).emit(EVENTS.lobbyUpdate, {
      count: all.length,
      players: listed,
      offline: [],
      sentAt: Date.now(),
    });
  }, LOBBY_THROTTLE_MS);
  lobbyRoomTimer ??= setTimeout(() => {
    lobbyRoomTimer = undefined;
    io.to(room).emit(EVENTS.roomUpdate, {
      ...stamp(templates.lobbyRoom),
      playerCount: players.size,
    });
  }, lobbyRoomIntervalMs(players.size));
}

function scheduleProgress(): void {
  progressTimer ??= setTimeout(() => {
    progressTimer = undefined;
    const connected = [...players.values()].filter((p) => p.connected).length;
    io.to(host).emit(EVENTS.roundProgress, {
      questionIndex,
      answered: answeredCount,
      connected,
      offline: players.size - connected,
      sentAt: Date.now(),
    });
  }, PROGRESS_TICK_MS);
}

/**
 * A new room (the bench's next game on the same process): the last game's players and phase are
 * forgotten, as the product's new room starts empty. (The code stays: it comes from the
 * templates, and the last game's players are gone.)
 */
function newGame(): void {
  for (const timer of [deadlineTimer, lobbyTimer, lobbyRoomTimer, progressTimer]) {
    clearTimeout(timer);
  }
  deadlineTimer = lobbyTimer = lobbyRoomTimer = progressTimer = undefined;
  players.clear();
  phase = "lobby";
  questionIndex = -1;
  answeredCount = 0;
}

function onConnection(socket: ArenaSocket): void {
  socket.on(EVENTS.roomCreate, (_payload, ack) => {
    newGame();
    ack(ok({ code }));
  });
  socket.on(EVENTS.roomHost, (payload, ack) => {
    if (!HostCommandSchema.safeParse(payload).success) return ack(err("INVALID_PAYLOAD"));
    void socket.join([room, host]);
    ack(ok({ room: stamp(templates.lobbyRoom), lobby: stamp(templates.hostLobby) }));
  });
  socket.on(EVENTS.roomJoin, (payload, ack) => {
    const parsed = JoinRoomSchema.safeParse(payload);
    if (!parsed.success) return ack(err("INVALID_PAYLOAD"));
    if (parsed.data.code !== code) return ack(err("ROOM_NOT_FOUND"));
    const id = `${templates.me.playerId.slice(0, -6)}${String(players.size).padStart(6, "0")}`;
    const player: Player = {
      id,
      nickname: parsed.data.nickname,
      score: 0,
      streak: 0,
      rank: 1,
      answered: -1,
      connected: true,
    };
    players.set(id, player);
    socket.data.playerId = id;
    void socket.join([room, `player:${id}`]);
    socket.on("disconnect", () => {
      player.connected = false;
    });
    ack(
      ok({
        playerId: id,
        token: templates.token,
        room: stamp(templates.lobbyRoom),
        me: meOf(player, templates.joinMe),
      }),
    );
    scheduleLobby();
  });
  for (const event of [EVENTS.gameStart, EVENTS.gameNext] as const) {
    socket.on(event, (payload, ack) => {
      if (!HostCommandSchema.safeParse(payload).success) return ack(err("INVALID_PAYLOAD"));
      if (event === EVENTS.gameStart) openQuestion(0);
      else next();
      ack(ok(null));
    });
  }
  socket.on(EVENTS.roundAnswer, (payload, ack) => {
    const parsed = SubmitAnswerSchema.safeParse(payload);
    if (!parsed.success) return ack(err("INVALID_PAYLOAD"));
    const player = players.get(socket.data.playerId ?? "");
    if (!player) return ack(err("PLAYER_NOT_FOUND"));
    if (phase !== "question" || parsed.data.questionIndex !== questionIndex)
      return ack(err("ANSWER_TOO_LATE"));
    if (player.answered === questionIndex) return ack(err("ALREADY_ANSWERED"));
    player.answered = questionIndex;
    const correct = Math.random() < 0.5;
    player.streak = correct ? player.streak + 1 : 0;
    player.score += correct ? 500 + Math.round(Math.random() * 500) : 0;
    answeredCount += 1;
    ack(ok({ questionIndex }));
    if (answeredCount >= players.size) reveal();
    else scheduleProgress();
  });
}

io.on("connection", onConnection);
const port = Number(process.env.PORT ?? 0);
httpServer.listen(port, process.env.HOST ?? "127.0.0.1");
process.once("SIGTERM", () => {
  void io.close().then(() => process.exit(0));
});
