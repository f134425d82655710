import type { ErrorCode } from "../contract/errors";
import { TEAM_COLORS } from "../contract/team-constants";
import type { TeamSettings } from "../contract/teams";
import { keyedSet, keyedUpdateAll } from "./keyed-map";
import { findPlayer, inJoinOrder } from "./room-state";
import type {
  Effect,
  EngineEvent,
  FinalTeamResult,
  PlayerState,
  RoomState,
  StepResult,
  TeamState,
  TeamsState,
} from "./types";

/**
 * Team mode (README "Team mode"). The rules, in one place:
 * - Every player has a team while team mode is on. A player who joins (in the lobby or late) goes
 *   to the team with the fewest members; among equally small teams, the lowest index (the first
 *   one the host lists). The host may then move them, or they pick one themselves ("pick" mode).
 * - Team score = the mean of its current members' scores, shown and ranked to one decimal. A
 *   player's points go with them when they change team. A disconnected player stays a member
 *   (they may come back, and their points were earned for the team); a kicked player leaves the
 *   team with their points, as they leave the leaderboard. A team with no members has no mean:
 *   it is left out of the standings and the podium.
 * - Ties share a rank as in the player leaderboard (1, 1, 3); within a tie the lower index first.
 * - Teams change only in the lobby or between questions (reveal, leaderboard): mid-question a
 *   change is refused (TEAM_CHANGE_MID_QUESTION) and changes nothing. Mode, count and names
 *   change in the lobby only.
 * - Randomness comes in as a seed (the server draws it), so a shuffle is reproducible in tests.
 * Cost: a join, a kick or a move touches one or two teams (O(teams), teams <= 8); answers touch no
 * team (scores move at the reveal, where transitions.ts adds each team's gain in its one pass).
 */

type EventOf<T extends EngineEvent["type"]> = Extract<EngineEvent, { type: T }>;

const refuse = (error: ErrorCode): StepResult => ({ ok: false, error });
const LOBBY: Effect = { type: "lobby" };

export function newTeams(settings: TeamSettings | undefined): TeamsState | undefined {
  if (!settings || settings.mode === "off") return undefined;
  const teams: TeamState[] = Array.from({ length: settings.count }, (_, id) => ({
    id,
    color: TEAM_COLORS[id] ?? "red",
    name: settings.names[id] ?? null,
    members: 0,
    scoreSum: 0,
  }));
  return { mode: settings.mode, teams };
}

/** The team a newcomer joins: the fewest members, ties to the lowest index. O(teams). */
export function smallestTeam(teams: TeamsState): number {
  let best = 0;
  teams.teams.forEach((team, i) => {
    if (team.members < (teams.teams[best]?.members ?? Infinity)) best = i;
  });
  return best;
}

/** `teams` with `player` counted in team `to` (and out of their old team, if any). O(teams). */
export function withMember(
  teams: TeamsState,
  player: PlayerState,
  to: number | undefined,
): TeamsState {
  return {
    ...teams,
    teams: teams.teams.map((team) => {
      const leaving = team.id === player.team ? 1 : 0;
      const entering = team.id === to ? 1 : 0;
      if (leaving === entering) return team;
      const sign = entering - leaving;
      return {
        ...team,
        members: team.members + sign,
        scoreSum: team.scoreSum + sign * player.score,
      };
    }),
  };
}

/** Mean of the members' scores to one decimal; null for an empty team. */
export function teamScore(team: Pick<TeamState, "members" | "scoreSum">): number | null {
  return team.members === 0 ? null : Math.round((team.scoreSum * 10) / team.members) / 10;
}

export interface TeamStanding {
  team: TeamState;
  score: number;
  rank: number;
}

/** Non-empty teams, best mean first; equal means share a rank (1, 1, 3), lower index first. */
export function rankTeams(teams: TeamsState): TeamStanding[] {
  const scored = teams.teams.flatMap((team) => {
    const score = teamScore(team);
    return score === null ? [] : [{ team, score }];
  });
  scored.sort((a, b) => b.score - a.score || a.team.id - b.team.id);
  const ranked: TeamStanding[] = [];
  scored.forEach((entry, i) => {
    const previous = ranked[i - 1];
    const rank = previous !== undefined && previous.score === entry.score ? previous.rank : i + 1;
    ranked.push({ ...entry, rank });
  });
  return ranked;
}

export function finalTeamResults(state: RoomState): FinalTeamResult[] {
  if (!state.teams) return [];
  return rankTeams(state.teams).map(({ team, score, rank }) => ({
    team: team.id,
    color: team.color,
    name: team.name,
    members: team.members,
    score,
    rank,
  }));
}

/** Why no team may change now, or null: only in the lobby or between questions. */
function changeRefusal(state: RoomState): ErrorCode | null {
  switch (state.phase) {
    case "lobby":
    case "reveal":
    case "leaderboard":
      return null;
    case "question":
      return "TEAM_CHANGE_MID_QUESTION";
    case "podium":
      return "GAME_OVER";
  }
}

