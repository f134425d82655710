import { randomBytes } from "node:crypto";
import { err, ok } from "@/lib/contract/errors";
import { EVENTS } from "@/lib/contract/events";
import {
  AssignTeamSchema,
  ConfigureTeamsSchema,
  PickTeamSchema,
  ShuffleTeamsSchema,
} from "@/lib/contract/teams";
import type { EngineEvent } from "@/lib/game/types";
import { onRequest } from "../handler";
import type { ArenaSocket } from "../socket-types";
import type { RealtimeDeps } from "../socket-server";
import { hostedRoom } from "./host-handlers";

/**
 * Team mode's requests (lib/game/teams.ts has the rules). The host's are checked as every host
 * command is (hostedRoom); a player picks only as the player this socket joined as. Randomness
 * is drawn here, from the CSPRNG, and handed to the engine as a seed.
 */
export function registerTeamHandlers(socket: ArenaSocket, deps: RealtimeDeps): void {
  const { runtime, logger } = deps;
  const seed = () => randomBytes(4).readUInt32LE(0);

  const asHost = async (code: string, event: EngineEvent) => {
    const room = await hostedRoom(socket, deps, code);
    if (!room.ok) return room;
    const result = await runtime.dispatch(code, event);
    return result.ok ? ok(null) : result;
  };

  onRequest(socket, logger, EVENTS.teamsConfigure, ConfigureTeamsSchema, ({ code, teams }) =>
    asHost(code, { type: "host:teams", settings: teams, seed: seed() }),
  );
  onRequest(socket, logger, EVENTS.teamsShuffle, ShuffleTeamsSchema, ({ code }) =>
    asHost(code, { type: "host:teams-shuffle", seed: seed() }),
  );
  onRequest(socket, logger, EVENTS.teamsAssign, AssignTeamSchema, ({ code, playerId, team }) =>
    asHost(code, { type: "host:team-assign", playerId, team }),
  );
  onRequest(socket, logger, EVENTS.teamsPick, PickTeamSchema, async ({ code, team }) => {
    // Identity is the socket's own player, never a payload field.
    const { playerId, roomCode } = socket.data;
    if (!playerId || roomCode !== code) return err("PLAYER_NOT_FOUND");
    const result = await runtime.dispatch(code, { type: "player:team-pick", playerId, team });
    return result.ok ? ok(null) : result;
  });
}
