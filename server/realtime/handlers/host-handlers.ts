import { randomBytes } from "node:crypto";
import { err, ok, type Result } from "@/lib/contract/errors";
import { EVENTS, type HostSession } from "@/lib/contract/events";
import {
  CreateRoomSchema,
  HostCommandSchema,
  HostRoomSchema,
  KickSchema,
  LockRoomSchema,
  MuteSchema,
} from "@/lib/contract/schemas";
import { createRoomState } from "@/lib/game/create-room";
import { may } from "@/lib/accounts/roles";
import type { CodingBaseline, EngineEvent, RoomState } from "@/lib/game/types";
import { lobbyView, roomView } from "@/lib/game/views";
import { eventGateFor } from "../../events/event-rooms";
import { RoomCodeTakenError } from "../../repositories/types";
import { onRequest } from "../handler";
import { newRoomCode } from "../room-codes";
import { resolveRoomQuestions } from "./room-questions";
import { channels, type ArenaSocket } from "../socket-types";
import type { RealtimeDeps } from "../socket-server";

const CODE_ATTEMPTS = 8;

/** Host-only requests. Identity is the verified session's user id, never a payload field. */
export function registerHostHandlers(socket: ArenaSocket, deps: RealtimeDeps): void {
  const { runtime, repos, logger } = deps;
  const now = deps.now ?? Date.now;

  onRequest(socket, logger, EVENTS.roomCreate, CreateRoomSchema, async (input) => {
    const hostUserId = socket.data.userId;
    if (!hostUserId) return err("UNAUTHENTICATED");
    if (!(await mayHost(deps, hostUserId))) return err("ROLE_REQUIRED");
    // The schema allows up to ROOM_PLAYERS_MAX; this server may be configured for fewer.
    if (input.settings.maxPlayers > deps.settings.maxRoomPlayers) return err("INVALID_PAYLOAD");
    if (!(await deps.limits.allowCreate(hostUserId))) return err("RATE_LIMITED");
    const resolved = await resolveRoomQuestions(input, hostUserId, repos);
    if (!resolved.ok) return resolved;
    const { questions, codingRounds, questionSetId, questionSetIds, selection } = resolved.data;
    if (input.eventId) {
      const refusal = await eventGateFor(repos.events, deps.secret).checkCreate({
        eventId: input.eventId,
        hostUserId,
        // A quiz-free room (coding rounds only) draws from no set.
        setIds: questions.length > 0 ? [questionSetId, ...questionSetIds] : [],
        now: new Date(now()),
      });
      if (refusal) return err(refusal);
    }
    // A selection has already decided how many questions play; the count applies to a slug only.
    const settings = { ...input.settings };
    if (input.selection) delete settings.questionCount;
    // "Shrink the baseline" rounds rank against the baseline's accuracy on the private split.
    let codingBaseline: CodingBaseline | null = null;
    if (codingRounds.some(({ round }) => round.variant === "shrink")) {
      if (!deps.baseline) return err("INTERNAL");
      const { publicAccuracy, privateAccuracy, sizeBytes } = await deps.baseline();
      codingBaseline = { publicAccuracy, privateAccuracy, sizeBytes };
    }

    for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
      const code = newRoomCode();
      if (await runtime.get(code)) continue;
      try {
        const { id } = await repos.rooms.create({
          code,
          hostId: hostUserId,
          questionSetId,
          questionSetIds,
          settings,
          questionIds: questions.map((q) => q.id),
          ...(selection === undefined ? {} : { selection }),
          ...(input.eventId === undefined ? {} : { eventId: input.eventId }),
        });
        const state = createRoomState({
          roomId: id,
          code,
          hostUserId,
          settings,
          questions,
          codingRounds,
          codingBaseline,
          now: now(),
          random: Math.random,
          // Secret per room: a nickname flood aimed at one hash slot needs the seed.
          hashSeed: [randomBytes(4).readUInt32LE(0), randomBytes(4).readUInt32LE(0)],
        });
        await runtime.open(state);
        logger.info("room created", { code, questions: questions.length });
        return ok({ code });
      } catch (error) {
        if (!(error instanceof RoomCodeTakenError)) throw error;
      }
    }
    return err("INTERNAL");
  });

  onRequest(socket, logger, EVENTS.roomHost, HostRoomSchema, async ({ code }) => {
    const room = await hostedRoom(socket, deps, code);
    if (!room.ok) return room;
    await socket.join([channels.room(code), channels.host(code)]);
    socket.data.roomCode = code;
    socket.data.isHost = true;
    const at = now();
    return ok<HostSession>({ room: roomView(room.data, at), lobby: lobbyView(room.data, at) });
  });

  const command = <
    S extends
      typeof HostCommandSchema | typeof LockRoomSchema | typeof KickSchema | typeof MuteSchema,
  >(
    event:
      | typeof EVENTS.gameStart
      | typeof EVENTS.gameNext
      | typeof EVENTS.gameEnd
      | typeof EVENTS.roomLock
      | typeof EVENTS.roomKick
      | typeof EVENTS.roomMute,
    schema: S,
    toEngine: (payload: ReturnType<S["parse"]>) => EngineEvent,
  ) =>
    onRequest(socket, logger, event, schema, async (payload) => {
      const { code } = payload as { code: string };
      const room = await hostedRoom(socket, deps, code);
      if (!room.ok) return room;
      const result = await runtime.dispatch(code, toEngine(payload as ReturnType<S["parse"]>));
      return result.ok ? ok(null) : result;
    });

  command(EVENTS.gameStart, HostCommandSchema, () => ({ type: "host:start" }));
  command(EVENTS.gameNext, HostCommandSchema, () => ({ type: "host:next" }));
  command(EVENTS.gameEnd, HostCommandSchema, () => ({ type: "host:end" }));
  command(EVENTS.roomLock, LockRoomSchema, (p) => ({ type: "host:lock", locked: p.locked }));
  command(EVENTS.roomKick, KickSchema, (p) => ({ type: "host:kick", playerId: p.playerId }));
  command(EVENTS.roomMute, MuteSchema, (p) => ({
    type: "host:mute",
    playerId: p.playerId,
    muted: p.muted,
  }));
}

/**
 * The room, when this socket's signed-in user hosts it. Anyone else gets ROOM_NOT_FOUND whether
 * the code is unknown or someone else's room, by the same path (one look-up, one consume), and
 * it counts as a failed look-up: host commands must not tell real codes from fake ones. A guest
 * is told to sign in without any look-up. A host steering their own room is never limited.
 * Shared with the team handlers (team-handlers.ts).
 */
export async function hostedRoom(
  socket: ArenaSocket,
  deps: RealtimeDeps,
  code: string,
): Promise<Result<RoomState>> {
  const userId = socket.data.userId;
  if (!userId) return err("UNAUTHENTICATED");
  if (!(await mayHost(deps, userId))) return err("ROLE_REQUIRED");
  const state = await deps.runtime.get(code);
  // A self-paced room has no host: its owner must not steer (or end) a player's attempt.
  if (state && state.hostUserId === userId && !state.selfPaced) return ok(state);
  const counted = await deps.limits.recordFailure({
    address: socket.data.address,
    socket: socket.id,
  });
  return err(counted ? "ROOM_NOT_FOUND" : "RATE_LIMITED");
}

/** The role as stored now (issue 10): a host whose role an admin revoked stops hosting at once. */
export async function mayHost(deps: RealtimeDeps, userId: string): Promise<boolean> {
  const role = await deps.repos.accounts.role(userId);
  return role !== null && may(role, "host");
}