/** host:teams: team mode on or off, the number of teams and their names (lobby only). */
export function configureTeams(state: RoomState, event: EventOf<"host:teams">): StepResult {
  if (state.phase !== "lobby") {
    return refuse(state.phase === "podium" ? "GAME_OVER" : "GAME_ALREADY_STARTED");
  }
  const { settings } = event;
  const next = newTeams(settings);
  const previous = state.teams;
  // Same number of teams: everyone keeps their team (a rename, a mode change), except when the
  // host switches to "random", which deals afresh; a new count deals everyone again.
  const keepPlaces =
    next !== undefined &&
    previous !== undefined &&
    previous.teams.length === next.teams.length &&
    !(settings.mode === "random" && previous.mode !== "random");
  // O(players), but only on a host's click in the lobby.
  const players = inJoinOrder(state);
  let assignment: Map<string, number | undefined>;
  if (!next) assignment = new Map(players.map((p) => [p.id, undefined]));
  else if (keepPlaces) assignment = new Map(players.map((p) => [p.id, p.team]));
  else if (settings.mode === "random") assignment = dealRandomly(players, next, event.seed);
  else assignment = deal(players, next.teams.length);
  return accept(
    regrouped({ ...state, settings: { ...state.settings, teams: settings } }, next, assignment),
    "all",
  );
}

/** host:teams-shuffle: everyone dealt again at random, balanced (sizes differ by at most one). */
export function shuffleTeams(state: RoomState, event: EventOf<"host:teams-shuffle">): StepResult {
  const refusal = changeRefusal(state);
  if (refusal) return refuse(refusal);
  if (!state.teams) return refuse("TEAMS_OFF");
  const assignment = dealRandomly(inJoinOrder(state), state.teams, event.seed);
  return accept(regrouped(state, state.teams, assignment), "all");
}

/** host:team-assign and player:team-pick: one player to one team. O(teams). */
export function moveToTeam(
  state: RoomState,
  event: EventOf<"host:team-assign"> | EventOf<"player:team-pick">,
): StepResult {
  const player = findPlayer(state, event.playerId);
  if (!player) return refuse(state.kicked.includes(event.playerId) ? "KICKED" : "PLAYER_NOT_FOUND");
  const refusal = changeRefusal(state);
  if (refusal) return refuse(refusal);
  const teams = state.teams;
  if (!teams) return refuse("TEAMS_OFF");
  if (event.type === "player:team-pick" && teams.mode !== "pick") return refuse("TEAM_PICK_OFF");
  if (!Number.isInteger(event.team) || event.team < 0 || event.team >= teams.teams.length) {
    return refuse("TEAM_NOT_FOUND");
  }
  if (player.team === event.team) return { ok: true, state, effects: [] };
  const moved: RoomState = {
    ...state,
    teams: withMember(teams, player, event.team),
    players: keyedSet(state.players, player.id, { ...player, team: event.team }),
  };
  return accept(moved, [player.id]);
}

/** Adds a team's score changes from the reveal's one pass over the players (transitions.ts). */
export function withTeamGains(teams: TeamsState, gains: readonly number[]): TeamsState {
  return {
    ...teams,
    teams: teams.teams.map((team) =>
      gains[team.id] ? { ...team, scoreSum: team.scoreSum + (gains[team.id] ?? 0) } : team,
    ),
  };
}

function accept(state: RoomState, ownViews: "all" | string[]): StepResult {
  // Everyone's view shows the teams (the lobby's list, team sizes, standings between questions).
  return { ok: true, state, effects: [LOBBY, { type: "publish", ownViews }] };
}

/** Players dealt in join order round the teams: 0, 1, ..., n-1, 0, ... */
function deal(players: readonly PlayerState[], count: number): Map<string, number> {
  return new Map(players.map((p, i) => [p.id, i % count]));
}

function dealRandomly(
  players: readonly PlayerState[],
  teams: TeamsState,
  seed: number,
): Map<string, number> {
  const random = mulberry32(seed);
  const order = [...players];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as PlayerState, order[i] as PlayerState];
  }
  // Which team gets the extra member when they do not divide evenly is random too.
  const offset = Math.floor(random() * teams.teams.length);
  return new Map(order.map((p, i) => [p.id, (i + offset) % teams.teams.length]));
}

/** Every player given their team from `assignment`, and the teams' counts and sums rebuilt. */
function regrouped(
  state: RoomState,
  teams: TeamsState | undefined,
  assignment: ReadonlyMap<string, number | undefined>,
): RoomState {
  const counted = teams?.teams.map((team) => ({ ...team, members: 0, scoreSum: 0 })) ?? [];
  const players = keyedUpdateAll(state.players, (p): PlayerState => {
    const team = assignment.get(p.id);
    const { team: _old, ...rest } = p;
    const entry = team === undefined ? undefined : counted[team];
    if (!entry) return rest;
    entry.members += 1;
    entry.scoreSum += p.score;
    return { ...rest, team };
  });
  const { teams: _old, ...rest } = state;
  return teams ? { ...rest, players, teams: { ...teams, teams: counted } } : { ...rest, players };
}

/** A small seeded generator (Mulberry32): the same seed deals the same teams on every server. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
