"use client";

import type { LeaderboardEntry, TeamInfo, TeamStandingEntry } from "@/lib/contract/views";
import { useI18n } from "../lib/i18n";
import "../teams.css";

/** A team's name: the host's, or its colour worded in the reader's language ("Red team"). */
export function useTeamName(): (team: Pick<TeamInfo, "name" | "color">) => string {
  const { t } = useI18n();
  return (team) => team.name ?? t(`team.color.${team.color}`);
}

/** The team's colour as a dot (decorative: the name always says which team it is). */
export function TeamDot({ color }: { color: TeamInfo["color"] }) {
  return <span className={`team-dot team-color-${color}`} aria-hidden="true" />;
}

/**
 * Team standings after a question: rank, team, members and score, where score is the mean of the
 * members' points (lib/game/teams.ts). Equal means share a rank. `heading` is h2 beside a player
 * leaderboard (one h1 per page), h1 where it stands alone.
 */
export function TeamStandings({
  entries,
  myTeam,
  heading = "h2",
}: {
  entries: TeamStandingEntry[];
  myTeam?: number;
  heading?: "h1" | "h2";
}) {
  const { t } = useI18n();
  const teamName = useTeamName();
  const Heading = heading;
  return (
    <section className="team-standings" aria-labelledby="team-standings-title">
      <Heading id="team-standings-title">{t("teams.standings")}</Heading>
      <ol className="team-standings-list" data-testid="team-standings">
        {entries.map((entry) => {
          const mine = entry.team === myTeam;
          return (
            <li
              key={entry.team}
              className={`team-standings-row team-color-${entry.color}${mine ? " team-mine" : ""}`}
              data-testid="team-standings-row"
              aria-current={mine ? "true" : undefined}
            >
              <span className="team-standings-rank">{entry.rank}</span>
              <TeamDot color={entry.color} />
              <span className="team-standings-name">
                {teamName(entry)}
                {mine && <span className="badge">{t("you")}</span>}
              </span>
              <span className="team-standings-members">
                {t("teams.membersN", { n: entry.members })}
              </span>
              <span className="team-standings-score" data-testid="team-score">
                {entry.score}
              </span>
            </li>
          );
        })}
      </ol>
      <p className="team-note muted">{t("teams.meanNote")}</p>
    </section>
  );
}

/** The top three teams, laid out like the player podium (DOM order 1-2-3, shown 2-1-3). */
export function TeamPodium({ entries, myTeam }: { entries: TeamStandingEntry[]; myTeam?: number }) {
  const { t } = useI18n();
  const teamName = useTeamName();
  return (
    <section className="podium team-podium" data-testid="team-podium" aria-labelledby="tp-title">
      <h1 id="tp-title">{t("teams.podium")}</h1>
      <ol className="podium-steps">
        {entries.map((entry, i) => (
          <li
            key={entry.team}
            className={`podium-entry podium-place-${i + 1} team-color-${entry.color}${entry.team === myTeam ? " podium-me" : ""}`}
            data-testid="team-podium-entry"
          >
            <span className="podium-medal" aria-hidden="true">
              {entry.rank}
            </span>
            <span className="podium-rank sr-only">{t("placeN", { n: entry.rank })}</span>
            <span className="podium-name">{teamName(entry)}</span>
            <span className="podium-score" data-testid="team-podium-score">
              {entry.score}
            </span>
            <span className="podium-step team-step" aria-hidden="true" />
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The best three players beside the team podium (a list: the podium is the teams'). */
export function TopPlayers({ entries }: { entries: LeaderboardEntry[] }) {
  const { t, tn } = useI18n();
  return (
    <section className="card" aria-labelledby="top-players-title">
      <h2 id="top-players-title">{t("teams.topPlayers")}</h2>
      <ol className="top-players" data-testid="podium">
        {entries.map((entry) => (
          <li key={entry.playerId} data-testid="podium-entry">
            <span className="leaderboard-rank">{entry.rank}</span>
            <span className="leaderboard-name">{tn(entry)}</span>
            <span className="leaderboard-score">{entry.score}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
