/**
 * Team mode's constants, without zod, so the lobby and the phone can use them without shipping a
 * validator (lib/contract/teams.ts builds the schemas from them).
 */

/**
 * Teams are told apart by colour. A team the host did not name is called by its colour, which
 * each client words in its own language ("Red team" / "红队"), so no language is baked in.
 */
export const TEAM_COLORS = [
  "red",
  "blue",
  "green",
  "yellow",
  "purple",
  "orange",
  "teal",
  "pink",
] as const;
export type TeamColor = (typeof TEAM_COLORS)[number];

export const TEAM_COUNT_MIN = 2;
/** One colour per team: beyond eight, colours stop telling teams apart on a projector. */
export const TEAM_COUNT_MAX = TEAM_COLORS.length;
export const TEAM_NAME_MAX = 24;

/** off: no teams; host: the host assigns by hand; random: the host shuffles; pick: players choose. */
export const TEAM_MODES = ["off", "host", "random", "pick"] as const;
export type TeamModeSetting = (typeof TEAM_MODES)[number];
