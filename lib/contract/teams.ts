import { z } from "zod";
import { ROOM_CODE_PATTERN } from "./room-code";
import { TEAM_COUNT_MAX, TEAM_COUNT_MIN, TEAM_MODES, TEAM_NAME_MAX } from "./team-constants";

export * from "./team-constants";

const RoomCodeSchema = z.string().trim().toUpperCase().regex(ROOM_CODE_PATTERN);

/**
 * Team mode (README "Team mode"): its settings and the payloads of its requests. The rules live
 * in lib/game/teams.ts; this module only says what a client may send.
 */

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** A host's own team name; null (or absent) keeps the colour's name. */
export const TeamNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(TEAM_NAME_MAX)
  .refine((s) => !CONTROL.test(s), "control characters are not allowed");

export const TeamSettingsSchema = z
  .object({
    mode: z.enum(TEAM_MODES).default("off"),
    count: z.number().int().min(TEAM_COUNT_MIN).max(TEAM_COUNT_MAX).default(2),
    /** names[i] names team i; missing or null: the colour's name. */
    names: z.array(TeamNameSchema.nullable()).max(TEAM_COUNT_MAX).default([]),
  })
  .strict();
export type TeamSettings = z.infer<typeof TeamSettingsSchema>;

/** teams:configure (host, lobby only): mode, count and names. The server draws the seed. */
export const ConfigureTeamsSchema = z
  .object({ code: RoomCodeSchema, teams: TeamSettingsSchema })
  .strict();
/** teams:shuffle (host, lobby or between questions): everyone dealt at random, balanced. */
export const ShuffleTeamsSchema = z.object({ code: RoomCodeSchema }).strict();
const TeamIndexSchema = z
  .number()
  .int()
  .min(0)
  .max(TEAM_COUNT_MAX - 1);
/** teams:assign (host, lobby or between questions): one player to one team. */
export const AssignTeamSchema = z
  .object({
    code: RoomCodeSchema,
    playerId: z.string().min(1).max(64),
    team: TeamIndexSchema,
  })
  .strict();
/** teams:pick (player, "players pick" mode, lobby or between questions). */
export const PickTeamSchema = z.object({ code: RoomCodeSchema, team: TeamIndexSchema }).strict();
