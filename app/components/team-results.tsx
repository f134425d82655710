"use client";

import { TEAM_COLORS, type TeamColor } from "@/lib/contract/team-constants";
import type { RoomResultsRow, TeamResultRow } from "@/lib/contract/results";
import { useI18n } from "../lib/i18n";
import { TeamDot, useTeamName } from "./team-standings";

const isColor = (c: string): c is TeamColor => (TEAM_COLORS as readonly string[]).includes(c);

/**
 * The results page's team section, read from Postgres: each team's rank, mean score and members
 * (by name, from the players' stored teams). Score = the mean of the members' points.
 */
export function TeamResults({
  teams,
  players,
}: {
  teams: TeamResultRow[];
  players: RoomResultsRow[];
}) {
  const { t, tn } = useI18n();
  const teamName = useTeamName();
  return (
    <section className="results-coding" aria-labelledby="team-results-title">
      <h2 id="team-results-title">{t("teams.standings")}</h2>
      <p className="muted">{t("teams.meanNote")}</p>
      <div className="table-scroll">
        <table className="results-table compact-table" data-testid="results-teams">
          <thead>
            <tr>
              <th scope="col">{t("rank")}</th>
              <th scope="col">{t("teams.team")}</th>
              <th scope="col">{t("teams.members")}</th>
              <th scope="col" className="num">
                {t("score")}
              </th>
            </tr>
          </thead>
          <tbody>
            {teams.map((team) => {
              const color = isColor(team.color) ? team.color : "red";
              return (
                <tr key={team.team} data-testid="results-team-row">
                  <td>{team.rank}</td>
                  <th scope="row" className={`team-color-${color}`}>
                    <TeamDot color={color} /> {teamName({ name: team.name, color })}
                  </th>
                  <td>
                    {players
                      .filter((p) => p.team === team.team)
                      .map((p) => tn(p))
                      .join(", ")}
                  </td>
                  <td className="num">{team.score}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
