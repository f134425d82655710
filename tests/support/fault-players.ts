import { setTimeout as sleep } from "node:timers/promises";
import { type AckLedger, connectClient, fixtureAnswer } from "./fault-game";
import { request } from "./realtime-harness";
import type { JoinedPlayer, OpenRoom } from "./room-setup";

/**
 * Players and hosts as the app's client behaves when something fails: an answer that was not
 * acknowledged is sent again, and a socket whose node is gone opens on another node and resumes
 * with its token (a host re-attaches with its session). For the fault tests.
 */

/**
 * How an answer ended: acknowledged; stored though its acknowledgement was lost (a retry was
 * refused as already answered, or as too late while the player's view shows it counted); or too
 * late, not counted.
 */
export type AnswerOutcome = "acked" | "stored" | "closed";

/** Refusals and transport failures seen along the way, by code. */
export type FailureTally = Map<string, number>;

/** The question closed before this answer got in: a verdict of the game, not a failure. */
const CLOSED = new Set(["ANSWER_TOO_LATE", "QUESTION_NOT_CURRENT"]);

export async function answerUntilStored(opts: {
  room: OpenRoom;
  player: number;
  questionIndex: number;
  ledger: AckLedger;
  failures: FailureTally;
  /** A new socket for a player whose socket is gone (its node died). */
  reconnect?: (player: JoinedPlayer) => Promise<void>;
  retryMs?: number;
  deadlineMs?: number;
}): Promise<AnswerOutcome> {
  const { room, questionIndex, ledger, failures } = opts;
  const player = room.players[opts.player]!;
  const deadline = Date.now() + (opts.deadlineMs ?? 45_000);
  const tally = (code: string) => failures.set(code, (failures.get(code) ?? 0) + 1);
  // An earlier attempt was stored though its acknowledgement never arrived: it must count.
  const stored = (): AnswerOutcome => {
    ledger.add(player.session.playerId, questionIndex);
    return "stored";
  };
  while (Date.now() < deadline) {
    // Another caller is moving this player to a new node: its new socket is connected before it
    // has resumed, and an answer sent on it then is refused PLAYER_NOT_FOUND (the socket plays no
    // one yet). The app sends nothing before its resume either.
    await moving.get(player);
    if (!player.socket.connected && opts.reconnect) await opts.reconnect(player);
    const ack = await request(player.socket, "round:answer", {
      code: room.code,
      questionIndex,
      answer: fixtureAnswer(questionIndex, opts.player % 2 === 0),
    }).catch(() => null); // no acknowledgement at all: the socket died or timed out
    if (ack?.ok) {
      ledger.add(player.session.playerId, questionIndex);
      return "acked";
    }
    if (ack?.error === "ALREADY_ANSWERED") return stored();
    if (ack && CLOSED.has(ack.error)) {
      tally(`closed:${ack.error}`);
      // The question closed. The engine says "already answered" before "too late", so this
      // answer was not stored; the player's own view (as the app shows it at the reveal)
      // confirms it, and would catch a stored answer if that order ever changed.
      return (await countedAtReveal(player, questionIndex)) ? stored() : "closed";
    }
    tally(ack ? ack.error : "NO_ACK");
    await sleep(opts.retryMs ?? 300);
  }
  throw new Error(`player ${opts.player}: answer to ${questionIndex} never stored`);
}

/** Whether the player's own view (a fresh snapshot) shows an answer of theirs to the question. */
async function countedAtReveal(player: JoinedPlayer, questionIndex: number): Promise<boolean> {
  const snapshot = await request(player.socket, "room:resume", { token: player.session.token });
  if (!snapshot.ok) throw new Error(`${player.nickname}: no snapshot (${snapshot.error})`);
  const last = snapshot.data.me.lastResult;
  return last?.questionIndex === questionIndex && last.answered;
}

/** Moves under way, so that two callers (an answer loop, a reconnect sweep) share one. */
const moving = new WeakMap<JoinedPlayer, Promise<void>>();

/**
 * A new socket on `url` and room:resume, retried until that node answers for the room (until it
 * has taken the room over, the node may refuse or time out).
 */
export function resumeOn(
  url: string,
  player: JoinedPlayer,
  failures: FailureTally,
  deadlineMs = 45_000,
): Promise<void> {
  const underway = moving.get(player);
  if (underway) return underway;
  const move = moveTo(url, player, failures, deadlineMs).finally(() => moving.delete(player));
  moving.set(player, move);
  return move;
}

async function moveTo(
  url: string,
  player: JoinedPlayer,
  failures: FailureTally,
  deadlineMs: number,
): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  player.socket.disconnect();
  player.socket = await connectClient(url);
  while (Date.now() < deadline) {
    const ack = await request(player.socket, "room:resume", { token: player.session.token }).catch(
      () => null,
    );
    if (ack?.ok) return;
    const code = `resume:${ack ? ack.error : "NO_ACK"}`;
    failures.set(code, (failures.get(code) ?? 0) + 1);
    await sleep(300);
  }
  throw new Error(`${player.nickname} could not resume on ${url}`);
}

/** The host's new socket on `url`, attached again with room:host. */
export async function rehostOn(
  url: string,
  room: OpenRoom,
  failures: FailureTally,
  deadlineMs = 45_000,
): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  room.host.disconnect();
  room.host = await connectClient(url, { cookie: room.hostUser.cookie });
  while (Date.now() < deadline) {
    const ack = await request(room.host, "room:host", { code: room.code }).catch(() => null);
    if (ack?.ok) return;
    const code = `host:${ack ? ack.error : "NO_ACK"}`;
    failures.set(code, (failures.get(code) ?? 0) + 1);
    await sleep(300);
  }
  throw new Error(`the host could not re-attach on ${url}`);
}
