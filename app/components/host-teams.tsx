"use client";

import { useState, type DragEvent } from "react";
import {
  TEAM_COUNT_MAX,
  TEAM_COUNT_MIN,
  TEAM_MODES,
  type TeamModeSetting,
} from "@/lib/contract/team-constants";
import type { LobbyPlayer, TeamsView } from "@/lib/contract/views";
import { useI18n } from "../lib/i18n";
import { TeamDot, useTeamName } from "./team-standings";

/** What the lobby's team controls ask the server for (the host hook sends them). */
export interface TeamActions {
  configure: (mode: TeamModeSetting, count: number) => void;
  shuffle: () => void;
  assign: (playerId: string, team: number) => void;
}

const COUNTS = Array.from(
  { length: TEAM_COUNT_MAX - TEAM_COUNT_MIN + 1 },
  (_, i) => TEAM_COUNT_MIN + i,
);
const DRAG_TYPE = "application/x-kba-player";

/**
 * The lobby's team set-up: mode (off, host assigns, random, players pick), how many teams, a
 * shuffle, and the teams as drop targets for the players' pills (each pill also has a select,
 * which keyboards and phones use).
 */
export function TeamSetup({
  teams,
  busy,
  actions,
}: {
  teams: TeamsView | undefined;
  busy: boolean;
  actions: TeamActions;
}) {
  const { t } = useI18n();
  const teamName = useTeamName();
  const [over, setOver] = useState<number | null>(null);
  const mode: TeamModeSetting = teams?.mode ?? "off";
  const count = teams?.teams.length ?? 2;

  const onDrop = (team: number) => (event: DragEvent) => {
    event.preventDefault();
    setOver(null);
    const playerId = event.dataTransfer.getData(DRAG_TYPE);
    if (playerId) actions.assign(playerId, team);
  };

  return (
    <div className="team-setup-block" data-testid="team-setup">
      <div className="team-setup">
        <label>
          {t("teams.mode")}
          <select
            data-testid="team-mode"
            value={mode}
            disabled={busy}
            onChange={(e) => actions.configure(e.target.value as TeamModeSetting, count)}
          >
            {TEAM_MODES.map((m) => (
              <option key={m} value={m}>
                {t(`teams.mode.${m}`)}
              </option>
            ))}
          </select>
        </label>
        {teams && (
          <>
            <label>
              {t("teams.count")}
              <select
                data-testid="team-count"
                value={count}
                disabled={busy}
                onChange={(e) => actions.configure(mode, Number(e.target.value))}
              >
                {COUNTS.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="button"
              data-testid="team-shuffle"
              disabled={busy}
              onClick={actions.shuffle}
            >
              {t("teams.shuffle")}
            </button>
          </>
        )}
      </div>
      {teams && (
        <>
          <ul className="team-chips" aria-label={t("teams.title")}>
            {teams.teams.map((team) => (
              <li
                key={team.team}
                className={`team-chip team-color-${team.color}${over === team.team ? " team-chip-over" : ""}`}
                data-testid="team-chip"
                onDragOver={(e) => {
                  e.preventDefault();
                  setOver(team.team);
                }}
                onDragLeave={() => setOver(null)}
                onDrop={onDrop(team.team)}
              >
                <TeamDot color={team.color} />
                {teamName(team)}
                <span className="team-chip-count">{t("teams.membersN", { n: team.members })}</span>
              </li>
            ))}
          </ul>
          <p className="muted team-note">{t("teams.dragHint")}</p>
        </>
      )}
    </div>
  );
}

/** Pill attributes for a player in team mode: draggable onto a team chip, coloured by team. */
export function teamPillProps(teams: TeamsView | undefined, player: LobbyPlayer) {
  if (!teams || player.team === undefined) return {};
  const color = teams.teams[player.team]?.color;
  return {
    "data-team": player.team,
    draggable: true,
    onDragStart: (event: DragEvent) => event.dataTransfer.setData(DRAG_TYPE, player.playerId),
    style: color ? ({ "--team": `var(--team-${color})` } as React.CSSProperties) : undefined,
  };
}

/** The select in a player's pill: which team they are on. */
export function PlayerTeamSelect({
  teams,
  player,
  onAssign,
}: {
  teams: TeamsView | undefined;
  player: LobbyPlayer;
  onAssign: (playerId: string, team: number) => void;
}) {
  const { t, tn } = useI18n();
  const teamName = useTeamName();
  if (!teams || player.team === undefined) return null;
  return (
    <select
      className="team-select"
      data-testid="player-team-select"
      aria-label={t("teams.assignLabel", { name: tn(player) })}
      value={player.team}
      onChange={(e) => onAssign(player.playerId, Number(e.target.value))}
    >
      {teams.teams.map((team) => (
        <option key={team.team} value={team.team}>
          {teamName(team)}
        </option>
      ))}
    </select>
  );
}
