"use client";

import { useState, type CSSProperties, type DragEvent } from "react";
import {
  TEAM_COUNT_MAX,
  TEAM_COUNT_MIN,
  TEAM_MODES,
  TEAM_NAME_MAX,
  type TeamModeSetting,
} from "@/lib/contract/team-constants";
import type { LobbyPlayer, TeamsView } from "@/lib/contract/views";
import { useI18n } from "../lib/i18n";
import { TeamDot, useTeamName } from "./team-standings";

/** What the lobby's team controls ask the server for (the host hook sends them). */
export interface TeamActions {
  /** `names[i]` names team i; null keeps its colour's name. */
  configure: (mode: TeamModeSetting, count: number, names: (string | null)[]) => void;
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
  const [renaming, setRenaming] = useState<number | null>(null);
  const mode: TeamModeSetting = teams?.mode ?? "off";
  const count = teams?.teams.length ?? 2;
  // Sent with every change, so changing the mode or the count keeps the host's names.
  const names = teams?.teams.map((team) => team.name) ?? [];
  const rename = (team: number, raw: string) => {
    setRenaming(null);
    const name = raw.trim().slice(0, TEAM_NAME_MAX);
    const next = Array.from({ length: count }, (_, i) => names[i] ?? null);
    next[team] = name === "" ? null : name;
    if (next[team] !== (names[team] ?? null)) actions.configure(mode, count, next);
  };

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
            onChange={(e) => actions.configure(e.target.value as TeamModeSetting, count, names)}
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
                onChange={(e) => actions.configure(mode, Number(e.target.value), names)}
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
                {renaming === team.team ? (
                  <input
                    className="team-name-input"
                    data-testid="team-name-input"
                    aria-label={t("teams.renameLabel", { name: teamName(team) })}
                    defaultValue={team.name ?? ""}
                    placeholder={t(`team.color.${team.color}`)}
                    maxLength={TEAM_NAME_MAX}
                    autoFocus
                    onBlur={(e) => rename(team.team, e.target.value)}
                    onKeyDown={(e) => {
                      if (e.key === "Enter") rename(team.team, e.currentTarget.value);
                      if (e.key === "Escape") setRenaming(null);
                    }}
                  />
                ) : (
                  <>
                    {teamName(team)}
                    <button
                      type="button"
                      className="button button-ghost team-rename"
                      data-testid="team-rename"
                      aria-label={t("teams.renameLabel", { name: teamName(team) })}
                      title={t("teams.renameLabel", { name: teamName(team) })}
                      disabled={busy}
                      onClick={() => setRenaming(team.team)}
                    >
                      ✎
                    </button>
                  </>
                )}
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
    style: color ? ({ "--team": `var(--team-${color})` } as CSSProperties) : undefined,
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
