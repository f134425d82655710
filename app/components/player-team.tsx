"use client";

import type { PlayerView, RoomView } from "@/lib/contract/views";
import { useI18n } from "../lib/i18n";
import { TeamDot, useTeamName } from "./team-standings";

const RANKED = new Set<RoomView["phase"]>(["reveal", "leaderboard", "podium"]);
/** Teams change only in the lobby or between questions (lib/game/teams.ts). */
const PICKING = new Set<RoomView["phase"]>(["lobby", "reveal", "leaderboard"]);

/** The player's own team (and its rank once scores are shown), for the status bar. */
export function MyTeam({ room, me }: { room: RoomView; me: PlayerView }) {
  const { t } = useI18n();
  const teamName = useTeamName();
  const team = me.team === undefined ? undefined : room.teams?.teams[me.team];
  if (!team) return null;
  return (
    <span className={`my-team team-color-${team.color}`} data-testid="my-team">
      <span className="sr-only">{t("teams.yourTeam")}: </span>
      <TeamDot color={team.color} />
      <span data-testid="my-team-name">{teamName(team)}</span>
      {RANKED.has(room.phase) && me.teamRank !== undefined && (
        <span className="player-stat" data-testid="my-team-rank">
          {t("teams.rankN", { n: me.teamRank })}
        </span>
      )}
    </span>
  );
}

/** "Players pick" mode: a button per team, in the lobby and between questions. */
export function TeamPicker({
  room,
  me,
  busy,
  onPick,
}: {
  room: RoomView;
  me: PlayerView;
  busy: boolean;
  onPick: (team: number) => void;
}) {
  const { t } = useI18n();
  const teamName = useTeamName();
  if (room.teams?.mode !== "pick" || !PICKING.has(room.phase)) return null;
  return (
    <section className="card team-pick" aria-labelledby="team-pick-title">
      <h2 id="team-pick-title">{t("teams.pick")}</h2>
      <p className="muted">{t("teams.pickHint")}</p>
      <div className="team-picker">
        {room.teams.teams.map((team) => (
          <button
            key={team.team}
            type="button"
            className={`button team-color-${team.color}`}
            data-testid="team-pick"
            aria-pressed={me.team === team.team}
            disabled={busy}
            onClick={() => onPick(team.team)}
          >
            <span className="team-pick-name">
              <TeamDot color={team.color} />
              {teamName(team)}
            </span>
            <span className="team-chip-count">{t("teams.membersN", { n: team.members })}</span>
          </button>
        ))}
      </div>
    </section>
  );
}
