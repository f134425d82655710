"use client";

import type { LeaderboardEntry } from "@/lib/contract/views";
import { useI18n } from "../lib/i18n";

/** Top 10 by score; equal scores share a rank. `meId` highlights the reader's own row. */
export function Leaderboard({
  entries,
  meId,
}: {
  entries: LeaderboardEntry[];
  meId?: string | null;
}) {
  const { t, tn } = useI18n();
  return (
    <section className="leaderboard" aria-labelledby="leaderboard-title">
      <h1 id="leaderboard-title">{t("leaderboard")}</h1>
      {entries.length === 0 ? (
        <p className="muted">{t("noScoresYet")}</p>
      ) : (
        <ol className="leaderboard-list" data-testid="leaderboard">
          {entries.map((entry) => {
            const mine = entry.playerId === meId;
            return (
              <li
                key={entry.playerId}
                className={`leaderboard-row${mine ? " leaderboard-me" : ""}`}
                data-testid="leaderboard-row"
                aria-current={mine ? "true" : undefined}
              >
                <span className="leaderboard-rank">{entry.rank}</span>
                <span className="leaderboard-name">
                  {tn(entry)}
                  {mine && <span className="badge">{t("you")}</span>}
                </span>
                {entry.streak >= 2 && (
                  <span className="leaderboard-streak" title={t("streakN", { n: entry.streak })}>
                    <span aria-hidden="true">⚡</span>
                    <span className="sr-only">{t("streakN", { n: entry.streak })}</span>
                    <span aria-hidden="true">{entry.streak}</span>
                  </span>
                )}
                <span className="leaderboard-score">{entry.score}</span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
