import { randomUUID } from "node:crypto";
import { err, ok, type Result } from "@/lib/contract/errors";
import { EVENTS, type PlayerSession } from "@/lib/contract/events";
import { JoinRoomSchema, ResumeSchema, SubmitAnswerSchema } from "@/lib/contract/schemas";
import type { RoomState } from "@/lib/game/types";
import { playerView, roomView } from "@/lib/game/views";
import { signPlayerToken, verifyPlayerToken } from "../../auth/player-token";
import { onRequest } from "../handler";
import { channels, type ArenaSocket } from "../socket-types";
import type { RealtimeDeps } from "../socket-server";

/** Player requests: join with a code and nickname, resume with a signed token, answer. */
export function registerPlayerHandlers(socket: ArenaSocket, deps: RealtimeDeps): void {
  const { runtime, logger, secret } = deps;
  const now = deps.now ?? Date.now;
  const clientKey = socket.handshake.address;

  onRequest(
    socket,
    logger,
    EVENTS.roomJoin,
    JoinRoomSchema,
    async ({ code, nickname }) => {
      // Failed joins are limited per address: room codes must not be enumerable by brute force.
      if (await deps.limits.blocked(clientKey)) return err("RATE_LIMITED");
      const playerId = randomUUID();
      const joined = await runtime.dispatch(code, {
        type: "player:join",
        playerId,
        nickname,
        userId: socket.data.userId,
      });
      if (!joined.ok) {
        if (joined.error === "ROOM_NOT_FOUND") await deps.limits.recordFailure(clientKey);
        return joined;
      }
      const token = await signPlayerToken({ roomCode: code, playerId }, secret);
      return attach(joined.data, playerId, token);
    },
    (error) =>
      error.issues.some((issue) => issue.path[0] === "nickname")
        ? "NICKNAME_INVALID"
        : "INVALID_PAYLOAD",
  );

  onRequest(socket, logger, EVENTS.roomResume, ResumeSchema, async ({ token }) => {
    if (await deps.limits.blocked(clientKey)) return err("RATE_LIMITED");
    const verified = await verifyPlayerToken(token, secret);
    if (!verified.ok) {
      await deps.limits.recordFailure(clientKey);
      return err("INVALID_TOKEN");
    }
    const { roomCode, playerId } = verified;
    const state = await runtime.get(roomCode);
    if (!state) return err("ROOM_NOT_FOUND");
    if (state.kicked.includes(playerId)) return err("KICKED");
    if (!state.players[playerId]) return err("PLAYER_NOT_FOUND");
    const connected = await runtime.dispatch(roomCode, {
      type: "player:connection",
      playerId,
      connected: true,
    });
    return attach(connected.ok ? connected.data : state, playerId, token);
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

  async function attach(
    state: RoomState,
    playerId: string,
    token: string,
  ): Promise<Result<PlayerSession>> {
    const previous = socket.data.playerId;
    if (previous && previous !== playerId) await socket.leave(channels.player(previous));
    await socket.join([channels.room(state.code), channels.player(playerId)]);
    socket.data.roomCode = state.code;
    socket.data.playerId = playerId;
    const at = now();
    const me = playerView(state, playerId, at);
    if (!me) return err("PLAYER_NOT_FOUND");
    return ok({ playerId, token, room: roomView(state, at), me });
  }
}
