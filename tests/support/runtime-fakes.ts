import type {
  LobbyView,
  PlayerView,
  ProgressView,
  RoomView,
  SubmissionResultView,
} from "@/lib/contract/views";
import type { AnswerRecord } from "@/lib/game/types";
import {
  AnswerExistsError,
  type RoomRepository,
  type SubmissionRepository,
} from "@/server/repositories/types";
import type { RoomTransport } from "@/server/realtime/room-transport";
import { err } from "@/lib/contract/errors";
import type { ForwardReply, ForwardRequest, RoomBus } from "@/server/realtime/room-bus";

/** Fakes of the runtime's ports: a transport that records, repositories that record or fail. */

export type Sent =
  | { to: "room" | "host"; code: string; room: RoomView }
  | { to: "player"; playerId: string; room: RoomView; me: PlayerView }
  | { to: "own"; playerId: string; me: PlayerView }
  | { to: "lobby-host"; code: string; lobby: LobbyView }
  | { to: "progress"; code: string; progress: ProgressView }
  | { to: "kick"; code: string; playerId: string }
  | { to: "submission"; playerId: string; result: SubmissionResultView };

export class RecordingTransport implements RoomTransport {
  sent: Sent[] = [];
  toRoom(code: string, room: RoomView) {
    this.sent.push({ to: "room", code, room });
  }
  toHost(code: string, room: RoomView) {
    this.sent.push({ to: "host", code, room });
  }
  roomToPlayer(playerId: string, room: RoomView, me: PlayerView) {
    this.sent.push({ to: "player", playerId, room, me });
  }
  roomToPlayers(_code: string, room: RoomView, mes: readonly PlayerView[]) {
    for (const me of mes) this.roomToPlayer(me.playerId, room, me);
  }
  toPlayer(playerId: string, me: PlayerView) {
    this.sent.push({ to: "own", playerId, me });
  }
  lobbyToHost(code: string, lobby: LobbyView) {
    this.sent.push({ to: "lobby-host", code, lobby });
  }
  progress(code: string, progress: ProgressView) {
    this.sent.push({ to: "progress", code, progress });
  }
  kick(code: string, playerId: string) {
    this.sent.push({ to: "kick", code, playerId });
  }
  submissionResult(playerId: string, result: SubmissionResultView) {
    this.sent.push({ to: "submission", playerId, result });
  }
  /** How many of each kind were sent, and clears the record. */
  take(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const s of this.sent) counts[s.to] = (counts[s.to] ?? 0) + 1;
    this.sent = [];
    return counts;
  }
}

/** What pg reports when a query times out (isDatabaseUnavailable recognises it). */
export const timeout = () => new Error("Query read timeout");

/** Records every write; set `failNext` to make the next write of that kind throw. */
export class FakeRoomRepository implements RoomRepository {
  joined: string[] = [];
  answers: AnswerRecord[] = [];
  batches: number[] = [];
  joinBatches: number[] = [];
  finished = 0;
  failNext: Partial<Record<"addPlayer" | "addPlayers" | "saveAnswer" | "saveAnswers", Error>> = {};

  private fail(kind: keyof FakeRoomRepository["failNext"]): void {
    const error = this.failNext[kind];
    delete this.failNext[kind];
    if (error) throw error;
  }
  create() {
    return Promise.resolve({ id: "room-1" });
  }
  addPlayer(input: { playerId: string }) {
    this.fail("addPlayer");
    this.joined.push(input.playerId);
    return Promise.resolve();
  }
  async addPlayers(_roomId: string, players: readonly { playerId: string }[]) {
    await Promise.resolve();
    this.fail("addPlayers");
    this.joinBatches.push(players.length);
    this.joined.push(...players.map((p) => p.playerId));
  }
  markKicked() {
    return Promise.resolve();
  }
  setHiddenName() {
    return Promise.resolve();
  }
  markStarted() {
    return Promise.resolve();
  }
  markQuestionShown() {
    return Promise.resolve();
  }
  async saveAnswer(_roomId: string, record: AnswerRecord) {
    await Promise.resolve();
    this.fail("saveAnswer");
    this.insertAnswers([record]);
  }
  async saveAnswers(_roomId: string, records: readonly AnswerRecord[]) {
    this.writing += 1;
    try {
      await this.gate;
      this.fail("saveAnswers");
      this.insertAnswers(records);
      this.batches.push(records.length);
    } finally {
      this.writing -= 1;
    }
  }
  /** Answer writes started and not yet done. */
  writing = 0;
  private gate: Promise<void> = Promise.resolve();
  /** Holds every answer burst's write (saveAnswers) until the returned function is called. */
  holdAnswerWrites(): () => void {
    let release = () => {};
    this.gate = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.gate = Promise.resolve();
      release();
    };
  }
  /** As the Answer table: one answer per player per question, and a clash writes nothing. */
  private insertAnswers(records: readonly AnswerRecord[]): void {
    const key = (a: AnswerRecord) => `${a.playerId}/${a.questionIndex}`;
    const stored = new Set(this.answers.map(key));
    if (records.some((r) => stored.has(key(r)))) throw new AnswerExistsError();
    this.answers.push(...records);
  }
  aborted: string[] = [];
  abortUnfinished(input: { roomIds?: readonly string[] }) {
    this.aborted.push(...(input.roomIds ?? []));
    return Promise.resolve([...(input.roomIds ?? [])]);
  }
  finish() {
    this.finished += 1;
    return Promise.resolve();
  }
  getResults() {
    return Promise.resolve(null);
  }
}

const unused = () => Promise.reject(new Error("not used by the runtime tests"));
export const noSubmissions: SubmissionRepository = {
  create: unused,
  saveEvaluation: unused,
  markFinal: unused,
  get: unused,
  listForRound: unused,
  listOwn: unused,
  bestModels: unused,
};

/**
 * Nodes in one process: a bus per node id, forwarding to the node's handler as RedisRoomBus does
 * over pub/sub (a node that is gone or not serving is BUSY).
 */
export class LocalBusNetwork {
  private readonly handlers = new Map<string, (request: ForwardRequest) => Promise<ForwardReply>>();

  bus(nodeId: string): RoomBus {
    return {
      nodeId,
      forward: (node, request) =>
        this.handlers.get(node)?.(request) ?? Promise.resolve(err("BUSY")),
      serve: (handler) => {
        this.handlers.set(nodeId, handler);
      },
      close: () => {
        this.handlers.delete(nodeId);
        return Promise.resolve();
      },
    };
  }
}
