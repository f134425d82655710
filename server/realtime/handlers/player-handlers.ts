import { randomUUID } from "node:crypto";
import { err, ok, type Result } from "@/lib/contract/errors";
import { EVENTS, type PlayerSession } from "@/lib/contract/events";
import {
  CloseRoundSchema,
  JoinRoomSchema,
  ResumeSchema,
  SubmitAnswerSchema,
} from "@/lib/contract/schemas";
import { findPlayer } from "@/lib/game/room-state";
import { signPlayerToken, verifyPlayerToken } from "../../auth/player-token";
import { nicknameAllowedByWordFilter } from "@/lib/game/nickname-words";
import { eventGateFor } from "../../events/event-rooms";
import { onRequest } from "../handler";
import { seatOf, type PlayerSeat } from "../player-seat";
import { channels, type ArenaSocket } from "../socket-types";
import type { RealtimeDeps } from "../socket-server";

/** Sockets with a room:join running (kept off socket.data, which recovery may restore). */
const joining = new WeakSet<ArenaSocket>();

/**
 * Player requests: join with a code and nickname, resume with a signed token, answer, and in a
 * self-paced attempt close a coding round early.
 */
export function registerPlayerHandlers(socket: ArenaSocket, deps: RealtimeDeps): void {
  const { runtime, logger, secret } = deps;
  const now = deps.now ?? Date.now;
  const lookup = { address: socket.data.address, socket: socket.id };
  /** The room's answer when the look-up's point was consumed, RATE_LIMITED when it was not. */
  const failedLookup = async <T>(answer: Result<T>): Promise<Result<T>> =>
    (await deps.limits.recordFailure(lookup)) ? answer : err("RATE_LIMITED");

  onRequest(
    socket,
    logger,
    EVENTS.roomJoin,
    JoinRoomSchema,
    async ({ code, nickname, candidateToken }) => {
      if (deps.settings.nicknameWordFilter && !nicknameAllowedByWordFilter(nickname)) {
        return err("NICKNAME_NOT_ALLOWED");
      }
      // One socket is at most one player: a second player on it would never answer, and every
      // question would wait its full timer for this "connected" ghost.
      if (joining.has(socket)) return err("BUSY");
      joining.add(socket);
      try {
        const current = await currentPlayer(code);
        if (current) return err(current);
        // Failed joins are limited per socket and per address: room codes must not be
        // enumerable. A blocked caller looks nothing up (a success would still tell a real code).
        if (await deps.limits.blocked(lookup)) return err("RATE_LIMITED");
        // A room under an event seats its registered candidates only (server/events).
        const admitted = await eventGateFor(deps.repos.events, secret).admitJoin(
          code,
          candidateToken,
          new Date(now()),
        );
        if (!admitted.ok) return err(admitted.error);
        const playerId = randomUUID();
        const joined = await runtime.dispatchAndSeat(
          code,
          {
            type: "player:join",
            playerId,
            nickname,
            userId: socket.data.userId,
            ...(admitted.candidateId === undefined ? {} : { candidateId: admitted.candidateId }),
          },
          playerId,
        );
        if (!joined.ok) return joined.error === "ROOM_NOT_FOUND" ? failedLookup(joined) : joined;
        const token = await signPlayerToken({ roomCode: code, playerId }, secret);
        return await attach(joined.data, playerId, token);
      } finally {
        joining.delete(socket);
      }
    },
    (error) =>
      error.issues.some((issue) => issue.path[0] === "nickname")
        ? "NICKNAME_INVALID"
        : "INVALID_PAYLOAD",
  );

  onRequest(socket, logger, EVENTS.roomResume, ResumeSchema, async ({ token }) => {
    if (await deps.limits.blocked(lookup)) return err("RATE_LIMITED");
    const verified = await verifyPlayerToken(token, secret);
    if (!verified.ok) return failedLookup(err("INVALID_TOKEN"));
    const { roomCode, playerId } = verified;
    // Resuming the socket's own player is a reconnect; taking over another live one is a join.
    if (socket.data.playerId !== playerId) {
      const current = await currentPlayer(roomCode);
      if (current) return err(current);
    }
    const state = await runtime.get(roomCode);
    if (!state) return err("ROOM_NOT_FOUND");
    if (state.kicked.includes(playerId)) return err("KICKED");
    if (!findPlayer(state, playerId)) return err("PLAYER_NOT_FOUND");
    const connection = { type: "player:connection", playerId, connected: true } as const;
    const connected = await runtime.dispatchAndSeat(roomCode, connection, playerId);
    let latest = connected.ok ? connected.data : seatOf(state, playerId, now());
    // A self-paced attempt (lib/game/self-paced.ts) starts its clock only once its player's
    // screen is here to see the first question.
    if (latest.selfPacedLobby) {
      const started = await runtime.dispatchAndSeat(roomCode, { type: "host:start" }, playerId);
      if (!started.ok) return started;
      latest = started.data;
    }
    return attach(latest, playerId, token);
  });

  onRequest(socket, logger, EVENTS.roundAnswer, SubmitAnswerSchema, async (input) => {
    const { playerId, roomCode } = socket.data;
    if (!playerId || roomCode !== input.code) return err("PLAYER_NOT_FOUND");
    const answered = await runtime.dispatch(input.code, {
      type: "player:answer",
      playerId,
      questionIndex: input.questionIndex,
      answer: input.answer,
    });
    return answered.ok ? ok({ questionIndex: input.questionIndex }) : answered;
  });

  // Identity is the socket's own player, never a payload field: only the attempt's player can
  // close its round. The engine refuses it in a live room, outside a coding round and twice.
  onRequest(socket, logger, EVENTS.roundClose, CloseRoundSchema, async (input) => {
    const { playerId, roomCode } = socket.data;
    if (!playerId || roomCode !== input.code) return err("PLAYER_NOT_FOUND");
    const closed = await runtime.dispatch(input.code, {
      type: "player:close-round",
      playerId,
      questionIndex: input.questionIndex,
    });
    return closed.ok ? ok(null) : closed;
  });

  /**
   * Why this socket may not become another player: it still plays (ALREADY_JOINED) or was
   * kicked from this very room (KICKED: the server disconnects a kicked socket, but a join can
   * race the kick). A socket whose game is over, or whose room is gone, may join again: the app
   * keeps one socket across client-side navigation.
   */
  async function currentPlayer(code: string): Promise<"ALREADY_JOINED" | "KICKED" | null> {
    const { playerId, roomCode } = socket.data;
    if (!playerId || !roomCode) return null;
    const state = await runtime.get(roomCode);
    if (!state) return null;
    if (state.kicked.includes(playerId)) return roomCode === code ? "KICKED" : null;
    return findPlayer(state, playerId) && state.phase !== "podium" ? "ALREADY_JOINED" : null;
  }

  async function attach(
    seat: PlayerSeat,
    playerId: string,
    token: string,
  ): Promise<Result<PlayerSession>> {
    const previous = socket.data.playerId;
    if (previous && previous !== playerId) await socket.leave(channels.player(previous));
    const { room, me } = seat;
    if (!me) return err("PLAYER_NOT_FOUND");
    await socket.join([channels.room(room.code), channels.player(playerId)]);
    socket.data.roomCode = room.code;
    socket.data.playerId = playerId;
    return ok({ playerId, token, room, me });
  }
}
